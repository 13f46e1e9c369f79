"""`workbench serve` on a port that is already taken: one clear line and a non-zero exit."""
from __future__ import annotations

import contextlib
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


def _serving(app, **config):
    """`workbench serve`'s server for `app` on a free loopback port, running in a thread."""
    import threading

    from workbench.serving import build_server

    app.config.update(config)
    listener = socket.create_server(("127.0.0.1", 0))
    server = build_server(app, listener, threads=2)
    def run() -> None:
        with contextlib.suppress(OSError, ValueError):  # the test closes the server under the running loop
            server.run()

    threading.Thread(target=run, daemon=True).start()
    return server, listener.getsockname()[1]


def test_serve_sets_its_limits_deliberately(app):
    from workbench.serving import serve_settings

    settings = serve_settings(app.config, 8)
    assert settings["channel_timeout"] == 20 and settings["connection_limit"] == 250
    assert settings["max_request_body_size"] == app.config["MAX_CONTENT_LENGTH"]
    assert settings["max_request_header_size"] == 64 * 1024


def test_an_idle_connection_is_closed_after_the_channel_timeout(app):
    import time

    server, port = _serving(app, SERVE_CHANNEL_TIMEOUT=1, SERVE_CLEANUP_INTERVAL=1)
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=10) as idle:
            started = time.monotonic()
            assert idle.recv(1) == b""  # the server closed the idle connection
            assert time.monotonic() - started < 8
    finally:
        server.close()


def test_a_body_beyond_the_upload_limit_is_refused_by_the_server(app):
    server, port = _serving(app, MAX_CONTENT_LENGTH=1000)
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
            conn.sendall(b"POST /articles/import HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n" + b"x" * 5000)
            assert conn.recv(100).startswith(b"HTTP/1.1 413")
    finally:
        server.close()
