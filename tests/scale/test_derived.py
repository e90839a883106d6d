"""Values kept between builds beside the records (review fingerprints) and in the build
manifest (term-link matches): each is recomputed exactly when one of its inputs moves,
and a damaged stored value is recomputed, never trusted."""

from __future__ import annotations

import datetime as dt
import pickle
import random
from pathlib import Path

import msgspec
import pytest

from mindlex.config import load_config
from mindlex.diagnostic import Diagnostic, Edit, Fix, Severity
from mindlex.glossary import Glossary
from mindlex.lint.runner import Linter
from mindlex.loader import load_glossary
from mindlex.model import Article
from mindlex.parsecache import (
    CACHE_DIR,
    RECORDS,
    ParseCache,
    StoredArticle,
    hasattr_slot,
    pack_findings,
    same,
    unpack_findings,
)
from mindlex.publish import pipeline
from mindlex.publish.cache import Manifest
from mindlex.publish.deps import TermDeps, TermMatches
from mindlex.render.termlinks import TermIndex
from mindlex.review import fingerprint
from mindlex.review.fingerprint import Fingerprints, fingerprint_of
from mindlex.span import Span
from tests.scale.conftest import NAMES, TODAY, assert_same_site, run


def _load(root: Path) -> tuple[ParseCache, Glossary]:
    cache = ParseCache.open(root)
    glossary = load_glossary(load_config(root), cache=cache).glossary
    return cache, glossary


def _stored(root: Path) -> tuple[ParseCache, Glossary]:
    """A glossary whose articles all come from records (the cache was saved before)."""
    cache, _glossary = _load(root)
    cache.save()
    return _load(root)


def test_stored_articles_build_references_only_when_read(glossary: Path) -> None:
    _cache, loaded = _stored(glossary)
    article = loaded.articles[NAMES[0]]
    assert isinstance(article, StoredArticle)
    assert not hasattr_slot(article, "references") and not hasattr_slot(article, "citations")
    assert article.cited_ids() == [f"{NAMES[0]}-study", "shared-handbook"]
    assert [r.id for r in article.references] == [f"{NAMES[0]}-study"]
    assert article.references[0].span is not None
    assert article.references[0].span.path == article.path


