"""Alert subscriptions: who gets which developments, how often, and where (config/alerts.yaml).

A subscription selects developments the way a feed does (a saved filter of
config/filters.yaml, a topic, an entity, a case or a bill), has a cadence
(`immediate`: every `tracker alerts send`; `daily`; `weekly`) and destinations:
e-mail addresses and webhooks. Secrets never sit in the file: SMTP settings come
from the environment (TRACKER_SMTP_*) and a webhook is named by the environment
variable that holds its URL, since Slack and Teams webhook URLs are credentials.

Each destination is delivered to, and remembered, on its own: one bouncing
address or dead webhook neither blocks nor repeats the others.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

import yaml

from pipeline.publish.saved_filters import SavedFilter

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_ALERTS = ROOT / "config" / "alerts.yaml"
SELECTIONS = ("filter", "topic", "entity", "case", "bill")
CADENCES = ("immediate", "daily", "weekly")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEBHOOK_STYLES = ("json", "slack", "teams", "apprise")
KEYS = {"name", *SELECTIONS, "cadence", "at", "day", "email", "webhooks"}
TOP_KEYS = {"base_url", "timeout", "subscriptions"}
EMAIL = re.compile(r"^[^@\s,]+@[^@\s,]+\.[^@\s,]+$")
ENV_NAME = re.compile(r"^[A-Z_][A-Z0-9_]*$")


class AlertsError(ValueError):
    """The alerts file (or the environment it names) cannot be used; the message says where and why, on one line."""


@dataclass(frozen=True)
class Destination:
    kind: str  # "email" or a webhook style
    target: str  # the address, or the name of the environment variable holding the URL

    @property
    def key(self) -> str:
        """How deliveries to it are remembered: stable across runs, and without the secret URL."""
        return f"email:{self.target}" if self.kind == "email" else f"{self.kind}:${self.target}"


@dataclass
class Subscription:
    name: str
    selection: str  # one of SELECTIONS
    value: str
    cadence: str = "daily"
    at: str = "07:00"  # UTC, when a daily or weekly digest becomes due
    day: str = "monday"
    destinations: list[Destination] = field(default_factory=list)

    def describe(self) -> str:
        return f"{self.selection} {self.value}"


@dataclass
class AlertsConfig:
    subscriptions: list[Subscription]
    base_url: str = "http://127.0.0.1:8001"
    timeout: float = 10.0  # seconds a webhook or SMTP server may take before the try counts as failed


def load_alerts(path: str | Path = DEFAULT_ALERTS, filters: list[SavedFilter] | None = None,
                topics: set[str] | None = None) -> AlertsConfig:
    """Read and check the alerts file. `filters` and `topics` (slugs), when given, catch a subscription to a saved
    filter or a topic that does not exist: it would otherwise wait in silence for developments that never come."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise AlertsError(f"{path}: cannot read alerts file: {exc.strerror or exc}") from exc
    except yaml.YAMLError as exc:
        raise AlertsError(f"{path}: not valid YAML: {str(exc).splitlines()[0]}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("subscriptions"), list):
        raise AlertsError(f"{path}: expected a top-level 'subscriptions:' list")
    unknown = set(data) - TOP_KEYS
    if unknown:
        raise AlertsError(f"{path}: unknown top-level key(s) {', '.join(sorted(unknown))}")
    base_url = str(data.get("base_url") or AlertsConfig.base_url).rstrip("/")
    if urlsplit(base_url).scheme not in ("http", "https"):
        raise AlertsError(f"{path}: base_url must be an http(s) address, not {base_url!r}")
    try:
        timeout = float(data.get("timeout") or AlertsConfig.timeout)
    except (TypeError, ValueError):
        raise AlertsError(f"{path}: timeout must be a number of seconds") from None
    slugs = {f.slug for f in filters} | {f.name for f in filters} if filters is not None else None
    subscriptions, names = [], set()
    for number, entry in enumerate(data["subscriptions"], 1):
        where = f"{path}: subscription {number}"
        if not isinstance(entry, dict) or not str(entry.get("name") or "").strip():
            raise AlertsError(f"{where}: every subscription needs a 'name'")
        name = str(entry["name"]).strip()
        where = f"{where} ({name})"
        if name in names:
            raise AlertsError(f"{where}: the name is used twice (deliveries are remembered by name)")
        names.add(name)
        unknown = set(entry) - KEYS
        if unknown:
            raise AlertsError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
        chosen = [key for key in SELECTIONS if entry.get(key) not in (None, "")]
        if len(chosen) != 1:
            raise AlertsError(f"{where}: needs exactly one of {', '.join(SELECTIONS)} (what it follows)")
        selection, value = chosen[0], str(entry[chosen[0]]).strip()
        if selection == "filter" and slugs is not None and value not in slugs:
            raise AlertsError(f"{where}: filter: no saved filter {value!r} in config/filters.yaml")
        if selection == "topic" and topics and value not in topics:
            raise AlertsError(f"{where}: topic: no topic {value!r}; known: {', '.join(sorted(topics))}")
        cadence = str(entry.get("cadence") or "daily")
        if cadence not in CADENCES:
            raise AlertsError(f"{where}: cadence must be one of {', '.join(CADENCES)}, not {cadence!r}")
        at = str(entry.get("at") or "07:00")
        if not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", at):
            raise AlertsError(f"{where}: at must be a time of day as HH:MM (UTC), not {at!r}")
        day = str(entry.get("day") or "monday").lower()
        if day not in WEEKDAYS:
            raise AlertsError(f"{where}: day must be a weekday name (monday ... sunday), not {day!r}")
        destinations = _emails(entry.get("email"), where) + _webhooks(entry.get("webhooks"), where)
        if not destinations:
            raise AlertsError(f"{where}: needs at least one destination (email or webhooks)")
        subscriptions.append(Subscription(name, selection, value, cadence, at, day, destinations))
    return AlertsConfig(subscriptions, base_url, timeout)


def _emails(value, where: str) -> list[Destination]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise AlertsError(f"{where}: email must be a list of addresses")
    for address in value:
        if not EMAIL.match(address.strip()):
            raise AlertsError(f"{where}: email: {address!r} is not an e-mail address")
    return [Destination("email", address.strip()) for address in value]


def _webhooks(value, where: str) -> list[Destination]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise AlertsError(f"{where}: webhooks must be a list of {{url_env: NAME, style: ...}}")
    out = []
    for number, hook in enumerate(value, 1):
        here = f"{where}: webhook {number}"
        if not isinstance(hook, dict) or set(hook) - {"url_env", "style"}:
            raise AlertsError(f"{here}: expected url_env (and style); the URL itself stays in the environment")
        env = str(hook.get("url_env") or "")
        if not ENV_NAME.match(env):
            raise AlertsError(f"{here}: url_env must name an environment variable (like SLACK_WEBHOOK_URL), "
                              f"not {env!r}")
        style = str(hook.get("style") or "json")
        if style not in WEBHOOK_STYLES:
            raise AlertsError(f"{here}: style must be one of {', '.join(WEBHOOK_STYLES)}, not {style!r}")
        out.append(Destination(style, env))
    return out


# --- when a subscription is due -------------------------------------------------------------------------------

def current_slot(subscription: Subscription, now: datetime) -> datetime | None:
    """The start of the period a digest belongs to: the last daily (or weekly) `at` not after now.

    A digest is due when none was handled since this moment. Anchoring on the
    clock, not on "24 hours after the last one", keeps the morning digest in the
    morning however late each cron run happens to finish. None for `immediate`.
    """
    if subscription.cadence == "immediate":
        return None
    hour, minute = (int(part) for part in subscription.at.split(":"))
    slot = now.replace(hour=hour, minute=minute, second=0, microsecond=0)
    if subscription.cadence == "weekly":
        slot -= timedelta(days=(slot.weekday() - WEEKDAYS.index(subscription.day)) % 7)
    while slot > now:
        slot -= timedelta(days=7 if subscription.cadence == "weekly" else 1)
    return slot


def first_since(subscription: Subscription, now: datetime) -> datetime:
    """Where a new destination's history begins: one period back, not the whole archive."""
    period = timedelta(days=7 if subscription.cadence == "weekly" else 1)
    return (current_slot(subscription, now) or now) - period


def backoff(failures: int) -> timedelta:
    """Wait before trying a failing destination again: 5 minutes, doubling, at most 12 hours."""
    return min(timedelta(minutes=5) * 2 ** max(failures - 1, 0), timedelta(hours=12))


# --- destinations as Apprise URLs ------------------------------------------------------------------------------

def smtp_settings(env=os.environ) -> dict:
    """SMTP settings from TRACKER_SMTP_HOST, _PORT, _USER, _PASSWORD, _FROM and _STARTTLS (yes, no, ssl)."""
    host = env.get("TRACKER_SMTP_HOST", "").strip()
    sender = env.get("TRACKER_SMTP_FROM", "").strip()
    if not host or not sender:
        raise AlertsError("e-mail needs TRACKER_SMTP_HOST and TRACKER_SMTP_FROM in the environment")
    security = env.get("TRACKER_SMTP_STARTTLS", "yes").strip().lower()
    modes = {"yes": "starttls", "1": "starttls", "true": "starttls", "no": "insecure", "0": "insecure",
             "false": "insecure", "ssl": "ssl"}
    if security not in modes:
        raise AlertsError(f"TRACKER_SMTP_STARTTLS must be yes, no or ssl, not {security!r}")
    default_port = {"starttls": 587, "insecure": 25, "ssl": 465}[modes[security]]
    try:
        port = int(env.get("TRACKER_SMTP_PORT") or default_port)
    except ValueError:
        raise AlertsError(f"TRACKER_SMTP_PORT must be a number, not {env.get('TRACKER_SMTP_PORT')!r}") from None
    return {"host": host, "port": port, "user": env.get("TRACKER_SMTP_USER", ""),
            "password": env.get("TRACKER_SMTP_PASSWORD", ""), "from": sender, "mode": modes[security]}


def apprise_url(destination: Destination, timeout: float, env=os.environ) -> str:
    """The Apprise URL that delivers to this destination; AlertsError when the environment lacks a setting."""
    if destination.kind == "email":
        smtp = smtp_settings(env)
        # Apprise's documented mailto:// options: smtp= the server, mode= starttls, ssl or insecure (plain,
        # for a relay on localhost), from= and to=. One recipient per message: no one sees the other readers.
        auth = f"{quote(smtp['user'], safe='')}:{quote(smtp['password'], safe='')}@" if smtp["user"] else ""
        query = urlencode({"smtp": smtp["host"], "from": smtp["from"], "to": destination.target,
                           "mode": smtp["mode"], "format": "html", "cto": f"{timeout:g}"})
        return f"mailto://{auth}{smtp['host']}:{smtp['port']}?{query}"
    url = env.get(destination.target, "").strip()
    if not url:
        raise AlertsError(f"webhook: environment variable {destination.target} is not set")
    if destination.kind == "apprise":  # any service Apprise knows (Discord, Matrix, ntfy...), as its own URL
        return url
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise AlertsError(f"webhook: {destination.target} must hold an http(s) URL for style {destination.kind}")
    timeouts = f"cto={timeout:g}&rto={timeout:g}"
    if destination.kind == "json":
        # json:// and jsons:// are Apprise's generic JSON POST: {"version", "title", "message", "type"}.
        scheme = "jsons" if parts.scheme == "https" else "json"
        query = f"{parts.query}&{timeouts}" if parts.query else timeouts
        return f"{scheme}://{parts.netloc}{parts.path}?{query}"
    # Slack incoming webhooks (https://hooks.slack.com/services/...) and Teams workflow webhooks (Power
    # Automate: .../workflows/ID/triggers/manual/paths/invoke?...) are recognised by Apprise as they are and
    # sent in each service's own format. (Apprise 2 has no plugin for the retired Office 365 connectors.)
    if destination.kind == "slack":
        timeouts += "&footer=no&image=no"  # no "Apprise" footer or icon under our digest
    return f"{url}{'&' if parts.query else '?'}{timeouts}"
