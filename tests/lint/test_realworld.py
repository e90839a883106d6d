"""Page linting, crisis locales, the template check and the READ003 rounding, end to end."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from mindlex.config import Config
from mindlex.crisis import crisis_resources, packs
from mindlex.lint.check import Outcome
from mindlex.lint.context import LintContext
from mindlex.lint.fix import apply_edits, fix_outcome
from mindlex.lint.page import html_to_text, lint_page
from mindlex.lint.readability import Scores
from mindlex.lint.rules.readability import SectionTooHard
from mindlex.lint.runner import lint_glossary
from tests.lint.conftest import FRONT, article_from, glossary_of, make_config
from tests.lint.realworld.corpus import CORPUS, config_for, read_pages, read_sentences

ROOT = Path(__file__).resolve().parents[2]


def page_codes(text: str, locale: str = "en-US", kind: str = "text") -> list[str]:
    return [d.code for d in lint_page(text, config_for(locale), kind=kind)]


def test_corpus_is_large_enough_and_well_formed() -> None:
    sentences = read_sentences(CORPUS / "sentences.txt")
    pages = read_pages(CORPUS / "pages")
    assert len(sentences) >= 400 and len(pages) >= 30
    assert {f for _, fams, _ in sentences for f in fams} <= {"LANG", "SAFE", "STAT", "CLAIM"}


def test_evaluation_meets_its_targets() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "lint_eval.py")],
        capture_output=True,
        text=True,
        check=True,
    )
    for row in result.stdout.splitlines()[3:]:
        _family, *_, precision, recall = [c.strip() for c in row.strip("|").split("|")]
        assert float(precision.rstrip("%")) >= 95, row
        assert float(recall.rstrip("%")) >= 90, row


def test_page_positions_are_the_page_s_own() -> None:
    [diag] = [d for d in lint_page("Fine.\n\nTwo addicts arrived.\n", config_for("en-US"))]
    assert (diag.code, diag.span.line, diag.span.col) == ("LANG006", 3, 5)
    assert diag.fix is not None and diag.fix.edits[0].start == len("Fine.\n\nTwo ")


def test_structure_rules_are_skipped_on_pages() -> None:
    assert page_codes("A short note with nothing wrong in it.\n") == []


def test_html_drops_scripts_and_styles_and_keeps_blocks() -> None:
    html = "<style>.x{}</style><h1>Title</h1><p>One &amp; two.</p><script>crazy()</script>"
    text = html_to_text(html)
    assert "crazy" not in text and "## Title" in text and "One & two." in text
    assert page_codes("<p>He is a <b>psycho</b>.</p>", kind="html") == ["LANG004"]


def test_hostile_and_empty_pages_do_not_crash() -> None:
    assert page_codes("") == []
    assert page_codes("<<<>>>&&&" * 1000, kind="html") == []
    assert page_codes("---\nnot: [yaml\n---\nThe addicts left.") == ["LANG006"]


def test_unknown_page_format_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unknown page format"):
        lint_page("x", config_for("en-US"), kind="pdf")


@pytest.mark.parametrize(
    ("locale", "text"),
    [
        ("en-GB", "Call Samaritans on 116 123."),
        ("en-IE", "Text 50808 at any time."),
        ("en-CA", "Call or text 9-8-8."),
        ("en-AU", "Call Lifeline on 13 11 14."),
        ("en-NZ", "Free call or text 1737."),
        ("en-US", "Call or text 988."),
    ],
)
def test_each_locale_pack_satisfies_safe001(locale: str, text: str) -> None:
    page = f"He died by suicide last year.\n\n{text}\n"
    assert "SAFE001" not in page_codes(page, locale)
    assert "SAFE001" in page_codes("He died by suicide last year.\n", locale)


def test_another_locale_s_service_does_not_count() -> None:
    assert "SAFE001" in page_codes("She died by suicide.\n\nCall 116 123.\n", "en-AU")


def test_every_pack_entry_has_a_source_and_date() -> None:
    assert {"en-US", "en-GB", "en-IE", "en-CA", "en-AU", "en-NZ"} <= set(packs())
    for table in packs().values():
        assert table.resources
        for res in table.resources:
            assert res.source is not None and res.checked is not None


def test_site_tables_override_packs_and_sites_may_list_locales() -> None:
    config = make_config(site={"locale": "en-GB", "crisis-locales": ["en-GB", "en-IE"]})
    resolved = dict(crisis_resources(config))
    assert list(resolved) == ["en-GB", "en-IE"]
    assert resolved["en-GB"].resources[0].name == "Samaritans"
    own = make_config(site={"crisis-locales": ["en-US", "en-GB"]})  # [crisis.en-US] is set
    assert dict(crisis_resources(own))["en-US"].resources[0].contact == "Call or text 988"
    merged = config.crisis_help()
    assert merged is not None and [r.name for r in merged.resources].count("Samaritans") == 1


def test_unsafe_fix_inserts_only_the_configured_locale(tmp_path: Path) -> None:
    config = make_config(tmp_path, site={"locale": "en-GB"}, select=["SAFE001"])
    config = config.model_copy(update={"crisis": {}})
    text = FRONT + "Suicidal thoughts can pass.\n\n## When to seek help\n\nSee a GP.\n"
    glossary = glossary_of(config, {tmp_path / "a.md": text})
    [diag] = lint_glossary(glossary, config, jobs=1)
    assert diag.fix is not None
    inserted = diag.fix.edits[0].text
    assert "116 123" in inserted and "988" not in inserted


def test_read003_compares_the_value_it_prints(tmp_path: Path) -> None:
    config: Config = make_config(tmp_path)
    body = "## Clinical context\n\nOne. Two. Three.\n"
    article = article_from(tmp_path / "a.md", FRONT + body)
    glossary = glossary_of(config, {tmp_path / "a.md": FRONT + body})
    ctx = LintContext(article, glossary, config)
    at_limit = Scores(3, 60, 90, 13)  # SMOG 15.02, printed as 15.0
    assert f"{at_limit.smog:.1f}" == "15.0"
    ctx.__dict__["readability"] = {"section:0": at_limit}
    assert list(SectionTooHard().check(ctx)) == []
    ctx.__dict__["readability"] = {"section:0": Scores(3, 60, 90, 14)}
    [diag] = SectionTooHard().check(ctx)
    assert diag.message.endswith("the limit is SMOG 15.0")


def test_new_draft_reports_template_text_not_a_missing_citation(tmp_path: Path) -> None:
    mindlex = [sys.executable, "-m", "mindlex"]
    env = {"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"}
    subprocess.run([*mindlex, "init", str(tmp_path)], check=True, env=env, capture_output=True)
    subprocess.run(
        [*mindlex, "new", "Rumination", "--root", str(tmp_path)],
        check=True,
        env=env,
        capture_output=True,
    )
    result = subprocess.run(
        [*mindlex, "lint", str(tmp_path / "articles" / "rumination.md")],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "TPL001" in result.stdout and "CIT001" not in result.stdout


def test_stdin_json(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mindlex", "lint", "--stdin", "--format", "json"],
        input="The addicts' support group meets weekly.\n",
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode == 1, result.stderr
    assert '"path": "<stdin>"' in result.stdout and "LANG006" in result.stdout


def fix_cases() -> list[tuple[str, str, str]]:
    lines = (CORPUS / "fixes.tsv").read_text(encoding="utf-8").split("\n")
    return [tuple(line.split("\t")) for line in lines if line and not line.startswith("#")]  # type: ignore[misc]


def fixed(text: str, unsafe: bool) -> str:
    """Apply page fixes to a fixpoint, as `mindlex lint --fix` does for articles."""
    config = config_for("en-US")
    for _ in range(8):
        fixes = [
            d.fix
            for d in lint_page(text, config, kind="markdown")
            if d.fix and d.fix.edits and (d.fix.safe or unsafe) and d.code != "SAFE001"
        ]
        new, _ = apply_edits(text, fixes)
        if new == text:
            break
        text = new
    return text


def test_fix_corpus_is_large_enough() -> None:
    assert len(fix_cases()) >= 150


@pytest.mark.parametrize(("source", "safe", "unsafe"), fix_cases())
def test_fix_gives_the_exact_sentence(source: str, safe: str, unsafe: str) -> None:
    assert fixed(source, unsafe=False) == safe
    assert fixed(source, unsafe=True) == unsafe
    assert fixed(safe, unsafe=False) == safe  # idempotent


def test_fix_in_an_article_file_matches_the_corpus(tmp_path: Path) -> None:
    cases = [c for c in fix_cases() if c[0] != c[1]][:40]
    body = "\n\n".join(c[0] for c in cases) + "\n"
    config = make_config(tmp_path, select=["LANG", "SAFE002"])
    glossary = glossary_of(config, {tmp_path / "a.md": FRONT + body})
    outcome = Outcome(config, glossary, lint_glossary(glossary, config, jobs=1))
    result = fix_outcome(outcome)
    assert result.texts[tmp_path / "a.md"] == FRONT + "\n\n".join(c[1] for c in cases) + "\n"


def test_exemplary_pages_give_no_finding_at_all() -> None:
    exemplary = [p for p in read_pages(CORPUS / "pages") if not p.expected]
    assert len(exemplary) >= 10
    for page in exemplary:
        found = lint_page(page.body, config_for(page.locale), kind=page.kind, path=page.path)
        assert [d.render() for d in found] == [], page.path.name


def test_sentences_split_at_bullet_glyphs_and_after_glued_citation_marks() -> None:
    from mindlex.lint.prose import Block
    from mindlex.lint.sentences import split

    text = "One in six adults.[3] Next one. • Avoid this • Say that. Rates rose.² Then."
    block = Block(text, list(range(len(text))), "paragraph", -1)
    assert [s.text for s in split(block)] == [
        "One in six adults.[3]",
        "Next one.",
        "Avoid this",
        "Say that.",
        "Rates rose.²",
        "Then.",
    ]


def test_a_malformed_crisis_locale_is_a_config_error() -> None:
    with pytest.raises(ValueError, match="BCP 47"):
        make_config(site={"crisis-locales": ["en-GB", "123"]})
