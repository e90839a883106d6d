"""Run the workspace on the loopback interface and announce its one-time link."""

from __future__ import annotations

import datetime as dt
import socket
from collections.abc import Callable
from pathlib import Path

import uvicorn

from mindlex.errors import ConfigError
from mindlex.workspace.app import Workspace, create_workspace
from mindlex.workspace.security import Guard

HOST = "127.0.0.1"


def bind(port: int) -> socket.socket:
    """Listen on 127.0.0.1 only; never on an address other machines can reach."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((HOST, port))
    except OSError:
        sock.close()
        raise
    return sock


def run_workspace(
    root: Path,
    port: int,
    keys: dict[str, Path],
    within_days: int,
    today: dt.date | None,
    *,
    announce: Callable[[str], None],
) -> None:
    try:
        sock = bind(port)
    except OSError as exc:
        raise ConfigError(f"--port: cannot listen on {HOST}:{port} ({exc.strerror})") from None
    guard = Guard(sock.getsockname()[1])
    app = create_workspace(Workspace(root, guard, keys, within_days, today))
    config = uvicorn.Config(
        app, log_level="warning", lifespan="off", ws="none", http="h11", access_log=False
    )
    announce(guard.url())
    uvicorn.Server(config).run(sockets=[sock])
