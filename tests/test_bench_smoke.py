"""A tiny run of the benchmarks, to prove they work; not a timing test (the figures are in docs/performance.md)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bench.query_pages import PAGES

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


def run(script: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "bench" / script), *args], capture_output=True, text=True,
                          timeout=240, cwd=ROOT)


def test_ingest_bench_measures_a_tiny_site(tmp_path):
    out = tmp_path / "ingest.json"
    result = run("ingest.py", "--articles", "6", "--mixes", "1", "--json", str(out))
    # Six articles cannot meet the throughput targets (start-up dominates): exit 1 is expected, a crash is not.
    assert result.returncode in (0, 1), result.stderr[-2000:]
    report = json.loads(out.read_text())
    (mix,) = report["results"]
    assert mix["stored"] == 6 and mix["relevant"] == 6 and mix["errors"] == 0
    assert mix["served_first"]["article"] == 6  # counted on the server side
    assert mix["refetched"] == 0 and mix["served_second"].get("feed_304") == mix["served_first"]["feed"]
    assert mix["e2e_articles_per_s"] > 0 and mix["ner_articles_per_s"] > 0 and mix["first"]["peak_rss_mb"] > 50
    assert any(line.startswith(("PASS", "FAIL")) and "NER-only" in line for line in result.stdout.splitlines())


def test_query_bench_asks_datasette(tmp_path):
    out = tmp_path / "query.json"
    result = run("query.py", "--sizes", "3000", "--requests", "3", "--cache", str(tmp_path), "--json", str(out))
    assert result.returncode in (0, 1), result.stderr[-2000:]
    report = json.loads(out.read_text())["3000"]
    assert set(report) == {name for name, _, _ in PAGES}  # every page and feed of bench/query_pages.py
    for name, figures in report.items():
        if name != "feed: corrections":  # the synthetic database has no corrections
            assert figures["rows"] > 0, name  # every query found something: the data and the SQL fit together
        assert 0 < figures["p50"] <= figures["p95"], name
