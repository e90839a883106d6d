"""The findings cache of `mindlex lint`: a warm run reports what a clean run reports, and each
input of a finding invalidates what it should (`mindlex.lint.cache`)."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

import msgspec
import pytest
from typer.testing import CliRunner

from mindlex.cli import app
from mindlex.diagnostic import Diagnostic, Edit, Fix
from mindlex.engine import store
from mindlex.engine.store import read_checked, write_checked
from mindlex.lint.cache import FILE, LEDGERS, REVIEWERS, RUN_FILE, RUN_STORE, STORE
from mindlex.lint.check import Options, Outcome, run
from mindlex.lint.packing import pack, unpack
from tests.lint.golden import _bench_corpus

SAMPLE = Path(__file__).resolve().parents[2] / "examples" / "glossary"
TODAY = dt.date(2026, 6, 1)
Row = tuple[object, ...]


KEEP = ("adhd", "insomnia", "anhedonia", "amygdala", "gad-7", "emdr", "help-in-a-crisis")
"""Sample articles copied for the tests: enough for every part, few enough to be quick."""


def sample(folder: Path) -> Path:
    """Part of the sample glossary (its settings, reviewers and ledgers) in `folder`."""
    shutil.copytree(SAMPLE, folder, ignore=shutil.ignore_patterns(".mindlex-cache", "*.md"))
    for slug in KEEP:
        shutil.copy(SAMPLE / "articles" / f"{slug}.md", folder / "articles")
    return folder


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """Part of the sample glossary, linted once with the cache."""
    folder = sample(tmp_path / "glossary")
    assert lint(folder, cache=True).linted == len(KEEP)
    return folder


def lint(root: Path, *, cache: bool) -> Outcome:
    return run([root], Options(today=TODAY, jobs=1, cache=cache))


def rows(outcome: Outcome) -> list[Row]:
    return [row(d) for d in outcome.diagnostics]


def row(d: Diagnostic) -> Row:
    span = d.span
    where = (span.path, span.line, span.col, span.end_line, span.end_col)
    return (*where, d.code, d.message, d.severity, d.hint, d.fix, d.name)


def same_as_clean(root: Path) -> int:
    """Lint `root` with the cache and without; the findings must be equal. Returns how many
    articles the cached run linted."""
    warm = lint(root, cache=True)
    assert rows(warm) == rows(lint(root, cache=False))
    assert warm.linted is not None
    return warm.linted


def articles(root: Path) -> int:
    return len(list((root / "articles").glob("*.md")))


def test_a_warm_run_lints_nothing_and_finds_what_a_clean_run_finds(root: Path) -> None:
    assert same_as_clean(root) == 0


def test_a_cold_run_lints_every_article_and_stores_the_findings(tmp_path: Path) -> None:
    copy = sample(tmp_path / "glossary")
    assert same_as_clean(copy) == articles(copy)
    assert (copy / ".mindlex-cache" / FILE).is_file()
    assert same_as_clean(copy) == 0


def test_an_edited_article_is_the_only_one_linted_again(root: Path) -> None:
    path = root / "articles" / "insomnia.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nAddicts often relapse.\n", "utf-8")
    found = lint(root, cache=True)
    assert found.linted == 1
    assert any(
        d.span.path.name == "insomnia.md" and d.code.startswith("LANG") for d in found.diagnostics
    )
    assert same_as_clean(root) == 0


def test_a_config_change_relints_every_article(root: Path) -> None:
    config = root / "mindlex.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace('select = ["ALL"]', 'select = ["ALL"]\nignore = ["READ"]'), "utf-8"
    )
    assert same_as_clean(root) == len(KEEP)
    assert not any(d.code.startswith("READ") for d in lint(root, cache=True).diagnostics)


def test_a_bibliography_change_relints_the_articles(tmp_path: Path) -> None:
    """A benchmark corpus cites `bench-handbook` from the site bibliography in one article
    of ten; removing the entry must show up in a warm run."""
    corpus = _bench_corpus().generate(20, "mindlex", tmp_path / "corpus")
    before = lint(corpus, cache=True)
    bibliography = corpus / "bibliography.yaml"
    bibliography.write_text("references: []\n", "utf-8")
    assert same_as_clean(corpus) == articles(corpus)
    assert rows(lint(corpus, cache=True)) != rows(before)


def test_another_articles_title_moves_the_cross_article_findings(root: Path) -> None:
    """Giving insomnia.md the title of adhd.md makes both report a shared term (META014):
    adhd.md is linted again though its bytes did not change."""
    path = root / "articles" / "insomnia.md"
    text = path.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title: "))
    adhd = (root / "articles" / "adhd.md").read_text(encoding="utf-8")
    other = next(line for line in adhd.splitlines() if line.startswith("title: "))
    path.write_text(text.replace(title, other, 1), "utf-8")
    found = lint(root, cache=True)
    shared = {d.span.path.name for d in found.diagnostics if d.code == "META014"}
    assert {"adhd.md", "insomnia.md"} <= shared
    assert found.linted is not None and 2 <= found.linted < articles(root)
    assert same_as_clean(root) == 0


def test_a_review_ledger_change_relints_its_article(root: Path) -> None:
    ledger = root / "review" / "adhd.json"
    ledger.write_text("{ not json", "utf-8")
    found = lint(root, cache=True)
    assert found.linted == 1
    assert any(
        d.span.path.name == "adhd.md" and d.code.startswith("REV") for d in found.diagnostics
    )
    assert same_as_clean(root) == 0


def test_a_removed_article_leaves_the_cache(root: Path) -> None:
    (root / "articles" / "insomnia.md").unlink()
    same_as_clean(root)
    stored = read_checked(root / ".mindlex-cache" / FILE, STORE)
    assert isinstance(stored, dict) and "insomnia" not in stored["findings"]


DAMAGE = {
    "truncated": lambda data: data[: len(data) // 2],
    "garbled tail": lambda data: data[:-40] + b"\x00" * 40,
    "empty": lambda data: b"",
    "foreign header": lambda data: data.replace(b"lint-", b"tnil-", 1),
}


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_a_damaged_findings_file_is_ignored(root: Path, damage: Callable[[bytes], bytes]) -> None:
    (root / ".mindlex-cache" / RUN_FILE).unlink()
    path = root / ".mindlex-cache" / FILE
    path.write_bytes(damage(path.read_bytes()))
    assert same_as_clean(root) == len(KEEP)
    assert same_as_clean(root) == 0


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_a_damaged_report_file_is_ignored(root: Path, damage: Callable[[bytes], bytes]) -> None:
    path = root / ".mindlex-cache" / RUN_FILE
    path.write_bytes(damage(path.read_bytes()))
    warm = lint(root, cache=True)
    assert warm.glossary is not None, "the report was read from a damaged file"
    assert same_as_clean(root) == 0


def test_an_unchanged_glossary_is_not_even_loaded(root: Path) -> None:
    warm = lint(root, cache=True)
    assert warm.glossary is None and warm.linted == 0
    assert rows(warm) == rows(lint(root, cache=False))
    later = run([root], Options(today=TODAY + dt.timedelta(days=400), jobs=1, cache=True))
    assert later.glossary is not None and later.linted == len(KEEP)


def test_a_cache_of_the_wrong_shape_is_ignored(root: Path) -> None:
    folder = root / ".mindlex-cache"
    stored = read_checked(folder / FILE, STORE)
    assert isinstance(stored, dict)
    keys = {slug: key for slug, (key, _value) in stored["findings"].items()}
    tables = {"own": "not a table", "graded": {"adhd": "x"}, "across": {"adhd": ("k",)}}
    findings = {slug: (key, ("x", [("y",)])) for slug, key in keys.items()}
    write_checked(folder / FILE, STORE, {**tables, "findings": findings})
    write_checked(folder / RUN_FILE, RUN_STORE, ("key", "not a list"))
    assert same_as_clean(root) == len(KEEP)


def test_a_cache_folder_that_cannot_be_written_still_lints(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.rmtree(root / ".mindlex-cache")

    def refuse(path: Path, data: bytes) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(store, "write_atomic", refuse)
    assert same_as_clean(root) == articles(root)
    assert not (root / ".mindlex-cache" / FILE).exists()


def test_a_cache_path_that_is_a_file_still_lints(root: Path) -> None:
    shutil.rmtree(root / ".mindlex-cache")
    (root / ".mindlex-cache").write_text("not a folder", "utf-8")
    assert same_as_clean(root) == articles(root)


def poison(root: Path, slug: str) -> None:
    """Add to the stored findings of `slug` (keys kept) and to the stored report a finding
    whose fix writes POISON."""
    folder = root / ".mindlex-cache"
    stored = read_checked(folder / FILE, STORE)
    report = read_checked(folder / RUN_FILE, RUN_STORE)
    assert isinstance(stored, dict) and isinstance(report, tuple)
    key, packed = stored["findings"][slug]
    found = unpack(packed)
    bad = Diagnostic(
        "LANG001", "stored finding", found[0].span, fix=Fix((Edit(0, 0, "POISON"),), True, "")
    )
    stored["findings"][slug] = (key, pack([*found, bad]))
    assert write_checked(folder / FILE, STORE, stored)
    assert write_checked(folder / RUN_FILE, RUN_STORE, (report[0], pack([*unpack(report[1]), bad])))


def test_fix_never_applies_a_stored_finding(root: Path) -> None:
    poison(root, "adhd")
    assert any(d.message == "stored finding" for d in lint(root, cache=True).diagnostics)
    runner = CliRunner()
    result = runner.invoke(app, ["lint", str(root), "--fix", "--today", TODAY.isoformat()])
    assert result.exit_code in (0, 1), result.output
    assert "POISON" not in (root / "articles" / "adhd.md").read_text(encoding="utf-8")
    diff = runner.invoke(app, ["lint", str(root), "--diff", "--today", TODAY.isoformat()])
    assert "POISON" not in diff.output


def test_no_cache_reads_and_writes_nothing(root: Path, tmp_path: Path) -> None:
    poison(root, "adhd")
    runner = CliRunner()
    args = ["lint", str(root), "-f", "json", "--today", TODAY.isoformat()]
    assert "stored finding" in runner.invoke(app, args).output
    clean = runner.invoke(app, [*args, "--no-cache"])
    assert "stored finding" not in clean.output
    fresh = sample(tmp_path / "fresh")
    runner.invoke(app, ["lint", str(fresh), "--no-cache"])
    assert not (fresh / ".mindlex-cache").exists()


@pytest.mark.parametrize("fmt", ["json", "sarif", "text"])
def test_reports_and_exit_codes_are_the_same_warm_and_clean(root: Path, fmt: str) -> None:
    runner = CliRunner()
    args = ["lint", str(root), "-f", fmt, "--today", TODAY.isoformat()]
    warm = runner.invoke(app, args)
    clean = runner.invoke(app, [*args, "--no-cache"])
    assert warm.exit_code == clean.exit_code
    assert warm.output == clean.output


def test_packed_diagnostics_come_back_equal_field_by_field(root: Path) -> None:
    found = lint(root, cache=False).diagnostics
    found.append(Diagnostic("X1", "m", found[0].span, extra={"a": [1, "b"]}))
    back = unpack(pack(found))
    assert [(*row(d), d.extra) for d in back] == [(*row(d), d.extra) for d in found]
    assert all(type(a.severity) is type(b.severity) for a, b in zip(back, found, strict=True))
    with pytest.raises((TypeError, ValueError)):
        unpack((("a",), [("too", "short")]))
    with pytest.raises(ValueError):
        unpack(b"\x93garbled")


def test_the_review_files_keyed_are_those_the_review_states_read() -> None:
    """The cache names them without importing the review package (and its cryptography)."""
    from mindlex.review.ledger import LEDGER_DIR
    from mindlex.review.reviewers import REVIEWERS_NAME

    assert (LEDGERS, REVIEWERS) == (LEDGER_DIR, REVIEWERS_NAME)


def test_a_report_of_the_wrong_shape_is_a_miss(root: Path) -> None:
    folder = root / ".mindlex-cache"
    report = read_checked(folder / RUN_FILE, RUN_STORE)
    assert isinstance(report, tuple)
    names, rows_ = msgspec.msgpack.decode(report[1])  # rows that name files it lacks
    wrong = msgspec.msgpack.encode([names[:0], rows_])
    write_checked(folder / RUN_FILE, RUN_STORE, (report[0], wrong))
    warm = lint(root, cache=True)
    assert warm.glossary is not None and warm.linted == 0
    assert rows(warm) == rows(lint(root, cache=False))


def test_parts_made_in_worker_processes_are_the_same_findings(tmp_path: Path) -> None:
    """With two workers (100 articles), every part is made in forked processes and sent
    back; the warm run then takes them from the store."""
    corpus = _bench_corpus().generate(100, "mindlex", tmp_path / "corpus")
    options = Options(today=TODAY, jobs=2, cache=True)
    cold = run([corpus], options)
    assert cold.linted == 100
    assert rows(cold) == rows(lint(corpus, cache=False))
    (corpus / ".mindlex-cache" / RUN_FILE).unlink()
    warm = run([corpus], options)
    assert warm.linted == 0 and rows(warm) == rows(cold)
