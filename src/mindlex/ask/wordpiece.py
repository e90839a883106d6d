"""BERT's uncased WordPiece tokenizer, so the static model needs no tokenizer library.

The rules are those of the original BERT tokenizer: lower-case, strip accents, split on
whitespace and punctuation, then greedy longest-match-first pieces with a `##` prefix.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

MAX_WORD_CHARS = 100


class WordPiece:
    """Token ids for text, from a `vocab.txt` of one piece per line."""

    def __init__(self, vocab_file: Path) -> None:
        pieces = vocab_file.read_text(encoding="utf-8").splitlines()
        self.ids = {piece: index for index, piece in enumerate(pieces)}
        self.unk = self.ids["[UNK]"]
        self.word_ids = lru_cache(maxsize=65536)(self._word_ids)

    def encode(self, text: str) -> list[int]:
        """The ids of every piece of `text`, without [CLS]/[SEP]."""
        out: list[int] = []
        for word in basic_words(text):
            out.extend(self.word_ids(word))
        return out

    def _word_ids(self, word: str) -> tuple[int, ...]:
        if len(word) > MAX_WORD_CHARS:
            return (self.unk,)
        found: list[int] = []
        start = 0
        while start < len(word):
            end = len(word)
            piece_id = None
            while start < end:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                piece_id = self.ids.get(piece)
                if piece_id is not None:
                    break
                end -= 1
            if piece_id is None:
                return (self.unk,)
            found.append(piece_id)
            start = end
        return tuple(found)


ASCII_WORDS = re.compile(r"[a-z0-9]+|[^a-z0-9\s]")


def basic_words(text: str) -> list[str]:
    """Lower-cased, accent-free words and single punctuation marks."""
    text = text.lower()
    if text.isascii() and text.isprintable():
        return ASCII_WORDS.findall(text)
    text = unicodedata.normalize("NFD", text)
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    words: list[str] = []
    current: list[str] = []
    for char in text:
        if char.isspace() or _is_control(char):
            _flush(current, words)
        elif _is_punctuation(char) or _is_cjk(char):
            _flush(current, words)
            words.append(char)
        else:
            current.append(char)
    _flush(current, words)
    return words


def _flush(current: list[str], words: list[str]) -> None:
    if current:
        words.append("".join(current))
        current.clear()


def _is_control(char: str) -> bool:
    return unicodedata.category(char) in ("Cc", "Cf") and char not in "\t\n\r"


def _is_punctuation(char: str) -> bool:
    code = ord(char)
    if 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126:
        return True
    return unicodedata.category(char).startswith("P")


def _is_cjk(char: str) -> bool:
    code = ord(char)
    return 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF
