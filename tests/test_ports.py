"""A busy port is one clear line and a non-zero exit, not "serving at ..." while another program answers."""

from __future__ import annotations

import socket

import pytest

from tests.conftest import assert_one_line_error, run_tracker


@pytest.fixture
def busy_port():
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        yield holder.getsockname()[1]


@pytest.mark.slow
@pytest.mark.parametrize("command", [["serve"], ["demo"], ["sample-site"]])
def test_a_busy_port_is_a_one_line_error(tmp_path, busy_port, command):
    result = run_tracker(*command, "--port", str(busy_port), *(["--db", str(tmp_path / "tracker.db")]
                                                             if command != ["sample-site"] else []), timeout=60)
    assert_one_line_error(result, str(busy_port), "already in use", "--port")


@pytest.mark.slow
def test_any_port_picks_a_free_one_and_says_so(busy_port, capsys):
    from tracker.cli import port_taken, usable_port

    assert port_taken("127.0.0.1", busy_port)
    port = usable_port("127.0.0.1", busy_port, any_port=True)
    assert port != busy_port and not port_taken("127.0.0.1", port)
    assert f"port {busy_port} is taken; using port {port} instead" in capsys.readouterr().out
