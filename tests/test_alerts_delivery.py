"""`tracker alerts send` against real servers on 127.0.0.1: SMTP (aiosmtpd) and a webhook (http.server).

Run as cron runs it (the installed `tracker` command in a subprocess): the
messages, the links and the escaping as they arrive; a 500 and a timeout; two
sends at once; kill -9 at each point of a send. The picture of the HTML e-mail in
the docs is made by tests/test_alerts_picture.py from a message received the same way.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from datetime import timedelta
from pathlib import Path

import pytest

from pipeline.clock import now_utc
from tests.alerts_env import HTML_TITLE, SMTPServer, WebhookServer, build_db
from tests.conftest import ARTIFACTS, TRACKER

pytestmark = pytest.mark.slow


def setup(tmp_path: Path, hook: WebhookServer | None, smtp: SMTPServer | None, timeout: float = 5,
          emails=("legal@example.org",)) -> tuple[Path, Path, dict]:
    db_path = tmp_path / "tracker.db"
    build_db(db_path, now_utc().isoformat()).close()
    entry = {"name": "Lawsuits <daily>", "filter": "lawsuits", "cadence": "immediate"}
    env = {**os.environ, "TRACKER_LOG_LEVEL": "ERROR"}
    if smtp:
        entry["email"] = list(emails)
        env.update(smtp.env())
    if hook:
        entry["webhooks"] = [{"url_env": "TEST_HOOK_URL", "style": "json"}]
        env["TEST_HOOK_URL"] = hook.url
    config = tmp_path / "alerts.yaml"
    config.write_text(json.dumps({"base_url": "https://tracker.example.org", "timeout": timeout,
                                  "subscriptions": [entry]}), encoding="utf-8")
    return db_path, config, env


def send(db_path: Path, config: Path, env: dict, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([TRACKER, "alerts", "send", "--db", str(db_path), "--config", str(config), *extra],
                          capture_output=True, text=True, timeout=120, env=env)


def start(db_path: Path, config: Path, env: dict, pause: str) -> tuple[subprocess.Popen, Path]:
    marker = db_path.parent / f"paused-{pause.replace(':', '-')}"
    proc = subprocess.Popen([TRACKER, "alerts", "send", "--db", str(db_path), "--config", str(config)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**env, "TRACKER_TEST_PAUSE_AT": pause, "TRACKER_TEST_PAUSE_FILE": str(marker)})
    deadline = time.monotonic() + 60
    while not marker.exists():
        assert proc.poll() is None, f"send ended before pausing at {pause}: {proc.communicate()}"
        assert time.monotonic() < deadline, f"send did not reach {pause}"
        time.sleep(0.05)
    return proc, marker


def kill(proc: subprocess.Popen) -> None:
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()


def deliveries(db_path: Path) -> int:
    import sqlite3

    conn = sqlite3.connect(db_path)
    try:
        return conn.execute("select count(*) from alert_deliveries").fetchone()[0]
    finally:
        conn.close()


def test_email_and_webhook_arrive_with_links_and_titles_as_text(tmp_path):
    with SMTPServer() as smtp, WebhookServer() as hook:
        db_path, config, env = setup(tmp_path, hook, smtp)
        dry = send(db_path, config, env, "--dry-run")
        assert dry.returncode == 0, dry.stderr
        assert "would send 1 development" in dry.stdout and HTML_TITLE in dry.stdout
        assert not smtp.messages and not hook.requests and deliveries(db_path) == 0

        result = send(db_path, config, env)
        assert result.returncode == 0, result.stderr
        assert "alerts: 2 sent, 0 failed" in result.stdout

        [mail] = smtp.messages
        assert mail["To"] == "legal@example.org" and "tracker@example.org" in mail["From"]
        assert mail["Subject"] == "Lawsuits <daily>: 1 development"
        assert mail["X-Tracker-Digest"]
        html = mail.get_body(("html",)).get_content()
        text = mail.get_body(("plain",)).get_content()
        assert "Getty &lt;b&gt;wins&lt;/b&gt; &amp; &lt;script&gt;" in html and "<script>" not in html
        assert HTML_TITLE in text, text
        assert "https://tracker.example.org/tracker/development?id=1" in html
        assert 'href="https://np.example/getty?a=1&amp;b=2"' in html
        assert "also covered by Tech Chronicle, Netzpolitik Heute" in html
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / "digest-email.html").write_text(html, encoding="utf-8")

        [payload] = hook.accepted()
        assert payload["title"] == "Lawsuits <daily>: 1 development"
        assert HTML_TITLE in payload["message"] and "&lt;" not in payload["message"]
        assert "https://tracker.example.org/tracker/development?id=1" in payload["message"]
        assert "https://chronicle.example/stability" in payload["message"]
        assert len(payload["digest_id"]) == 20 and len(mail["X-Tracker-Digest"]) == 20

        again = send(db_path, config, env)
        assert "alerts: 0 sent, 0 failed, 2 with nothing new" in again.stdout
        assert len(smtp.messages) == 1 and len(hook.requests) == 1


@pytest.mark.parametrize("mode", ["500", "slow"])
def test_a_failing_webhook_is_retried_later_and_shows_in_status(tmp_path, mode):
    with WebhookServer(delay=4) as hook:
        db_path, config, env = setup(tmp_path, hook, None, timeout=1)
        hook.mode = mode
        result = send(db_path, config, env)
        assert result.returncode == 1
        assert "FAILED" in result.stdout and "retried with back-off" in result.stderr
        assert deliveries(db_path) == 0
        status = subprocess.run([TRACKER, "status", "--db", str(db_path), "--json"], capture_output=True, text=True,
                                env=env)
        [failing] = json.loads(status.stdout)["failing_alerts"]
        assert failing["destination"] == "json:$TEST_HOOK_URL" and failing["consecutive_failures"] == 1
        # The next cron run is inside the back-off: nothing is tried.
        hook.mode = "ok"
        assert "backing off" in send(db_path, config, env).stdout
        assert not hook.accepted()
        # Past it (as if minutes went by), the same digest goes out once.
        import sqlite3

        conn = sqlite3.connect(db_path)
        with conn:
            conn.execute("update alert_destinations set next_attempt = '2000-01-01T00:00:00+00:00'")
        conn.close()
        assert send(db_path, config, env).returncode == 0
        [payload] = hook.accepted()
        assert HTML_TITLE in payload["message"]
        assert deliveries(db_path) == 3


def test_two_sends_at_once_send_once(tmp_path):
    with WebhookServer() as hook:
        db_path, config, env = setup(tmp_path, hook, None)
        first, _ = start(db_path, config, env, "alerts_send")
        second = send(db_path, config, env)
        assert second.returncode == 75, second.stderr
        assert "another `tracker alerts send`" in second.stderr and not hook.requests
        kill(first)
        assert send(db_path, config, env).returncode == 0
        assert len(hook.accepted()) == 1


def test_kill_9_during_a_send_neither_loses_nor_repeats_what_was_recorded(tmp_path):
    with SMTPServer() as smtp, WebhookServer() as hook:
        db_path, config, env = setup(tmp_path, hook, smtp, emails=("a@example.org",))
        # Killed before the first destination was tried: nothing went out, nothing is recorded.
        proc, marker = start(db_path, config, env, "alerts_send")
        kill(proc)
        marker.unlink()
        assert not smtp.messages and deliveries(db_path) == 0
        # Killed after the e-mail was accepted and recorded, before the webhook: the rerun sends only the webhook.
        proc, marker = start(db_path, config, env, "alerts_recorded:1")
        kill(proc)
        assert len(smtp.messages) == 1 and not hook.requests
        result = send(db_path, config, env)
        assert result.returncode == 0, result.stderr
        assert len(smtp.messages) == 1 and len(hook.accepted()) == 1


def test_killed_between_acceptance_and_record_the_repeat_carries_the_same_digest_id(tmp_path):
    # The one window no sender can close without the receiver's help: the destination accepted, the process
    # died before writing that down. The rerun sends again, with the same id, so a receiver can drop it.
    with WebhookServer() as hook:
        db_path, config, env = setup(tmp_path, hook, None)
        proc, _ = start(db_path, config, env, "alerts_accepted")
        kill(proc)
        assert deliveries(db_path) == 0
        assert send(db_path, config, env).returncode == 0
        first, second = hook.accepted()
        assert first["digest_id"] == second["digest_id"]
        assert "nothing new" in send(db_path, config, env).stdout


def test_digest_command_writes_markdown_and_html(tmp_path):
    db_path = tmp_path / "tracker.db"
    build_db(db_path, now_utc().isoformat()).close()
    out = tmp_path / "digest.html"
    result = subprocess.run([TRACKER, "digest", "--db", str(db_path), "--filter", "lawsuits", "--since", "7d",
                             "--format", "html", "--out", str(out), "--base-url", "https://t.example"],
                            capture_output=True, text=True, env=os.environ)
    assert result.returncode == 0, result.stderr
    assert "Lawsuits against AI companies" in out.read_text() and "&lt;script&gt;" in out.read_text()
    md = subprocess.run([TRACKER, "digest", "--db", str(db_path), "--topic", "legislation", "--format", "md"],
                        capture_output=True, text=True, env=os.environ)
    assert md.returncode == 0 and md.stdout.startswith("# Topic: legislation")
    assert "Senate committee advances AI disclosure bill" in md.stdout
    bad = subprocess.run([TRACKER, "digest", "--db", str(db_path), "--since", "7d"], capture_output=True, text=True)
    assert bad.returncode == 2 and "exactly one of --filter" in bad.stderr


def test_slack_gets_its_own_format_with_markup_escaped_for_slack(monkeypatch):
    # Apprise posts Slack webhooks to hooks.slack.com: pointed here at the local server, the body is what Slack
    # would get. Slack reads <, > and & as markup, so they must arrive as &lt; &gt; &amp; (Slack shows them as text).
    import apprise.plugins.slack as slack

    from pipeline.publish.alerts import Destination
    from pipeline.publish.send import deliver, digest_for

    db = build_db(None, now_utc().isoformat())
    digest = digest_for(db.conn, "topic", "litigation", [], timedelta(days=7), "https://t.example", "Lawsuits")
    with WebhookServer() as hook:
        monkeypatch.setattr(slack.NotifySlack, "webhook_url", hook.url.replace("/hook", "/services"))
        monkeypatch.setenv("SLACK_URL", "https://hooks.slack.com/services/T1JJ3T3L2/A1BRTD4JD/TIiajkdnlazkcOXrIdevi7")
        assert deliver(Destination("slack", "SLACK_URL"), digest, 3, "x") is None
        [request] = hook.requests
    assert request["path"] == "/services/T1JJ3T3L2/A1BRTD4JD/TIiajkdnlazkcOXrIdevi7"
    [attachment] = json.loads(request["body"])["attachments"]
    assert attachment["title"] == "Lawsuits: 1 development"
    assert "Getty &lt;b&gt;wins&lt;/b&gt; &amp; &lt;script&gt;" in attachment["text"]
    assert "https://t.example/tracker/development?id=1" in attachment["text"]
    assert attachment.get("footer") is None


def test_teams_workflow_urls_are_recognised_offline(monkeypatch):
    import apprise

    from pipeline.publish.alerts import Destination, apprise_url

    monkeypatch.setenv("TEAMS_URL", "https://prod-00.westus.logic.azure.com:443/workflows/abc123/triggers/manual/"
                                    "paths/invoke?api-version=2016-06-01&sp=%2Ftriggers&sv=1.0&sig=secret")
    plugin = apprise.Apprise.instantiate(apprise_url(Destination("teams", "TEAMS_URL"), 4))
    assert type(plugin).__name__ == "NotifyWorkflows"


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")  # loopback only, on purpose
def test_smtp_login_with_awkward_characters_and_a_refused_login(tmp_path):
    login = ("alerts@example.org", "p@ss:w/rd?&#%")
    with SMTPServer(login=login) as smtp:
        db_path, config, env = setup(tmp_path, None, smtp)
        result = send(db_path, config, env)
        assert result.returncode == 0, result.stdout + result.stderr
        assert smtp.logins == [login] and len(smtp.messages) == 1
    with SMTPServer(login=login) as smtp:
        (tmp_path / "wrong").mkdir()
        db_path, config, env = setup(tmp_path / "wrong", None, smtp)
        env["TRACKER_SMTP_PASSWORD"] = "wrong"
        result = send(db_path, config, env)
        assert result.returncode == 1 and "FAILED" in result.stdout
        assert not smtp.messages and deliveries(db_path) == 0
