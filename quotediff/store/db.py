"""``Store``: reads and writes of the corpus store; every SQL statement lives here.

Writes go in transactions of whole articles (an article with its quotes, units and
vectors, or nothing), so an interrupted run leaves a consistent store and the next run
picks up where it stopped.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self

import numpy as np

from quotediff.errors import InputError
from quotediff.model import Article, EditorialMark, Member, Quote
from quotediff.store.schema import SCHEMA_VERSION, create_schema

# Many processes may read while one writes; a writer waits this long for another's lock.
_BUSY_TIMEOUT_MS = 30_000


def _switch_to_wal(db: sqlite3.Connection) -> None:
    """Put the store in WAL mode, waiting out another process that is doing the same.

    Two processes that open a new store at once race to switch its journal mode, and SQLite
    answers the loser "database is locked" at once, without the busy timeout, so it retries.
    """
    deadline = time.monotonic() + _BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            db.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


_ARTICLE_COLUMNS = ("id", "text", "path", "outlet", "title", "url", "date", "author", "language", "metadata_source")
_QUOTE_COLUMNS = (
    "id", "article", "text", "start_char", "end_char", "kind", "speaker", "speaker_key", "cue",
    "credited_source", "credit_chain", "continues", "marks", "language",
)  # fmt: skip


class StoreError(InputError):
    """The store cannot be used: missing, not a quotediff store, or a newer schema."""


def content_hash(text: str) -> str:
    """What tells articles apart in a store: the SHA-256 of their text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(slots=True)
class StoredArticle:
    """An article ready to be written: the article, its quotes (unquoted reports included), its units and their vectors."""

    article: Article
    quotes: list[Quote]
    units: list[Member]
    vectors: np.ndarray  # one L2-normalised row per unit


@dataclass(slots=True)
class StoreStats:
    path: str
    schema_version: int
    articles: int
    quotes: dict[str, int]  # by kind
    units: int
    embeddings: dict[str, int]  # by model
    outlets: int
    first_date: str | None
    last_date: str | None
    size_bytes: int


@dataclass(slots=True)
class ArticleRow:
    """One line of ``index list``."""

    id: str
    outlet: str | None
    date: str | None
    title: str | None
    quotes: int
    path: str | None


