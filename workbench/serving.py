"""`workbench serve`: the app on Waitress with deliberate limits, and background job workers in
the same process, so one command (scripts/run) starts everything a user needs."""
from __future__ import annotations

import socket

import click
from flask import current_app
from flask.cli import with_appcontext
from waitress import create_server

from workbench.jobs.tasks import job_queue

# Request headers beyond this are refused (431): a page request needs a few kB (cookie included).
MAX_HEADER_BYTES = 64 * 1024


def serve_settings(config, threads: int) -> dict:
    """Waitress's limits for `workbench serve`, set deliberately rather than left at its defaults.

    Waitress's defaults keep an idle connection for 120 s and admit 100 at once, so 110 idle
    sockets locked everyone out for two minutes; a body of up to 1 GB was read before the app
    refused it. Here an idle connection (no request in flight) is closed after
    SERVE_CHANNEL_TIMEOUT seconds, more connections are admitted, and a body larger than the
    upload limit is refused by the server. What a proxy must add is in docs/deployment.md.
    """
    return {
        "threads": threads,
        "connection_limit": int(config["SERVE_CONNECTION_LIMIT"]),
        "channel_timeout": int(config["SERVE_CHANNEL_TIMEOUT"]),
        "cleanup_interval": int(config["SERVE_CLEANUP_INTERVAL"]),
        "max_request_header_size": MAX_HEADER_BYTES,
        "max_request_body_size": int(config["MAX_CONTENT_LENGTH"]),
        "ident": "workbench",
    }


def build_server(app, listener: socket.socket, threads: int):
    """The Waitress server of `workbench serve` on an already bound socket."""
    return create_server(app, sockets=[listener], **serve_settings(app.config, threads))


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 64))
@click.option("--job-workers", default=1, show_default=True, type=click.IntRange(0, 64),
              help="Background jobs run in this process at once (0: leave them to `workbench worker`).")
@with_appcontext
def serve_command(host: str, port: int, threads: int, job_workers: int) -> None:
    """Serve the workbench with Waitress, a production-grade WSGI server, and run background jobs."""
    try:
        # Bind first: a port already in use is one clear line, not "Serving..." then a traceback.
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        listener = socket.create_server((host, port), family=family)
    except OSError as exc:
        raise click.ClickException(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    server = build_server(current_app._get_current_object(), listener, threads)
    queue = job_queue(current_app)
    consumer = queue.consumer(job_workers, quiet=True) if job_workers and not queue.huey.immediate else None
    if consumer is not None:
        consumer.start()
    click.echo(f"Serving the workbench on http://{host}:{port}/ (Ctrl+C stops)"
               + (f"; {job_workers} background job worker(s) in this process" if consumer else ""))
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
        if consumer is not None:
            consumer.stop(graceful=True)
