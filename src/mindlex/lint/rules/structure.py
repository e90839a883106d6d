"""STR: the parts every article needs, in a sensible number and shape."""

from __future__ import annotations

import re
from collections.abc import Iterator

from mindlex.diagnostic import Diagnostic, Severity
from mindlex.lint.context import LintContext
from mindlex.lint.registry import register
from mindlex.lint.rule import Rule
from mindlex.model import SectionKind

METHODS = "https://moodspan.org/methods"
NOT_COUNTED = {
    "sources",
    "references",
    "sources and references",
    "related articles",
    "related",
    "disclaimer",
    "further reading",
}


class _MissingSection(Rule):
    kind: SectionKind
    label: str
    family = "STR"
    source = METHODS

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        if ctx.article.section(self.kind) is None:
            yield self.report(
                ctx.article.span,
                f"no `## {self.label}` section",
                f"add a `## {self.label}` section",
            )


@register
class MissingDefinition(_MissingSection):
    """The article has no Definition section.

    ## Why it matters
    A glossary entry exists to define a term; readers and search engines look for the
    definition first, and the JSON API and structured data take it from this section.

    ## Example
    An article that opens with `## Clinical context` and never says what the term means.

    ## Preferred
    `## Definition` as the first section, one or two plain sentences long.
    """

    code = "STR001"
    name = "missing-definition"
    severity = Severity.ERROR
    kind = SectionKind.DEFINITION
    label = "Definition"


@register
class MissingWhenToSeekHelp(_MissingSection):
    """The article has no When to seek help section.

    ## Why it matters
    The reference publisher puts help-seeking guidance in every article, and safe-messaging
    frameworks ask every page to say where help is; a reader who recognises themselves in an
    entry should find the next step on the same page.

    ## Example
    An article on panic attacks that ends after its FAQ.

    ## Preferred
    `## When to seek help` with when to talk to a doctor and what to do in an emergency.
    """

    code = "STR002"
    name = "missing-when-to-seek-help"
    severity = Severity.ERROR
    kind = SectionKind.WHEN_TO_SEEK_HELP
    label = "When to seek help"


@register
class MissingFaq(_MissingSection):
    """The article has no Frequently asked questions section.

    ## Why it matters
    The publisher's quality controls call for an FAQ written as the questions readers really
    search for; it is also where short, direct answers are easiest to find.

    ## Example
    An article with Definition, Clinical context and When to seek help only.

    ## Preferred
    `## Frequently asked questions` with `###` questions and their answers.
    """

    code = "STR003"
    name = "missing-faq"
    severity = Severity.WARNING
    kind = SectionKind.FAQ
    label = "Frequently asked questions"


@register
class SectionCountOutOfRange(Rule):
    """The article has fewer or more `##` sections than the configured range.

    ## Why it matters
    The reference publisher asks for 5-10 substantive sections: fewer usually means a thin
    entry, more a page that should be split. Sources, related articles and disclaimer
    headings are not counted. The range is `[lint] sections` in mindlex.toml.

    ## Example
    An article with only `## Definition` and `## When to seek help`.

    ## Preferred
    Between 5 and 10 sections, e.g. Definition, Clinical context, Relevance to practice,
    When to seek help and Frequently asked questions.
    """

    code = "STR004"
    name = "section-count-out-of-range"
    family = "STR"
    severity = Severity.WARNING
    source = METHODS

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        low, high = ctx.config.lint.sections
        count = sum(1 for s in ctx.article.sections if _plain(s.title) not in NOT_COUNTED)
        if not low <= count <= high:
            yield self.report(
                ctx.article.span,
                f"{count} sections, expected {low}-{high}",
                "add missing sections" if count < low else "split the article",
            )


def _plain(title: str) -> str:
    return " ".join(re.sub(r"[^a-z ]", " ", title.lower().replace("&", "and")).split())


@register
class FaqEntryNotQuestion(Rule):
    """An FAQ heading is not phrased as a question.

    ## Why it matters
    FAQ entries should be the questions readers actually type; a statement under the FAQ
    heading is a section in disguise, and FAQ structured data expects questions.

    ## Example
    `### Causes of insomnia`

    ## Preferred
    `### What causes insomnia?`
    """

    code = "STR005"
    name = "faq-entry-not-question"
    family = "STR"
    severity = Severity.WARNING
    source = "https://developers.google.com/search/docs/appearance/structured-data/faqpage"

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        for item in ctx.article.faq:
            if not item.question.rstrip().endswith("?"):
                yield self.report(
                    item.span,
                    f"FAQ entry “{item.question}” is not a question",
                    "write it as the question a reader would ask, ending in ?",
                )


