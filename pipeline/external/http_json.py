"""GET a JSON document from a public API, with the failures an operator must tell apart.

Used by the CourtListener, congress.gov and Federal Register clients (issue 8).
The request goes through pipeline.collect.http, the one HTTP client outside
Scrapy (same user agent, size cap and error wording as `tracker discover`);
its failures become four kinds, each with a one-line message:
  * AuthFailed (401/403): the token or key is missing, wrong or lacks a permission;
  * RateLimited (429): stop asking this API for now (Retry-After is reported);
  * Unreachable: no answer at all (DNS, refused, timeout);
  * ApiError: anything else (5xx, 404, too large, not JSON).
"""

from __future__ import annotations

import json
import os
from urllib.parse import urlencode, urlsplit

from pipeline.collect.http import FetchFailed, HttpStatus, NoAnswer, fetch

TIMEOUT = float(os.environ.get("TRACKER_API_TIMEOUT", "30"))


class ApiError(FetchFailed):
    """A request failed; the message is one line and names the API and the URL (without secrets)."""

    def __init__(self, message: str, status: int = 0, url: str = ""):
        super().__init__(message, url, status)


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
        url = f"{url}{'&' if '?' in url else '?'}{urlencode(params, doseq=True)}"
    try:
        body = fetch(url, timeout=TIMEOUT, headers={"Accept": "application/json", **(headers or {})}).body
    except HttpStatus as exc:
        status = exc.status
        detail = _detail(exc.body)
        if status in (401, 403):
            raise AuthFailed(f"{api}: HTTP {status} {'unauthorized' if status == 401 else 'forbidden'}"
                             f"{': ' + detail if detail else ''}{'; ' + hint if hint else ''}", status, url) from None
        if status == 429:
            retry = exc.headers.get("retry-after")
            raise RateLimited(f"{api}: HTTP 429 rate limit reached"
                              f"{f', retry after {retry} s' if retry else ''}; stopped asking it for this run",
                              status, url) from None
        raise ApiError(f"{api}: HTTP {status} for {url}{': ' + detail if detail else ''}", status, url) from None
    except NoAnswer as exc:
        reason = str(exc).removeprefix(f"{url}: ")
        raise Unreachable(f"{api}: cannot reach {urlsplit(url).netloc}: {reason}", 0, url) from None
    except FetchFailed as exc:  # too large, unreadable compression, too many redirects
        raise ApiError(f"{api}: {exc}", exc.status, url) from None
    try:
        data = json.loads(body)
    except ValueError:
        raise ApiError(f"{api}: answer from {url} is not JSON", 200, url) from None
    if not isinstance(data, dict):
        raise ApiError(f"{api}: answer from {url} is not a JSON object", 200, url)
    return data


def _detail(body: bytes) -> str:
    """The API's own explanation, when it gives one ({"detail": ...} or {"error": {"message": ...}})."""
    try:
        data = json.loads(body or b"{}")
    except ValueError:
        return ""
    if not isinstance(data, dict):
        return ""
    detail = data.get("detail") or data.get("message") or data.get("error")
    if isinstance(detail, dict):
        detail = detail.get("message") or detail.get("code")
    return " ".join(str(detail).split())[:200] if detail else ""


def base_url(env: str, default: str) -> str:
    return os.environ.get(env, default).rstrip("/")
