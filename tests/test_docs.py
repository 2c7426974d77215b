"""The README is the contract: it must name every command the code has; the docs every option (docs/cli.md)."""

import importlib.util
import re
from pathlib import Path

import click
import yaml

from tracker.cli import cli

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
DOCS = {path.name: path.read_text(encoding="utf-8") for path in sorted((ROOT / "docs").glob("*.md"))}


def commands(group: click.Group, prefix: str = "tracker"):
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from commands(command, f"{prefix} {name}")
        else:
            yield f"{prefix} {name}", command


def test_every_cli_command_is_in_the_readme():
    missing = [path for path, _ in commands(cli) if f"`{path}" not in README]
    assert not missing, f"commands missing from README.md: {missing}"


def test_every_option_of_every_command_is_documented():
    documented = README + "".join(DOCS.values())
    missing = [f"{path} {opt}" for path, command in commands(cli) for param in command.params
               if isinstance(param, click.Option) for opt in param.opts if opt not in ("-h", "--help")
               and not re.search(rf"{re.escape(opt)}(?![\w-])", documented)]
    assert not missing, f"options in --help but not in README.md or docs/*.md: {missing}"


def test_the_cli_reference_is_generated_from_the_current_help():
    spec = importlib.util.spec_from_file_location("cli_reference", ROOT / "docs" / "cli_reference.py")
    reference = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(reference)
    assert DOCS["cli.md"] == reference.render(), "docs/cli.md is out of date: run python docs/cli_reference.py"
    for path, command in commands(cli):
        section = DOCS["cli.md"].split(f"## {path}\n", 1)[1].split("\n## ", 1)[0]
        assert all(opt in section for param in command.params if isinstance(param, click.Option)
                   for opt in param.opts), path


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
