"""SAFE: safe messaging about suicide and self-harm, medication safety, the disclaimer."""

from __future__ import annotations

import re
from collections.abc import Iterator

from mindlex.diagnostic import Diagnostic, Edit, Fix, Severity
from mindlex.lint import lexicon
from mindlex.lint.context import Hit, LintContext, negated
from mindlex.lint.phrases import PhraseRule
from mindlex.lint.registry import register
from mindlex.lint.rule import FixAvailability, Rule
from mindlex.model import SectionKind

REPORTING = (
    "https://www.nimh.nih.gov/health/topics/suicide-prevention/"
    "recommendations-for-reporting-on-suicide.shtml"
)
WHO = "https://paho.org/en/node/92857"
SAMARITANS = "https://www.nspa.org.uk/resources/media-guidelines-for-reporting-suicide/"


@register
class MissingCrisisResources(Rule):
    """An article that mentions suicide or self-harm names no crisis service.

    ## Why it matters
    Every safe-messaging guideline (reportingonsuicide, WHO/IASP, Samaritans) asks content
    about suicide to say where help is, right there. The services come from the site's
    locale in mindlex.toml (`[crisis.<locale>]`): the article must name one of them or one
    of their numbers (for example 988 in the US).

    ## Example
    An article on depression that discusses suicidal thoughts and never mentions 988.

    ## Preferred
    `If you are thinking about suicide, call or text 988 (988 Suicide & Crisis Lifeline).`

    ## Fix
    Unsafe: adds the locale's crisis services as a paragraph at the end of When to seek help.
    It adds clinical text, so a writer should read it before it is published.
    """

    code = "SAFE001"
    name = "missing-crisis-resources"
    family = "SAFE"
    severity = Severity.ERROR
    fix = FixAvailability.UNSAFE
    source = REPORTING

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        trigger = lexicon.lexicon_regex("suicide")
        first = next(((b, m) for b in ctx.blocks if (m := trigger.search(b.text))), None)
        if first is None:
            return
        block, match = first
        span = ctx.block_span(block, match.start(), match.end())
        common = ctx.common
        if not (common.crisis_numbers or common.crisis_names):
            locale = ctx.config.site.locale
            yield self.report(
                span,
                f"mentions “{match.group(0)}” but no crisis services are "
                f"configured for locale {locale}",
                f"add [crisis.{locale}] resources to mindlex.toml",
            )
            return
        if common.names_crisis_service(ctx.text):
            return
        yield self.report(
            span,
            f"mentions “{match.group(0)}” but names no crisis service",
            "name a crisis line for the site's locale, e.g. " + _contacts(ctx)[:80],
            _insert_crisis(ctx),
        )


def _contacts(ctx: LintContext) -> str:
    help_ = ctx.config.crisis_help()
    if help_ is None:
        return ""
    parts = [f"{r.name}: {r.contact}" for r in help_.resources]
    if help_.emergency:
        parts.append(f"in an emergency, call {help_.emergency}")
    return "; ".join(parts)


def _insert_crisis(ctx: LintContext) -> Fix | None:
    help_ = ctx.config.crisis_help()
    if help_ is None or not help_.resources:
        return None
    intro = help_.intro.strip() or "If you are thinking about suicide, help is available now."
    paragraph = f"{intro} {_contacts(ctx)[:1].upper()}{_contacts(ctx)[1:]}."
    article = ctx.article
    source = article.source
    section = article.section(SectionKind.WHEN_TO_SEEK_HELP)
    ends = [t.map[1] for t in (section.tokens if section else []) if t.map]
    if section is None or not ends:
        text = f"\n## When to seek help\n\n{paragraph}\n"
        at = len(source)
    else:
        line = article.body_line - 1 + max(ends)
        at = ctx.line_starts[line] if line < len(ctx.line_starts) else len(source)
        text = f"\n{paragraph}\n"
    if not source[:at].endswith("\n"):
        text = "\n" + text
    return Fix((Edit(at, at, text),), safe=False, description="add the locale's crisis services")


