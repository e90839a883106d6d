"""`mindlex serve`: build, serve on loopback, and rebuild on every save."""

from __future__ import annotations

import contextlib
import errno
import gc
import socket
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from mindlex.cli.output import err, fail_config, print_diagnostics
from mindlex.config import load_config
from mindlex.diagnostic import Diagnostic
from mindlex.errors import ConfigError

if TYPE_CHECKING:  # the server stack is loaded by `serve` only, not by every command
    from starlette.applications import Starlette

    from mindlex.publish.pipeline import BuildResult
    from mindlex.server.state import ServeState


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_command)


def serve_command(
    root: Path = typer.Argument(Path("."), help="Glossary folder (holding mindlex.toml)."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(8000, "--port", "-p", min=1, max=65535, help="Port to listen on."),
    watch_files: bool = typer.Option(True, "--watch/--no-watch", help="Rebuild on changes."),
) -> None:
    """Preview the site with live reload; drafts and lint findings are shown, not hidden."""
    try:
        config = load_config(root)
        check_port(host, port)
    except ConfigError as exc:
        fail_config(exc)
    from mindlex.server.app import create_app
    from mindlex.server.reload import live_site, rebuild
    from mindlex.server.state import ServeState

    shown_host = f"[{host}]" if ":" in host else host
    state = ServeState(root=config.root, base_url=f"http://{shown_host}:{port}/")
    live_site(state)  # pages are kept in memory and rendered on request
    # The glossary read at start lives as long as the server: the collector would only
    # walk its millions of objects again and again while they are made, and on every save.
    gc.disable()
    try:
        result, broken = rebuild(state)
    finally:
        gc.collect()
        gc.freeze()
        gc.enable()
    _report(result, broken)
    state.broken = broken
    app = create_app(state)
    err.print(f"Serving {config.site.name} at http://{host}:{port}/ (Ctrl+C to stop)")
    import asyncio  # here, like the server stack: other commands need none of it

    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_run(app, state, host, port, watch_files))


def check_port(host: str, port: int) -> None:
    """Bind and release the address first, so a busy port is a plain usage error before
    anything is built or announced (the server binds the same way, with SO_REUSEADDR)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise ConfigError(f"--host {host}: not an address this machine knows ({exc})") from None
    family, kind, proto, _name, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise ConfigError(
                    f"port {port} on {host} is already in use (is another `mindlex serve` "
                    f"running?); choose another with --port {port + 1 if port < 65535 else 8000}"
                ) from None
            if exc.errno == errno.EACCES:
                raise ConfigError(
                    f"port {port} needs special rights on this machine; "
                    "choose one above 1023 with --port 8000"
                ) from None
            raise ConfigError(f"cannot listen on {host}:{port}: {exc.strerror}") from None


async def _run(app: Starlette, state: ServeState, host: str, port: int, watch_files: bool) -> None:
    import asyncio

    import uvicorn

    from mindlex.server.reload import watch

    server = uvicorn.Server(
        uvicorn.Config(app, host=host, port=port, log_level="warning", timeout_graceful_shutdown=1)
    )
    stop = asyncio.Event()
    watcher = asyncio.create_task(watch(state, _report, stop)) if watch_files else None
    try:
        await server.serve()
    finally:
        stop.set()
        if watcher is not None:
            await asyncio.wait([watcher], timeout=2)


_printed: set[str] = set()
"""Findings already printed: after the first build, a save prints only what is new."""
_rendered: dict[int, tuple[Diagnostic, str]] = {}
"""Each finding of the last report with its line: the same objects come back after a save."""


def _line(diag: Diagnostic) -> str:
    """`diag.render()`, reused from the last report for the very same finding."""
    found = _rendered.get(id(diag))
    return found[1] if found is not None and found[0] is diag else diag.render()


def _report(result: BuildResult | None, broken: list[Diagnostic]) -> None:
    if broken:
        print_diagnostics(broken)
        err.print("[red]Preview not updated for these files[/red]: the browser shows the errors.")
    if result is not None:
        lines = {id(d): _line(d) for d in result.diagnostics}
        shown = [d for d in result.diagnostics if d not in broken and lines[id(d)] not in _printed]
        _printed.clear()
        _printed.update(lines.values())
        _rendered.clear()  # unchanged articles keep their findings: render each once
        _rendered.update((id(d), (d, lines[id(d)])) for d in result.diagnostics)
        print_diagnostics(shown)
        took = result.timings.get("total", sum(result.timings.values()))
        err.print(f"Rebuilt {len(result.published)} article(s) in {took:.2f} s.")
