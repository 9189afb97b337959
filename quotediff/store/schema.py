"""The corpus store's SQLite schema, and its documentation for people who query it.

``SCHEMA_DOC`` is the section the README carries; ``DDL`` creates the tables. Both live
here so that the one cannot drift from the other without a test noticing.
"""

from __future__ import annotations

import sqlite3

SCHEMA_VERSION = 1

SCHEMA_DOC = """\
## The corpus store (SQLite)

`quotediff index add PATH... --db corpus.db` keeps articles, their quotes and the
embeddings of those quotes in one SQLite file (WAL mode; no server). Any SQLite tool
reads it: `sqlite3 corpus.db`, Datasette, `pandas.read_sql`. Offsets are character
offsets into `articles.text`, so `substr(a.text, q.start_char + 1, q.end_char - q.start_char)`
is the quote's text.

| table | one row per | columns |
|---|---|---|
| `store_info` | setting of the store | `key`, `value` (`schema_version`, `created_by`) |
| `articles` | article, told apart by the SHA-256 of its text | `id`, `content_hash`, `outlet`, `date` (ISO 8601), `title`, `author`, `url`, `language`, `path` (where it was read), `metadata_source` (JSON: where each value came from), `text`, `added_at` (UTC) |
| `quotes` | quotation found in an article | `id` (`<article>:q<n>`; `<article>:u<n>` for unquoted reports), `article`, `position`, `kind` (`statement`, `fragment`, or `unquoted`: a sentence outside quote marks, searched by `check` only), `text`, `start_char`, `end_char`, `speaker`, `speaker_key`, `cue`, `credited_source`, `credit_chain` (JSON list, nearest first), `continues`, `marks` (JSON list of editorial marks), `language` |
| `units` | text a check can match: a whole quote, or one sentence of a quote of several | `id` (the quote id, or `<quote>/<start>-<end>`), `quote`, `article`, `text`, `start_char`, `end_char` |
| `embeddings` | unit vector of a unit, per model | `unit`, `model` (the model's name), `dim`, `vector` (`dim` little-endian float32, L2-normalised: a dot product is a cosine) |

An article and everything derived from it are written in one transaction, so a store
never holds half an article; adding an article whose text is already stored changes nothing.

Example: every quote of one speaker, with outlet and date.

    SELECT a.outlet, a.date, q.text
    FROM quotes q JOIN articles a ON a.id = q.article
    WHERE q.speaker_key = 'kim jong un' AND q.kind != 'unquoted'
    ORDER BY a.date;

In Python: `numpy.frombuffer(vector, dtype="<f4")` turns a stored vector into an array.
"""

DDL = """
CREATE TABLE IF NOT EXISTS store_info (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS articles (
    id              TEXT PRIMARY KEY,
    content_hash    TEXT NOT NULL UNIQUE,
    outlet          TEXT,
    date            TEXT,
    title           TEXT,
    author          TEXT,
    url             TEXT,
    language        TEXT,
    path            TEXT,
    metadata_source TEXT NOT NULL DEFAULT '{}',
    text            TEXT NOT NULL,
    added_at        TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS quotes (
    id              TEXT PRIMARY KEY,
    article         TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('statement', 'fragment', 'unquoted')),
    text            TEXT NOT NULL,
    start_char      INTEGER NOT NULL,
    end_char        INTEGER NOT NULL,
    speaker         TEXT,
    speaker_key     TEXT,
    cue             TEXT,
    credited_source TEXT,
    credit_chain    TEXT NOT NULL DEFAULT '[]',
    continues       TEXT,
    marks           TEXT NOT NULL DEFAULT '[]',
    language        TEXT
);
CREATE INDEX IF NOT EXISTS quotes_by_article ON quotes(article, position);
CREATE INDEX IF NOT EXISTS quotes_by_speaker ON quotes(speaker_key);
CREATE TABLE IF NOT EXISTS units (
    id         TEXT PRIMARY KEY,
    quote      TEXT NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
    article    TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    text       TEXT NOT NULL,
    start_char INTEGER NOT NULL,
    end_char   INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS units_by_quote ON units(quote);
-- A rowid table on purpose: it keeps each 1.5 kB vector on its row's page, where a
-- WITHOUT ROWID table (an index B-tree) would spill every vector to an overflow page.
CREATE TABLE IF NOT EXISTS embeddings (
    unit   TEXT NOT NULL REFERENCES units(id) ON DELETE CASCADE,
    model  TEXT NOT NULL,
    dim    INTEGER NOT NULL,
    vector BLOB NOT NULL,
    PRIMARY KEY (model, unit)
);
"""


def create_schema(connection: sqlite3.Connection) -> None:
    """Create the tables when missing (idempotent) and record the schema version."""
    with connection:
        connection.executescript(DDL)
        connection.execute(
            "INSERT OR IGNORE INTO store_info(key, value) VALUES ('schema_version', ?), ('created_by', 'quotediff')",
            (str(SCHEMA_VERSION),),
        )
