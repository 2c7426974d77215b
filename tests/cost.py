"""Tests say what they cost: a test not marked `slow` (or `browser`) may not start a server or run the tracker.

`make test-fast` (pytest -m "not slow and not browser") leaves the marked tests out and must stay under a
minute. This plugin keeps the marks true: while an unmarked test runs (its fixtures included), opening
a listening socket (a fixture site, a fake API, Datasette) or starting `tracker`, `datasette` or
`chromium` as a subprocess fails the test, saying which mark it lacks. Loaded by tests/conftest.py.
"""

from __future__ import annotations

import socket
import subprocess
from contextlib import contextmanager
from pathlib import Path

import pytest

COSTLY_PROGRAMS = {"tracker", "datasette", "chromium"}


class UndeclaredCost(AssertionError):
    pass


def program_name(args) -> str:
    """`tracker` for [.../bin/tracker, ...], `datasette` for [python, -m, datasette, ...]."""
    argv = [str(a) for a in args] if isinstance(args, list | tuple) else str(args).split()
    if len(argv) > 2 and argv[1] == "-m":
        return argv[2]
    return Path(argv[0]).name if argv else ""


@contextmanager
def refusing_costly_work(nodeid: str):
    listen, popen_init = socket.socket.listen, subprocess.Popen.__init__

    def refuse_listen(self, *args, **kwargs):
        raise UndeclaredCost(f"{nodeid} starts a server: mark it @pytest.mark.slow")

    def refuse_popen(self, args, *rest, **kwargs):
        program = program_name(args)
        if program in COSTLY_PROGRAMS:
            raise UndeclaredCost(f"{nodeid} runs `{program}` as a subprocess: mark it @pytest.mark.slow")
        popen_init(self, args, *rest, **kwargs)

    socket.socket.listen, subprocess.Popen.__init__ = refuse_listen, refuse_popen
    try:
        yield
    finally:
        socket.socket.listen, subprocess.Popen.__init__ = listen, popen_init


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item, nextitem):
    if item.get_closest_marker("slow") or item.get_closest_marker("browser"):
        return (yield)
    # Setup, call and teardown: a module- or session-scoped fixture that starts a server is set up
    # inside the first test that asks for it, so it is caught here too.
    with refusing_costly_work(item.nodeid):
        return (yield)
