"""Fixtures for the alert tests: a database with developments, a local SMTP server and a local webhook server."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import sqlite_utils

from pipeline.store.schema import migrate
from tests.conftest import free_port

HTML_TITLE = "Getty <b>wins</b> & <script>alert('x')</script> round one"


def article(db, source: str, title: str, url: str, language: str, published: str, fetched: str,
            topics=(), entities=(), description: str = "", relevant: int = 1) -> int:
    source_id = db["sources"].lookup({"name": source})
    row_id = db["articles"].insert({
        "url": url, "source_id": source_id, "title": title, "published": published, "fetched": fetched,
        "language": language, "text": description or title, "description": description, "relevant": relevant,
        "relevance": 0.9, "word_count": 300,
    }).last_pk
    for topic in topics:
        db["topics"].insert({"slug": topic, "label": topic.title()}, ignore=True)
        db["article_topics"].insert({"article_id": row_id, "topic": topic, "score": 1.0})
    for name in entities:
        entity_id = db["entities"].lookup({"name": name, "type": "ORG"})
        db["article_entities"].insert({"article_id": row_id, "entity_id": entity_id, "mentions": 2})
    return row_id


def development(db, title: str, article_ids: list[int], case_slug: str | None = None) -> int:
    rows = [db["articles"].get(i) for i in article_ids]
    dates = sorted(r["published"] for r in rows)
    sources = {r["source_id"]: db["sources"].get(r["source_id"])["name"] for r in rows}
    dev_id = db["developments"].insert({
        "title": title, "first_seen": dates[0], "last_seen": dates[-1],
        "updated": max(r["fetched"] for r in rows), "languages": json.dumps(sorted({r["language"] for r in rows})),
        "outlets": json.dumps(list(dict.fromkeys(sources[r["source_id"]] for r in sorted(rows, key=lambda r: r["published"])))),
        "topics": "[]", "entities": "[]", "case_slug": case_slug, "bill_slug": None, "articles": len(rows),
    }).last_pk
    for article_id in article_ids:
        db["development_articles"].insert({"article_id": article_id, "development_id": dev_id}, replace=True)
    return dev_id


def join(db, dev_id: int, article_id: int) -> None:
    """New coverage joins a development (what the clustering stage does), moving its `updated`."""
    db["development_articles"].insert({"article_id": article_id, "development_id": dev_id}, replace=True)
    fetched = db["articles"].get(article_id)["fetched"]
    count = db.execute("select count(*) from development_articles where development_id = ?", [dev_id]).fetchone()[0]
    db["developments"].update(dev_id, {"updated": fetched, "articles": count})


def build_db(path: Path | None, fetched: str) -> sqlite_utils.Database:
    """Two developments: a cross-language lawsuit story (three outlets, English and German, an HTML title) and a
    bill; plus an irrelevant article that no digest may show."""
    db = sqlite_utils.Database(path) if path else sqlite_utils.Database(memory=True)
    migrate(db)  # m009 makes the developments tables; this fixture fills them by hand, as the stage would
    a1 = article(db, "Wire Daily", "Getty wins first round against Stability AI", "https://wire.example/getty-1",
                 "en", "2026-12-01T09:00:00+00:00", fetched, topics=["litigation"], entities=["Getty Images"],
                 description="A London judge ruled on Getty's claims against Stability AI. The case goes on.")
    a2 = article(db, "Tech Chronicle", "Stability AI ruling: what it means", "https://chronicle.example/stability",
                 "en", "2026-12-01T15:00:00+00:00", fetched, topics=["litigation"], entities=["Getty Images"])
    a3 = article(db, "Netzpolitik Heute", "Getty gegen Stability AI: erstes Urteil", "https://np.example/getty?a=1&b=2",
                 "de", "2026-12-02T08:00:00+00:00", fetched, topics=["litigation"], entities=["Getty Images"])
    b1 = article(db, "Wire Daily", "Senate committee advances AI disclosure bill", "https://wire.example/bill",
                 "en", "2026-12-02T10:00:00+00:00", fetched, topics=["legislation"],
                 description="The bill would require AI companies to list copyrighted training works.")
    article(db, "Wire Daily", "Football results", "https://wire.example/football", "en",
            "2026-12-02T11:00:00+00:00", fetched, relevant=0)
    development(db, HTML_TITLE, [a1, a2, a3], case_slug="getty-v-stability")
    development(db, "Senate committee advances AI disclosure bill", [b1])
    return db


class WebhookServer:
    """A local HTTP server recording each POST; `mode` makes it accept (200), fail (500) or hang (slow)."""

    def __init__(self, delay: float = 3.0):
        self.requests: list[dict] = []
        self.mode = "ok"
        self.delay = delay
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's name)
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                mode = server.mode  # as the request arrived: a slow answer may finish after the test changed it
                if mode == "slow":
                    time.sleep(server.delay)
                server.requests.append({"path": self.path, "headers": dict(self.headers), "body": body,
                                        "mode": mode})
                status = 500 if mode == "500" else 200
                self.send_response(status)
                self.send_header("Content-Type", "text/plain")
                self.end_headers()
                self.wfile.write(b"ok" if status == 200 else b"internal error")

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/hook"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def accepted(self) -> list[dict]:
        return [json.loads(r["body"]) for r in self.requests if r["mode"] == "ok"]

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


class SMTPServer:
    """aiosmtpd on 127.0.0.1 keeping every message it receives."""

    def __init__(self, login: tuple[str, str] | None = None):
        from aiosmtpd.controller import Controller
        from aiosmtpd.smtp import AuthResult, LoginPassword

        self.messages: list = []
        self.logins: list[tuple[str, str]] = []
        outer = self

        def authenticator(server, session, envelope, mechanism, auth_data):
            if isinstance(auth_data, LoginPassword):
                outer.logins.append((auth_data.login.decode(), auth_data.password.decode()))
                return AuthResult(success=(outer.logins[-1] == login))
            return AuthResult(success=False)

        class Handler:
            async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
                import email
                from email import policy

                outer.messages.append(email.message_from_bytes(envelope.original_content or envelope.content,
                                                               policy=policy.default))
                return "250 Message accepted for delivery"

        self.port = free_port()
        self.login = login
        # With a login: AUTH over plain SMTP, which aiosmtpd allows only when told to (no TLS on loopback here).
        extra = {"authenticator": authenticator, "auth_require_tls": False, "auth_required": True} if login else {}
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port, **extra)

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()

    def env(self) -> dict:
        env = {"TRACKER_SMTP_HOST": "127.0.0.1", "TRACKER_SMTP_PORT": str(self.port),
               "TRACKER_SMTP_FROM": "tracker@example.org", "TRACKER_SMTP_STARTTLS": "no"}
        if self.login:
            env.update({"TRACKER_SMTP_USER": self.login[0], "TRACKER_SMTP_PASSWORD": self.login[1]})
        return env
