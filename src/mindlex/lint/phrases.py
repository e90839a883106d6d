"""The one check type behind every vocabulary rule: report each phrase hit, offer its swap."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from mindlex.diagnostic import Diagnostic, Edit, Fix
from mindlex.lint.context import Hit, LintContext
from mindlex.lint.grammar import fix_article, stands_alone
from mindlex.lint.lexicon import Phrase
from mindlex.lint.rule import Rule


def match_case(original: str, replacement: str) -> str:
    """Give the replacement the capitalisation of the text it replaces."""
    if len(original) > 1 and original.isupper() and replacement:
        return replacement.upper()
    if original[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


class PhraseRule(Rule):
    """A rule whose instances are vocabulary entries (`lint/vocab/*.toml`) for its code."""

    message: ClassVar[str] = "`{text}` {problem}"
    problem: ClassVar[str] = "should be reworded"
    advice: ClassVar[str] = "reword it"

    def keep(self, hit: Hit) -> bool:
        """Whether a vocabulary hit is a finding; rules narrow it by context."""
        return True

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        for hit in ctx.phrase_hits.get(self.code, ()):
            if not self.keep(hit):
                continue
            span = ctx.block_span(hit.block, hit.start, hit.end)
            replace = hit.phrase.replace
            hint = f"say “{replace}” instead" if replace else self.advice
            message = self.message.format(text=hit.text, problem=self.problem)
            yield self.report(span, message, hint, self._fix(ctx, hit))

    def _fix(self, ctx: LintContext, hit: Hit) -> Fix | None:
        phrase = hit.phrase
        if phrase.replace is None or phrase.fix is None:
            return None
        where = hit.block.file_range(hit.start, hit.end)
        if where is None:
            return None
        start, end = where
        source = ctx.article.source
        replace = _filled(phrase, hit.text)
        if replace is None or not _grammatical(phrase, replace, hit):
            return None
        text = match_case(source[start:end], replace)
        if not replace:
            start, end, text = _removal(source, start, end)
        safe = phrase.fix == "safe"
        label = f"replace with “{replace}”" if replace else "remove it"
        return Fix((Edit(start, end, text),), safe=safe, description=label)


NOUN_CODES = frozenset({"LANG001", "LANG002", "LANG006"})
"""Rules whose person-first swaps replace a noun phrase, checked by `stands_alone`."""
PREDICATE = re.compile(r"^(?:has|have|had) ")
"""Replacements of "is/are <label>": safe only when the sentence ends right after."""


def _filled(phrase: Phrase, matched: str) -> str | None:
    """The replacement with `{group}` slots filled from the match, lower-cased."""
    replace = phrase.replace or ""
    if "{" not in replace:
        return replace
    found = re.match(f"(?:{phrase.pattern})", matched, re.IGNORECASE)
    if found is None:
        return None
    groups = {k: v.lower() for k, v in found.groupdict().items() if v is not None}
    try:
        return fix_article(replace.format(**groups))
    except KeyError:
        return None


def _grammatical(phrase: Phrase, replace: str, hit: Hit) -> bool:
    text, start, end = hit.block.text, hit.start, hit.end
    if PREDICATE.match(replace):
        return re.match(r"\s*(?:[.;:!?)]|$)", text[end:]) is not None
    if phrase.code in NOUN_CODES and re.search(r"\b(?:people|person)\b|\{", phrase.replace or ""):
        lead = re.match(r"(?:an?|the|this|that)\s", hit.text, re.IGNORECASE) is None
        return stands_alone(text, start, end, check_before=lead)
    return True


def _removal(source: str, start: int, end: int) -> tuple[int, int, str]:
    """Delete a word and its space, keeping capitals and `a`/`an` agreement."""
    capital = source[start:end][:1].isupper()
    if source[end : end + 1] == " ":
        end += 1
    article = re.search(r"\b([Aa]n?) $", source[max(start - 3, 0) : start])
    if article is not None:
        begin = start - len(article.group(0))
        rest = re.match(r"[A-Za-z]\w*", source[end:])
        if rest is not None:
            joined = fix_article(f"{article.group(1)} {rest.group(0)}")
            return begin, end + rest.end(), joined
    if capital and end < len(source):
        return start, end + 1, source[end].upper()
    return start, end, ""
