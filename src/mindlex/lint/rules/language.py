"""LANG: stigmatising wording, with person-first replacements from `vocab/language.toml`.

Quoted examples ("avoid saying “addict”"), inline code, link targets and proper names such as
the National Institute on Drug Abuse never match; see `LintContext.phrase_hits`.
"""

from __future__ import annotations

from mindlex.diagnostic import Severity
from mindlex.lint.phrases import PhraseRule
from mindlex.lint.registry import register
from mindlex.lint.rule import FixAvailability

NIDA = (
    "https://nida.nih.gov/nidamed-medical-health-professionals/health-professions-education/"
    "words-matter-terms-to-use-avoid-when-talking-about-addiction"
)
AP = "https://editorial-styleguide.umark.wisc.edu/term/mental-illness/"


@register
class DiagnosisAsIdentity(PhraseRule):
    """A person is called by their diagnosis ("a schizophrenic", "depressives").

    ## Why it matters
    Calling someone "a schizophrenic" reduces them to a condition; UK anti-stigma media
    guidance (Time to Change, Shift) and APA style ask for person-first wording. Adjectives
    describing symptoms ("a psychotic episode") are not flagged.

    ## Example
    `Schizophrenics often hear voices.`

    ## Preferred
    `People with schizophrenia often hear voices.`

    ## Fix
    Safe: swaps the label for the person-first phrase, keeping capitalisation.
    """

    code = "LANG001"
    name = "diagnosis-as-identity"
    family = "LANG"
    severity = Severity.ERROR
    fix = FixAvailability.SAFE
    source = "http://www.shift.org.uk/mediahandbook/whatsthestory/language/index.html"
    problem = "defines a person by a diagnosis"
    advice = "name the person first, then the condition"


@register
class MentallyIllLabel(PhraseRule):
    """People are grouped as "the mentally ill" or "mental patients".

    ## Why it matters
    AP style and the NHS content guide both advise against "the mentally ill": it groups
    people by a label. Prefer a specific diagnosis, or "people with mental illness".

    ## Example
    `Services for the mentally ill are underfunded.`

    ## Preferred
    `Services for people with mental illness are underfunded.`

    ## Fix
    Safe for "the mentally ill", "is/are mentally ill"; unsafe for "mentally ill people"
    (check the sentence still reads well).
    """

    code = "LANG002"
    name = "mentally-ill-label"
    family = "LANG"
    severity = Severity.ERROR
    fix = FixAvailability.SAFE
    source = "https://service-manual.nhs.uk/content/inclusive-content/disabilities-and-conditions"
    problem = "labels people by their illness"
    advice = "say “people with a mental health condition” or name the condition"


@register
class PityFraming(PhraseRule):
    """A condition is framed as suffering ("suffers from", "victim of", "battling").

    ## Why it matters
    Pity words cast people as helpless; the NHS and AP guides ask for neutral verbs. "Has",
    "lives with" and "is experiencing" state the same fact without judging it.

    ## Example
    `She suffers from bipolar disorder.`

    ## Preferred
    `She has bipolar disorder.`

    ## Fix
    Safe for the "suffer from" forms; unsafe for "afflicted with" and "stricken with".
    """

    code = "LANG003"
    name = "pity-framing"
    family = "LANG"
    severity = Severity.WARNING
    fix = FixAvailability.SAFE
    source = "https://service-manual.nhs.uk/content/inclusive-content/disabilities-and-conditions"
    problem = "frames the condition as suffering"
    advice = "use a neutral verb such as “has” or “lives with”"


@register
class DerogatoryTerm(PhraseRule):
    """A derogatory word for mental illness ("crazy", "psycho", "nutter").

    ## Why it matters
    Slurs about mental illness are the clearest form of stigma named by AP style and UK
    anti-stigma guidance. "Mad" is deliberately not listed: it is reclaimed in Mad Pride and
    commonly means "angry".

    ## Example
    `People used to call him crazy.`

    ## Preferred
    `People used to misunderstand his symptoms.`
    """

    code = "LANG004"
    name = "derogatory-term"
    family = "LANG"
    severity = Severity.ERROR
    source = AP
    problem = "is a derogatory term for mental illness"
    advice = "describe the behaviour or the condition instead"


