"""Issue #20: facets counted over the newest rows (datasette_config/plugins/facet_window.py), through a real
Datasette over HTTP, with the project's metadata except a window of 4 articles instead of 5,000."""

from __future__ import annotations

import json
import subprocess
import urllib.request

import pytest
import sqlite_utils
import yaml

from pipeline.store.schema import migrate
from tests.conftest import free_port
from tests.publishing_env import _wait_until_up
from tracker.cli import CONFIG, datasette_command

pytestmark = pytest.mark.slow
WINDOW = 4


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("window")
    db = sqlite_utils.Database(tmp / "tracker.db")
    migrate(db)
    db["sources"].insert_all([{"id": 1, "name": "Old Wire"}, {"id": 2, "name": "New Daily"}])
    db["entities"].insert_all([{"id": 1, "name": "OpenAI", "type": "ORG"}, {"id": 2, "name": "Ann Lee", "type": "PERSON"}])
    db["topics"].insert_all([{"slug": "litigation", "label": "Litigation"}, {"slug": "labor", "label": "Labor"}])
    # Articles 1-6 (older) come from Old Wire and are about labor; 7-10 (the newest four) from New Daily,
    # about litigation, and name OpenAI.
    for i in range(1, 11):
        newest = i > 6
        db["articles"].insert({"id": i, "url": f"https://e.example/{i}", "source_id": 2 if newest else 1,
                               "title": f"Story {i}", "text": "copyright lawsuit" if newest else "copyright strike",
                               "relevant": 1, "language": "en", "published": f"2026-01-{i:02d}T12:00:00+00:00"})
        db["article_topics"].insert({"article_id": i, "topic": "litigation" if newest else "labor", "score": 0.9})
        db["article_entities"].insert({"article_id": i, "entity_id": 1 if newest else 2, "mentions": 1})
    db.close()
    metadata = yaml.safe_load((CONFIG / "metadata.yaml").read_text(encoding="utf-8"))
    metadata["databases"]["tracker"]["tables"]["relevant_articles"]["facet_window"] = WINDOW
    (tmp / "metadata.json").write_text(json.dumps(metadata), encoding="utf-8")
    port = free_port()
    command = datasette_command(tmp / "tracker.db", "127.0.0.1", port)
    command[command.index("--metadata") + 1] = str(tmp / "metadata.json")
    log = tmp / "serve.log"
    with open(log, "w", encoding="utf-8") as out:
        proc = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, proc, log)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def facets(base: str, query: str = "") -> dict:
    with urllib.request.urlopen(f"{base}/tracker/relevant_articles.json?{query}", timeout=30) as response:
        data = json.load(response)
    return {name: ({r["value"]: r["count"] for r in facet["results"]}, facet.get("window"))
            for name, facet in data["facet_results"].items()}


def test_facets_count_the_newest_rows_and_say_so(server):
    found = facets(server)
    assert found["source"] == ({"New Daily": 4}, {"size": WINDOW, "of": 10})  # not Old Wire's six older ones
    assert found["topics"][0] == {"litigation": 4}
    assert found["organisations"][0] == {"OpenAI": 4} and found["people"][0] == {}
    with urllib.request.urlopen(f"{server}/tracker/relevant_articles", timeout=30) as response:
        page = response.read().decode()
    assert "counted over the newest 4 of 10" in page


def test_below_the_window_the_counts_are_exact(server):
    found = facets(server, "_search=strike")  # the six older articles match: more than the window
    assert found["source"][0] == {"Old Wire": 4}
    found = facets(server, "source=Old+Wire&topics__arraycontains=labor&id__gte=3")  # four: all counted
    assert found["source"] == ({"Old Wire": 4}, None)
    assert found["people"] == ({"Ann Lee": 4}, None)


def test_a_search_counts_its_own_newest_matches(server):
    found = facets(server, "_search=lawsuit")
    assert found["source"] == ({"New Daily": 4}, None) and found["language"][0] == {"en": 4}


def test_a_click_on_a_topic_or_a_person_filters_through_the_index(server):
    with urllib.request.urlopen(f"{server}/tracker/relevant_articles.json", timeout=30) as response:
        data = json.load(response)
    topics = {r["value"]: r for r in data["facet_results"]["topics"]["results"]}
    link = topics["litigation"]["toggle_url"]
    assert "_topic=litigation" in link and "arraycontains" not in link
    with urllib.request.urlopen(link, timeout=30) as response:
        filtered = json.load(response)
    ids = sorted(row[filtered["columns"].index("id")] for row in filtered["rows"])
    assert ids == [7, 8, 9, 10] and filtered["filtered_table_rows_count"] == 4
    chosen = {r["value"]: r for r in filtered["facet_results"]["topics"]["results"]}
    assert chosen["litigation"]["selected"] and "_topic" not in chosen["litigation"]["toggle_url"]  # click again: off
    assert 'topics contains "litigation"' in filtered["human_description_en"]
    found = facets(server, "_person=Ann+Lee")  # the six older articles; a person, not the organisation
    assert found["source"] == ({"Old Wire": 4}, {"size": WINDOW, "of": 6})
    assert facets(server, "_organisation=Ann+Lee")["source"][0] == {}
