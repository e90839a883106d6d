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

from mindlex.glossary import fold

MAX_WORDS = 32
LEAD_WORDS = 8
"""Words kept before the first match when a long sentence must be cut."""
SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[\"'“‘(\[]?[A-Z0-9])")
CITATION_MARK = re.compile(r"\s*\[\d+(?:\s*[,–-]\s*\d+)*\]")
SUFFIXES = ("ies", "es", "s", "ing", "ed")
MARK_OPEN, MARK_CLOSE = "<mark>", "</mark>"


def stems(query_words: list[str]) -> list[str]:
    """Folded query words with a common English ending dropped, matched as prefixes (the
    index stems words, so a search for "memories" finds "memory")."""
    found: list[str] = []
    for word in query_words:
        folded = fold(word)
        for suffix in SUFFIXES:
            if folded.endswith(suffix) and len(folded) - len(suffix) >= 3:
                folded = folded[: -len(suffix)]
                break
        if folded:
            found.append(folded)
    return found


def snippet(body: str, query_words: list[str], shown: tuple[str, ...] = ()) -> str:
    """HTML: escaped text of one sentence, query words wrapped in `<mark>`."""
    wanted = stems(query_words)
    hits = _finder(wanted)
    best, best_count = "", -1
    every = len(set(wanted))
    for sentence in _sentences(_window(body, hits)):
        if not sentence.strip() or any(_repeats(sentence, text) for text in shown if text):
            continue
        count = len({m.group(1).lower() for m in hits.finditer(sentence)}) if hits else 0
        if count > best_count:  # the first of the sentences holding the most query words
            best, best_count = sentence, count
            if count == every:
                break
    return _render(CITATION_MARK.sub("", best).strip(), wanted) if best_count >= 0 else ""


WINDOW = 1500
"""Characters scanned from the sentence of the first match: a body is about 6,000."""


def _window(body: str, hits: re.Pattern[str] | None) -> str:
    """The body from the start of the sentence holding the first match, found with string
    searches in C, so a long body costs little more than a short one."""
    first = hits.search(body) if hits else None
    if first is None:
        return body[:WINDOW]
    at = first.start()
    begin = max(body.rfind(end, 0, at) for end in (". ", "? ", "! "))
    start = begin + 2 if begin >= 0 else 0
    return body[start : at + WINDOW]


def _sentences(text: str) -> Iterator[str]:
    """Sentences one by one, so a scan that finds its sentence early stops there."""
    start = 0
    for end in SENTENCE_END.finditer(text):
        yield text[start : end.start()]
        start = end.end()
    yield text[start:]


def _finder(wanted: list[str]) -> re.Pattern[str] | None:
    """One pattern for all query words as word prefixes, so a body is scanned in C."""
    if not wanted:
        return None
    alternatives = "|".join(re.escape(w) for w in sorted(set(wanted), key=len, reverse=True))
    return re.compile(rf"(?<![^\W_])({alternatives})", re.IGNORECASE)


def _repeats(sentence: str, text: str) -> bool:
    """True if the sentence is the title or summary again (cheap length test first)."""
    if abs(len(sentence.strip()) - len(text.strip())) > 3:
        return False
    return _norm(sentence) == _norm(text)


def _norm(text: str) -> str:
    return " ".join(fold(text).split()).rstrip(".")


def _render(sentence: str, wanted: list[str]) -> str:
    """Escape the sentence (cut around the first match when too long), then mark words."""
    words = sentence.split()
    start = 0
    hits = _finder(wanted)
    first = hits.search(sentence) if hits else None
    if len(words) > MAX_WORDS and first is not None:
        nth = len(sentence[: first.start()].split())
        if nth >= MAX_WORDS - LEAD_WORDS:
            start = nth - LEAD_WORDS
    text = html.escape(" ".join(words[start : start + MAX_WORDS]), quote=False)
    if wanted:
        text = _marker(wanted).sub(rf"{MARK_OPEN}\1{MARK_CLOSE}", text)
    if start:
        text = "… " + text
    if start + MAX_WORDS < len(words):
        text += " …"
    return text


def _marker(wanted: list[str]) -> re.Pattern[str]:
    """Whole words starting with a query word, in escaped text (never inside `&amp;`)."""
    alternatives = "|".join(re.escape(w) for w in sorted(set(wanted), key=len, reverse=True))
    return re.compile(rf"(?<![&\w])((?:{alternatives})[^\W_]*)", re.IGNORECASE)
