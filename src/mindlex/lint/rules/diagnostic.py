"""DIAG: the article describes patterns; it never diagnoses the reader."""

from __future__ import annotations

import re
from collections.abc import Iterator

from mindlex.diagnostic import Diagnostic, Severity
from mindlex.lint import lexicon
from mindlex.lint.context import LintContext, negated
from mindlex.lint.phrases import PhraseRule
from mindlex.lint.registry import register
from mindlex.lint.rule import Rule
from mindlex.model import SectionKind

METHODS = "https://moodspan.org/methods"
DIAGNOSE = re.compile(r"\bdiagnos(?:e|es|ed|ing|is)\b", re.IGNORECASE)


@register
class SecondPersonDiagnosis(PhraseRule):
    """The text tells the reader they have a condition ("you have depression").

    ## Why it matters
    Only a clinician who has assessed someone can diagnose them; the reference publisher
    writes "patterns consistent with", never "you have". Help-seeking sentences such as "if
    you think you have depression, talk to a doctor" are not flagged.

    ## Example
    `If you answered yes to most questions, you have depression.`

    ## Preferred
    `If you answered yes to most questions, a doctor can check whether these patterns are
    consistent with depression.`
    """

    code = "DIAG001"
    name = "second-person-diagnosis"
    family = "DIAG"
    severity = Severity.ERROR
    source = METHODS
    problem = "diagnoses the reader"
    advice = "describe patterns (“consistent with”) and point to a professional assessment"


@register
class SelfDiagnosisInvitation(PhraseRule):
    """The text invites readers to diagnose themselves.

    ## Why it matters
    Symptom-checker practice is explicit that content is not for diagnosis; inviting
    self-diagnosis delays assessment. "Do not diagnose yourself" is not flagged.

    ## Example
    `Use this list to diagnose yourself.`

    ## Preferred
    `Use this list to prepare for a conversation with a doctor.`
    """

    code = "DIAG002"
    name = "self-diagnosis-invitation"
    family = "DIAG"
    severity = Severity.WARNING
    source = "https://support.babylon-health.com/cspbabylonsupport?id=csp_kb_article_view&sysparm_article=KB0010143"
    problem = "invites the reader to diagnose themselves"
    advice = "point to a professional assessment instead"


@register
class ScreenerDescribedAsDiagnosis(Rule):
    """A screening questionnaire (PHQ-9, GAD-7, ...) is said to diagnose.

    ## Why it matters
    Screeners show whether a fuller assessment may help; they do not diagnose. "The PHQ-9
    cannot diagnose depression" is not flagged.

    ## Example
    `The PHQ-9 diagnoses depression in a few minutes.`

    ## Preferred
    `The PHQ-9 screens for depression; a clinician makes the diagnosis.`
    """

    code = "DIAG003"
    name = "screener-described-as-diagnosis"
    family = "DIAG"
    severity = Severity.WARNING
    source = METHODS
    needs = frozenset({"sentences"})

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        screeners = lexicon.lexicon_regex("screeners")
        for sent in ctx.sentences:
            tool = screeners.search(sent.text)
            verb = DIAGNOSE.search(sent.text) if tool else None
            if tool is None or verb is None:
                continue
            gap = sent.text[min(tool.end(), verb.end()) : max(tool.start(), verb.start())]
            if len(gap.split()) > 6 or negated(sent.text[: verb.start()]):
                continue
            span = ctx.block_span(sent.block, sent.start + tool.start(), sent.start + tool.end())
            yield self.report(
                span,
                f"“{tool.group(0)}” is described as diagnosing",
                "say it screens, and that a clinician diagnoses",
            )


@register
class MissingAssessmentNote(Rule):
    """Neither the disclaimer nor When to seek help says a professional must diagnose.

    ## Why it matters
    Readers compare themselves with every description; one sentence saying that only a
    qualified professional can diagnose keeps the page informational rather than diagnostic.
    The site disclaimer counts.

    ## Example
    A disclaimer that says "for information only" and nothing about assessment.

    ## Preferred
    `Only a qualified health professional can diagnose a mental health condition.`
    """

    code = "DIAG004"
    name = "missing-assessment-note"
    family = "DIAG"
    severity = Severity.WARNING
    source = METHODS

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        section = ctx.article.section(SectionKind.WHEN_TO_SEEK_HELP)
        texts = [ctx.config.site.disclaimer, section.text if section else ""]
        professionals = lexicon.lexicon_regex("professionals")
        for text in texts:
            for sentence in re.split(r"(?<=[.!?])\s+", text):
                if DIAGNOSE.search(sentence) and professionals.search(sentence):
                    return
        yield self.report(
            ctx.article.span,
            "no sentence says a professional must diagnose",
            "say that only a qualified professional can diagnose, in the "
            "disclaimer or When to seek help",
        )
