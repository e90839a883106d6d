"""CIT: citations resolve, references are complete and cited, figures carry sources."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

from mindlex.diagnostic import Diagnostic, Edit, Fix, Severity
from mindlex.lint import lexicon
from mindlex.lint.context import LintContext
from mindlex.lint.registry import register
from mindlex.lint.rule import FixAvailability, Rule
from mindlex.lint.rules import _identifiers as ids
from mindlex.lint.template import EXAMPLE_CITATION
from mindlex.model import Evidence, Reference
from mindlex.span import Span


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
                if ref_id == EXAMPLE_CITATION:
                    continue  # the template's example; TPL001 reports it
                if ctx.glossary.resolve(ctx.article, ref_id) is not None:
                    continue
                close = difflib.get_close_matches(ref_id, known, n=1)
                hint = (
                    f"did you mean `@{close[0]}`?"
                    if close
                    else "add the reference under `references:` or fix the id"
                )
                yield self.report(cite.span, f"citation `@{ref_id}` matches no reference", hint)


CROSSREF = "https://www.crossref.org/authors/andrew-gilmartin/"
METHODS = "https://moodspan.org/methods"
STRONG = {
    Evidence.PEER_REVIEWED_REVIEW,
    Evidence.PEER_REVIEWED_ARTICLE,
    Evidence.CLINICAL_REFERENCE,
    Evidence.CLINICAL_GUIDELINE,
}
TIMELESS = {Evidence.CLINICAL_REFERENCE, Evidence.CLINICAL_GUIDELINE, Evidence.TEXTBOOK}


def _ref_span(ref: Reference, ctx: LintContext, key: str | None = None) -> Span:
    if key and key in ref.field_spans:
        return ref.field_spans[key]
    return ref.span or ctx.article.span


@register
class ReferenceNotCited(Rule):
    """A reference in the front matter is never cited in the body.

    ## Why it matters
    A source list should show what each claim rests on; an uncited reference suggests
    support the text does not use, or a citation that went missing in an edit.

    ## Example
    `references:` lists `nice2022` but no `[@nice2022]` appears in the article.

    ## Preferred
    Cite it where it supports a claim, or remove it.
    """

    code = "CIT002"
    name = "reference-not-cited"
    family = "CIT"
    severity = Severity.WARNING
    source = "https://bmcmedinformdecismak.biomedcentral.com/articles/10.1186/s12911-021-01397-x/tables/1"

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        cited = set(ctx.article.cited_ids())
        for ref in ctx.article.references:
            if ref.id not in cited:
                yield self.report(
                    _ref_span(ref, ctx),
                    f"reference `{ref.id}` is never cited",
                    f"cite it as `[@{ref.id}]` or remove it",
                )


@register
class ReferenceCountOutOfRange(Rule):
    """The article cites fewer or more sources than the configured range.

    ## Why it matters
    The reference publisher asks for 3-6 citations from peer-reviewed or clinical sources:
    fewer leaves claims thinly supported, more usually means a literature review rather than
    a glossary entry. The range is `[lint] references` in mindlex.toml.

    ## Example
    An article with a single reference.

    ## Preferred
    3-6 sources, each cited in the text.
    """

    code = "CIT003"
    name = "reference-count-out-of-range"
    family = "CIT"
    severity = Severity.WARNING
    source = METHODS

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        low, high = ctx.config.lint.references
        count = len(ctx.glossary.references_of(ctx.article))
        if not low <= count <= high:
            span = ctx.article.field_span("references")
            yield self.report(
                span,
                f"{count} references, expected {low}-{high}",
                "add sources" if count < low else "keep the strongest sources",
            )


@register
class MissingEvidenceType(Rule):
    """A reference does not say what kind of source it is.

    ## Why it matters
    Readers see the source type next to each reference (peer-reviewed review, clinical
    reference, ...); it is how they tell a systematic review from a blog post.

    ## Example
    A reference with `title:` and `DOI:` but no `evidence:`.

    ## Preferred
    `evidence: peer_reviewed_review` (see docs/format.md for the values).
    """

    code = "CIT004"
    name = "missing-evidence-type"
    family = "CIT"
    severity = Severity.ERROR
    source = METHODS

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        for ref in ctx.article.references:
            if ref.evidence is None:
                yield self.report(
                    _ref_span(ref, ctx),
                    f"reference `{ref.id}` has no `evidence`",
                    "add `evidence:` with the source type",
                )


@register
class MalformedIdentifier(Rule):
    """A reference's DOI, PMID, PMCID or URL is not well formed.

    ## Why it matters
    A broken identifier means a broken link in the source list: the reader cannot check the
    claim. DOIs follow Crossref's pattern, PMIDs are 1-8 digits, PMCIDs are `PMC` + digits.

    ## Example
    `DOI: 10.10/abc`, `PMID: 0123`, `PMCID: 123456`, `URL: www.example.org`

    ## Preferred
    `DOI: 10.1000/xyz123`, `PMID: 31711912`, `PMCID: PMC9386168`, `URL: https://...`
    """

    code = "CIT005"
    name = "malformed-identifier"
    family = "CIT"
    severity = Severity.ERROR
    source = CROSSREF

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        for ref in ctx.article.references:
            for key, value, valid in _identifiers(ref):
                if not valid:
                    yield self.report(
                        _ref_span(ref, ctx, key),
                        f"reference `{ref.id}`: malformed {key} `{value}`",
                        f"check the {key} against the publisher's page",
                    )


def _identifiers(ref: Reference) -> Iterator[tuple[str, str, bool]]:
    if ref.DOI:
        doi = ids.DOI_PREFIX.sub("", ref.DOI.strip())
        yield "DOI", ref.DOI, ids.doi_ok(doi)
    if ref.PMID is not None:
        yield "PMID", str(ref.PMID), ids.pmid_ok(str(ref.PMID).strip())
    if ref.PMCID:
        yield "PMCID", ref.PMCID, ids.pmcid_ok(ref.PMCID.strip())
    if ref.URL:
        yield "URL", ref.URL, ids.url_ok(ref.URL.strip())


@register
class InvalidIsbn(Rule):
    """A reference's ISBN fails its check digit.

    ## Why it matters
    ISBNs carry a checksum, so a single mistyped digit is detectable; a wrong ISBN points
    readers (and library lookups) at a different book or at nothing.

    ## Example
    `ISBN: 978-0-89042-576-2` (last digit wrong)

    ## Preferred
    `ISBN: 978-0-89042-575-6`
    """

    code = "CIT006"
    name = "invalid-isbn"
    family = "CIT"
    severity = Severity.ERROR
    source = "http://hahnlibrary.net/libraries/isbncalc.html"

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        for ref in ctx.article.references:
            if ref.ISBN and not ids.isbn_ok(ref.ISBN):
                yield self.report(
                    _ref_span(ref, ctx, "ISBN"),
                    f"reference `{ref.id}`: ISBN `{ref.ISBN}` fails its checksum",
                    "copy the ISBN again from the book's record",
                )


@register
class ReferenceWithoutLocator(Rule):
    """A reference has no DOI, PMID, PMCID, ISBN or URL.

    ## Why it matters
    Without an identifier a reader cannot find the source to check a claim, and the reviewer
    cannot confirm it exists.

    ## Example
    A journal article with only a title and authors.

    ## Preferred
    Add the DOI (or PMID, ISBN or URL).
    """

    code = "CIT007"
    name = "reference-without-locator"
    family = "CIT"
    severity = Severity.WARNING
    source = "https://libguides.murdoch.edu.au/Vancouver/more"

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        for ref in ctx.article.references:
            if not (ref.DOI or ref.PMID or ref.PMCID or ref.ISBN or ref.URL):
                yield self.report(
                    _ref_span(ref, ctx),
                    f"reference `{ref.id}` has no identifier",
                    "add a DOI, PMID, PMCID, ISBN or URL",
                )


ATTRIBUTED = re.compile(
    r"\((?:[A-Z][\w'-]+(?: et al\.?| (?:and|&) [A-Z][\w'-]+)?),? (?:19|20)\d\d[a-z]?\)"
    r"|\[\d+(?:[,–-]\d+)*\]|[¹²³⁴⁵⁶⁷⁸⁹⁰]+"
    r"|(?i:\baccording to\b|\b(?:figures|data|statistics) from\b)",
)
"""Citations outside mindlex's `[@id]`: author-date, numbered marks, a named source."""


