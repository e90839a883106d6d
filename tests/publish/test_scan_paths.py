"""Input files are keyed by the text of their path: the same text a `Path` join gives, so
a manifest written before the keys were joined as text still matches."""

from __future__ import annotations

from pathlib import Path

import pytest

from mindlex.publish.cache import path_text, scan_inputs


@pytest.mark.parametrize("folder", [".", "/", "/a/b", "a", "..", "a/./b", "x/"])
@pytest.mark.parametrize("name", ["m.md", ".hidden", "a b.md"])
def test_path_text_is_the_text_of_a_path_join(folder: str, name: str) -> None:
    assert path_text(Path(folder), name) == str(Path(folder) / name)


def test_scan_keys_are_path_joins_and_leave_out_the_site(tmp_path: Path) -> None:
    (tmp_path / "articles" / "deep").mkdir(parents=True)
    (tmp_path / "articles" / "a.md").write_text("a", encoding="utf-8")
    (tmp_path / "articles" / "deep" / "b.md").write_text("bb", encoding="utf-8")
    (tmp_path / "_site").mkdir()
    (tmp_path / "_site" / "index.html").write_text("x", encoding="utf-8")
    found = scan_inputs(tmp_path, tmp_path / "_site")
    expected = {str(tmp_path / "articles" / "a.md"), str(tmp_path / "articles" / "deep" / "b.md")}
    assert set(found) == expected
    assert found[str(tmp_path / "articles" / "deep" / "b.md")][1] == 2