def test_fingerprints_come_from_the_memo_until_an_input_moves(
    glossary: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache, loaded = _stored(glossary)
    memo = cache.derived("fingerprint")
    first = loaded.articles[NAMES[0]]
    want = fingerprint_of(loaded, first)
    assert Fingerprints(loaded, memo).of(first) == want
    key = Fingerprints(loaded, memo).key(first)

    def never(*_args: object) -> str:
        raise AssertionError("computed again")

    monkeypatch.setattr(fingerprint, "fingerprint_of", never)
    assert Fingerprints(loaded, memo).of(first) == want
    monkeypatch.undo()

    # Each input moves the key: the file, a cited bibliography entry, the crisis help.
    page = glossary / "articles" / f"{NAMES[0]}.md"
    page.write_text(page.read_text(encoding="utf-8").replace("made-up", "invented"))
    _c, edited = _load(glossary)
    assert Fingerprints(edited, memo).key(edited.articles[NAMES[0]]) != key
    bib = glossary / "bibliography.yaml"
    bib.write_text(bib.read_text(encoding="utf-8").replace("Test Press", "Other Press"))
    _c, cited = _load(glossary)
    keys = {slug: Fingerprints(cited, memo).key(a) for slug, a in cited.articles.items()}
    toml = glossary / "mindlex.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('"911"', '"112"'))
    _c, crisis = _load(glossary)
    for slug, a in crisis.articles.items():
        assert Fingerprints(crisis, memo).key(a) != keys[slug]
        assert Fingerprints(crisis, memo).of(a) == fingerprint_of(crisis, a)


def test_a_damaged_stored_fingerprint_is_recomputed(glossary: Path) -> None:
    cache, loaded = _stored(glossary)
    memo = cache.derived("fingerprint")
    article = loaded.articles[NAMES[1]]
    prints = Fingerprints(loaded, memo)
    memo.old[str(article.path)] = (prints.key(article), "sha256:not-a-digest")
    assert prints.of(article) == fingerprint_of(loaded, article)


def test_derived_values_are_saved_kept_and_dropped_with_their_file(glossary: Path) -> None:
    cache, _g = _stored(glossary)
    cache.derived("fingerprint").put(str(glossary / "articles" / f"{NAMES[0]}.md"), "k", "v")
    cache.derived("other").put(str(glossary / "gone.md"), "k", "v")
    cache.misses += 1  # force a save
    cache.save()
    again = ParseCache.open(glossary)
    first = str(glossary / "articles" / f"{NAMES[0]}.md")
    assert again.derived("fingerprint").get(first, "k") == "v"
    assert again.derived("fingerprint").get(first, "other key") is None
    assert again.derived("other").old == {}, "a value of a file no longer seen leaves"
    # A run that never looks fingerprints up (the preview, say) keeps them.
    untouched = ParseCache.open(glossary)
    _g2 = load_glossary(load_config(glossary), cache=untouched)
    untouched.misses += 1
    untouched.save()
    assert ParseCache.open(glossary).derived("fingerprint").old[first] == ("k", "v")
    (glossary / CACHE_DIR / RECORDS).write_bytes(b"garbage")
    assert ParseCache.open(glossary).derived("fingerprint").old == {}


def test_term_matches_follow_added_and_removed_entries(glossary: Path) -> None:
    _cache, loaded = _stored(glossary)
    articles = list(loaded.articles.values())
    words = [*sorted({w for slug in NAMES for w in slug.split("-")}), "daily", "doctor", "zzz"]
    rng = random.Random(3)
    slugs = [*NAMES, "elsewhere"]

    def index() -> TermIndex:
        terms: dict[tuple[str, ...], str] = {}
        for _ in range(rng.randint(0, 30)):
            terms[tuple(rng.sample(words, rng.randint(1, 3)))] = rng.choice(slugs)
        return TermIndex(terms=terms)

    last = TermMatches()
    now = index()
    for turn in range(25):
        if turn % 3 == 0:  # a summary edit moves the keys of pages linking to it
            page = glossary / "articles" / f"{rng.choice(NAMES)}.md"
            text = page.read_text(encoding="utf-8")
            page.write_text(text.replace("is a made-up", f"is ({turn}) a made-up", 1))
            _c, loaded = _load(glossary)
            articles = list(loaded.articles.values())
        if turn % 2 == 0:
            now = index()
        deps = TermDeps.build(now, loaded, last)
        fresh = TermDeps.build(now, loaded)
        for article in articles:
            assert deps.key_of(article) == fresh.key_of(article)
            assert deps.of_article(article) == fresh.of_article(article)
        assert deps.now is not None
        last = deps.now


def test_a_stale_term_match_of_an_edited_file_is_not_used(glossary: Path) -> None:
    out = glossary.parent / "site"
    run(glossary, out)
    page = glossary / "articles" / f"{NAMES[2]}.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nSee also sleep debt and mood log.\n")
    run(glossary, out, today=TODAY)
    assert_same_site(out, glossary, glossary.parent / "clean")


def _diagnostics(root: Path) -> list[Diagnostic]:
    path = root / "articles" / f"{NAMES[0]}.md"
    fix = Fix((Edit(3, 7, "calm"), Edit(9, 9, "")), safe=False, description="reword")
    return [
        Diagnostic("READ001", "too hard", Span(path, 4, 1, 4, 9), Severity.WARNING, "simpler"),
        Diagnostic("LINK001", "no such slug", Span(path, 2, 3), hint="fix it", fix=fix),
        Diagnostic("X1", "dated", Span(root / "b.yaml", 1, 1), extra={"on": dt.date(2024, 1, 2)}),
        Diagnostic("X2", "info", Span(path, 1, 1), Severity.INFO, name="n", extra={"n": [1, 2]}),
    ]


def test_findings_pack_exactly_or_not_at_all(glossary: Path) -> None:
    diags = _diagnostics(glossary)
    blob = pack_findings(diags)
    assert blob is not None
    back = unpack_findings(blob)
    assert all(same(a, b) and same(a.extra, b.extra) for a, b in zip(diags, back, strict=True))
    assert back[0].span.path is back[1].span.path, "one path object per file"
    odd = Diagnostic("X3", "tuple", Span(glossary / "a.md", 1, 1), extra={"t": (1, 2)})
    assert pack_findings([*diags, odd]) is None, "a tuple would come back a list"


