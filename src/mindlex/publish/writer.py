"""Write a whole site into a staging folder, then swap it into place in one step."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Protocol


class Sink(Protocol):
    """Where rendered files go: a staging folder for builds, memory for the preview."""

    written: list[str]

    def write_text(self, rel: str, text: str) -> None: ...

    def write_bytes(self, rel: str, data: bytes) -> None: ...


class MemoryWriter:
    """Collects rendered files in a dict, for the preview server and for one-page renders."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.written: list[str] = []

    def write_text(self, rel: str, text: str) -> None:
        self.write_bytes(rel, text.encode("utf-8"))

    def write_bytes(self, rel: str, data: bytes) -> None:
        self.files[rel] = data
        self.written.append(rel)


class SiteWriter:
    """Collects files in `<out>.staging-<pid>`; the previous site survives until `commit`."""

    def __init__(self, out: Path) -> None:
        self.out = out.resolve()
        self.staging = self.out.with_name(f".{self.out.name}.staging-{os.getpid()}")
        if self.staging.exists():
            shutil.rmtree(self.staging)
        self.staging.mkdir(parents=True)
        self.written: list[str] = []

    def write_text(self, rel: str, text: str) -> None:
        self.write_bytes(rel, text.encode("utf-8"))

    def write_bytes(self, rel: str, data: bytes) -> None:
        path = self.staging / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        self.written.append(rel)

    def path(self, rel: str) -> Path:
        return self.staging / rel

    def commit(self) -> None:
        """Replace the output folder with the staging folder."""
        old = self.out.with_name(f".{self.out.name}.old-{os.getpid()}")
        if self.out.exists():
            if not (self.out / ".mindlex-site").exists() and any(self.out.iterdir()):
                self.abort()
                raise FileExistsError(
                    f"{self.out} exists and was not made by mindlex; refusing to replace it "
                    "(choose another --out or empty it)"
                )
            os.replace(self.out, old)
        (self.staging / ".mindlex-site").write_text("built by mindlex\n", encoding="utf-8")
        os.replace(self.staging, self.out)
        if old.exists():
            shutil.rmtree(old, ignore_errors=True)

    def abort(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)
