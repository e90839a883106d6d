"""The one check type behind every vocabulary rule: report each phrase hit, offer its swap."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from mindlex.diagnostic import Diagnostic, Edit, Fix
from mindlex.lint.context import Hit, LintContext
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
        text = match_case(source[start:end], phrase.replace)
        if not phrase.replace:
            capital = source[start:end][:1].isupper()
            if source[end : end + 1] == " ":
                end += 1
            if capital and end < len(source):
                text, end = source[end].upper(), end + 1
        safe = phrase.fix == "safe"
        label = f"replace with “{phrase.replace}”" if phrase.replace else "remove it"
        return Fix((Edit(start, end, text),), safe=safe, description=label)
