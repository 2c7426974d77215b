"""tests/cost.py: an unmarked test that starts a server or runs the tracker fails, and says which mark it lacks."""

import socket
import subprocess
import sys

import pytest

from tests.conftest import TRACKER
from tests.cost import UndeclaredCost, program_name, refusing_costly_work


def test_a_listening_socket_or_a_tracker_subprocess_is_refused():
    before = socket.socket.listen, subprocess.Popen.__init__
    with refusing_costly_work("tests/test_x.py::test_y"), socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        with pytest.raises(UndeclaredCost, match=r"test_y starts a server: mark it @pytest.mark.slow"):
            server.listen()
        with pytest.raises(UndeclaredCost, match="runs `tracker`"):
            subprocess.run([TRACKER, "--help"])
        with pytest.raises(UndeclaredCost, match="runs `datasette`"):
            subprocess.Popen([sys.executable, "-m", "datasette", "--version"])
        # Other programs (ruff, a Python helper) are not what the mark is about.
        assert subprocess.run([sys.executable, "-c", "pass"]).returncode == 0
    assert (socket.socket.listen, subprocess.Popen.__init__) == before  # and all is as it was afterwards


def test_the_program_of_a_command():
    assert program_name(["/x/.venv/bin/tracker", "crawl"]) == "tracker"
    assert program_name(["/usr/bin/python3", "-m", "datasette", "serve"]) == "datasette"
    assert program_name("chromium --headless") == "chromium"
