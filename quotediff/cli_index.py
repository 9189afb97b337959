"""``quotediff index``: build and inspect a corpus store (add, stats, list, schema)."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from quotediff.cli_input import EncodingOption, FieldOption, MaxBytesOption, NoInferOption, ingest_options
from quotediff.embed import get_embedder
from quotediff.errors import InputError, QuotediffError
from quotediff.settings import MODEL_ENV, Settings
from quotediff.store import SCHEMA_DOC, IndexSummary, Store, StoreStats, add_paths
from quotediff.store.indexer import DEFAULT_BATCH

EXIT_USAGE = 2

index_app = typer.Typer(
    name="index",
    help=(
        "Keep articles, their quotes and embeddings in a corpus store (one SQLite file), "
        "so that compare and check (--db) never extract or embed the same article twice.\n\n"
        "Start with:  quotediff index add seeds/ --db corpus.db"
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)

DbOption = Annotated[str, typer.Option("--db", help="The store: an SQLite file.")]
_stderr = Console(stderr=True)


def _fail(error: QuotediffError) -> typer.Exit:
    _stderr.print(f"[bold red]error:[/] {escape(str(error))}", highlight=False)
    return typer.Exit(EXIT_USAGE)


@index_app.command()
def add(
    paths: Annotated[list[str], typer.Argument(help="Article files or folders (searched recursively); '-' reads standard input.", show_default=False)],
    db: DbOption = "corpus.db",
    model: Annotated[str | None, typer.Option("--model", "-m", help=f"Embedding model (default: all-MiniLM-L6-v2, or ${MODEL_ENV}).")] = None,
    batch: Annotated[int, typer.Option("--batch", min=1, help="Articles per transaction.")] = DEFAULT_BATCH,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress or summary on standard error.")] = False,
    max_bytes: MaxBytesOption = None,
    field: FieldOption = None,
    encoding: EncodingOption = None,
    no_infer: NoInferOption = False,
) -> None:
    """Add articles to the store: extract their quotes and embed them, only what is new.

    Input is read a partition at a time and each is written before the next is read, so a
    large archive (folders of files, JSONL read record by record) never sits in memory whole.

    An article whose text is already stored is skipped. A run stopped midway (Ctrl-C, kill)
    leaves the store consistent; run the same command again to complete it.

    Examples:

      quotediff index add seeds/ --db corpus.db

      quotediff index add feeds/*.jsonl --db corpus.db --model all-MiniLM-L6-v2

      quotediff index add archive.jsonl --db corpus.db --field body=text --field source.name=outlet

    Exit status: 0 done, 2 usage or input error, 3 done but some inputs were skipped.
    """
    settings = Settings(model=model) if model else Settings()
    embedder = get_embedder(settings.model, settings.batch_size)
    try:
        options = ingest_options(max_bytes, field, encoding, no_infer, keep_duplicates=False)
        with Store(db, create=True) as store:
            progress = None if quiet else _AddProgress()
            summary = add_paths(store, paths, embedder=embedder, batch_size=batch, ingest_options=options, on_progress=progress)
    except QuotediffError as error:
        raise _fail(error) from None
    if not quiet:
        _stderr.print(_summary_line(summary, db), highlight=False, markup=False, soft_wrap=True)
        for item in summary.skipped:
            _stderr.print(f"  skipped {item.path}: {item.reason}", highlight=False, markup=False)
    raise typer.Exit(3 if summary.skipped else 0)


@index_app.command()
def stats(
    db: DbOption = "corpus.db",
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
) -> None:
    """What the store holds: articles, quotes by kind, units, embeddings by model, dates.

    Example:

      quotediff index stats --db corpus.db
    """
    try:
        _check_format(fmt)
        with Store(db) as store:
            figures = store.stats()
    except QuotediffError as error:
        raise _fail(error) from None
    if fmt == "json":
        sys.stdout.write(json.dumps(_stats_data(figures), indent=2) + "\n")
        return
    for name, value in _stats_data(figures).items():
        shown = ", ".join(f"{k} {v}" for k, v in value.items()) if isinstance(value, dict) else value
        sys.stdout.write(f"{name.replace('_', ' ')}: {shown if shown not in (None, '') else '-'}\n")


@index_app.command("list")
def list_articles(
    db: DbOption = "corpus.db",
    limit: Annotated[int | None, typer.Option("--limit", "-n", help="Show at most this many articles.")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
) -> None:
    """The stored articles, oldest first: id, date, outlet, quotes, title.

    Example:

      quotediff index list --db corpus.db -n 20
    """
    try:
        _check_format(fmt)
        with Store(db) as store:
            rows = store.list_articles(limit=limit)
    except QuotediffError as error:
        raise _fail(error) from None
    if fmt == "json":
        sys.stdout.write(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=2) + "\n")
        return
    table = Table("id", "date", "outlet", "quotes", "title", box=None, pad_edge=False)
    for row in rows:
        table.add_row(row.id, row.date or "-", row.outlet or "-", str(row.quotes), row.title or "-")
    Console(soft_wrap=False, width=None if sys.stdout.isatty() else 200).print(table, highlight=False, markup=False)


@index_app.command()
def schema() -> None:
    """Print the documentation of the store's tables (Markdown), for SQL users."""
    sys.stdout.write(SCHEMA_DOC)


def _check_format(fmt: str) -> None:
    if fmt not in ("text", "json"):
        raise InputError(f"unknown format {fmt!r}; choose text or json")


class _AddProgress:
    """One status line for ``index add``: files read of files found, and articles added so far."""

    def __init__(self) -> None:
        self.files = (0, 0)
        self.added = 0

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage == "reading":
            self.files = (done, total)
        elif stage == "added":
            self.added = done
        if _stderr.is_terminal:
            line = f"reading: {self.files[0]}/{self.files[1]} files, {self.added:,} articles added"
            _stderr.print(line, end="\r", highlight=False)


def _summary_line(summary: IndexSummary, db: str) -> str:
    line = (
        f"{db}: added {summary.added} article(s) ({summary.quotes} quotes, {summary.unquoted} unquoted sentences, "
        f"{summary.units} units embedded), {summary.already_stored} already stored, in {summary.seconds:.1f} s"
    )
    if summary.vectors_filled:
        line += f"; {summary.vectors_filled} stored units embedded with this model"
    for ingested_id, stored_id in summary.renamed:
        line += f"\n  {ingested_id} is stored as {stored_id} (another article has that id)"
    return line


def _stats_data(figures: StoreStats) -> dict[str, object]:
    return {
        "store": figures.path,
        "schema_version": figures.schema_version,
        "articles": figures.articles,
        "outlets": figures.outlets,
        "dates": f"{figures.first_date} .. {figures.last_date}" if figures.first_date else None,
        "quotes": figures.quotes,
        "units": figures.units,
        "embeddings": figures.embeddings,
        "size_bytes": figures.size_bytes,
    }


