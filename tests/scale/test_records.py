"""Compact article records: exact or not stored, token trees parsed only when touched, and
the search index updated row by row to what a clean build writes."""

from __future__ import annotations

import dataclasses
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from mindlex.engine import store
from mindlex.model.assemble import assemble
from mindlex.parsecache import (
    RECORD_KIND,
    RECORDS,
    ParseCache,
    StoredArticle,
    decode,
    encode,
    reader_text,
    same,
    stored_words,
    thawed,
)
from mindlex.publish.cache import CACHE_DIR
from mindlex.publish.deps import words_of
from mindlex.source.discover import SourceFile, article_paths, read_source
from tests.scale.conftest import NAMES, age, assert_same_site, run, search_content, tree

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "glossary"


def _sources(folder: Path) -> list[SourceFile]:
    found = [read_source(p, 10_000_000) for p in article_paths(folder)]
    return [s for s in found if isinstance(s, SourceFile)]


def test_every_sample_article_round_trips_exactly() -> None:
    sources = _sources(EXAMPLES / "articles")
    assert len(sources) > 40
    for source in sources:
        article, diags = assemble(source)
        blob = encode(source, (article, diags))
        assert blob is not None, f"{source.path} could not be stored"
        back, back_diags = decode(source, blob)
        assert isinstance(back, StoredArticle) and article is not None
        assert same(diags, back_diags)
        assert not thawed(back)
        assert reader_text(back) == reader_text(article)
        assert stored_words(back) == words_of.__wrapped__(article)
        assert not thawed(back), "search text comes from the record"
        for f in dataclasses.fields(article):
            assert same(getattr(back, f.name), getattr(article, f.name)), f.name
        assert thawed(back), "touching the token trees parsed the file again"


def test_a_result_a_record_cannot_carry_exactly_is_not_stored() -> None:
    source = _sources(EXAMPLES / "articles")[0]
    article, diags = assemble(source)
    assert article is not None
    odd = dataclasses.replace(article, aliases=["a list, not a tuple"])  # type: ignore[arg-type]
    assert encode(source, (odd, diags)) is None
    other = SourceFile(source.path, source.text, "f" * 64)
    assert encode(other, (article, diags)) is None, "a record belongs to the bytes it was made of"


def test_same_tells_types_apart() -> None:
    assert same({"a": (1,)}, {"a": (1,)})
    assert not same(1, True)
    assert not same((1,), [1])
    assert not same({"a": 1}, {"a": 1.0})


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: data[:-1], id="truncated"),
        pytest.param(lambda data: data[:-5] + bytes([data[-5] ^ 1]) + data[-4:], id="bit-flip"),
        pytest.param(lambda data: data.replace(RECORD_KIND.encode(), b"records-0"), id="version"),
    ],
)
def test_a_damaged_or_foreign_record_file_is_not_trusted(damage, glossary: Path) -> None:  # type: ignore[no-untyped-def]
    cache = ParseCache.open(glossary)
    for source in _sources(glossary / "articles"):
        cache.put(source, assemble(source))
    cache.save()
    path = glossary / CACHE_DIR / RECORDS
    assert len(ParseCache.open(glossary).entries) == len(NAMES)
    path.write_bytes(damage(path.read_bytes()))
    assert ParseCache.open(glossary).entries == {}


def test_a_damaged_record_inside_a_sound_file_is_a_miss(glossary: Path) -> None:
    sources = _sources(glossary / "articles")
    cache = ParseCache.open(glossary)
    for source in sources:
        cache.put(source, assemble(source))
    sha, _blob = cache.used[str(sources[0].path)]
    cache.used[str(sources[0].path)] = (sha, b"\x93garbage")
    cache.save()
    again = ParseCache.open(glossary)
    assert again.get(sources[0]) is None
    assert again.get(sources[1]) is not None


def test_raw_store_files_check_their_seal(tmp_path: Path) -> None:
    path = tmp_path / "x.bin"
    assert store.write_bytes_checked(path, "k", b"payload")
    assert store.read_bytes_checked(path, "k") == b"payload"
    assert store.read_bytes_checked(path, "other") is None
    path.write_bytes(path.read_bytes() + b"!")
    assert store.read_bytes_checked(path, "k") is None


def _edit_body(glossary: Path, slug: str, words: str) -> None:
    path = glossary / "articles" / f"{slug}.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("## Definition\n\n", f"## Definition\n\n{words} ", 1))


def _rows(db: Path) -> dict[str, int]:
    with closing(sqlite3.connect(db)) as conn:
        return dict(conn.execute("SELECT slug, rowid FROM entries"))


def test_a_body_edit_parses_one_file_and_rewrites_one_search_row(
    glossary: Path, tmp_path: Path
) -> None:
    age(glossary)
    out = tmp_path / "site"
    run(glossary, out)
    before = _rows(out / "search.sqlite")
    _edit_body(glossary, "calm-breathing", "Zyxquux is a word only this edit adds.")
    result = run(glossary, out)
    assert result.parsed == 1
    assert result.glossary is not None
    touched = {a.slug for a in result.glossary.articles.values() if thawed(a)}
    assert "calm-breathing" in touched
    assert len(touched) < len(NAMES), "unchanged articles kept no token trees"
    after = _rows(out / "search.sqlite")
    assert {s: r for s, r in after.items() if s != "calm-breathing"} == {
        s: r for s, r in before.items() if s != "calm-breathing"
    }, "unchanged rows were left in place"
    assert after["calm-breathing"] != before["calm-breathing"]
    assert_same_site(out, glossary, tmp_path / "clean")
    with closing(sqlite3.connect(out / "search.sqlite")) as conn:
        hits = conn.execute("SELECT slug FROM entries WHERE entries MATCH 'zyxquux'").fetchall()
    assert hits == [("calm-breathing",)]


