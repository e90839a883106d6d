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
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
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
    for sentence in _sentences(body):
        if not sentence.strip() or any(_repeats(sentence, text) for text in shown if text):
            continue
        count = len({m.group(1).lower() for m in hits.finditer(sentence)}) if hits else 0
        if count > best_count:  # the first of the sentences holding the most query words
            best, best_count = sentence, count
            if count == every:
                break
    return _render(CITATION_MARK.sub("", best).strip(), wanted) if best_count >= 0 else ""


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


def _first_match(sentence: str, wanted: list[str]) -> int | None:
    for n, word in enumerate(WORD.findall(sentence)):
        if _matches(word, wanted):
            return n
    return None


def _matches(word: str, wanted: list[str]) -> bool:
    folded = fold(word)
    return any(folded.startswith(stem) for stem in wanted)


def _render(sentence: str, wanted: list[str]) -> str:
    pieces = re.split(r"(\s+)", sentence)
    words = [p for p in pieces if p and not p.isspace()]
    start = 0
    first = _first_match(sentence, wanted)
    if len(words) > MAX_WORDS and first is not None and first >= MAX_WORDS - LEAD_WORDS:
        start = max(0, _word_index(words, first) - LEAD_WORDS)
    kept = words[start : start + MAX_WORDS]
    out: list[str] = ["…"] if start else []
    for token in kept:
        out.append(_mark_token(token, wanted))
    text = " ".join(out)
    if start + MAX_WORDS < len(words):
        text += " …"
    return text


def _word_index(tokens: list[str], nth_word: int) -> int:
    """Index of the whitespace-separated token holding the nth regex word."""
    seen = 0
    for n, token in enumerate(tokens):
        seen += len(WORD.findall(token))
        if seen > nth_word:
            return n
    return len(tokens) - 1


def _mark_token(token: str, wanted: list[str]) -> str:
    out: list[str] = []
    last = 0
    for found in WORD.finditer(token):
        out.append(html.escape(token[last : found.start()], quote=False))
        word = html.escape(found.group(), quote=False)
        out.append(f"{MARK_OPEN}{word}{MARK_CLOSE}" if _matches(found.group(), wanted) else word)
        last = found.end()
    out.append(html.escape(token[last:], quote=False))
    return "".join(out)