@register
class DiagnosisAsMetaphor(PhraseRule):
    """A diagnosis is used as a metaphor ("so OCD", "bipolar weather").

    ## Why it matters
    Using diagnoses as everyday adjectives trivialises them; AP style and Shift both ask
    writers not to.

    ## Example
    `I'm a bit OCD about my desk.`

    ## Preferred
    `I like my desk tidy.`
    """

    code = "LANG005"
    name = "diagnosis-as-metaphor"
    family = "LANG"
    severity = Severity.ERROR
    source = AP
    problem = "uses a diagnosis as a metaphor"
    advice = "use a plain word for what you mean"


@register
class SubstanceUseStigma(PhraseRule):
    """Stigmatising substance-use wording ("addict", "alcoholics", "substance abuse").

    ## Why it matters
    NIDA's "Words Matter" guidance notes that clinicians judge a "substance abuser" more
    harshly than a "person with a substance use disorder". Proper names (National Institute
    on Drug Abuse, Alcoholics Anonymous) and the word "addiction" are not flagged.

    ## Example
    `Addicts often relapse.`

    ## Preferred
    `People with a substance use disorder often relapse.`

    ## Fix
    Safe for person nouns; unsafe for "substance abuse" → "substance use" (check the
    meaning).
    """

    code = "LANG006"
    name = "substance-use-stigma"
    family = "LANG"
    severity = Severity.ERROR
    fix = FixAvailability.SAFE
    source = NIDA
    problem = "is stigmatising substance-use language"
    advice = "use person-first wording, e.g. “person with a substance use disorder”"


@register
class CleanDirtyTest(PhraseRule):
    """ "Clean" or "dirty" describes a person or a drug test.

    ## Why it matters
    NIDA lists clean/dirty as moralising terms: they imply a person who uses drugs is
    dirty. Test results are positive or negative; people are in recovery.

    ## Example
    `He had a dirty urine test.`

    ## Preferred
    `He had a positive urine test.`

    ## Fix
    Safe: "clean"/"dirty" before test, screen or result become "negative"/"positive".
    """

    code = "LANG007"
    name = "clean-dirty-test"
    family = "LANG"
    severity = Severity.ERROR
    fix = FixAvailability.SAFE
    source = NIDA
    problem = "is moralising substance-use language"
    advice = "say “negative/positive” for tests, “in recovery” or “not using” for people"


@register
class CommittedSuicide(PhraseRule):
    """ "Committed suicide" and its forms.

    ## Why it matters
    "Commit" dates from when suicide was a crime; reporting guidelines (reportingonsuicide,
    Samaritans) ask for "died by suicide" or "took their own life".

    ## Example
    `He committed suicide in 2019.`

    ## Preferred
    `He died by suicide in 2019.`

    ## Fix
    Safe: commit/commits/committed/committing suicide become die/dies/died/dying by suicide.
    """

    code = "LANG008"
    name = "committed-suicide"
    family = "LANG"
    severity = Severity.ERROR
    fix = FixAvailability.SAFE
    source = "https://www.nimh.nih.gov/health/topics/suicide-prevention/recommendations-for-reporting-on-suicide.shtml"
    problem = "treats suicide as a crime"
    advice = "say “died by suicide”"


@register
class HouseStylePhrase(PhraseRule):
    """A phrase this site's `[lint] add-phrases` asks writers to avoid.

    ## Why it matters
    Each glossary has its own community preferences (for example identity-first terms some
    communities prefer); `add-phrases` in mindlex.toml records them with a replacement.

    ## Example
    With `add-phrases = {"mental disorder" = "mental health condition"}`:
    `a mental disorder`

    ## Preferred
    `a mental health condition`

    ## Fix
    Unsafe: the configured replacement, which mindlex cannot check for grammar.
    """

    code = "LANG009"
    name = "house-style-phrase"
    family = "LANG"
    severity = Severity.WARNING
    fix = FixAvailability.UNSAFE
    source = "https://apastyle.apa.org/style-grammar-guidelines/bias-free-language/disability"
    problem = "is on this site's list of phrases to avoid"
    advice = "reword it as the site's style guide asks"