@register
class UncitedStatistic(Rule):
    """A sentence gives a figure (a percentage, "1 in 5", a prevalence) without a citation.

    ## Why it matters
    The publisher's rule is that prevalence and risk figures come only from cited sources;
    an unsourced number is the claim readers are most likely to repeat.

    ## Example
    `About 20% of adults have an anxiety disorder.`

    ## Preferred
    `About 19% of US adults had an anxiety disorder in the past year [@nimh2023].`
    """

    code = "CIT008"
    name = "uncited-statistic"
    family = "CIT"
    severity = Severity.WARNING
    source = METHODS
    needs = frozenset({"sentences"})

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        figures = lexicon.lexicon_regex("statistics")
        for block in ctx.blocks:
            if block.kind in ("summary", "heading"):
                continue
            reported: set[int] = set()
            for match in figures.finditer(block.text):
                sent = ctx.sentence_at(block, match.start())
                if sent.cited or sent.start in reported or ATTRIBUTED.search(sent.text):
                    continue
                reported.add(sent.start)
                span = ctx.block_span(block, match.start(), match.end())
                yield self.report(
                    span,
                    f"figure “{match.group(0)}” has no citation",
                    "cite its source in the same sentence, e.g. `[@id]`",
                )


@register
class NoPeerReviewedSource(Rule):
    """None of the article's sources is peer reviewed or a clinical reference.

    ## Why it matters
    Clinical content should rest on peer-reviewed research or clinical references
    (DSM-5-TR, guidelines); other sources may support it, but not alone.

    ## Example
    References that are all `evidence: other` or `preprint`.

    ## Preferred
    At least one `peer_reviewed_review`, `peer_reviewed_article`, `clinical_reference` or
    `clinical_guideline` source.
    """

    code = "CIT009"
    name = "no-peer-reviewed-source"
    family = "CIT"
    severity = Severity.WARNING
    source = METHODS

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        refs = ctx.glossary.references_of(ctx.article)
        if refs and not any(r.evidence in STRONG for r in refs):
            yield self.report(
                ctx.article.field_span("references"),
                "no peer-reviewed or clinical-reference source",
                "add a peer-reviewed or clinical source",
            )


