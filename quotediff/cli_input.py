"""The Input flags that every command reading articles takes (compare, extract, check, index add)."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from quotediff.errors import InputError
from quotediff.ingest import DEFAULT_MAX_BYTES, IngestOptions

MaxBytesOption = Annotated[
    Optional[int], typer.Option("--max-bytes", help=f"Skip input files larger than this many bytes; in JSONL, each record (default {DEFAULT_MAX_BYTES:,}).", rich_help_panel="Input")
]
FieldOption = Annotated[
    Optional[list[str]],
    typer.Option("--field", help="Map a JSON field to ours, e.g. --field body=text --field source.name=outlet. Repeatable.", rich_help_panel="Input"),
]
EncodingOption = Annotated[Optional[str], typer.Option("--encoding", help="Decode every input with this codec instead of detecting it (e.g. cp1251, euc-kr).", rich_help_panel="Input")]
NoInferOption = Annotated[bool, typer.Option("--no-infer", help="Do not infer outlet, date, title or URL from the text itself.", rich_help_panel="Input")]
KeepDuplicatesOption = Annotated[bool, typer.Option("--keep-duplicates", help="Keep articles whose text repeats another input's.", rich_help_panel="Input")]


def ingest_options(max_bytes: int | None, fields: list[str] | None, encoding: str | None, no_infer: bool, keep_duplicates: bool) -> IngestOptions:
    """The ingest options the Input flags ask for."""
    field_map = {}
    for mapping in fields or []:
        source, equals, ours = mapping.partition("=")
        if not equals or not source or not ours:
            raise InputError(f"--field takes SOURCE=OURS (e.g. body=text), not {mapping!r}")
        field_map[source] = ours
    return IngestOptions(
        max_bytes=max_bytes if max_bytes is not None else DEFAULT_MAX_BYTES,
        field_map=field_map,
        encoding=encoding,
        infer_metadata=not no_infer,
        deduplicate=not keep_duplicates,
    )