@register
class SuicideOutcomeFraming(PhraseRule):
    """A suicide death or attempt is called "successful", "failed" or "unsuccessful".

    ## Why it matters
    Reporting guidelines ask writers not to frame a death as success or survival as failure.
    "Failed" is only flagged in a sentence about suicide ("a failed exam" is fine).

    ## Example
    `She survived a failed suicide attempt.`

    ## Preferred
    `She survived a suicide attempt.`

    ## Fix
    Safe: removes "failed"/"unsuccessful"/"botched". Unsafe: "successful suicide" becomes
    "suicide death".
    """

    code = "SAFE002"
    name = "suicide-outcome-framing"
    family = "SAFE"
    severity = Severity.ERROR
    fix = FixAvailability.SAFE
    source = REPORTING
    problem = "frames a suicide outcome as success or failure"
    advice = "say “suicide attempt” or “died by suicide”"


@register
class SensationalFraming(PhraseRule):
    """Suicide is described with sensational words ("epidemic", "skyrocketing").

    ## Why it matters
    Reporting guidelines list "epidemic" and dramatic rate words among the framings linked
    to contagion; give the figure and its source instead.

    ## Example
    `Youth suicide rates are skyrocketing.`

    ## Preferred
    `Youth suicide rates rose by about 50% between 2007 and 2021 [@cdc2023].`
    """

    code = "SAFE003"
    name = "sensational-framing"
    family = "SAFE"
    severity = Severity.ERROR
    source = REPORTING
    problem = "sensationalises suicide"
    advice = "give the figure and its source in neutral words"


@register
class MethodDetail(PhraseRule):
    """A sentence about suicide mentions a method, a means or a dose.

    ## Why it matters
    WHO/IASP and Samaritans guidance: describing methods increases the risk of imitation.
    Sentences about restricting access to means ("store medicines safely", "lethal means
    counselling") are not flagged, because that advice saves lives.

    ## Example
    `He died by suicide after an overdose of 40 pills.`

    ## Preferred
    `He died by suicide.`
    """

    code = "SAFE004"
    name = "method-detail"
    family = "SAFE"
    severity = Severity.ERROR
    source = WHO
    problem = "describes a suicide method"
    advice = "leave the method out"


@register
class SolutionFraming(PhraseRule):
    """Suicide is framed as a way out, an escape or an end to pain.

    ## Why it matters
    WHO/IASP guidance: never present suicide as a solution. Say that help works instead.

    ## Example
    `For some, suicide seems the only way out.`

    ## Preferred
    `Suicidal thoughts can make it hard to see other options; support can help.`
    """

    code = "SAFE005"
    name = "solution-framing"
    family = "SAFE"
    severity = Severity.ERROR
    source = WHO
    problem = "frames suicide as a solution"
    advice = "say that suicidal thoughts can pass and help is available"


@register
class JudgementalFraming(PhraseRule):
    """Suicide or self-harm is called selfish, cowardly or attention-seeking.

    ## Why it matters
    Samaritans name "attention-seeking" as a harmful myth; judging people who self-harm or
    attempt suicide discourages them from seeking help.

    ## Example
    `Self-harm is often attention-seeking.`

    ## Preferred
    `Self-harm is usually a way of coping with overwhelming feelings.`
    """

    code = "SAFE006"
    name = "judgemental-framing"
    family = "SAFE"
    severity = Severity.WARNING
    source = SAMARITANS
    problem = "judges people who self-harm or attempt suicide"
    advice = "describe the distress without judging it"


@register
class NoWarningSignsMyth(PhraseRule):
    """Suicide is said to happen "without warning" or "out of the blue".

    ## Why it matters
    Most people who die by suicide showed warning signs; saying there were none hides the
    signs readers could learn to notice.
    Sentences that name the idea to correct it ("it is a myth that...") are not flagged.

    ## Example
    `Suicide often happens without warning.`

    ## Preferred
    `Most people show warning signs before a suicide attempt; learn what they are.`
    """

    code = "SAFE007"
    name = "no-warning-signs-myth"
    family = "SAFE"
    severity = Severity.WARNING
    source = REPORTING
    problem = "repeats the myth that suicide comes without warning"
    advice = "say that most people show warning signs, and list them"

    def keep(self, hit: Hit) -> bool:
        """Sentences that name the idea in order to correct it are not findings."""
        return DEBUNKING.search(sentence_at(hit.block.text, hit.start)) is None


