"""`workbench serve` on a port that is already taken: one clear line and a non-zero exit."""
from __future__ import annotations

import socket


def test_serve_on_a_taken_port_is_one_clear_line(runner):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = runner.invoke(args=["serve", "--port", str(port)])
    assert result.exit_code == 1
    assert f"cannot listen on 127.0.0.1:{port}" in result.output
    assert "Serving" not in result.output
    assert "Traceback" not in result.output