@register
class FaqQuestionWithoutAnswer(Rule):
    """An FAQ question has no answer under it.

    ## Why it matters
    An unanswered question is a dead end for the reader and invalid FAQ structured data.

    ## Example
    `### Is it hereditary?` followed directly by the next question.

    ## Preferred
    A short paragraph answering the question under each `###` heading.
    """

    code = "STR006"
    name = "faq-question-without-answer"
    family = "STR"
    severity = Severity.ERROR
    source = "https://developers.google.com/search/docs/appearance/structured-data/faqpage"

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        for item in ctx.article.faq:
            if not item.answer_text.strip():
                yield self.report(
                    item.span,
                    f"FAQ question “{item.question}” has no answer",
                    "answer it in a paragraph below the heading, or remove it",
                )


@register
class SummaryLengthOutOfRange(Rule):
    """The summary is too short or too long.

    ## Why it matters
    The summary is shown under the headline, on cards, in search results and in the API: too
    short and it says nothing, too long and it is cut off. The word range is
    `[lint] summary-words` in mindlex.toml.

    ## Example
    `summary: A brain thing.`

    ## Preferred
    One plain sentence of about 10-40 words saying what the term means.
    """

    code = "STR007"
    name = "summary-length-out-of-range"
    family = "STR"
    severity = Severity.WARNING
    source = "http://service-manual.nhs.uk/content/how-we-write"

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        low, high = ctx.config.lint.summary_words
        count = len(re.findall(r"[\w'’-]+", ctx.article.summary))
        if not low <= count <= high:
            yield self.report(
                ctx.article.field_span("summary"),
                f"summary has {count} words, expected {low}-{high}",
                "expand it" if count < low else "shorten it to one sentence",
            )


@register
class MissingHeadline(Rule):
    """The article sets no `headline`, so the page heading is the bare term.

    ## Why it matters
    The reference entry pairs the term with what the page offers ("Neuroplasticity:
    Definition, Clinical Relevance, and Mental Health Applications"), which tells readers and
    search engines what they will find. It is optional, so this is only information.

    ## Example
    Front matter with `title: Neuroplasticity` and no `headline:`.

    ## Preferred
    `headline: "Neuroplasticity: Definition, Clinical Relevance, and Applications"`
    """

    code = "STR008"
    name = "missing-headline"
    family = "STR"
    severity = Severity.INFO
    source = "https://developers.google.com/search/docs/fundamentals/creating-helpful-content"

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        if not ctx.article.headline:
            yield self.report(
                ctx.article.field_span("title"),
                "no `headline` set",
                "add `headline:` naming the term and what the page covers",
            )


@register
class EmptySection(Rule):
    """A `##` section has a heading and nothing under it.

    ## Why it matters
    An empty section renders as a heading with no content, which looks broken and pads the
    section count.

    ## Example
    `## Clinical context` immediately followed by `## When to seek help`.

    ## Preferred
    Write the section, or remove its heading.
    """

    code = "STR009"
    name = "empty-section"
    family = "STR"
    severity = Severity.WARNING
    source = METHODS

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        for section in ctx.article.sections:
            if not any(t.type == "inline" and t.content.strip() for t in section.tokens):
                yield self.report(
                    section.span,
                    f"section “{section.title}” is empty",
                    "write the section or remove the heading",
                )


@register
class TitleHeadingInBody(Rule):
    """The body contains a `#` (level 1) heading.

    ## Why it matters
    The page title comes from the front matter; a second level-1 heading breaks the page's
    heading outline for screen-reader users and is not treated as a section.

    ## Example
    `# Neuroplasticity` at the top of the body.

    ## Preferred
    Remove it (the title is already shown), or make it a `##` section.
    """

    code = "STR010"
    name = "title-heading-in-body"
    family = "STR"
    severity = Severity.WARNING
    source = "https://www.w3.org/WAI/tutorials/page-structure/headings/"

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        article = ctx.article
        tokens = [*article.intro_tokens, *(t for s in article.sections for t in s.tokens)]
        for tok in tokens:
            if tok.type == "heading_open" and tok.tag == "h1":
                line = (tok.map[0] if tok.map else 0) + article.body_line
                yield self.report(
                    article.span.at(line),
                    "level-1 heading in the body",
                    "remove it or change it to `##`",
                )