def test_removed_and_added_articles_leave_and_join_the_index(
    glossary: Path, tmp_path: Path
) -> None:
    age(glossary)
    out = tmp_path / "site"
    run(glossary, out)
    (glossary / "articles" / "mood-log.md").unlink()
    text = (glossary / "articles" / "habit-chain.md").read_text(encoding="utf-8")
    (glossary / "articles" / "new-term.md").write_text(
        text.replace("Habit chain", "New term"), encoding="utf-8"
    )
    run(glossary, out)
    slugs = set(_rows(out / "search.sqlite"))
    assert "mood-log" not in slugs and "new-term" in slugs
    assert_same_site(out, glossary, tmp_path / "clean")


def test_search_content_sees_a_changed_row(glossary: Path, tmp_path: Path) -> None:
    """The comparison the scale tests use for search.sqlite is not blind to rows."""
    out = tmp_path / "site"
    run(glossary, out)
    first = search_content(out / "search.sqlite")
    with closing(sqlite3.connect(out / "search.sqlite")) as conn:
        conn.execute("UPDATE entries SET body = 'other words' WHERE slug = 'sleep-debt'")
        conn.commit()
    assert search_content(out / "search.sqlite") != first
    assert "search.sqlite" in tree(out)


def test_a_changed_search_file_in_the_output_is_rebuilt(glossary: Path, tmp_path: Path) -> None:
    age(glossary)
    out = tmp_path / "site"
    run(glossary, out)
    with closing(sqlite3.connect(out / "search.sqlite")) as conn:
        conn.execute("DELETE FROM entries")
        conn.commit()
    _edit_body(glossary, "sleep-debt", "One more sentence.")
    run(glossary, out)
    assert len(_rows(out / "search.sqlite")) == len(NAMES)
    assert_same_site(out, glossary, tmp_path / "clean")


def test_a_stored_article_survives_pickling_whole() -> None:
    import pickle

    source = _sources(EXAMPLES / "articles")[0]
    article, diags = assemble(source)
    blob = encode(source, (article, diags))
    assert blob is not None and article is not None
    back, _ = decode(source, blob)
    assert back is not None
    copy = pickle.loads(pickle.dumps(back))
    assert same(copy.sections, article.sections)
    assert reader_text(copy) == reader_text(article)
    assert words_of(copy) == words_of.__wrapped__(article)


def test_the_published_set_follows_the_plan() -> None:
    from mindlex.publish.pipeline import Plan

    source = _sources(EXAMPLES / "articles")[0]
    article, _ = assemble(source)
    assert article is not None
    plan = Plan()
    assert plan.published == frozenset()
    plan.articles.append(article)
    assert plan.published == {article.slug}
    assert plan.published is plan.published, "built once, not per call"
    plan.articles = []
    assert plan.published == frozenset()


def test_pagefind_bundle_is_carried_over_only_when_nothing_it_indexes_changed(
    glossary: Path, tmp_path: Path
) -> None:
    pytest.importorskip("pagefind")
    age(glossary)
    out = tmp_path / "site"
    run(glossary, out, pagefind=True)

    def bundle() -> dict[str, int]:
        return {
            p.relative_to(out).as_posix(): p.stat().st_ino
            for p in (out / "pagefind").rglob("*")
            if p.is_file()
        }

    first = bundle()
    assert first
    config = glossary / "mindlex.toml"
    config.write_text(config.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    run(glossary, out, pagefind=True)  # inputs changed (no replay), no page did
    assert bundle() == first, "the same files, linked from the last site"
    _edit_body(glossary, "habit-chain", "A new sentence to index.")
    run(glossary, out, pagefind=True)
    assert set(bundle().values()).isdisjoint(first.values()), "the bundle was rebuilt"


def test_references_with_dates_round_trip_exactly(tmp_path: Path) -> None:
    text = (
        "---\ntitle: Dated term\nsummary: A term whose sources carry dates.\ncategory: mood\n"
        "references:\n  - id: dated2020\n    evidence: textbook\n    title: A dated book\n"
        "    issued: 2020-05-01\n    accessed: 2021-01-02\n"
        "    author:\n      - family: Doe\n        given: J.\n---\n\n"
        "## Definition\n\nDated term is a term [@dated2020].\n"
    )
    path = tmp_path / "dated-term.md"
    path.write_text(text, encoding="utf-8")
    source = read_source(path, 10_000_000)
    assert isinstance(source, SourceFile)
    article, diags = assemble(source)
    assert article is not None and article.references
    blob = encode(source, (article, diags))
    assert blob is not None
    back, _ = decode(source, blob)
    assert back is not None
    assert same(back.references, article.references)
    assert back.references[0].canonical() == article.references[0].canonical()