class Store:
    """A corpus store in one SQLite file. Use as a context manager, or call ``close``."""

    def __init__(self, path: str | Path, *, create: bool = False) -> None:
        self.path = str(path)
        if not create and not Path(self.path).is_file():
            raise StoreError(f"no store at {self.path}: create one with `quotediff index add PATH... --db {self.path}`")
        try:
            self._db = sqlite3.connect(self.path, timeout=_BUSY_TIMEOUT_MS / 1000)
            self._db.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
            _switch_to_wal(self._db)
            self._db.execute("PRAGMA foreign_keys = ON")
            if create:
                create_schema(self._db)
            self._check_schema()
        except sqlite3.DatabaseError as error:
            raise StoreError(f"{self.path} is not a usable quotediff store ({error})") from None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    def _check_schema(self) -> None:
        try:
            row = self._db.execute("SELECT value FROM store_info WHERE key = 'schema_version'").fetchone()
        except sqlite3.OperationalError:
            row = None
        if row is None:
            raise StoreError(f"{self.path} is an SQLite file but not a quotediff store")
        if int(row[0]) > SCHEMA_VERSION:
            raise StoreError(f"{self.path} has schema version {row[0]}; this quotediff reads up to {SCHEMA_VERSION}: upgrade quotediff")

    # -- writes ---------------------------------------------------------------------------

    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        """Which of these content hashes the store already holds."""
        return self._existing("content_hash", hashes)

    def taken_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of these article ids the store already holds."""
        return self._existing("id", ids)

    def _existing(self, column: str, values: Iterable[str]) -> set[str]:
        """The ``values`` found in ``articles.<column>``, asked 500 at a time (SQLite's variable limit)."""
        wanted = list(values)
        found: set[str] = set()
        for begin in range(0, len(wanted), 500):
            chunk = wanted[begin : begin + 500]
            marks = ",".join("?" * len(chunk))
            found.update(v for (v,) in self._db.execute(f"SELECT {column} FROM articles WHERE {column} IN ({marks})", chunk))
        return found

    def add_articles(self, batch: Sequence[StoredArticle], *, model: str) -> list[StoredArticle]:
        """Write a batch of articles with everything derived from them, in one transaction.

        Returns those written: an article whose text another process stored meanwhile is left out.
        """
        now = datetime.now(UTC).isoformat(timespec="seconds")
        written = []
        with self._write_transaction():
            for item in batch:
                a = item.article
                digest = content_hash(a.text)
                if self._db.execute("SELECT 1 FROM articles WHERE content_hash = ?", (digest,)).fetchone():
                    continue
                written.append(item)
                self._db.execute(
                    "INSERT INTO articles(id, content_hash, outlet, date, title, author, url, language, path, metadata_source, text, added_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (a.id, digest, a.outlet, a.date, a.title, a.author, a.url, a.language, a.path,
                     json.dumps(a.metadata_source, ensure_ascii=False), a.text, now),
                )  # fmt: skip
                self._db.executemany(
                    "INSERT INTO quotes(id, article, position, kind, text, start_char, end_char, speaker, speaker_key, cue,"
                    " credited_source, credit_chain, continues, marks, language) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [_quote_row(position, q) for position, q in enumerate(item.quotes)],
                )
                self._db.executemany(
                    "INSERT INTO units(id, quote, article, text, start_char, end_char) VALUES (?, ?, ?, ?, ?, ?)",
                    [(u.id, u.quote, u.article, u.text, u.start, u.end) for u in item.units],
                )
                self._write_vectors([u.id for u in item.units], item.vectors, model=model)
        return written

    def add_vectors(self, unit_ids: Sequence[str], vectors: np.ndarray, *, model: str) -> None:
        """Store vectors of one more model for units already stored."""
        with self._write_transaction():
            self._write_vectors(unit_ids, vectors, model=model)

    @contextmanager
    def _write_transaction(self) -> Iterator[None]:
        """One transaction that holds the write lock from its first statement, so what it reads stays true."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except sqlite3.IntegrityError as error:  # another process stored an article under one of these ids
            self._db.rollback()
            raise StoreError(f"{self.path} changed while this run wrote to it ({error}); run the command again") from None
        except BaseException:
            self._db.rollback()
            raise
        self._db.commit()

    def _write_vectors(self, unit_ids: Sequence[str], vectors: np.ndarray, *, model: str) -> None:
        rows = np.ascontiguousarray(vectors, dtype="<f4")
        self._db.executemany(
            "INSERT OR REPLACE INTO embeddings(unit, model, dim, vector) VALUES (?, ?, ?, ?)",
            [(unit, model, rows.shape[1], rows[i].tobytes()) for i, unit in enumerate(unit_ids)],
        )

    # -- reads ----------------------------------------------------------------------------

    def units_without_vectors(self, model: str) -> list[tuple[str, str]]:
        """(unit id, text) of the units that have no vector of ``model`` yet."""
        return self._db.execute(
            "SELECT u.id, u.text FROM units u WHERE NOT EXISTS"
            " (SELECT 1 FROM embeddings e WHERE e.model = ? AND e.unit = u.id) ORDER BY u.id",
            (model,),
        ).fetchall()

    def unit_vectors(self, model: str) -> tuple[list[Member], np.ndarray]:
        """Every unit with a vector of ``model``, and those vectors as one matrix (row i = unit i)."""
        rows = self._db.execute(
            "SELECT u.id, u.quote, u.article, u.text, u.start_char, u.end_char, e.dim, e.vector"
            " FROM embeddings e JOIN units u ON u.id = e.unit WHERE e.model = ?",
            (model,),
        ).fetchall()
        if not rows:
            return [], np.zeros((0, 0), dtype=np.float32)
        members = [Member(id=r[0], quote=r[1], article=r[2], text=r[3], start=r[4], end=r[5]) for r in rows]
        matrix = np.frombuffer(b"".join(r[7] for r in rows), dtype="<f4").reshape(len(rows), rows[0][6])
        return members, matrix.astype(np.float32, copy=False)

    def quotes(self, ids: Iterable[str] | None = None, *, kinds: Sequence[str] | None = None) -> list[Quote]:
        """Quotes by id (in no particular order), or all quotes of the given kinds in article order."""
        columns = ", ".join(_QUOTE_COLUMNS)
        if ids is not None:
            return [_quote(row) for row in self._select_in(f"SELECT {columns} FROM quotes WHERE id IN ({{}})", list(ids))]
        where = f" WHERE kind IN ({','.join('?' * len(kinds))})" if kinds else ""
        query = f"SELECT {columns} FROM quotes{where} ORDER BY article, position"
        return [_quote(row) for row in self._db.execute(query, tuple(kinds or ()))]

    def articles(self, ids: Iterable[str] | None = None) -> list[Article]:
        """Articles by id (in no particular order), or all articles by id."""
        columns = ", ".join(_ARTICLE_COLUMNS)
        if ids is not None:
            return [_article(row) for row in self._select_in(f"SELECT {columns} FROM articles WHERE id IN ({{}})", list(ids))]
        return [_article(row) for row in self._db.execute(f"SELECT {columns} FROM articles ORDER BY id")]

    def list_articles(self, *, limit: int | None = None) -> list[ArticleRow]:
        rows = self._db.execute(
            "SELECT a.id, a.outlet, a.date, a.title, a.path,"
            " (SELECT count(*) FROM quotes q WHERE q.article = a.id AND q.kind != 'unquoted')"
            " FROM articles a ORDER BY a.date IS NULL, a.date, a.id LIMIT ?",
            (-1 if limit is None else limit,),
        )
        return [ArticleRow(id=r[0], outlet=r[1], date=r[2], title=r[3], path=r[4], quotes=r[5]) for r in rows]

    def stats(self) -> StoreStats:
        one = self._db.execute
        first, last = one("SELECT min(date), max(date) FROM articles").fetchone()
        return StoreStats(
            path=self.path,
            schema_version=int(one("SELECT value FROM store_info WHERE key = 'schema_version'").fetchone()[0]),
            articles=one("SELECT count(*) FROM articles").fetchone()[0],
            quotes=dict(one("SELECT kind, count(*) FROM quotes GROUP BY kind ORDER BY kind").fetchall()),
            units=one("SELECT count(*) FROM units").fetchone()[0],
            embeddings=dict(one("SELECT model, count(*) FROM embeddings GROUP BY model ORDER BY model").fetchall()),
            outlets=one("SELECT count(DISTINCT outlet) FROM articles").fetchone()[0],
            first_date=first,
            last_date=last,
            size_bytes=sum(p.stat().st_size for p in Path(self.path).parent.glob(Path(self.path).name + "*") if p.is_file()),
        )

    def _select_in(self, query: str, ids: list[str]) -> Iterator[tuple[Any, ...]]:
        for begin in range(0, len(ids), 500):
            chunk = ids[begin : begin + 500]
            yield from self._db.execute(query.format(",".join("?" * len(chunk))), chunk)


def _quote_row(position: int, q: Quote) -> tuple[object, ...]:
    marks = json.dumps([{"kind": m.kind, "start": m.start, "end": m.end, "text": m.text} for m in q.marks], ensure_ascii=False)
    return (q.id, q.article, position, q.kind, q.text, q.start, q.end, q.speaker, q.speaker_key, q.cue,
            q.credited_source, json.dumps(q.credit_chain, ensure_ascii=False), q.continues, marks, q.language)  # fmt: skip


def _quote(row: tuple[Any, ...]) -> Quote:
    (id_, article, text, start, end, kind, speaker, speaker_key, cue, credited, chain, continues, marks, language) = row
    return Quote(
        id=id_, article=article, text=text, start=start, end=end, kind=kind, speaker=speaker, speaker_key=speaker_key,
        cue=cue, credited_source=credited, credit_chain=json.loads(chain), continues=continues,
        marks=[EditorialMark(**m) for m in json.loads(marks)], language=language,
    )  # fmt: skip


def _article(row: tuple[Any, ...]) -> Article:
    id_, text, path, outlet, title, url, date, author, language, sources = row
    return Article(id=id_, text=text, path=path, outlet=outlet, title=title, url=url, date=date, author=author,
                   language=language, metadata_source=json.loads(sources))  # fmt: skip
