"""The FTS5 index: ranking by name, prefixes, snippets, and hostile queries that never raise."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest

from mindlex.publish.search import Entry, Hit, match_expression, query_index, write_fts

ENTRIES = [
    Entry(
        "neuroplasticity",
        "Neuroplasticity",
        ("neural plasticity", "brain plasticity"),
        "How the brain changes with experience.",
        "neuroscience",
        "The brain reorganises itself. Plasticity supports recovery.",
    ),
    Entry(
        "synaptic-plasticity",
        "Synaptic Plasticity",
        (),
        "How links between brain cells strengthen or weaken.",
        "neuroscience",
        "Synaptic plasticity in the brain. Plasticity, plasticity and more plasticity in "
        "brain circuits: long-term potentiation is brain plasticity at a synapse.",
    ),
    Entry(
        "ssris",
        "Selective Serotonin Reuptake Inhibitors",
        ("SSRI", "SSRIs"),
        "A class of antidepressant <medicines> & more.",
        "medications",
        "Sertraline and fluoxetine are SSRIs. Côte d'Ivoire appears for accents.",
    ),
    Entry(
        "ptsd",
        "Post-Traumatic Stress Disorder",
        ("PTSD",),
        "A condition that can follow trauma.",
        "conditions",
        "Intrusive memories, avoidance and hyperarousal.",
    ),
]

HOSTILE = [
    '"',
    '""',
    "'",
    "*",
    "**",
    "^",
    "-",
    "+",
    ":",
    "(",
    ")",
    "()",
    "{}",
    "[",
    "]",
    "NOT",
    "AND",
    "OR",
    "NEAR",
    "NEAR(",
    "NEAR(a b, 2)",
    "a OR",
    "OR b",
    "a AND NOT b",
    "title:brain",
    "entries:brain",
    "{title aliases}: brain",
    "brain*",
    "*brain",
    '"brain',
    'brain"',
    "^brain",
    "brain -plasticity",
    "\\",
    "\x00",
    "\x00brain",
    "%",
    "_",
    "__",
    "'; DROP TABLE entries; --",
    "\u202e",
    "\ufeff",
    "\ud7ff",
    "🧠",
    "🧠 plasticity",
    "ß",
    "İ",
    "ǅ",
    " " * 1000,
    "brain " * 500,
    "x" * 100_000,
    "(" * 5000,
    '"' * 5001,
    "a" * 10 + "*" * 10,
]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("fts") / "search.sqlite"
    write_fts(path, ENTRIES)
    return path


def slugs(hits: list[Hit]) -> list[str]:
    return [h.slug for h in hits]


def test_an_alias_outranks_pages_that_repeat_its_words(db: Path) -> None:
    hits = query_index(db, "brain plasticity")
    assert slugs(hits)[:2] == ["neuroplasticity", "synaptic-plasticity"]


def test_title_and_alias_columns_are_weighted_above_the_body(db: Path) -> None:
    assert set(slugs(query_index(db, "plasticity"))[:2]) == {
        "neuroplasticity",
        "synaptic-plasticity",
    }
    assert slugs(query_index(db, "brain"))[0] == "neuroplasticity"
    assert slugs(query_index(db, "ptsd")) == ["ptsd"]


def test_prefixes_plurals_and_case_match(db: Path) -> None:
    assert slugs(query_index(db, "neuroplast"))[0] == "neuroplasticity"
    assert slugs(query_index(db, "ssri"))[0] == "ssris"
    assert slugs(query_index(db, "Serotonin REUPTAKE")) == ["ssris"]
    assert slugs(query_index(db, "cote")) == ["ssris"]


def test_any_word_is_enough_when_no_entry_has_all_of_them(db: Path) -> None:
    assert slugs(query_index(db, "trauma zzzunknown")) == ["ptsd"]


def test_snippets_come_from_the_body_not_the_summary(db: Path) -> None:
    hit = query_index(db, "antidepressant")[0]
    assert hit.summary == "A class of antidepressant <medicines> & more."
    assert hit.snippet == "Sertraline and fluoxetine are SSRIs."


def test_scores_are_positive_and_json_has_the_documented_shape(db: Path) -> None:
    hit = query_index(db, "brain")[0]
    assert hit.score > 0
    assert set(hit.as_json()) == {"slug", "title", "summary", "snippet", "score"}


def test_limit_is_clamped(db: Path) -> None:
    assert len(query_index(db, "brain", limit=1)) == 1
    assert len(query_index(db, "brain", limit=0)) == 1
    assert len(query_index(db, "brain", limit=10**9)) <= 50


@pytest.mark.parametrize("query", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_queries_never_raise(db: Path, query: str) -> None:
    hits = query_index(db, query)
    assert isinstance(hits, list)
    assert all(isinstance(h, Hit) for h in hits)


def test_random_queries_never_raise(db: Path) -> None:
    alphabet = [*"abcdepst \"'*^():-+{}[]\\,;.~!@#$%&|<>=?/`", "NEAR", "OR", "AND", "NOT"]
    rng = random.Random(20261127)
    for _ in range(2000):
        query = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 24)))
        assert isinstance(query_index(db, query), list), query


def test_every_expression_built_is_valid_fts5(db: Path) -> None:
    with sqlite3.connect(db) as conn:
        for query in [*HOSTILE, "brain plasticity", "a b c d e f g h i j k l m n o"]:
            for any_term in (False, True):
                expr = match_expression(query, any_term=any_term)
                if expr is not None:
                    conn.execute("SELECT count(*) FROM entries WHERE entries MATCH ?", (expr,))


def test_missing_or_corrupt_index_gives_no_results(tmp_path: Path) -> None:
    assert query_index(tmp_path / "absent.sqlite", "brain") == []
    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(b"not a database" * 100)
    assert query_index(broken, "brain") == []
    folder = tmp_path / "folder.sqlite"
    folder.mkdir()
    assert query_index(folder, "brain") == []


def test_rewriting_the_index_replaces_it(tmp_path: Path) -> None:
    path = tmp_path / "search.sqlite"
    write_fts(path, ENTRIES)
    write_fts(path, ENTRIES[:1])
    assert slugs(query_index(path, "brain")) == ["neuroplasticity"]
