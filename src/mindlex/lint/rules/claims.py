"""CLAIM: cure, guarantee and proof claims, and emerging treatments stated as settled."""

from __future__ import annotations

from collections.abc import Iterator

from mindlex.diagnostic import Diagnostic, Severity
from mindlex.lint import lexicon
from mindlex.lint.context import Hit, LintContext, negated
from mindlex.lint.phrases import PhraseRule
from mindlex.lint.registry import register
from mindlex.lint.rule import Rule
from mindlex.lint.rules.safety import sentence_at

ASA = "https://www.asa.org.uk/advice-online/healthcare-medicinal-claims.html"


@register
class CureClaim(PhraseRule):
    """The text promises a cure, a guarantee or certain success.

    ## Why it matters
    UK advertising rules treat "cure" and "guaranteed" as medicinal claims needing strong
    evidence, and health-writing guides ask for no promises. Negated forms ("there is no
    cure", "recovery is not guaranteed") and hope language ("recovery is possible") are not
    flagged.

    ## Example
    `This technique cures anxiety and the panic never comes back.`

    ## Preferred
    `This technique can reduce anxiety for many people [@id].`
    """

    code = "CLAIM001"
    name = "cure-claim"
    family = "CLAIM"
    severity = Severity.ERROR
    source = ASA
    problem = "promises a cure or a certain outcome"
    advice = "state what the evidence shows, with a citation"

    def keep(self, hit: Hit) -> bool:
        """A question, or a warning about others' claims ("beware of products that claim
        to cure anxiety"), is not itself a claim."""
        return _own_claim(hit)


@register
class ProvenClaim(PhraseRule):
    """The text calls something "clinically proven" or "proven to" work.

    ## Why it matters
    "Proven" overstates what any trial shows; the ASA notes even "clinically proven" implies
    proof of efficacy. GRADE wording ("reduces", "probably reduces", "may reduce") matches the
    strength of the evidence instead.

    ## Example
    `CBT is clinically proven to treat insomnia.`

    ## Preferred
    `CBT for insomnia improves sleep for most people in trials [@id].`
    """

    code = "CLAIM002"
    name = "proven-claim"
    family = "CLAIM"
    severity = Severity.WARNING
    source = "https://pubmed.ncbi.nlm.nih.gov/31711912/"
    problem = "overstates the evidence"
    advice = "say what the studies found, worded to match its certainty"

    def keep(self, hit: Hit) -> bool:
        return _own_claim(hit)


def _own_claim(hit: Hit) -> bool:
    sentence = sentence_at(hit.block.text, hit.start)
    if sentence.rstrip().endswith("?"):
        return False
    before = sentence[: max(hit.start - hit.block.text.find(sentence), 0)]
    return lexicon.lexicon_regex("hearsay").search(before) is None


@register
class UncitedResearchClaim(PhraseRule):
    """ "Studies show" or "research says" with no citation in the sentence.

    ## Why it matters
    HONcode's justifiability principle: a claim attributed to research must cite it. An
    unsourced "studies show" cannot be checked.

    ## Example
    `Studies show that exercise lifts mood.`

    ## Preferred
    `Exercise can lift mood in people with mild depression [@id].`
    """

    code = "CLAIM003"
    name = "uncited-research-claim"
    family = "CLAIM"
    severity = Severity.WARNING
    source = "https://bmcmedinformdecismak.biomedcentral.com/articles/10.1186/s12911-021-01397-x/tables/1"
    problem = "appeals to research without citing it"
    advice = "cite the study in the same sentence, e.g. `[@id]`"


@register
class UnhedgedEmergingTreatment(Rule):
    """A benefit of an emerging treatment (ketamine, psilocybin, ...) is stated without hedging.

    ## Why it matters
    Evidence for emerging treatments is early; GRADE guidance words low-certainty findings
    with "may" or "might", and the reference publisher keeps emerging research apart from
    established findings. A sentence that names such a treatment and a benefit needs a hedge.

    ## Example
    `Psilocybin cures treatment-resistant depression.`

    ## Preferred
    `Early trials suggest psilocybin may help some people with treatment-resistant depression.`
    """

    code = "CLAIM004"
    name = "unhedged-emerging-treatment"
    family = "CLAIM"
    severity = Severity.WARNING
    source = "https://pubmed.ncbi.nlm.nih.gov/31711912/"
    needs = frozenset({"sentences"})

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        treatments = lexicon.lexicon_regex("emerging_treatments")
        efficacy = lexicon.lexicon_regex("efficacy")
        hedges = lexicon.lexicon_regex("hedges")
        candidates = [b for b in ctx.blocks if treatments.search(b.text)]
        for sent in (s for b in candidates for s in ctx.sentences_of(b)):
            text = sent.text
            found = treatments.search(text)
            if found is None or sent.block.in_quotes(
                sent.start + found.start(), sent.start + found.end()
            ):
                continue
            claim = efficacy.search(text)
            if claim is None or hedges.search(text) or negated(text[: claim.start()]):
                continue
            span = ctx.block_span(sent.block, sent.start + found.start(), sent.start + found.end())
            yield self.report(
                span,
                f"benefit of {found.group(0)} stated without hedging",
                "hedge it (“early studies suggest ... may”) and cite the study",
            )


@register
class DiscouragingCare(PhraseRule):
    """The text discourages professional care ("you don't need a therapist").

    ## Why it matters
    Health content must not discourage essential treatment (ASA CAP Code 12); a reader who
    needs care may take the sentence as permission to go without it.

    ## Example
    `With these habits you don't need medication.`

    ## Preferred
    `These habits can support treatment; talk to your doctor before changing it.`
    """

    code = "CLAIM005"
    name = "discouraging-care"
    family = "CLAIM"
    severity = Severity.ERROR
    source = ASA
    problem = "discourages professional care"
    advice = "present self-help as a complement to care, not a replacement"
