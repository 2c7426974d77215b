"""Upgrading a database made by the code before issue 13's restructuring, without losing a row.

tests/files/schema_7ece733.py is that code (pipeline/schema.py at 7ece733), kept as a file so the
test does not need git history (CI may clone shallowly); when history is there, the copy is checked
against it.
"""

from __future__ import annotations

import importlib.util
import subprocess
from pathlib import Path

import pytest
import sqlite_utils

from pipeline.store.db import open_db
from pipeline.store.schema import MIGRATIONS, migrate, migrations

ROOT = Path(__file__).resolve().parent.parent
OLD_SCHEMA = ROOT / "tests" / "files" / "schema_7ece733.py"
SAMPLE = {"INTEGER": lambda i: i, "TEXT": lambda i: f"v{i}", "FLOAT": lambda i: i / 4, "REAL": lambda i: i / 4,
          "BLOB": lambda i: f"blob {i}".encode()}


def old_schema():
    spec = importlib.util.spec_from_file_location("schema_7ece733", OLD_SCHEMA)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def by_foreign_keys(db: sqlite_utils.Database, tables: list[str]) -> list[str]:
    """Tables ordered so that every table comes after those it refers to."""
    ordered: list[str] = []
    while len(ordered) < len(tables):
        for table in tables:
            parents = {fk.other_table for fk in db[table].foreign_keys} - {table}
            if table not in ordered and parents <= set(ordered):
                ordered.append(table)
    return ordered


def fill(db: sqlite_utils.Database, rows: int = 3) -> None:
    """`rows` rows in every table, with values that point at each other (row i refers to row i)."""
    tables = [t for t in db.table_names() if not t.startswith(("articles_fts", "_"))]
    for table in by_foreign_keys(db, tables):
        for i in range(1, rows + 1):
            row = {c.name: SAMPLE[c.type](i) for c in db[table].columns}
            if table == "articles":
                # Listed (relevant, not a copy) for i = 1, so the full-text triggers have work to do.
                row.update(relevant=int(i == 1), duplicate_of=None if i == 1 else 1, published=f"2026-0{i}-01")
            db[table].insert(row)


def snapshot(db: sqlite_utils.Database, columns: dict[str, list[str]] | None = None) -> dict[str, list[tuple]]:
    """Every row of every table and view, in a comparable form; only `columns` of each when given.

    Later migrations may add columns (m008 adds articles.search_stems): the rows the old code wrote
    must still hold the same values in the columns it knew.
    """
    names = [t for t in db.table_names() if not t.startswith(("articles_fts", "_"))] + db.view_names()
    if columns is None:
        columns = {name: [c.name for c in db[name].columns] for name in names}
    return {name: sorted(db.execute(f"select {', '.join(f'[{c}]' for c in columns[name])} from [{name}]").fetchall(),
                         key=repr) for name in columns}


def schema(db: sqlite_utils.Database) -> set[tuple]:
    return set(db.execute("select type, name, tbl_name, sql from sqlite_master where name != 'sqlite_sequence'"))


@pytest.fixture
def old_db(tmp_path):
    """A database made, migrated and filled by the 7ece733 code; its file path."""
    path = tmp_path / "tracker.db"
    db = sqlite_utils.Database(path)
    applied = old_schema().migrate(db)
    assert applied, "the old code made no schema"
    fill(db)
    db.close()
    return path


def test_the_frozen_old_schema_is_the_one_in_git_history():
    shown = subprocess.run(["git", "show", "7ece733:pipeline/schema.py"], cwd=ROOT, capture_output=True, text=True)
    if shown.returncode != 0:
        pytest.skip("git history not available (shallow clone)")
    frozen = OLD_SCHEMA.read_text(encoding="utf-8")
    assert frozen.endswith(shown.stdout)


def test_a_database_of_the_old_code_upgrades_without_losing_a_row(old_db):
    before = sqlite_utils.Database(old_db)
    rows_before = snapshot(before)
    old_columns = {name: [c.name for c in before[name].columns] for name in rows_before}
    legacy = dict(before.execute("select name, applied from _migrations").fetchall())
    searchable_before = before.execute("select rowid from articles_fts where articles_fts match 'v1'").fetchall()
    before.close()
    assert all(rows_before.values()), [t for t, rows in rows_before.items() if not rows]
    assert searchable_before == [(1,)]

    db = open_db(old_db)
    # Nothing the old code applied ran again (m001 would fail on its existing tables), and its record
    # came across with its times; what the old code did not know has been applied now.
    applied = {m.name: m.applied_at for m in migrations.applied(db)}
    assert {name: applied[name] for name in legacy} == legacy
    assert set(applied) == {m.__name__ for m in MIGRATIONS}
    assert "_migrations" not in db.table_names()
    assert snapshot(db, old_columns) == rows_before
    assert db.execute("select rowid from articles_fts where articles_fts match 'v1'").fetchall() == [(1,)]
    db.close()

    again = open_db(old_db)  # a second open applies nothing and changes nothing
    assert snapshot(again, old_columns) == rows_before
    assert len(migrations.applied(again)) == len(MIGRATIONS)
    again.close()


def test_migrate_applies_and_returns_what_an_old_database_lacks(old_db):
    # An old database that has not had m007 yet: migrate applies it, and whatever came after it, once
    # each (run twice, m007's create table would fail), and says which.
    db = sqlite_utils.Database(old_db)
    db.execute("delete from _migrations where name = 'm007_skipped_pages'")
    db.execute("drop trigger skipped_pages_stored")
    db["skipped_pages"].drop()
    db.conn.commit()
    names = [m.__name__ for m in MIGRATIONS]
    assert migrate(db) == names[names.index("m007_skipped_pages"):]
    assert "skipped_pages" in db.table_names()
    assert migrate(db) == []
    db.close()


def test_a_fresh_and_an_upgraded_database_have_the_same_schema(old_db, tmp_path):
    fresh = open_db(tmp_path / "fresh" / "tracker.db")
    upgraded = open_db(old_db)
    assert schema(fresh) == schema(upgraded)
    fresh.close()
    upgraded.close()


def test_m015_dates_stored_rows_by_their_utc_day_until_reprocess_reads_the_offset(old_db):
    # Rows stored before issue 19 have only the UTC time: it stands in for the local one (tracker reprocess
    # reads the offset again from the raw HTML), and the views date every listed article by it.
    db = open_db(old_db)
    rows = db.execute("select id, published, published_at, published_local_date from articles order by id").fetchall()
    assert [(r[2], r[3]) for r in rows] == [(r[1], r[1][:10]) for r in rows]
    assert db.execute("select day, month, published_at from relevant_articles").fetchall() == [
        ("2026-01-01", "2026-01", "2026-01-01")]
    assert db.execute("select week from topic_weeks").fetchall() == [("2025-12-29",)]
    db.close()
