"""The layout rules of docs/architecture.md, checked on the source: what imports what, module sizes, the stage order."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("pipeline", "tracker", "crawlers")
MAX_LINES = 500


def modules() -> dict[str, Path]:
    """Dotted name -> file, for every module of the three packages."""
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "data" in path.relative_to(ROOT).parts:
                continue  # pipeline/data/check_gazetteer.py is a maintainer's script, not part of the package
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
            found[name] = path
    return found


def imports_of(path: Path) -> set[str]:
    """Every module an import names, at the top or inside a function (lazy imports count for loops too)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: {i for i in imports_of(path) if i in known and i != name} for name, path in known.items()}


def test_pipeline_imports_no_scrapy_tracker_or_crawlers():
    offenders = {name: sorted(i for i in imports_of(path) if i.split(".")[0] in ("scrapy", "twisted", "tracker",
                                                                                  "crawlers"))
                 for name, path in modules().items() if name.startswith("pipeline")}
    assert {k: v for k, v in offenders.items() if v} == {}


def find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for node in sorted(edges):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_the_cycle_finder_finds_a_loop():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_loop():
    assert find_cycle(graph()) is None


@pytest.mark.parametrize("folder", [*PACKAGES, "bench", "tests", "datasette_config"])
def test_every_module_is_under_500_lines(folder):
    long = {str(p.relative_to(ROOT)): n for p in (ROOT / folder).rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def stage_line(text: str) -> str:
    """The one line of the flow picture that names the stages: sources ─► fetch ─► ... ─► publish."""
    lines = [line.strip() for line in text.splitlines() if line.strip().startswith("sources ─►")]
    assert len(lines) == 1, lines
    return re.sub(r"\s+", " ", lines[0])


def test_the_stage_order_is_the_same_in_the_code_and_in_the_docs():
    import pipeline.process as process

    order = stage_line(process.__doc__)
    assert order.split(" ─► ") == ["sources", "fetch", "extract", "language", "relevance & topics", "entities",
                                   "cases & bills", "store", "developments", "publish"]
    for doc in ("README.md", "docs/architecture.md"):
        assert stage_line((ROOT / doc).read_text(encoding="utf-8")) == order, doc


def test_process_pages_calls_the_stages_in_that_order():
    """The function that shows the order really runs the stages in it."""
    import inspect

    import pipeline.process as process

    source = inspect.getsource(process.process_pages)
    calls = [m.group(1) for m in re.finditer(r"\b(prepare|tag|link)\(", source)]
    assert calls == ["prepare", "tag", "link"]
    prepare = inspect.getsource(process.prepare) + inspect.getsource(process.classify)
    steps = [m.group(1) for m in re.finditer(r"\b(extract_article|detect_language|judge_relevance)\(", prepare)]
    assert steps == ["extract_article", "detect_language", "judge_relevance"]
