"""Clinical query expansion: lay phrases in a question add the clinical terms articles use."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

SYNONYMS = Path(__file__).parent / "vocab" / "synonyms.toml"


@dataclass(frozen=True)
class Synonyms:
    rules: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...]

    def expand(self, question: str) -> list[str]:
        """Clinical terms for every lay phrase found, in table order, without repeats."""
        text = question.lower().replace("\u2019", "'")
        found: dict[str, None] = {}
        for pattern, clinical in self.rules:
            if pattern.search(text):
                for term in clinical:
                    found.setdefault(term, None)
        return list(found)

    def covered_words(self, question: str) -> set[str]:
        """Words of the question that belong to a lay phrase the table knows."""
        text = question.lower().replace("\u2019", "'")
        words: set[str] = set()
        for pattern, _ in self.rules:
            for found in pattern.finditer(text):
                words.update(re.findall(r"[^\W_]+", found.group(0)))
        return words


@cache
def synonyms(path: Path = SYNONYMS) -> Synonyms:
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    rules = []
    for entry in raw["synonym"]:
        if entry["source"] not in raw["sources"]:
            raise ValueError(f"{path.name}: synonym {entry['lay'][0]!r} names an unknown source")
        words = "|".join(re.escape(w.lower()) for w in entry["lay"])
        rules.append((re.compile(rf"\b(?:{words})\b"), tuple(entry["clinical"])))
    return Synonyms(tuple(rules))
