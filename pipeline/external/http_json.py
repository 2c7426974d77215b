"""GET a JSON document from a public API, with the failures an operator must tell apart.

Used by the CourtListener, congress.gov and Federal Register clients (issue 8).
Plain urllib: one request at a time, a timeout, an honest user agent, and
three kinds of failure, each with a one-line message:
  * AuthFailed (401/403): the token or key is missing, wrong or lacks a permission;
  * RateLimited (429): stop asking this API for now (Retry-After is reported);
  * Unreachable: no answer at all (network down, wrong URL);
  * ApiError: anything else (network, 5xx, 404, not JSON).
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.parse
import urllib.request

CONTACT_URL = os.environ.get("TRACKER_CONTACT_URL", "https://github.com/ai-copyright-tracker/tracker")
USER_AGENT = f"ai-copyright-tracker/0.1 (+{CONTACT_URL})"
TIMEOUT = float(os.environ.get("TRACKER_API_TIMEOUT", "30"))


class ApiError(RuntimeError):
    """A request failed; the message is one line and names the API and the URL (without secrets)."""

    def __init__(self, message: str, status: int = 0, url: str = ""):
        super().__init__(message)
        self.status = status
        self.url = url


class AuthFailed(ApiError):
    """401 or 403: no point asking again with the same credentials."""



class RateLimited(ApiError):
    """429: the API asks us to slow down; the rest of this run leaves it alone."""


class Unreachable(ApiError):
    """No answer at all (DNS, refused, timeout): asking about the next case would only wait again."""


# The failures after which a run stops asking that API; any other concerns one case or bill.
STOPPING = (AuthFailed, RateLimited, Unreachable)


def get_json(api: str, url: str, params: dict | None = None, headers: dict | None = None,
             hint: str = "") -> dict:
    """The decoded JSON object at `url`; raises ApiError (or a subclass) with a one-line message.

    `hint` is appended to auth failures, e.g. which environment variable holds the token.
    """
    if params:
        url = f"{url}{'&' if '?' in url else '?'}{urllib.parse.urlencode(params, doseq=True)}"
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "application/json",
                                                   **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            body = response.read()
    except urllib.error.HTTPError as exc:
        status = exc.code
        detail = _detail(exc)
        if status in (401, 403):
            raise AuthFailed(f"{api}: HTTP {status} {'unauthorized' if status == 401 else 'forbidden'}"
                             f"{': ' + detail if detail else ''}{'; ' + hint if hint else ''}", status, url) from None
        if status == 429:
            retry = exc.headers.get("Retry-After") if exc.headers else None
            raise RateLimited(f"{api}: HTTP 429 rate limit reached"
                              f"{f', retry after {retry} s' if retry else ''}; stopped asking it for this run",
                              status, url) from None
        raise ApiError(f"{api}: HTTP {status} for {url}{': ' + detail if detail else ''}", status, url) from None
    except OSError as exc:  # URLError, timeouts and refused connections are all OSErrors
        reason = getattr(exc, "reason", exc)
        raise Unreachable(f"{api}: cannot reach {urllib.parse.urlsplit(url).netloc}: {reason}", 0, url) from None
    try:
        data = json.loads(body)
    except ValueError:
        raise ApiError(f"{api}: answer from {url} is not JSON", 200, url) from None
    if not isinstance(data, dict):
        raise ApiError(f"{api}: answer from {url} is not a JSON object", 200, url)
    return data


def _detail(exc: urllib.error.HTTPError) -> str:
    """The API's own explanation, when it gives one ({"detail": ...} or {"error": {"message": ...}})."""
    try:
        data = json.loads(exc.read() or b"{}")
    except (ValueError, OSError):
        return ""
    if not isinstance(data, dict):
        return ""
    detail = data.get("detail") or data.get("message") or data.get("error")
    if isinstance(detail, dict):
        detail = detail.get("message") or detail.get("code")
    return " ".join(str(detail).split())[:200] if detail else ""


def base_url(env: str, default: str) -> str:
    return os.environ.get(env, default).rstrip("/")
