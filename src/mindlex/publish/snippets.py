"""Search result snippets: the first whole sentence of the body that holds a query word.

A snippet sits under the result's title and summary, so it never repeats them: it comes
from the body, starts where a sentence starts, and leaves out citation marks (`[4]`),
which mean nothing out of the page. A sentence too long to show whole is cut at a word,
around the first match.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from functools import lru_cache

from mindlex.glossary import fold

MAX_WORDS = 32
LEAD_WORDS = 8
"""Words kept before the first match when a long sentence must be cut."""
SENTENCE_END = re.compile(r"[.!?…](\s+)(?=[\"'“‘(\[]?[A-Z0-9])")
"""The space after a sentence's final mark, where the next sentence starts with a capital
or a digit; the mark is matched (not looked behind for) so the scan jumps between marks."""
CITATION_MARK = re.compile(r"\s*\[\d+(?:\s*[,–-]\s*\d+)*\]")
SUFFIXES = ("ies", "es", "s", "ing", "ed")
MARK_OPEN, MARK_CLOSE = "<mark>", "</mark>"


def stems(query_words: list[str]) -> list[str]:
    """Folded query words with a common English ending dropped, matched as prefixes (the
    index stems words, so a search for "memories" finds "memory")."""
    return list(_stems(tuple(query_words)))


@lru_cache(maxsize=1024)
def _stems(query_words: tuple[str, ...]) -> tuple[str, ...]:
    found: list[str] = []
    for word in query_words:
        folded = fold(word)
        for suffix in SUFFIXES:
            if folded.endswith(suffix) and len(folded) - len(suffix) >= 3:
                folded = folded[: -len(suffix)]
                break
        if folded:
            found.append(folded)
    return tuple(found)


def snippet(body: str, query_words: list[str], shown: tuple[str, ...] = ()) -> str:
    """HTML: escaped text of one sentence, query words wrapped in `<mark>`."""
    wanted = stems(query_words)
    hits = _finder(tuple(wanted))
    best, best_count = "", -1
    every = len(set(wanted))
    others = [(len(text.strip()), text) for text in shown if text]
    for sentence in _sentences(_window(body, tuple(wanted))):
        size = len(sentence.strip())
        if not size or any(_repeats(sentence, size, n, text) for n, text in others):
            continue
        found = hits.findall(sentence) if hits else []
        count = len({word.lower() for word in found}) if found else 0
        if count > best_count:  # the first of the sentences holding the most query words
            best, best_count = sentence, count
            if count == every:
                break
    return _render(CITATION_MARK.sub("", best).strip(), wanted) if best_count >= 0 else ""


WINDOW = 1500
"""Characters scanned from the sentence of the first match: a body is about 6,000."""


def _window(body: str, wanted: tuple[str, ...]) -> str:
    """The body from the start of the sentence holding the first match, found with string
    searches in C, so a long body costs little more than a short one."""
    at = _first(body, wanted) if wanted else -1
    if at < 0:
        return body[:WINDOW]
    begin = max(body.rfind(end, 0, at) for end in (". ", "? ", "! "))
    start = begin + 2 if begin >= 0 else 0
    return body[start : at + WINDOW]


def _sentences(text: str) -> Iterator[str]:
    """Sentences one by one, so a scan that finds its sentence early stops there."""
    start = 0
    for end in SENTENCE_END.finditer(text):
        yield text[start : end.start(1)]
        start = end.end(1)
    yield text[start:]


@lru_cache(maxsize=256)
def _finder(wanted: tuple[str, ...]) -> re.Pattern[str] | None:
    """One pattern for all query words as word prefixes, so a body is scanned in C."""
    if not wanted:
        return None
    return re.compile(rf"(?<![^\W_])({_alternatives(wanted)})", re.IGNORECASE)


@lru_cache(maxsize=256)
def _anywhere(wanted: tuple[str, ...]) -> re.Pattern[str]:
    """The query words anywhere, even inside a word: a pattern with no look-behind lets
    the regex engine skip ahead, so a long body is scanned faster (see `_first`)."""
    return re.compile(f"({_alternatives(wanted)})", re.IGNORECASE)


def _alternatives(wanted: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(wanted), key=len, reverse=True))


def _first(body: str, wanted: tuple[str, ...]) -> int:
    """Where `_finder` would first match: the first hit of `_anywhere` not preceded by a
    letter or digit, or -1."""
    pattern = _anywhere(wanted)
    at = 0
    while (found := pattern.search(body, at)) is not None:
        start = found.start()
        if start == 0 or not body[start - 1].isalnum():
            return start
        at = start + 1
    return -1


def _repeats(sentence: str, size: int, text_size: int, text: str) -> bool:
    """True if the sentence is the title or summary again (cheap length test first; the
    sizes are of the stripped texts)."""
    if abs(size - text_size) > 3:
        return False
    return _norm(sentence) == _norm(text)


def _norm(text: str) -> str:
    return " ".join(fold(text).split()).rstrip(".")


def _render(sentence: str, wanted: list[str]) -> str:
    """Escape the sentence (cut around the first match when too long), then mark words."""
    words = sentence.split()
    start = 0
    hits = _finder(tuple(wanted))
    first = hits.search(sentence) if hits else None
    if len(words) > MAX_WORDS and first is not None:
        nth = len(sentence[: first.start()].split())
        if nth >= MAX_WORDS - LEAD_WORDS:
            start = nth - LEAD_WORDS
    text = html.escape(" ".join(words[start : start + MAX_WORDS]), quote=False)
    if wanted:
        text = _marker(tuple(wanted)).sub(rf"{MARK_OPEN}\1{MARK_CLOSE}", text)
    if start:
        text = "… " + text
    if start + MAX_WORDS < len(words):
        text += " …"
    return text


@lru_cache(maxsize=256)
def _marker(wanted: tuple[str, ...]) -> re.Pattern[str]:
    """Whole words starting with a query word, in escaped text (never inside `&amp;`)."""
    return re.compile(rf"(?<![&\w])((?:{_alternatives(wanted)})[^\W_]*)", re.IGNORECASE)
