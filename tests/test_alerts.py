"""Digests and alerts (issue 16): the subscriptions file, the digest in three formats, and delivery bookkeeping.

The real-server tests (SMTP to aiosmtpd, webhooks to a local HTTP server, two
sends at once, kill -9 mid-send) are in tests/test_alerts_delivery.py.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from html import escape as html_escape

import pytest

from pipeline.clock import now_utc
from pipeline.publish.alerts import (
    AlertsConfig,
    AlertsError,
    Destination,
    Subscription,
    current_slot,
    load_alerts,
)
from pipeline.publish.digest import Digest, load_items, render, subject
from pipeline.publish.saved_filters import load_filters
from pipeline.publish.send import digest_for, send_alerts
from tests.alerts_env import HTML_TITLE, article, build_db, join
from tests.conftest import ROOT


@pytest.fixture
def devdb():
    db = build_db(None, now_utc().isoformat())
    yield db
    db.close()


def config(*subscriptions, base="https://tracker.example.org"):
    return AlertsConfig(list(subscriptions), base_url=base, timeout=2)


def sub(name="Lawsuits", selection="topic", value="litigation", cadence="immediate", kind="json"):
    return Subscription(name, selection, value, cadence, destinations=[Destination(kind, "HOOK_URL")])


class Recorder:
    """Stands in for the transport: accepts (or refuses) and keeps what it was given."""

    def __init__(self):
        self.sent, self.refuse = [], None

    def __call__(self, destination, digest, timeout, ident):
        if self.refuse:
            return self.refuse
        self.sent.append((destination.key, digest, ident))
        return None


# --- the file --------------------------------------------------------------------------------------------------

def test_the_shipped_alerts_file_loads_against_the_shipped_filters():
    from pipeline.understand.relevance import load_topics

    cfg = load_alerts(ROOT / "config" / "alerts.yaml", load_filters(), {t["slug"] for t in load_topics()})
    assert cfg.subscriptions and cfg.base_url.startswith("https://")
    for subscription in cfg.subscriptions:
        assert subscription.destinations
        for destination in subscription.destinations:
            # Secrets stay in the environment: webhooks are named by a variable, never by a URL.
            assert destination.kind == "email" or destination.target.isupper()


@pytest.mark.parametrize("entry, fragments", [
    ({"name": "A", "email": ["a@example.org"]}, ["subscription 1 (A)", "exactly one of"]),
    ({"name": "A", "topic": "litigation", "filter": "y", "email": ["a@example.org"]}, ["(A)", "exactly one of"]),
    ({"name": "A", "topic": "litigation"}, ["(A)", "at least one destination"]),
    ({"name": "A", "topic": "litigation", "cadence": "hourly", "email": ["a@example.org"]}, ["(A)", "cadence", "hourly"]),
    ({"name": "A", "topic": "litigation", "email": ["not-an-address"]}, ["(A)", "email", "not-an-address"]),
    ({"name": "A", "topic": "litigation", "webhooks": [{"url": "https://hooks.slack.com/x"}]}, ["webhook 1", "url_env"]),
    ({"name": "A", "topic": "litigation", "webhooks": [{"url_env": "https://x"}]}, ["webhook 1", "url_env"]),
    ({"name": "A", "topic": "litigation", "webhooks": [{"url_env": "X", "style": "fax"}]}, ["webhook 1", "style", "fax"]),
    ({"name": "A", "topic": "litigation", "at": "7am", "email": ["a@example.org"]}, ["(A)", "at", "HH:MM"]),
    ({"name": "A", "filter": "nope", "email": ["a@example.org"]}, ["(A)", "filter", "nope"]),
    ({"name": "A", "topic": "litgation", "email": ["a@example.org"]}, ["(A)", "topic", "litgation", "litigation"]),
    ({"name": "A", "topic": "litigation", "email": ["a@example.org"], "colour": "red"}, ["(A)", "unknown key", "colour"]),
])
def test_a_broken_subscription_is_one_line_naming_file_subscription_and_field(tmp_path, entry, fragments):
    path = tmp_path / "alerts.yaml"
    path.write_text(json.dumps({"subscriptions": [entry]}), encoding="utf-8")
    with pytest.raises(AlertsError) as error:
        load_alerts(path, load_filters(), {"litigation", "legislation"})
    message = str(error.value)
    assert "\n" not in message and str(path) in message
    for fragment in fragments:
        assert fragment in message


def test_a_name_used_twice_is_refused(tmp_path):
    path = tmp_path / "alerts.yaml"
    entry = {"name": "A", "topic": "litigation", "email": ["a@example.org"]}
    path.write_text(json.dumps({"subscriptions": [entry, entry]}), encoding="utf-8")
    with pytest.raises(AlertsError, match=r"subscription 2 \(A\): the name is used twice"):
        load_alerts(path)


def test_daily_and_weekly_digests_are_due_at_their_hour_whenever_cron_runs():
    daily = Subscription("d", "topic", "x", "daily", at="07:00")
    weekly = Subscription("w", "topic", "x", "weekly", at="07:00", day="monday")
    friday_6 = datetime(2026, 12, 4, 6, 59, tzinfo=UTC)
    assert current_slot(daily, friday_6) == datetime(2026, 12, 3, 7, 0, tzinfo=UTC)
    assert current_slot(daily, friday_6 + timedelta(minutes=1)) == datetime(2026, 12, 4, 7, 0, tzinfo=UTC)
    assert current_slot(weekly, friday_6) == datetime(2026, 11, 30, 7, 0, tzinfo=UTC)
    assert current_slot(Subscription("i", "topic", "x", "immediate"), friday_6) is None


# --- the digest ------------------------------------------------------------------------------------------------

def test_a_digest_lists_each_development_once_with_its_coverage_and_links(devdb):
    digest = digest_for(devdb.conn, "topic", "litigation", [], timedelta(days=7), "https://t.example", "Lawsuits")
    [item] = digest.items
    assert item.title == HTML_TITLE
    assert [a.source for a in item.articles] == ["Wire Daily", "Tech Chronicle", "Netzpolitik Heute"]
    assert item.also_covered_by == ["Tech Chronicle", "Netzpolitik Heute"]
    assert item.languages == ["de", "en"]
    assert item.summary == "A London judge ruled on Getty's claims against Stability AI."
    assert item.page_url == f"https://t.example/tracker/development?id={item.id}"
    markdown = render(digest, "md")
    assert "also covered by Tech Chronicle, Netzpolitik Heute" in markdown
    assert f"(https://t.example/tracker/development?id={item.id})" in markdown
    assert "(https://np.example/getty?a=1&b=2)" in markdown
    assert subject(digest) == "Lawsuits: 1 development"


@pytest.mark.parametrize("selection, value, expected", [
    ("topic", "legislation", ["Senate committee advances AI disclosure bill"]),
    ("entity", "getty images", [HTML_TITLE]),
    ("case", "getty-v-stability", [HTML_TITLE]),
    ("filter", "lawsuits", [HTML_TITLE]),
    ("filter", "legislation", ["Senate committee advances AI disclosure bill"]),
    ("filter", "deutsch", [HTML_TITLE]),  # one German article brings in its whole cross-language story
    ("filter", "music", []),
])
def test_each_kind_of_selection_picks_its_developments(devdb, selection, value, expected):
    digest = digest_for(devdb.conn, selection, value, load_filters(), timedelta(days=7), "https://t.example", "x")
    assert [item.title for item in digest.items] == expected
    assert all("Football" not in a.title for item in digest.items for a in item.articles)


def test_a_title_with_html_in_it_is_text_in_every_format(devdb):
    digest = digest_for(devdb.conn, "topic", "litigation", [], timedelta(days=7), "https://t.example", "A <b> & co")
    html = render(digest, "html")
    assert "Getty &lt;b&gt;wins&lt;/b&gt; &amp; &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; round one" in html
    assert "<script>" not in html and "<b>wins" not in html
    assert "A &lt;b&gt; &amp; co" in html
    assert 'href="https://np.example/getty?a=1&amp;b=2"' in html
    text = render(digest, "txt")
    assert HTML_TITLE in text and "&lt;" not in text
    markdown = render(digest, "md")
    assert "<script>" not in markdown
    # Rendered by the two usual Markdown libraries, the title is the text it was: no tag, no lost character.
    import markdown as python_markdown
    from markdown_it import MarkdownIt

    for rendered in (python_markdown.markdown(markdown), MarkdownIt().render(markdown)):
        assert "<script>" not in rendered and "<b>" not in rendered
        heading = rendered.split("<h2>")[1].split("</h2>")[0]
        assert re.sub(r"<[^>]+>", "", heading) == html_escape(HTML_TITLE, quote=False), heading


@pytest.mark.parametrize("text", ["GEMA v. OpenAI (court)!", "# 1 hit", "- dash", "12. Urteil am 3. Mai",
                                  "*x* _y_ [l](u) a|b `c` \\d ~e~ &amp; <i>"])
def test_markdown_text_is_shown_as_written(text):
    from markdown_it import MarkdownIt

    from pipeline.publish.digest import markdown_text

    rendered = MarkdownIt().render(markdown_text(text)).strip()
    assert rendered == f"<p>{html_escape(text, quote=False)}</p>", rendered


def test_only_web_links_are_written():
    from pipeline.publish.digest import link_url

    assert link_url("javascript:alert(1)") == "#"
    assert link_url("https://a.example/x (1)") == "https://a.example/x%20%281%29"


# --- bookkeeping -----------------------------------------------------------------------------------------------

def test_nothing_is_sent_twice_and_new_coverage_brings_a_development_back(devdb):
    notify, cfg = Recorder(), config(sub())
    [outcome] = send_alerts(devdb.conn, cfg, [], notify=notify)
    assert outcome.status == "sent" and outcome.developments == 1
    assert [item.title for item in notify.sent[0][1].items] == [HTML_TITLE]
    assert send_alerts(devdb.conn, cfg, [], notify=notify)[0].status == "nothing new"
    assert len(notify.sent) == 1

    later = (now_utc() + timedelta(seconds=1)).isoformat()
    new = article(devdb, "Rundfunk", "Getty-Urteil: Reaktionen", "https://rf.example/getty", "de",
                  "2026-12-03T08:00:00+00:00", later, topics=["litigation"])
    join(devdb, notify.sent[0][1].items[0].id, new)
    [outcome] = send_alerts(devdb.conn, cfg, [], notify=notify)
    assert outcome.status == "sent"
    [item] = notify.sent[1][1].items
    assert item.new_coverage and [a.new for a in item.articles] == [False, False, False, True]
    assert "(new coverage)" in render(notify.sent[1][1], "txt")
    assert notify.sent[0][2] != notify.sent[1][2], "a different digest has a different id"


def test_a_refused_message_records_nothing_and_backs_off(devdb):
    notify, cfg = Recorder(), config(sub())
    notify.refuse = "HTTP 500 from the webhook"
    [outcome] = send_alerts(devdb.conn, cfg, [], notify=notify)
    assert outcome.status == "failed"
    assert devdb.execute("select count(*) from alert_deliveries").fetchone()[0] == 0
    state = devdb.execute("select consecutive_failures, last_error, next_attempt from alert_destinations").fetchone()
    assert state[0] == 1 and "500" in state[1] and state[2] > now_utc().isoformat()
    # Not retried before its time, however often cron runs...
    assert send_alerts(devdb.conn, cfg, [], notify=notify)[0].status == "backing off"
    # ...and retried after it, with the same developments.
    notify.refuse = None
    [outcome] = send_alerts(devdb.conn, cfg, [], notify=notify, now=now_utc() + timedelta(minutes=6))
    assert outcome.status == "sent" and outcome.developments == 1
    assert devdb.execute("select consecutive_failures from alert_destinations").fetchone()[0] == 0


def test_a_daily_digest_goes_once_a_day_and_a_dry_run_records_nothing(devdb):
    notify = Recorder()
    cfg = config(Subscription("Daily", "topic", "litigation", "daily", at="07:00",
                              destinations=[Destination("json", "HOOK")]))
    morning = now_utc().replace(hour=8, minute=0)
    assert send_alerts(devdb.conn, cfg, [], notify=notify, now=morning, dry_run=True)[0].status == "dry run"
    assert devdb.execute("select count(*) from alert_destinations").fetchone()[0] == 0
    assert send_alerts(devdb.conn, cfg, [], notify=notify, now=morning)[0].status == "sent"
    assert send_alerts(devdb.conn, cfg, [], notify=notify, now=morning + timedelta(hours=3))[0].status == "not due"


def test_status_lists_a_failing_destination(tmp_path):
    from tracker.status import collect_status
    from tracker.status import render as render_status

    path = tmp_path / "tracker.db"
    db = build_db(path, now_utc().isoformat())
    notify = Recorder()
    notify.refuse = "timed out after 2 s"
    send_alerts(db.conn, config(sub()), [], notify=notify)
    db.close()
    status = collect_status(path)
    [failing] = status["failing_alerts"]
    assert failing["destination"] == "json:$HOOK_URL" and failing["consecutive_failures"] == 1
    assert "1 alert destination failing" in status["problems"]
    assert "timed out after 2 s" in render_status(status)


def test_load_items_skips_a_development_without_listed_articles(devdb):
    devdb["developments"].insert({"id": 99, "title": "empty"})
    assert load_items(devdb.conn, [99], "https://t.example", "2000-01-01") == []
    assert isinstance(Digest("x", "", [], "").article_ids, list)


def test_who_subscribed_is_not_published(tmp_path):
    from pipeline.publish.snapshot import publish_snapshot

    path = tmp_path / "tracker.db"
    db = build_db(path, now_utc().isoformat())
    email = Subscription("Mail", "topic", "litigation", "immediate",
                         destinations=[Destination("email", "secret.reader@example.org")])
    assert send_alerts(db.conn, config(email), [], notify=Recorder())[0].status == "sent"
    db.close()
    snapshot = publish_snapshot(path, tmp_path / "published" / "tracker.db")
    import sqlite3

    conn = sqlite3.connect(snapshot)
    tables = {row[0] for row in conn.execute("select name from sqlite_master where type = 'table'")}
    conn.close()
    assert "articles" in tables and not tables & {"alert_deliveries", "alert_destinations"}
    assert b"secret.reader" in path.read_bytes()
    assert b"secret.reader" not in snapshot.read_bytes()


@pytest.mark.slow
def test_cli_errors_are_one_line(tmp_path):
    from tests.conftest import assert_one_line_error, run_tracker

    path = tmp_path / "tracker.db"
    build_db(path, now_utc().isoformat()).close()
    broken = tmp_path / "alerts.yaml"
    broken.write_text("subscriptions:\n  - name: Mine\n    topic: litigation\n    cadence: hourly\n    email: [a@b.org]\n")
    result = run_tracker("alerts", "send", "--db", str(path), "--config", str(broken))
    assert_one_line_error(result, str(broken), "subscription 1 (Mine)", "cadence", "hourly")

    import sqlite_utils

    from pipeline.store.schema import migrate

    bare = tmp_path / "bare.db"
    bare_db = sqlite_utils.Database(bare)
    migrate(bare_db)
    for table in ("development_articles", "developments"):  # once m009 creates them: a database without them
        bare_db.execute(f"drop table if exists {table}")
    bare_db.close()
    result = run_tracker("digest", "--db", str(bare), "--topic", "litigation")
    assert_one_line_error(result, str(bare), "no developments yet")
