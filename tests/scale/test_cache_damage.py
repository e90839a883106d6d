"""A damaged or foreign cache is noticed and rebuilt, never trusted."""

from __future__ import annotations

from pathlib import Path

import pytest

from mindlex.publish.cache import CACHE_DIR
from tests.scale.conftest import NAMES, age, assert_same_site, run


def cache_files(root: Path) -> list[Path]:
    files = sorted((root / CACHE_DIR).glob("*.bin"))
    assert files, "the first build wrote a cache"
    return files


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: data[: len(data) // 2], id="truncated"),
        pytest.param(lambda data: b"", id="empty"),
        pytest.param(lambda data: b"\x00garbage\xff" * 50, id="garbage"),
        pytest.param(lambda data: data[:40] + b"X" + data[41:], id="one-byte-in-header"),
        pytest.param(lambda data: data[:-30] + b"\x00" * 30, id="damaged-tail"),
    ],
)
def test_damaged_cache_is_rebuilt(damage, glossary: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    age(glossary)
    out = tmp_path / "site"
    run(glossary, out)
    for path in cache_files(glossary):
        path.write_bytes(damage(path.read_bytes()))
    result = run(glossary, out)
    assert result.written
    assert result.parsed == len(NAMES)
    assert result.reused == 0
    assert_same_site(out, glossary, tmp_path / "clean")
    again = run(glossary, out)
    assert again.rendered == 0, "the rebuilt cache works again"


def test_cache_written_by_other_code_is_ignored(glossary: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    run(glossary, out)
    for path in cache_files(glossary):
        data = path.read_bytes()
        head, _, rest = data.partition(b"\n")
        kind, _, tail = rest.partition(b"\n")
        path.write_bytes(head + b"\n" + kind.rsplit(b" ", 1)[0] + b" 0000\n" + tail)
    result = run(glossary, out)
    assert result.parsed == len(NAMES)
    assert_same_site(out, glossary, tmp_path / "clean")


def test_no_cache_option_leaves_no_cache(glossary: Path, tmp_path: Path) -> None:
    result = run(glossary, tmp_path / "site", cache=False)
    assert result.written
    assert not (glossary / CACHE_DIR).exists()


def test_an_unwritable_cache_is_reported_once(
    glossary: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    import errno

    from mindlex.engine import store

    def full_disk(path: Path, data: bytes, mode: int | None = None) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(store, "write_atomic", full_disk)
    monkeypatch.setattr(store, "_warned", set())
    out = tmp_path / "site"
    with caplog.at_level("WARNING"):
        assert run(glossary, out).written
        assert run(glossary, out).written
    warned = [r for r in caplog.records if "cannot write the build cache" in r.getMessage()]
    assert len(warned) == 1
    assert "No space left on device" in warned[0].getMessage()
    assert_same_site(out, glossary, tmp_path / "clean")
