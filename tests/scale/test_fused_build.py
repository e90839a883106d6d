"""A clean build with workers lints and renders in one pass (`site.lint_and_render`): the
same bytes as one process, no token trees left in the parent, and failures that leave
the last site as it was."""

from __future__ import annotations

import os
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest

from mindlex import loader
from mindlex.diagnostic import Diagnostic, Severity
from mindlex.lint.runner import Linter
from mindlex.model import Article
from mindlex.model.assemble import assemble, trees_of
from mindlex.parsecache import same, thawed
from mindlex.publish.site import ArticleRenderer
from mindlex.source.discover import read_source
from mindlex.span import Span
from tests.scale.conftest import run, tree

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "glossary" / "articles"


def test_workers_leave_no_token_trees_in_the_parent(glossary: Path, tmp_path: Path) -> None:
    result = run(glossary, tmp_path / "site", cache=False, jobs=2)
    assert result.glossary is not None and result.rendered > 0
    assert "lint+render" in result.timings
    assert not any(thawed(a) for a in result.glossary.articles.values())


def test_trees_of_a_body_are_the_trees_assemble_makes() -> None:
    for path in sorted(EXAMPLES.glob("*.md")):
        source = read_source(path, 1 << 22)
        assert not isinstance(source, Diagnostic)
        article, _ = assemble(source)
        assert article is not None
        intro, sections = trees_of(article.path, article.body, article.body_line)
        assert same(intro, article.intro_tokens) and same(sections, article.sections)


def _with_error_in(monkeypatch: pytest.MonkeyPatch, linted: str, blamed: Path) -> None:
    """Linting `linted` also reports an error located in the file `blamed`, as a rule
    comparing articles could: the worker rendering `blamed` cannot know of it."""
    own = Linter.lint

    def lint(self: Linter, article: Article) -> list[Diagnostic]:
        found = own(self, article)
        if article.slug == linted:
            found.append(Diagnostic("TEST001", "blamed elsewhere", Span(blamed, 3, 1)))
        return found

    monkeypatch.setattr(Linter, "lint", lint)


def test_a_page_the_final_plan_marks_otherwise_is_rendered_again(
    glossary: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blamed = glossary / "articles" / "mood-log.md"
    _with_error_in(monkeypatch, "sleep-debt", blamed)
    serial = run(glossary, tmp_path / "serial", cache=False, jobs=1)
    fused = run(glossary, tmp_path / "fused", cache=False, jobs=2)
    assert any(d.code == "TEST001" and d.severity is Severity.ERROR for d in fused.diagnostics)
    assert serial.diagnostics == fused.diagnostics
    assert tree(tmp_path / "serial") == tree(tmp_path / "fused")
    page = (tmp_path / "fused" / "mood-log" / "index.html").read_text(encoding="utf-8")
    assert 'content="noindex' in page


def test_a_blocked_build_leaves_the_last_site_and_no_staging(
    glossary: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "site"
    run(glossary, out, cache=False, jobs=1)
    before = tree(out)
    _with_error_in(monkeypatch, "sleep-debt", glossary / "articles" / "sleep-debt.md")
    result = run(glossary, out, cache=False, jobs=2, draft=False)
    assert result.blocking and not result.written
    assert tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["glossary", "site"]


def test_a_worker_that_dies_fails_the_build_and_keeps_the_last_site(
    glossary: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "site"
    run(glossary, out, cache=False, jobs=1)
    before = tree(out)
    parent = os.getpid()
    render = ArticleRenderer.render_as

    def dies(self: ArticleRenderer, article: Article, draft: bool, noindex: bool) -> object:
        if os.getpid() != parent:
            os._exit(3)  # a worker killed mid-page, as by the out-of-memory killer
        return render(self, article, draft, noindex)

    monkeypatch.setattr(ArticleRenderer, "render_as", dies)
    with pytest.raises(BrokenProcessPool):
        run(glossary, out, cache=False, jobs=2)
    assert tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["glossary", "site"]


def test_a_file_that_crashes_the_parser_in_a_worker_is_a_positioned_finding(
    glossary: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = glossary / "articles" / "habit-chain.md"

    def crashes(source: object) -> object:
        if getattr(source, "path", None) == broken:
            raise ValueError("a parser bug")
        return assemble(source)  # type: ignore[arg-type]

    monkeypatch.setattr(loader, "assemble", crashes)
    result = run(glossary, tmp_path / "site", cache=False, jobs=2)
    found = [d for d in result.diagnostics if d.code == "PARSE099"]
    assert [d.span.path for d in found] == [broken]
    assert "ValueError: a parser bug" in found[0].message
    assert (tmp_path / "site" / "sleep-debt" / "index.html").exists()
    assert not (tmp_path / "site" / "habit-chain").exists()