def test_a_manifest_keeps_findings_packed_and_a_damaged_pack_is_a_miss(glossary: Path) -> None:
    diags = _diagnostics(glossary)
    manifest = Manifest("k", "out", lint={"a": ("ka", diags[:2]), "b": ("kb", diags[2:])})
    manifest.result = (diags, ["a"], {"b": "draft"}, diags[1:2])
    again = pickle.loads(pickle.dumps(manifest))
    assert "_lint" in again.__dict__, "unpacked only when asked for"
    assert again.findings() == manifest.lint
    assert again.last_result() == manifest.result
    twice = pickle.loads(pickle.dumps(again))
    assert twice.findings() == manifest.lint
    state = manifest.__getstate__()
    slugs, blob = state["_lint"]  # type: ignore[misc]
    state["_lint"] = (slugs, blob[: len(blob) // 2])
    state["_result"] = ((99, [], {}), b"\x00garbage")
    damaged = Manifest.__new__(Manifest)
    damaged.__dict__.update(state)
    assert damaged.findings() == {}
    assert damaged.last_result() is None


def _findings(result: object) -> list[str]:
    return [d.render() for d in result.diagnostics]  # type: ignore[attr-defined]


def test_linting_in_parts_reports_what_a_clean_build_does(
    glossary: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """From `IN_PARTS_MIN` stale articles the build lints through the preview's parts; a
    title edit then redoes the costly part only for articles its words could move."""
    monkeypatch.setattr(pipeline, "IN_PARTS_MIN", 1)
    out = glossary.parent / "site"
    run(glossary, out)
    calls: list[str] = []
    own = Linter.own

    def counted(self: Linter, article: Article) -> object:
        calls.append(article.slug)
        return own(self, article)

    monkeypatch.setattr(Linter, "own", counted)
    joins: list[str] = []
    finish = Linter.finish

    def joined(self: Linter, article: Article, found: object) -> object:
        joins.append(article.slug)
        return finish(self, article, found)  # type: ignore[arg-type]

    monkeypatch.setattr(Linter, "finish", joined)
    pages = {slug: glossary / "articles" / f"{slug}.md" for slug in NAMES}
    edits = [
        (NAMES[1], "title: Worry loop", "title: Worry spiral"),
        (NAMES[2], "## Definition\n\n", "## Definition\n\nCalm breathing studies shows it. "),
        (NAMES[3], "category: ", "aliases: [habit link]\ncategory: "),
        (NAMES[4], "title: Habit chain", "title: Worry loop"),
        (NAMES[0], "related: [", "related: [no-such-article, "),
    ]
    for n, (slug, old, new) in enumerate(edits):
        text = pages[slug].read_text(encoding="utf-8")
        pages[slug].write_text(text.replace(old, new, 1), encoding="utf-8")
        calls.clear()
        joins.clear()
        got = run(glossary, out)
        if n == 0:
            assert 0 < len(calls) < len(NAMES), "a title edit re-lints only some articles"
            assert 0 < len(joins) < len(NAMES), "and joins the parts of only some again"
        clean = run(glossary, glossary.parent / f"clean-{n}", cache=False)
        assert _findings(got) == _findings(clean), f"after edit {n}"
        assert_same_site(out, glossary, glossary.parent / f"again-{n}")


def test_a_record_whose_references_do_not_decode_is_parsed_again(glossary: Path) -> None:
    _cache, loaded = _stored(glossary)
    article = loaded.articles[NAMES[0]]
    assert isinstance(article, StoredArticle)
    record = object.__getattribute__(article, "_record")
    broken = msgspec.structs.replace(record, references=msgspec.Raw(b"\xc1"))
    object.__setattr__(article, "_record", broken)
    _c, fresh = _load(glossary)
    again = fresh.articles[NAMES[0]]
    assert same(article.references, again.references), "taken from the file parsed again"


def test_manifest_fields_a_replay_does_not_need_are_read_on_demand(glossary: Path) -> None:
    manifest = Manifest("k", "out", search={"a": "row"}, dirs={"": 1})
    again = pickle.loads(pickle.dumps(manifest))
    assert "search" not in again.__dict__ and "_later" in again.__dict__
    assert again.search == {"a": "row"} and again.dirs == {"": 1} and again.spare is None
    damaged = pickle.loads(pickle.dumps(manifest))
    damaged.__dict__["_later"] = b"\x80garbage"
    assert damaged.search == {} and damaged.terms is None
