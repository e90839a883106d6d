"""Write a whole site into a staging folder, then swap it into place in one step."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Protocol

from mindlex.publish.swap import claim, clean_leftovers, replace_folder

MARKER = ".mindlex-site"
"""The file that says a folder was built by mindlex; written afresh by every build, so its
(inode, mtime) tells one built tree from another."""

TreeId = tuple[int, int]
"""(st_ino, st_mtime_ns) of a tree's marker file."""


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


def tree_id(folder: Path) -> TreeId | None:
    """The identity of a built tree: its marker file's inode and modification time."""
    try:
        st = os.stat(folder / MARKER)
    except OSError:
        return None
    return (st.st_ino, st.st_mtime_ns)


class SiteWriter:
    """Collects files in `<out>.staging-<pid>`; the previous site survives until `commit`.

    With `spare` (the identity of the tree a build before the last one left in
    `.<out>.spare`), that tree is claimed as the staging folder and updated in place: a
    build then writes, links and deletes only what changed since that tree was built,
    instead of linking every file of the site and deleting the old tree after the swap.
    Its files may be hard links shared with the live site, so every file is replaced by
    unlinking it first, never written into. A claimed tree that a build does not finish
    is deleted like any staging folder; `commit(keep=...)` leaves the replaced site as
    the next spare.
    """

    def __init__(self, out: Path, spare: TreeId | None = None) -> None:
        self.out = out.resolve()
        self.staging = self.out.with_name(f".{self.out.name}.staging-{os.getpid()}")
        self.spare = self.out.with_name(f".{self.out.name}.spare")
        clean_leftovers(self.out)
        if self.staging.exists():
            shutil.rmtree(self.staging)
        self.reused = spare is not None and claim(self.spare, self.staging)
        if self.reused and tree_id(self.staging) != spare:
            shutil.rmtree(self.staging)  # not the tree the cache describes
            self.reused = False
        if not self.reused:
            shutil.rmtree(self.spare, ignore_errors=True)
            self.staging.mkdir(parents=True)
        self.written: list[str] = []

    def write_text(self, rel: str, text: str) -> None:
        self.write_bytes(rel, text.encode("utf-8"))

    def write_bytes(self, rel: str, data: bytes) -> None:
        path = self.staging / rel
        if self.reused:
            path.unlink(missing_ok=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        self.written.append(rel)

    def path(self, rel: str) -> Path:
        """Where to write `rel`: nothing is there (an old file is unlinked, not reused)."""
        path = self.staging / rel
        if self.reused:
            path.unlink(missing_ok=True)
        return path

    def clear(self, rel: str) -> None:
        """Empty a folder of staging before a tool that writes into it runs."""
        if self.reused:
            shutil.rmtree(self.staging / rel, ignore_errors=True)

    def commit(self, keep: TreeId | None = None) -> None:
        """Put the staging folder in place of the output folder, in one step where the
        system allows (`swap.replace_folder`); then delete the old site, or, if its
        identity is `keep`, leave it as the spare for the next build."""
        if self.out.exists() and not (self.out / MARKER).exists():
            if any(self.out.iterdir()):
                self.abort()
                raise FileExistsError(
                    f"{self.out} exists and was not made by mindlex; refusing to replace it "
                    "(choose another --out or empty it)"
                )
            self.out.rmdir()
        marker = self.staging / MARKER
        marker.unlink(missing_ok=True)
        marker.write_text("built by mindlex\n", encoding="utf-8")
        aside = self.out.with_name(f".{self.out.name}.old-{os.getpid()}")
        old = replace_folder(self.staging, self.out, aside)
        if old is None:
            return
        if keep is not None and tree_id(old) == keep:
            shutil.rmtree(self.spare, ignore_errors=True)
            os.replace(old, self.spare)
        else:
            shutil.rmtree(old, ignore_errors=True)

    def abort(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)
