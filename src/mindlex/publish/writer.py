"""Write a whole site into a staging folder, then swap it into place in one step."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Protocol

from mindlex.publish.swap import clean_leftovers, replace_folder


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
        clean_leftovers(self.out)
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
        """Put the staging folder in place of the output folder, in one step where the
        system allows (`swap.replace_folder`), then delete the old site."""
        if self.out.exists() and not (self.out / ".mindlex-site").exists():
            if any(self.out.iterdir()):
                self.abort()
                raise FileExistsError(
                    f"{self.out} exists and was not made by mindlex; refusing to replace it "
                    "(choose another --out or empty it)"
                )
            self.out.rmdir()
        (self.staging / ".mindlex-site").write_text("built by mindlex\n", encoding="utf-8")
        aside = self.out.with_name(f".{self.out.name}.old-{os.getpid()}")
        old = replace_folder(self.staging, self.out, aside)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)

    def abort(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)
