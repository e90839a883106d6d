"""Put a finished site in place of the old one with no moment where neither is there.

On Linux, `renameat2(RENAME_EXCHANGE)` swaps the two folders in one step; elsewhere (or
on file systems without it) the old folder is renamed aside and the new one renamed in,
and a build killed between those two renames is repaired by the next one, which puts
the old folder back. Folders left by builds that died (`.<out>.staging-<pid>`,
`.<out>.old-<pid>`) are removed by the next build in the same place. The site a swap
replaces may be kept as `.<out>.spare`, which a later build claims (`claim`, one rename)
and updates into its staging folder.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import logging
import os
import re
import shutil
from functools import lru_cache
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

AT_FDCWD = -100
RENAME_EXCHANGE = 2
_LEFTOVER = re.compile(r"^\.(?P<name>.+)\.(?P<kind>staging|old)-(?P<pid>\d+)$")


@lru_cache(maxsize=1)
def _renameat2() -> Any | None:
    """libc's renameat2, if this system has one."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        function = libc.renameat2
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p]
    function.argtypes += [ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


def exchange(a: Path, b: Path) -> bool:
    """Swap two existing paths in one step; False if the system cannot (then nothing moved)."""
    function = _renameat2()
    if function is None:
        return False
    if function(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EXDEV, errno.EPERM):
        return False
    raise OSError(code, os.strerror(code), str(a), None, str(b))


def replace_folder(new: Path, out: Path, aside: Path) -> Path | None:
    """Move `new` to `out`; returns where the old `out` went (to be deleted), if anywhere."""
    if not out.exists():
        os.replace(new, out)
        return None
    if exchange(new, out):
        return new
    os.replace(out, aside)  # a kill here is repaired by `clean_leftovers`
    os.replace(new, out)
    return aside


def claim(spare: Path, staging: Path) -> bool:
    """Take a spare tree as this build's staging folder, in one rename (so two builds
    never share it, and a build killed while updating it leaves only a staging folder)."""
    try:
        os.rename(spare, staging)
    except OSError:
        return False
    return True


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_leftovers(out: Path) -> None:
    """Repair and remove what builds that died left next to `out`."""
    try:
        entries = list(out.parent.iterdir())
    except OSError:
        return
    for entry in sorted(entries):
        found = _LEFTOVER.match(entry.name)
        if found is None or found["name"] != out.name or _alive(int(found["pid"])):
            continue
        if found["kind"] == "old" and not out.exists() and (entry / ".mindlex-site").exists():
            log.warning("restoring %s, left aside by a build that did not finish", out)
            os.replace(entry, out)
            continue
        shutil.rmtree(entry, ignore_errors=True)
