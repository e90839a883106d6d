"""TPL: text from `mindlex new` that a writer has not replaced yet."""

from __future__ import annotations

from collections.abc import Iterator

from mindlex.diagnostic import Diagnostic, Severity
from mindlex.lint.context import LintContext
from mindlex.lint.registry import register
from mindlex.lint.rule import Rule
from mindlex.lint.template import EXAMPLE_CITATION, placeholders


@register
class UnfilledTemplate(Rule):
    """Placeholder text from `mindlex new` is still in the article.

    ## Why it matters
    A draft created by `mindlex new` carries instructions ("Say what ... is in two or three
    sentences") and an example citation `[@source-id]`. Published, they read as nonsense to
    a reader and as a broken citation to a reviewer, so each is reported until replaced.

    ## Example
    `Answer the question a reader would type into a search engine.`

    ## Preferred
    The real answer, in plain words.
    """

    code = "TPL001"
    name = "unfilled-template"
    family = "TPL"
    severity = Severity.ERROR
    source = "https://www.england.nhs.uk/tis/"

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        patterns = placeholders()
        for block in ctx.blocks:
            if any(p.fullmatch(block.text) for p in patterns):
                yield self.report(
                    ctx.block_span(block, 0, len(block.text)),
                    "placeholder text from `mindlex new` is still here",
                    "replace it with the article's own text",
                )
        for cite in ctx.article.citations:
            if EXAMPLE_CITATION in cite.ids:
                yield self.report(
                    cite.span,
                    f"the template's example citation `@{EXAMPLE_CITATION}` is still here",
                    "cite a real reference listed under `references:`",
                )