@register
class OutdatedSource(Rule):
    """A source is older than the configured age and is not a clinical reference.

    ## Why it matters
    Evidence should be current and rechecked at each review; old research may have been
    superseded. Manuals, guidelines and textbooks are exempt (DSM-5-TR stays the reference
    until replaced). The age is `[lint] max-source-age-years`.

    ## Example
    A 1998 trial cited for a treatment's effect.

    ## Preferred
    A recent systematic review, or keep the old source beside a current one.
    """

    code = "CIT010"
    name = "outdated-source"
    family = "CIT"
    severity = Severity.INFO
    source = "https://www.england.nhs.uk/tis/"

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        limit = ctx.config.lint.max_source_age_years
        for ref in ctx.article.references:
            year = ref.year
            if year is not None and ref.evidence not in TIMELESS and ctx.today.year - year > limit:
                yield self.report(
                    _ref_span(ref, ctx, "issued"),
                    f"reference `{ref.id}` is from {year}, over {limit} years old",
                    "check for a newer source",
                )


@register
class ReferenceFromTheFuture(Rule):
    """A reference's year is after the current year.

    ## Why it matters
    An issue year that has not happened yet is a typo, and makes the whole source list look
    careless.

    ## Example
    `issued: 2204`

    ## Preferred
    `issued: 2024`
    """

    code = "CIT011"
    name = "reference-from-the-future"
    family = "CIT"
    severity = Severity.ERROR
    source = "https://infoguides.rit.edu/c.php?g=726149&p=8724242"

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        for ref in ctx.article.references:
            if ref.year is not None and ref.year > ctx.today.year:
                yield self.report(
                    _ref_span(ref, ctx, "issued"),
                    f"reference `{ref.id}` is dated {ref.year}",
                    "fix the year of issue",
                )


@register
class DoiWithUrlPrefix(Rule):
    """A `DOI` field holds a URL or `doi:` prefix rather than the bare DOI.

    ## Why it matters
    CSL stores the bare DOI; mindlex builds the link itself. With a prefix the link is
    doubled (`https://doi.org/https://doi.org/...`) and matching duplicates fails.

    ## Example
    `DOI: https://doi.org/10.1016/j.neuron.2020.01.001`

    ## Preferred
    `DOI: 10.1016/j.neuron.2020.01.001`

    ## Fix
    Safe: removes the prefix and nothing else; comments and quoting stay as they were.
    """

    code = "CIT012"
    name = "doi-with-url-prefix"
    family = "CIT"
    severity = Severity.WARNING
    fix = FixAvailability.SAFE
    source = CROSSREF

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        for ref in ctx.article.references:
            prefix = ids.DOI_PREFIX.match(ref.DOI or "")
            if prefix is None:
                continue
            span = _ref_span(ref, ctx, "DOI")
            yield self.report(
                span,
                f"reference `{ref.id}`: DOI has a `{prefix.group(0)}` prefix",
                "keep only the part starting with `10.`",
                _strip_prefix(ctx, span, prefix.group(0)),
            )


def _strip_prefix(ctx: LintContext, span: Span, prefix: str) -> Fix | None:
    source = ctx.article.source
    start = ctx.line_starts[span.line - 1] + span.col - 1
    if source[start : start + 1] in ("'", '"'):
        start += 1
    if source[start : start + len(prefix)] != prefix:
        return None
    return Fix((Edit(start, start + len(prefix), ""),), safe=True, description="remove prefix")
