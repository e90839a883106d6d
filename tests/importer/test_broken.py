"""Broken sources get one clear message each and are skipped; the rest still import."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.importer.support import FIXTURES, import_fixtures, make_root

GOOD = (FIXTURES / "glossary-page.txt").read_bytes()
ARTICLE_HTML = (FIXTURES / "condition-cms.html").read_bytes()

CASES = {
    "truncated.html": (ARTICLE_HTML[: len(ARTICLE_HTML) // 2], "looks cut off"),
    "latin1.txt": (
        "Définition\n\nUne page écrite en Latin-1.".encode("latin-1"),
        "not valid utf-8",
    ),
    "lying.html": (
        b'<html><head><meta charset="utf-8"></head><body><p>caf\xe9</p></body></html>',
        "not valid utf-8",
    ),
    "empty.html": (b"   \n", "empty"),
    "empty.txt": (b"", "empty"),
    "nav.html": (
        b"<html><body><nav><a href='/'>Home</a></nav><p>Log in to continue.</p></body></html>",
        "no recognisable article",
    ),
    "cut.xml": (
        b'<?xml version="1.0"?><rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><item>',
        "not well-formed",
    ),
    "feed.xml": (b'<?xml version="1.0"?><rss><channel></channel></rss>', "not a WordPress"),
    "bad-front.md": (b"---\ntitle: [unclosed\n---\n\nBody text.\n", "not valid YAML"),
    "open-front.md": (b"---\ntitle: x\n\nBody text without a closing fence.\n", "never closed"),
    "notes.docx": (b"PK\x03\x04", "cannot tell what kind"),
}


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[str, str]]:
    base = tmp_path_factory.mktemp("broken")
    pages = base / "pages"
    pages.mkdir()
    for name, (data, _) in CASES.items():
        (pages / name).write_bytes(data)
    (pages / "good.txt").write_bytes(GOOD)
    root = make_root(base)
    result = import_fixtures(
        root,
        [str(pages / n) for n in sorted(CASES)]
        + [str(pages / "good.txt"), str(base / "missing.html")],
    )
    return {Path(p.source).name: (p.action, p.message) for p in result.pages}


@pytest.mark.parametrize("name", sorted(CASES))
def test_broken_source_is_skipped_with_its_reason(
    report: dict[str, tuple[str, str]], name: str
) -> None:
    action, message = report[name]
    assert action == "skip"
    assert CASES[name][1].lower() in message.lower()
    assert "Traceback" not in message and "\n" not in message


def test_the_rest_still_imports(report: dict[str, tuple[str, str]]) -> None:
    assert report["good.txt"][0] == "create"
    assert report["missing.html"] == ("skip", "no such file or folder; check the path")


def test_declared_charset_is_honoured(tmp_path: Path) -> None:
    page = ARTICLE_HTML.replace(b'charset="utf-8"', b'charset="windows-1252"')
    page = page.replace(b"Rumination, also", "Rumination (caf\u00e9), also".encode("cp1252"))
    (tmp_path / "cp1252.html").write_bytes(page)
    result = import_fixtures(make_root(tmp_path), [str(tmp_path / "cp1252.html")])
    (only,) = result.pages
    assert only.action == "create" and "Rumination (café), also" in only.planned.text  # type: ignore[union-attr]


def test_huge_file_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "big.html").write_bytes(ARTICLE_HTML)
    result = import_fixtures(make_root(tmp_path), [str(tmp_path / "big.html")], max_bytes=1000)
    (only,) = result.pages
    assert only.action == "skip" and "over the 1,000-byte import limit" in only.message


def test_deeply_nested_page_is_skipped_or_read(tmp_path: Path) -> None:
    body = b"<div>" * 5000 + b"<p>" + b"word " * 40 + b"</p>" + b"</div>" * 5000
    (tmp_path / "deep.html").write_bytes(b"<html><body>" + body + b"</body></html>")
    result = import_fixtures(make_root(tmp_path), [str(tmp_path / "deep.html")])
    (only,) = result.pages
    assert only.action in ("skip", "create")


def test_control_characters_and_nul_bytes(tmp_path: Path) -> None:
    page = ARTICLE_HTML.replace(b"Most people ruminate", b"Most\x00 people\x07 ruminate")
    (tmp_path / "nul.html").write_bytes(page)
    text = GOOD.replace(b"Clinical Context", b"Clinical\x0b Context")
    (tmp_path / "ctl.txt").write_bytes(text)
    result = import_fixtures(
        make_root(tmp_path), [str(tmp_path / "nul.html"), str(tmp_path / "ctl.txt")]
    )
    for page_result in result.pages:
        assert page_result.action in ("create", "skip"), page_result
        if page_result.planned is not None:
            assert "\x00" not in page_result.planned.text and "\x07" not in page_result.planned.text
            assert not [d for d in page_result.diagnostics if d.code.startswith(("PARSE", "META"))]


def test_a_reader_bug_costs_one_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import mindlex.importer.sources as sources

    def broken(source: str, data: bytes) -> object:
        raise KeyError("boom")

    monkeypatch.setitem(sources.READERS, "markdown", broken)
    (tmp_path / "a.md").write_text("# A\n", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(GOOD)
    result = import_fixtures(make_root(tmp_path), [str(tmp_path / "a.md"), str(tmp_path / "b.txt")])
    actions = {Path(p.source).name: (p.action, p.message) for p in result.pages}
    assert actions["a.md"][0] == "skip" and "mindlex bug" in actions["a.md"][1]
    assert actions["b.txt"][0] == "create"
