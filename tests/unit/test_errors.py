"""Every broken input gives one clear positioned message; the valid article still loads."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mindlex.cli import app
from mindlex.config import load_config
from mindlex.lint.runner import lint_glossary
from mindlex.loader import load_glossary
from tests.conftest import CONFIG, FIXTURES, MakeGlossary

BROKEN = FIXTURES / "broken"

# fixture file -> (code, line, col, words the message must contain)
EXPECTED = {
    "article_empty.md": ("PARSE004", 1, 1, "empty"),
    "article_front_matter_is_list.md": ("PARSE013", 2, 1, "mapping"),
    "article_missing_title.md": ("META002", 2, 1, "`title`"),
    "article_not_utf8.md": ("PARSE003", 2, 11, "UTF-8"),
    "article_with_bad_slug.md": ("META003", 3, 1, "slug"),
    "article_with_duplicate_key.md": ("PARSE012", 3, 1, "duplicate key"),
    "article_with_invalid_date.md": ("PARSE012", 5, 12, "2026-13-45"),
    "article_with_duplicate_reference_id.md": ("META006", 8, 5, "`same`"),
    "article_with_malformed_yaml.md": ("PARSE012", 3, 10, "quoted scalar"),
    "article_with_misspelled_field.md": ("META001", 3, 1, "did you mean `summary`"),
    "article_with_unclosed_front_matter.md": ("PARSE011", 1, 1, "never closed"),
    "article_with_unknown_citation.md": ("CIT001", 9, 34, "@nobody2020"),
    "article_with_unknown_related.md": ("LINK001", 5, 26, "no-such-article"),
    "article_with_wrong_type.md": ("META003", 5, 1, "valid list"),
    "article_without_front_matter.md": ("PARSE010", 1, 1, "front matter"),
}
CHECKED_CODES = {code for code, *_ in EXPECTED.values()}


def _glossary_with(make_glossary: MakeGlossary, name: str) -> Path:
    root = make_glossary({})
    shutil.copy(BROKEN / name, root / "articles" / name)
    shutil.copy(BROKEN / "valid-article.md", root / "articles" / "valid-article.md")
    return root


def test_every_fixture_has_an_expectation() -> None:
    names = {p.name for p in BROKEN.glob("*.md")} - {"valid-article.md"}
    assert names == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_input_gives_one_positioned_message(make_glossary: MakeGlossary, name: str) -> None:
    code, line, col, words = EXPECTED[name]
    root = _glossary_with(make_glossary, name)
    config = load_config(root)
    loaded = load_glossary(config)
    found = loaded.diagnostics + [
        d for d in lint_glossary(loaded.glossary, config) if d.code in CHECKED_CODES
    ]
    mine = [d for d in found if d.span.path.name == name]
    assert [(d.code, d.span.line, d.span.col) for d in mine] == [(code, line, col)]
    assert words in mine[0].message + mine[0].hint
    assert mine[0].hint, "every message says how to fix it"
    assert "valid-article" in loaded.glossary.articles
    assert not [d for d in found if d.span.path.name == "valid-article.md"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_build_exits_1_without_traceback(make_glossary: MakeGlossary, name: str) -> None:
    root = _glossary_with(make_glossary, name)
    result = CliRunner().invoke(app, ["build", str(root), "--out", str(root / "_site")])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    code, line, col, _ = EXPECTED[name]
    assert f"{name}:{line}:{col}: {code}" in result.output


def test_duplicate_slug_is_reported_and_first_file_kept(make_glossary: MakeGlossary) -> None:
    text = "---\ntitle: Same\nslug: same\nsummary: One of two.\ncategory: tests\n---\n"
    root = make_glossary({"a.md": text, "b.md": text.replace("One", "Two")})
    loaded = load_glossary(load_config(root))
    [diag] = loaded.diagnostics
    assert diag.code == "META010"
    assert diag.span.path.name == "b.md" and diag.span.line == 3
    assert "a.md" in diag.message
    assert loaded.glossary.articles["same"].path.name == "a.md"


def test_file_over_size_limit(make_glossary: MakeGlossary) -> None:
    config = CONFIG.replace(
        'content_dir = "articles"', 'content_dir = "articles"\nmax_file_bytes = 2000'
    )
    big = "---\ntitle: Big\nsummary: Too big.\ncategory: tests\n---\n" + "word " * 1000
    root = make_glossary({"big.md": big}, config=config)
    [diag] = load_glossary(load_config(root)).diagnostics
    assert diag.code == "PARSE002"
    assert "2,000-byte limit" in diag.message


def test_bibliography_that_is_missing_is_reported(make_glossary: MakeGlossary) -> None:
    config = CONFIG.replace(
        'content_dir = "articles"', 'content_dir = "articles"\nbibliography = ["refs.yaml"]'
    )
    root = make_glossary({}, config=config)
    [diag] = load_glossary(load_config(root)).diagnostics
    assert diag.code == "CONF005"


def test_bibliography_entries_resolve_by_id(make_glossary: MakeGlossary) -> None:
    config = CONFIG.replace(
        'content_dir = "articles"', 'content_dir = "articles"\nbibliography = ["refs.json"]'
    )
    article = "---\ntitle: T\nsummary: S.\ncategory: c\n---\n\nA claim [@shared].\n"
    refs = '[{"id": "shared", "type": "book", "title": "Shared book", "evidence": "textbook"}]'
    root = make_glossary({"t.md": article, "refs.json": refs}, config=config)
    (root / "articles" / "refs.json").rename(root / "refs.json")
    config_obj = load_config(root)
    loaded = load_glossary(config_obj)
    assert loaded.diagnostics == []
    article_obj = loaded.glossary.articles["t"]
    assert [r.id for r in loaded.glossary.references_of(article_obj)] == ["shared"]
    assert not [d for d in lint_glossary(loaded.glossary, config_obj) if d.code == "CIT001"]


def test_link_to_an_unparsable_article_is_not_reported_twice(make_glossary: MakeGlossary) -> None:
    linking = "---\ntitle: A\nsummary: S.\ncategory: c\nrelated: [broken-one]\n---\n"
    root = make_glossary({"a.md": linking, "broken-one.md": "---\ntitle: [oops\n---\n"})
    config = load_config(root)
    loaded = load_glossary(config)
    assert [d.code for d in loaded.diagnostics] == ["PARSE012"]
    assert not [d for d in lint_glossary(loaded.glossary, config) if d.code == "LINK001"]
