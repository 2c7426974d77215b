"""The README is the contract: it must name every command the code has."""

import re
from pathlib import Path

import click
import yaml

from tracker.cli import cli

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def command_paths(group: click.Group, prefix: str = "tracker") -> list[str]:
    paths = []
    for name, command in group.commands.items():
        path = f"{prefix} {name}"
        if isinstance(command, click.Group):
            paths += command_paths(command, path)
        else:
            paths.append(path)
    return paths


def test_every_cli_command_is_in_the_readme():
    missing = [path for path in command_paths(cli) if f"`{path}" not in README]
    assert not missing, f"commands missing from README.md: {missing}"


def test_every_make_target_is_in_the_readme():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    phony = re.search(r"^\.PHONY:(.*)$", makefile, re.M).group(1).split()
    missing = [t for t in phony if t not in ("install", "browser") and f"make {t}" not in README]
    assert not missing, f"make targets missing from README.md: {missing}"


def test_ci_runs_the_readmes_test_command():
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in README and "make demo" in README


def test_every_table_of_the_schema_is_documented_in_metadata(db):
    metadata = yaml.safe_load((ROOT / "datasette_config" / "metadata.yaml").read_text(encoding="utf-8"))
    tables = metadata["databases"]["tracker"]["tables"]
    for table in db.table_names():
        if table.startswith("articles_fts"):
            continue
        assert table in tables, f"table {table} is not described in metadata.yaml"
        if tables[table].get("hidden"):
            continue
        documented = set(tables[table].get("columns", {}))
        actual = {c.name for c in db[table].columns}
        assert actual <= documented, f"{table}: columns without a description: {sorted(actual - documented)}"
    for view in db.view_names():
        assert view in tables, f"view {view} is not described in metadata.yaml"
