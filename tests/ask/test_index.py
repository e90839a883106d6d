"""ask.sqlite: written by the build, read back the same, vectors reused, damage reported."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest

from mindlex.ask.compile import TARGET, rendered
from mindlex.ask.embed import StaticModel, default_model
from mindlex.ask.index import ASK_DB, Store, embed_passages, previous_vectors
from mindlex.ask.service import Asker
from mindlex.ask.wordpiece import WordPiece, basic_words
from mindlex.config import load_config
from mindlex.publish.pipeline import BuildOptions, build
from tests.ask.conftest import EXAMPLES, TODAY


def test_the_built_index_answers_like_the_in_memory_one(built: Path, asker: Asker) -> None:
    opened = Asker.open(built / ASK_DB)
    assert len(opened.store.passages) == len(asker.store.passages)
    for question in ("can therapy change the brain?", "what are the side effects of ssris"):
        a = opened.ask(question).as_json()
        b = asker.ask(question).as_json()
        assert [q["url"] for q in a["answer"]["quotes"]] == [
            q["url"] for q in b["answer"]["quotes"]
        ]


def test_a_rebuild_reuses_vectors_and_writes_the_same_bytes(tmp_path: Path) -> None:
    config = load_config(EXAMPLES)
    clean = tmp_path / "clean"
    build(config, BuildOptions(clean, today=TODAY, pagefind=False, cache=False))
    again = tmp_path / "again"
    build(config, BuildOptions(again, today=TODAY, pagefind=False, cache=False))
    build(config, BuildOptions(again, today=TODAY, pagefind=False, cache=False))
    assert (clean / ASK_DB).read_bytes() == (again / ASK_DB).read_bytes()


class CountingModel(StaticModel):
    def __init__(self) -> None:
        super().__init__()
        self.encoded = 0

    def encode(self, texts: list[str]) -> np.ndarray:  # type: ignore[override]
        self.encoded += len(texts)
        return super().encode(texts)


def test_only_new_passages_are_embedded(built: Path, asker: Asker) -> None:
    known = previous_vectors(built / ASK_DB)
    model = CountingModel()
    passages = asker.store.passages
    vectors = embed_passages(passages, model, known)
    assert model.encoded == 0
    assert np.allclose(vectors, asker.store.vectors)
    embed_passages(passages, model, {k: v for k, v in list(known.items())[1:]})
    assert model.encoded == 1


def test_a_damaged_index_is_reported_not_raised_as_sqlite(tmp_path: Path) -> None:
    bad = tmp_path / ASK_DB
    bad.write_bytes(b"not a database at all" * 100)
    with pytest.raises(ValueError, match="cannot read the Ask index"):
        Store.open(bad)
    assert previous_vectors(bad) == {}
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE meta(key TEXT, value TEXT)")
    with pytest.raises(ValueError, match="not an Ask index"):
        Store.open(other)


def test_the_static_triage_data_matches_the_vocabulary() -> None:
    assert TARGET.read_bytes() == rendered(), "run: python -m mindlex.ask.compile"


def test_wordpiece_splits_like_bert() -> None:
    assert basic_words("Don't PANIC, café!") == ["don", "'", "t", "panic", ",", "cafe", "!"]
    model = default_model()
    pieces = [model.tokenizer.encode("neuroplasticity")]
    assert len(pieces[0]) > 1 and model.tokenizer.unk not in pieces[0]
    assert model.tokenizer.encode("x" * 200) == [model.tokenizer.unk]
    vectors = model.encode(["", "brain"])
    assert not vectors[0].any() and abs(float(np.linalg.norm(vectors[1])) - 1) < 1e-5


def test_a_model_folder_that_does_not_match_is_refused(tmp_path: Path) -> None:
    np.save(tmp_path / "vectors.npy", np.zeros((3, 4), dtype=np.float16))
    (tmp_path / "vocab.txt").write_text("[UNK]\na\n", encoding="utf-8")
    with pytest.raises(ValueError, match="disagree"):
        StaticModel(tmp_path)
    assert isinstance(WordPiece(tmp_path / "vocab.txt").encode("a b"), list)


def test_the_stemmer_is_fts5s_own() -> None:
    from mindlex.ask.lexical import Stemmer

    stemmer = Stemmer()
    assert stemmer.stems(["self-harm", "therapies", "Café", "", "!!"]) == [
        "self",
        "harm",
        "therapi",
        "cafe",
    ]
    assert stemmer.stems(["therapies"]) == ["therapi"]


def test_postings_rank_a_title_hit_first(asker: Asker) -> None:
    stems = asker.store.stemmer.stems(["amygdala"])
    top = asker.store.postings.top(stems, 5)
    assert top and all(asker.store.passages[i].slug == "amygdala" for i, _ in top[:3])
    assert asker.store.postings.top(asker.store.stemmer.stems(["zzzqqq"]), 5) == []


def test_an_unchanged_index_is_copied_and_a_changed_one_rewritten(
    built: Path, asker: Asker, tmp_path: Path
) -> None:
    from dataclasses import replace

    from mindlex.ask.index import same_index

    meta = Store.open(built / ASK_DB).meta
    site = {"site": meta["site"]}
    assert same_index(built / ASK_DB, asker.store.passages, site)
    resigned = [replace(asker.store.passages[0], signed_on="2027-01-01"), *asker.store.passages[1:]]
    assert not same_index(built / ASK_DB, resigned, site)
    assert not same_index(tmp_path / "missing.sqlite", asker.store.passages, site)


def test_postings_frequencies_match_fts5(built: Path) -> None:
    store = Store.open(built / ASK_DB)
    with sqlite3.connect(built / ASK_DB) as db:
        for word in ("amygdala", "therapy", "brain", "stress"):
            (stem,) = store.stemmer.stems([word])
            (expected,) = db.execute(
                "SELECT count(*) FROM passage_text WHERE passage_text MATCH ?", (f'"{word}"',)
            ).fetchone()
            assert store.postings.frequency(stem) == expected
