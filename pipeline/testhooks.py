"""Crash points for tests: a crawl can be stopped at a named point and killed there (tests/test_crash.py)."""

from __future__ import annotations

import os
import time
from pathlib import Path


def pause_for_test(stage: str) -> None:
    """TEST-ONLY hook: with TRACKER_TEST_PAUSE_AT=stage[:n], stop at the n-th pass through `stage`.

    It writes TRACKER_TEST_PAUSE_FILE and sleeps, so a test can kill -9 the
    crawl at a known point (tests/test_crash.py). Without the variable, it does nothing.
    """
    wanted = os.environ.get("TRACKER_TEST_PAUSE_AT")
    if not wanted:
        return
    name, _, nth = wanted.partition(":")
    if name != stage:
        return
    _PAUSE_PASSES[stage] = _PAUSE_PASSES.get(stage, 0) + 1
    if _PAUSE_PASSES[stage] != int(nth or 1):
        return
    Path(os.environ["TRACKER_TEST_PAUSE_FILE"]).write_text(f"{stage} {os.getpid()}\n")
    while True:
        time.sleep(60)


_PAUSE_PASSES: dict[str, int] = {}
