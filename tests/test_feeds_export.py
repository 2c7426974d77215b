"""`tracker feeds export DIR`: a static Atom file per saved filter, and an OPML list of them."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from urllib.parse import urlencode

import feedparser
import pytest

from pipeline.publish.saved_filters import FiltersError, fts_query, load_filters, query_params
from tests.conftest import run_tracker
from tests.publishing_env import published  # noqa: F401  (session fixture)


@pytest.mark.slow
def test_export_writes_every_filter_and_an_opml(published, tmp_path):  # noqa: F811
    out = tmp_path / "feeds"
    result = run_tracker("feeds", "export", str(out), "--db", str(published.db_path),
                         "--base-url", "https://feeds.example.org/ai/")
    assert result.returncode == 0, result.stderr
    filters = load_filters()
    assert sorted(p.name for p in out.glob("*.atom")) == sorted(f"{f.slug}.atom" for f in filters)
    opml = ET.parse(out / "feeds.opml").getroot()
    outlines = {o.get("title"): o.get("xmlUrl") for o in opml.iter("outline") if o.get("xmlUrl")}
    assert outlines == {f.name: f"https://feeds.example.org/ai/{f.slug}.atom" for f in filters}
    for saved in filters:
        parsed = feedparser.parse((out / f"{saved.slug}.atom").read_bytes())
        assert not parsed.bozo, saved.slug
        assert parsed.feed.id == f"tag:ai-copyright-tracker,2026:filter/{saved.slug}"
        assert [link.href for link in parsed.feed.links if link.rel == "self"] == \
            [f"https://feeds.example.org/ai/{saved.slug}.atom"]
        assert parsed.feed.updated_parsed and saved.name in parsed.feed.title
        # The static file holds exactly what the live Datasette feed of the same filter shows.
        status, _, live = published.get("/tracker/feed_filter.atom?" + urlencode(query_params(saved)))
        assert status == 200
        assert [e.id for e in parsed.entries] == [e.id for e in feedparser.parse(live).entries]
        for entry in parsed.entries:
            assert entry.link.startswith(published.site_url) and entry.updated_parsed
    assert "lawsuits.atom: 3 entries" in result.stdout


@pytest.mark.slow
def test_export_reports_bad_input_in_one_line(published, tmp_path):  # noqa: F811
    bad = tmp_path / "filters.yaml"
    bad.write_text("filters:\n  - name: Typo\n    topics: [litigaton]\n")
    result = run_tracker("feeds", "export", str(tmp_path / "out"), "--db", str(published.db_path),
                         "--filters", str(bad))
    assert result.returncode == 1
    assert "unknown topic(s) litigaton" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    missing = run_tracker("feeds", "export", str(tmp_path / "out"), "--db", str(tmp_path / "none.db"))
    assert missing.returncode == 1 and "does not exist" in missing.stderr
    wrong = run_tracker("feeds", "export", str(tmp_path / "out"), "--db", str(published.db_path),
                        "--base-url", "feeds.example.org")
    assert wrong.returncode == 1 and "--base-url" in wrong.stderr


@pytest.mark.parametrize("text, message", [
    ("- name: x", "top-level 'filters:'"),
    ("filters:\n  - topics: [labor]", "needs a 'name'"),
    ("filters:\n  - name: x\n    colour: red", "unknown key(s) colour"),
    ("filters:\n  - name: x\n    min_relevance: lots", "must be a number"),
    ("filters:\n  - name: x\n    min_relevance: 2", "between 0 and 1"),
    ("filters:\n  - name: A b\n  - name: a-B", "used twice"),
    ("filters:\n  - name: x\n    entities: [\"Smith, Jones\"]", "cannot contain commas"),
    ("filters: [", "not valid YAML"),
])
def test_filters_file_errors(tmp_path, text, message):
    path = tmp_path / "filters.yaml"
    path.write_text(text)
    with pytest.raises(FiltersError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_filters(path, topics={"labor"})


def test_shipped_filters_load_and_map_to_query_parameters():
    filters = load_filters(topics={"litigation", "legislation", "labor", "likeness", "licensing",
                                   "training_data", "campaign"})
    assert len(filters) >= 5
    music = next(f for f in filters if f.slug == "music")
    params = query_params(music)
    assert params["entities"].split(",")[0] == "GEMA" and params["q"].startswith('"music" OR ')
    assert fts_query(['say "no"', " "]) == '"say ""no"""'
