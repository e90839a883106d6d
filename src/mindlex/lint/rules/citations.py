"""CIT: citations resolve, references are complete and cited, figures carry sources."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from mindlex.diagnostic import Diagnostic, Severity
from mindlex.lint.context import LintContext
from mindlex.lint.registry import register
from mindlex.lint.rule import Rule


@register
class CitationNotFound(Rule):
    """A `[@id]` citation points at no reference.

    ## Why it matters
    A claim whose source cannot be found is, for the reader, an unsourced claim.

    ## Example
    `... in adults [@kandel2031].` with no reference `kandel2031`

    ## Preferred
    Cite an id listed under `references:` or in the site bibliography.
    """

    code = "CIT001"
    name = "citation-not-found"
    family = "CIT"
    severity = Severity.ERROR
    source = "https://pandoc.org/MANUAL.html#citation-syntax"

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        known = [r.id for r in ctx.article.references] + list(ctx.glossary.bibliography)
        for cite in ctx.article.citations:
            for ref_id in cite.ids:
                if ctx.glossary.resolve(ctx.article, ref_id) is not None:
                    continue
                close = difflib.get_close_matches(ref_id, known, n=1)
                hint = (f"did you mean `@{close[0]}`?" if close
                        else "add the reference under `references:` or fix the id")
                yield self.report(cite.span, f"citation `@{ref_id}` matches no reference", hint)
