"""Lay out a cluster's provenance as a small graph the HTML template draws as SVG.

Credited sources sit on the top row and renderings on the row below, older renderings of
the stemma to the left. Credit edges are straight lines from a rendering up to the source
it credits; stemma edges are arcs under the renderings row, from the rendering that gave
rise to another to that one, so no edge crosses a box. The layout is plain numbers: the
template escapes every label and the drawing needs no library or script.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from quotediff.render._view import ClusterView

NODE_WIDTH = 190
NODE_HEIGHT = 46
GAP_X = 36
GAP_Y = 74
MARGIN = 16
LABEL_CHARS = 26
UNDIRECTED_RELATIONS = {"undecided", "independent"}  # drawn without an arrowhead


@dataclass(frozen=True, slots=True)
class Node:
    id: str
    kind: str  # "source" or "rendering"
    label: str
    detail: str
    x: int
    y: int


@dataclass(frozen=True, slots=True)
class Edge:
    kind: str  # "credit" or "stemma"
    source: str
    target: str
    label: str
    description: str
    path: str  # SVG path data
    label_x: float
    label_y: float
    directed: bool = True  # False when the stemma could not tell which rendering came first


@dataclass(frozen=True, slots=True)
class Graph:
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    width: int = 0
    height: int = 0
    node_width: int = NODE_WIDTH
    node_height: int = NODE_HEIGHT


def provenance_graph(view: ClusterView) -> Graph:
    """Renderings, the sources they credit and the stemma between them; empty when nothing is known."""
    provenance = view.cluster.provenance
    rendering_labels = {v.id: ", ".join(v.outlets) for v in view.variants}
    stemma = list(provenance.stemma) if provenance else []
    credit_pairs = _credit_pairs(view)
    if not stemma and not credit_pairs:
        return Graph()

    rendering_ids = list(rendering_labels)
    for stem in stemma:  # a stemma may name renderings the view did not group the same way
        for rid in (stem.source, stem.target):
            if rid not in rendering_labels:
                rendering_ids.append(rid)
                rendering_labels[rid] = ""
    depth = _depths(rendering_ids, [(e.source, e.target) for e in stemma])
    rendering_ids.sort(key=lambda rid: depth[rid])  # stable: ties keep the view's order
    sources = list(dict.fromkeys(source for _, source in credit_pairs))

    rows = [
        [(f"source:{s}", "source", s, "credited source") for s in sources],
        [(f"rendering:{rid}", "rendering", rid, rendering_labels[rid]) for rid in rendering_ids],
    ]
    rows = [row for row in rows if row]
    widest = max(len(row) for row in rows)
    width = 2 * MARGIN + widest * NODE_WIDTH + (widest - 1) * GAP_X
    nodes: dict[str, Node] = {}
    for row_index, row in enumerate(rows):
        row_width = len(row) * NODE_WIDTH + (len(row) - 1) * GAP_X
        left = (width - row_width) // 2
        for column, (node_id, kind, label, detail) in enumerate(row):
            nodes[node_id] = Node(
                id=node_id,
                kind=kind,
                label=_shorten(label),
                detail=_shorten(detail),
                x=left + column * (NODE_WIDTH + GAP_X),
                y=MARGIN + row_index * (NODE_HEIGHT + GAP_Y),
            )
    bottom = MARGIN + len(rows) * NODE_HEIGHT + (len(rows) - 1) * GAP_Y

    edges = [
        _credit_edge(nodes[f"rendering:{rid}"], nodes[f"source:{source}"], f"{rid} credits {source}")
        for rid, source in credit_pairs
    ]
    deepest_arc = 0.0
    for stem in stemma:
        evidence = "; ".join(stem.evidence)
        description = f"{stem.source} → {stem.target}: {stem.relation} (confidence {stem.confidence:.2f})"
        edge, depth_below = _stemma_edge(
            nodes[f"rendering:{stem.source}"],
            nodes[f"rendering:{stem.target}"],
            f"{stem.relation} {stem.confidence:.2f}",
            description + (f": {evidence}" if evidence else ""),
            directed=stem.relation not in UNDIRECTED_RELATIONS,
        )
        edges.append(edge)
        deepest_arc = max(deepest_arc, depth_below)
    height = int(bottom + deepest_arc + MARGIN)
    return Graph(nodes=list(nodes.values()), edges=edges, width=width, height=height)


def _credit_pairs(view: ClusterView) -> list[tuple[str, str]]:
    """(rendering id, credited source) pairs: from provenance credits, else from the quotes themselves."""
    provenance = view.cluster.provenance
    by_quote = {m.member.quote: v.id for v in view.variants for m in v.members}
    by_outlet = {o: v.id for v in view.variants for o in v.outlets}
    pairs: list[tuple[str, str]] = []
    if provenance and provenance.credits:
        for credit in provenance.credits:
            rid = by_quote.get(credit.quote) or by_outlet.get(credit.outlet)
            if rid and credit.source:
                pairs.append((rid, credit.source))
    else:
        pairs = [(v.id, source) for v in view.variants for source in v.credited_sources]
    return list(dict.fromkeys(pairs))


def _depths(nodes: list[str], edges: list[tuple[str, str]]) -> dict[str, int]:
    """Longest-path depth from the stemma's roots; a cycle (undecided direction) does not deepen."""
    depth = dict.fromkeys(nodes, 0)
    for _ in range(len(nodes)):
        changed = False
        for source, target in edges:
            if depth[target] < depth[source] + 1 <= len(nodes) - 1:
                depth[target] = depth[source] + 1
                changed = True
        if not changed:
            break
    return depth


def _credit_edge(rendering: Node, source: Node, description: str) -> Edge:
    """A straight line from the top of a rendering to the bottom of the source it credits."""
    x1, y1 = rendering.x + NODE_WIDTH / 2, rendering.y
    x2, y2 = source.x + NODE_WIDTH / 2, source.y + NODE_HEIGHT
    return Edge(
        "credit",
        rendering.id,
        source.id,
        "credits",
        description,
        f"M {x1:g} {y1:g} L {x2:g} {y2:g}",
        (x1 + x2) / 2 + 6,
        (y1 + y2) / 2,
    )


def _stemma_edge(start: Node, end: Node, label: str, description: str, *, directed: bool) -> tuple[Edge, float]:
    """An arc under the renderings row, deeper the further apart its ends are; and how deep it goes."""
    x1, x2 = start.x + NODE_WIDTH * 0.6, end.x + NODE_WIDTH * 0.4
    y = start.y + NODE_HEIGHT
    sag = 36 + 0.25 * abs(x2 - x1)
    control_y = y + 2 * sag  # a quadratic curve reaches half its control point's offset
    path = f"M {x1:g} {y:g} Q {(x1 + x2) / 2:g} {control_y:g} {x2:g} {y:g}"
    return Edge("stemma", start.id, end.id, label, description, path, (x1 + x2) / 2, y + sag + 14, directed), sag + 20


def _shorten(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"