DEBUNKING = re.compile(
    r"\b(?:myths?|not true|untrue|false|misconceptions?|mistaken|believe|assume|but most)\b",
    re.IGNORECASE,
)


def sentence_at(text: str, index: int) -> str:
    """The sentence of `text` that contains `index`."""
    start = max(text.rfind(". ", 0, index), text.rfind("? ", 0, index), text.rfind("! ", 0, index))
    ends = [i for i in (text.find(". ", index), text.find("? ", index)) if i != -1]
    return text[start + 1 : min(ends) + 1 if ends else len(text)]


@register
class UnsupervisedMedicationChange(Rule):
    """The text suggests stopping or changing medication without a prescriber.

    ## Why it matters
    The NHS, Rethink and NICE all say to talk to the prescriber before stopping or changing
    psychiatric medication: stopping suddenly can cause withdrawal or relapse. Sentences
    that name a doctor, prescriber or pharmacist, negated advice ("do not stop taking...")
    and questions are not flagged.

    ## Example
    `If side effects bother you, stop taking the antidepressant.`

    ## Preferred
    `If side effects bother you, talk to your prescriber before changing your medication.`
    """

    code = "SAFE008"
    name = "unsupervised-medication-change"
    family = "SAFE"
    severity = Severity.ERROR
    source = "https://www.rethink.org/advice-and-information/living-with-mental-illness/medications/stopping-antidepressants/"
    needs = frozenset({"sentences"})

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        change = lexicon.lexicon_regex("medication_change")
        medication = lexicon.lexicon_regex("medication")
        deferral = lexicon.lexicon_regex("deferral")
        for sent in ctx.sentences:
            text = sent.text
            verb = change.search(text)
            if verb is None or text.rstrip().endswith("?") or deferral.search(text):
                continue
            drug = medication.search(text, verb.end())
            if drug is None or len(text[verb.end() : drug.start()].split()) > 5:
                continue
            if not _advice(text[: verb.start()], verb.group(0)):
                continue
            span = ctx.block_span(sent.block, sent.start + verb.start(), sent.start + drug.end())
            yield self.report(
                span,
                "medication change without a prescriber",
                "add “talk to your doctor or prescriber first”",
            )


BASE_VERBS = {
    "stop",
    "come",
    "quit",
    "skip",
    "halve",
    "double",
    "taper",
    "wean",
    "cut",
    "ditch",
    "throw",
}
ADVICE_LEAD = re.compile(
    r"(?:^|\b(?:just|simply|then|and|so|now|or)|\byou (?:can|could|should|may|might|must)"
    r"(?: just| simply)?|\b(?:it is|it's) (?:fine|safe|ok|okay|best) to|\b(?:feel free|try|"
    r"decide|choose) to)\s*$",
    re.IGNORECASE,
)


def _advice(before: str, verb: str) -> bool:
    """True when the verb is advice to the reader: an imperative or "you can/should ..."."""
    if verb.split()[0].lower() not in BASE_VERBS or negated(before):
        return False
    clause = re.split(r"[,;:—(]", before)[-1]
    return bool(ADVICE_LEAD.search(clause))


@register
class OutdatedCrisisNumber(PhraseRule):
    """The old US Lifeline number 1-800-273-8255 is given.

    ## Why it matters
    Since July 2022 the US number is 988 (call or text). The old number still connects, but
    should not be the number readers see first.

    ## Example
    `Call 1-800-273-8255.`

    ## Preferred
    `Call or text 988.`

    ## Fix
    Unsafe: replaces the number with 988; check the surrounding words still fit.
    """

    code = "SAFE010"
    name = "outdated-crisis-number"
    family = "SAFE"
    severity = Severity.WARNING
    fix = FixAvailability.UNSAFE
    source = "https://familyandcaregivertoolkit.org/988-crisis-lifeline"
    problem = "is the old US crisis number"
    advice = "give 988 instead"
