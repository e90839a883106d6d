"""READ: grade level (SMOG gates, Flesch-Kincaid is reported) and sentence length.

Scores skip headings, tables, code, link targets and citations, and count the glossary's own
terms (titles and aliases) as simple words: an article on "generalised anxiety disorder"
should not be marked hard for naming its subject.
"""

from __future__ import annotations

from collections.abc import Iterator

from mindlex.diagnostic import Diagnostic, Severity
from mindlex.lint.context import LintContext
from mindlex.lint.readability import Scores
from mindlex.lint.registry import register
from mindlex.lint.rule import Rule
from mindlex.model import SectionKind

SMOG = "http://www.harrymclaughlin.com/SMOG.htm"
NHS = "http://service-manual.nhs.uk/content/how-we-write"
SECTION_MIN_SENTENCES = 3


def grades(scores: Scores) -> str:
    return f"SMOG {scores.smog:.1f}, Flesch-Kincaid {scores.flesch_kincaid:.1f}"


def over(value: float, limit: float) -> bool:
    """Compare as printed (one decimal), so "SMOG 15.0" never exceeds a limit of 15."""
    return round(value, 1) > limit


@register
class PlainLanguageTooHard(Rule):
    """The summary and When to seek help read above the plain-language level.

    ## Why it matters
    These are the parts a reader in distress or with low health literacy must understand:
    the NHS and PIF aim for a reading age of 9-11, NIH below US grade 8. SMOG is the gate
    because Flesch-Kincaid underestimates health text (Fitzsimmons 2010). The limit is
    `[lint] smog-plain` (default 9).

    ## Example
    `If symptoms persist, arrange a consultation with an appropriately qualified practitioner.`

    ## Preferred
    `If it does not get better, see a doctor.`
    """

    code = "READ001"
    name = "plain-language-too-hard"
    family = "READ"
    severity = Severity.WARNING
    source = NHS
    needs = frozenset({"readability"})

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        scores = ctx.readability["plain"]
        limit = ctx.config.lint.smog_plain
        if scores.sentences and over(scores.smog, limit):
            section = ctx.article.section(SectionKind.WHEN_TO_SEEK_HELP)
            span = section.span if section else ctx.article.field_span("summary")
            yield self.report(
                span,
                f"summary and When to seek help read at {grades(scores)}; "
                f"the limit is SMOG {limit:.1f}",
                "use shorter sentences and everyday words",
            )


@register
class ArticleTooHard(Rule):
    """The whole article reads above the configured grade.

    ## Why it matters
    The reference publisher writes at college level (about SMOG 13) for the body; beyond
    that, most adults struggle. The limit is `[lint] smog-article`.

    ## Example
    An article whose every sentence stacks several four-syllable technical words.

    ## Preferred
    Explain technical words the first time, and split long sentences.
    """

    code = "READ002"
    name = "article-too-hard"
    family = "READ"
    severity = Severity.WARNING
    source = "https://moodspan.org/methods"
    needs = frozenset({"readability"})

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        scores = ctx.readability["article"]
        limit = ctx.config.lint.smog_article
        if scores.sentences and over(scores.smog, limit):
            yield self.report(
                ctx.article.span,
                f"article reads at {grades(scores)}; the limit is SMOG {limit:.1f}",
                "shorten sentences and explain technical words",
            )


@register
class SectionTooHard(Rule):
    """One section reads well above the configured section grade.

    ## Why it matters
    An article can pass overall while one section (often Clinical context) is far harder;
    per-section scores show where to edit. Sections shorter than three sentences are not
    scored. The limit is `[lint] smog-section`.

    ## Example
    A Clinical context section written like a journal abstract.

    ## Preferred
    Split and simplify that section.
    """

    code = "READ003"
    name = "section-too-hard"
    family = "READ"
    severity = Severity.INFO
    source = SMOG
    needs = frozenset({"readability"})

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        limit = ctx.config.lint.smog_section
        for index, section in enumerate(ctx.article.sections):
            scores = ctx.readability.get(f"section:{index}")
            if scores and scores.sentences >= SECTION_MIN_SENTENCES and over(scores.smog, limit):
                yield self.report(
                    section.span,
                    f"section “{section.title}” reads at "
                    f"{grades(scores)}; the limit is SMOG {limit:.1f}",
                    "simplify this section",
                )


@register
class LongSentence(Rule):
    """A sentence is longer than the configured number of words.

    ## Why it matters
    Plain-language guidance (Plain English Campaign, PIF) keeps sentences around 15-20
    words; very long ones are where readers lose the thread. The limit is
    `[lint] max-sentence-words` (default 35).

    ## Example
    A 50-word sentence joining a definition, two causes and a treatment with commas.

    ## Preferred
    Two or three shorter sentences.
    """

    code = "READ004"
    name = "long-sentence"
    family = "READ"
    severity = Severity.WARNING
    source = "https://pifonline.org.uk/resources/how-to-guides/using-plain-language-in-health-information/html-version/"
    needs = frozenset({"sentences"})

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        limit = ctx.config.lint.max_sentence_words
        for sent in ctx.sentences:
            if sent.block.kind in ("heading", "table"):
                continue
            count = len(sent.words())
            if count > limit:
                span = ctx.block_span(sent.block, sent.start, sent.end)
                yield self.report(
                    span,
                    f"sentence has {count} words (limit {limit})",
                    "split it into shorter sentences",
                )


@register
class LongAverageSentence(Rule):
    """The article's average sentence is longer than the configured number of words.

    ## Why it matters
    The Plain English Campaign recommends an average of 15-20 words; an article that is long
    on average is hard going even if no single sentence is extreme. The limit is
    `[lint] max-average-sentence-words`.

    ## Example
    An article averaging 28 words a sentence.

    ## Preferred
    An average under about 20 words.
    """

    code = "READ005"
    name = "long-average-sentence"
    family = "READ"
    severity = Severity.INFO
    source = "https://abcdocz.com/doc/177133"
    needs = frozenset({"readability"})

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        scores = ctx.readability["article"]
        limit = ctx.config.lint.max_average_sentence_words
        if scores.sentences and over(scores.average_sentence, limit):
            yield self.report(
                ctx.article.span,
                f"sentences average {scores.average_sentence:.1f} words (limit {limit:.1f})",
                "split the longest sentences",
            )
