"""The postings ranker answers exactly as FTS5 does: same rows, order, ranks and snippets."""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from mindlex.publish import bm25, postings, search
from mindlex.publish.livesearch import LiveIndex
from mindlex.publish.search import Entry, query_db, query_index, write_fts
from tests.scale.conftest import age, assert_same_site, run, write_small_glossary

_VOCABULARY_TEXT = (
    "memory memories remembering remembered attention attentive anxiety anxious sleep "
    "sleeping stress stressed avoidance avoid therapy therapist mood rhythm daylight "
    "Côte naïve résumé façade a i x q 2 42 2026 the of and to in brain plasticity "
    "neural synapse synaptic cortex ab abc abcd abcde"
)
VOCABULARY = _VOCABULARY_TEXT.split()
TITLE_ONLY = ("zephyr", "quokka", "umlaut")


def corpus(seed: int, count: int = 70, twins: int = 30) -> list[Entry]:
    """Random entries over a small vocabulary, with twins (identical text, so ranks tie)
    and words that appear only in titles or aliases."""
    rng = random.Random(seed)
    entries = []
    for i in range(count):
        title = " ".join(rng.choice(VOCABULARY).capitalize() for _ in range(rng.randint(1, 3)))
        if i % 9 == 0:
            title += " " + rng.choice(TITLE_ONLY)
        aliases = tuple(
            " ".join(rng.sample(VOCABULARY, rng.randint(1, 2))) for _ in range(rng.randint(0, 2))
        )
        summary = " ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(3, 12))) + "."
        body = ". ".join(
            " ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(3, 15))).capitalize()
            for _ in range(rng.randint(0, 12))
        )
        entries.append(Entry(f"e{i:03d}", title, aliases, summary, "c", body))
    twin = entries[3]
    entries += [
        Entry(f"twin-{n}", twin.title, twin.aliases, twin.summary, "c", twin.body)
        for n in range(twins)
    ]
    return entries


def queries(seed: int, count: int) -> Iterator[str]:
    """Random one- to three-word queries, a third of the words cut to a prefix."""
    rng = random.Random(seed)
    pool = [*VOCABULARY, *TITLE_ONLY, "nothinglikethis", "memo", "anxi", "cote", "NAIVE"]
    for _ in range(count):
        words = [rng.choice(pool) for _ in range(rng.randint(1, 3))]
        yield " ".join(w[: rng.randint(1, len(w))] if rng.random() < 0.3 else w for w in words)


HAND_PICKED = [
    "a", "i", "x", "q", "2", "ab", "abc", "me", "mem", "memories", "remember", "Côte",
    "cote", "COTE", "naïve", "naive", "résumé", "facade", "zephyr", "zephyr quokka",
    "zephyr memory", "the", "the of", "of and to", "nothinglikethis",
    "nothinglikethis memory", "memory nothinglikethis anxiety", "memory memory",
    "brain plasticity", "twin", "sleep stress avoidance therapy mood rhythm daylight",
    'title: memory', '"memory" OR anxiety', "memory*", "NEAR(memory anxiety)", "-memory",
    "a" * 300, "memory " * 40, "x y z q i a",
]  # fmt: skip


def fts5_reference(
    db: sqlite3.Connection, match: str, want: int
) -> list[tuple[str, str, str, str, float]]:
    """FTS5 ranking with every match sorted (rank, then slug), so ties are not arbitrary."""
    sql = "SELECT slug, title, summary, body, rank FROM entries WHERE entries MATCH ?"
    rows = db.execute(sql, (match,)).fetchall()
    return sorted(rows, key=lambda r: (r[4], r[0]))[:want]


def answers_by_fts5(
    db: sqlite3.Connection, query: str, monkeypatch: pytest.MonkeyPatch
) -> list[dict[str, object]]:
    with monkeypatch.context() as patch:
        patch.setattr(bm25, "ranked", lambda *a, **k: None)
        patch.setattr(search, "_fts5_ranked", fts5_reference)
        return [h.as_json() for h in query_db(db, query, 20)]


def answers(db: sqlite3.Connection, query: str) -> list[dict[str, object]]:
    return [h.as_json() for h in query_db(db, query, 20)]


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("postings") / "search.sqlite"
    write_fts(path, corpus(1))
    return path


def test_the_index_has_postings(index: Path) -> None:
    with closing(sqlite3.connect(index)) as db:
        assert postings.current(db, list(search.WEIGHTS.values()))
        assert db.execute("SELECT count(*) FROM postings").fetchone()[0] >= 40


@pytest.mark.parametrize("query", HAND_PICKED)
def test_hand_picked_queries_answer_as_fts5(
    index: Path, query: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with closing(sqlite3.connect(index)) as db:
        assert answers(db, query) == answers_by_fts5(db, query, monkeypatch)


def test_random_queries_answer_as_fts5(index: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with closing(sqlite3.connect(index)) as db:
        different = [
            q for q in queries(2, 250) if answers(db, q) != answers_by_fts5(db, q, monkeypatch)
        ]
    assert different == []


def test_ranks_are_fts5_bm25_to_the_last_bit(index: Path) -> None:
    """Not only the rounded scores: every rank equals FTS5's own, in both tiers and modes."""
    weights = list(search.WEIGHTS.values())
    with closing(sqlite3.connect(index)) as db:
        for query in [*HAND_PICKED, *queries(3, 100)]:
            words = search.WORDS.findall(query[: search.MAX_QUERY_CHARS])[: search.MAX_QUERY_TERMS]
            for any_term in (False, True):
                for names in (False, True):
                    fast = bm25.ranked(
                        db, words, weights, any_term=any_term, names=names, want=10_000
                    )
                    if fast is None or not words:
                        continue
                    match = search._match(words, any_term)
                    match = (search.NAME_COLUMNS + f"({match})") if names else match
                    want = {s: r for s, *_, r in fts5_reference(db, match, 10_000)}
                    got = {s: r for s, *_, r in search._rows_by_id(db, fast)}
                    assert got == want, (query, any_term, names)


def test_a_tie_on_the_last_place_keeps_the_lower_slugs(index: Path) -> None:
    """The twins rank equal; whatever the limit, the lowest slugs among them are kept."""
    with closing(sqlite3.connect(index)) as db:
        twin = db.execute("SELECT body FROM entries WHERE slug = 'twin-0'").fetchone()[0]
        word = search.WORDS.findall(twin)[0]
        hits = query_db(db, word, 50)
    twins = [h for h in hits if h.slug.startswith(("twin-", "e003"))]
    assert len({h.score for h in twins}) == 1
    assert [h.slug for h in twins] == sorted(h.slug for h in twins)


def test_a_word_fts5_splits_is_ranked_by_fts5(index: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """U+19B0 is a letter to Python (Unicode 8 made it one) but a mark to the Unicode 6.1
    tables of FTS5's tokenizer, so FTS5 makes a two-token phrase of the word: the postings
    hold no phrases, and FTS5 answers."""
    assert bm25.tokens("memory\u19b0anxiety") == ("memori", "anxieti")
    with closing(sqlite3.connect(index)) as db:
        weights = list(search.WEIGHTS.values())
        words = ["memory\u19b0anxiety"]
        assert bm25.ranked(db, words, weights, any_term=False, names=False, want=5) is None
        query = "memory\u19b0anxiety sleep"
        assert answers(db, query) == answers_by_fts5(db, query, monkeypatch)


def test_the_query_tokenizer_is_fts5s(index: Path) -> None:
    assert bm25.tokens("Memories") == ("memori",)
    assert bm25.tokens("Côte") == ("cote",)
    assert bm25.tokens("naïve") == ("naiv",)
    assert bm25.tokens("_") == ()


def index_content(path: Path) -> tuple[object, ...]:
    """Postings and row sizes by slug (row ids differ between incremental and clean)."""
    with closing(sqlite3.connect(path)) as db:
        slug_of = dict(db.execute("SELECT rowid, slug FROM entries").fetchall())
        terms = {}
        for term, rows, freq, name_rows, name_freq in db.execute("SELECT * FROM postings"):
            pairs = zip(postings.row_ids(rows), postings.frequencies(freq, rows), strict=True)
            names = zip(
                postings.row_ids(name_rows), postings.frequencies(name_freq, name_rows), strict=True
            )
            terms[term] = (
                sorted((slug_of[int(r)], int(f)) for r, f in pairs),
                sorted((slug_of[int(r)], int(f)) for r, f in names),
            )
        (blob,) = db.execute("SELECT sizes FROM rowsizes").fetchone()
        sizes = postings.row_ids(blob)
        by_slug = {slug_of[r]: int(sizes[r]) for r in range(len(sizes)) if sizes[r] >= 0}
    return terms, by_slug


def test_rows_rewritten_in_place_keep_postings_exact(tmp_path: Path) -> None:
    """What `update_fts` does (delete changed rows, insert them again) leaves the postings a
    fresh index would hold, and the same answers."""
    old, new = corpus(4), corpus(5)[:60]
    incremental, fresh = tmp_path / "incremental.sqlite", tmp_path / "fresh.sqlite"
    write_fts(incremental, old)
    for round in range(3):  # again and again, so rows are replaced under new row ids
        with closing(sqlite3.connect(incremental)) as db:
            if round == 0:
                search.delete_entries(db, [e.slug for e in old])
                search.insert_entries(db, new)
            else:
                changed = [e for e in new if int(e.slug[-1:] or 0) % round == 0]
                search.replace_entries(db, [e.slug for e in changed], changed)
            search.set_count(db, len(new))
            db.commit()
        old = new
    write_fts(fresh, new)
    assert index_content(incremental) == index_content(fresh)
    with closing(sqlite3.connect(incremental)) as a, closing(sqlite3.connect(fresh)) as b:
        assert [answers(a, q) for q in queries(6, 120)] == [answers(b, q) for q in queries(6, 120)]


def test_the_preview_index_ranks_with_fts5_alone(tmp_path: Path) -> None:
    """The preview's in-memory index has no postings (a save would pay for them), and
    answers as a built index does, through saves and deletions."""
    live = LiveIndex()
    live.update(corpus(7, twins=0))
    live.update(corpus(8, twins=0)[:50])
    final = corpus(8, twins=0)[10:60]
    live.update(final)
    assert not postings.present(live._db)
    built = tmp_path / "search.sqlite"
    write_fts(built, final)
    for query in queries(9, 120):
        assert [h.as_json() for h in live.query(query)] == [
            h.as_json() for h in query_index(built, query)
        ]


def without_postings(path: Path) -> None:
    with closing(sqlite3.connect(path)) as db:
        db.executescript("DROP TABLE postings; DROP TABLE rowsizes;")


def test_an_index_without_postings_is_answered_by_fts5(
    index: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = tmp_path / "old.sqlite"
    shutil.copyfile(index, old)
    without_postings(old)
    with closing(sqlite3.connect(index)) as db:
        expected = {q: answers(db, q) for q in ["memory", "anxiety sleep", "zephyr", "a"]}
    for query, hits in expected.items():
        assert [h.as_json() for h in query_index(old, query)] == hits


DAMAGE = [
    "UPDATE postings SET rows = x'010203'",
    "UPDATE postings SET freq = x'01'",
    "UPDATE postings SET rows = x'ffffff7f' || substr(rows, 5)",
    "UPDATE rowsizes SET sizes = x'0102'",
    "UPDATE rowsizes SET sizes = x''",
    "UPDATE rowsizes SET sizes = substr(sizes, 1, 40)",
    "UPDATE rowsizes SET weights = '1.0,1.0'",
    "DROP TABLE postings",
]


@pytest.mark.parametrize("damage", DAMAGE)
def test_damaged_postings_fall_back_to_fts5(tmp_path: Path, damage: str) -> None:
    """Damaged postings never raise and never answer: FTS5 ranks instead."""
    path = tmp_path / "damaged.sqlite"
    write_fts(path, corpus(10, twins=0))
    probes = ["memory", "anxiety sleep", "memory zephyr", "zephyr", "a"]
    expected = [[h.as_json() for h in query_index(path, q)] for q in probes]
    with closing(sqlite3.connect(path)) as db:
        db.execute(damage)
        db.commit()
    assert [[h.as_json() for h in query_index(path, q)] for q in probes] == expected


def test_an_empty_index_answers_nothing(tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite"
    write_fts(path, [])
    assert query_index(path, "memory") == []
    assert query_index(path, "a b") == []
    live = LiveIndex()
    assert live.query("memory") == []


def test_an_incremental_build_over_an_index_without_postings_writes_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A site built before postings existed: the next incremental build rewrites its index
    whole, with postings, and it equals a clean build's."""
    root = write_small_glossary(tmp_path / "glossary")
    age(root)
    out = tmp_path / "site"
    run(root, out)
    db_path = out / search.SEARCH_DB
    stat = db_path.stat()
    without_postings(db_path)
    os.utime(db_path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert db_path.stat().st_size == stat.st_size, "the last build's file still looks reused"
    page = root / "articles" / "calm-breathing.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nZyxquux joins the body.\n")
    updates: list[Path] = []
    update = search.update_fts

    def spy(path: Path, *rest: Any) -> None:
        updates.append(path)
        update(path, *rest)

    monkeypatch.setattr(search, "update_fts", spy)
    run(root, out)
    assert updates, "the build updated the last index rather than writing a new one"
    with closing(sqlite3.connect(db_path)) as db:
        assert postings.current(db, list(search.WEIGHTS.values()))
    assert [h.slug for h in query_index(db_path, "zyxquux")] == ["calm-breathing"]
    assert_same_site(out, root, tmp_path / "clean")


def test_an_incremental_build_keeps_the_postings_a_clean_build_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One article edited and one removed: the updated file's postings, by slug, are a clean
    build's."""
    root = write_small_glossary(tmp_path / "glossary")
    age(root)
    out = tmp_path / "site"
    run(root, out)
    page = root / "articles" / "memory-trace.md"
    page.write_text(page.read_text(encoding="utf-8").replace("common?", "common, zyxquux?"))
    (root / "articles" / "mood-log.md").unlink()
    replaced: list[list[str]] = []
    replace = search.replace_entries

    def spy(db: sqlite3.Connection, slugs: list[str], entries: list[Entry]) -> None:
        replaced.append(sorted(slugs))
        replace(db, slugs, entries)

    monkeypatch.setattr(search, "replace_entries", spy)
    run(root, out)
    assert replaced == [["memory-trace", "mood-log"]]
    run(root, tmp_path / "clean", cache=False)
    assert index_content(out / search.SEARCH_DB) == index_content(
        tmp_path / "clean" / search.SEARCH_DB
    )
    assert [h.slug for h in query_index(out / search.SEARCH_DB, "zyxquux")] == ["memory-trace"]
