"""What a rule sees: one article, the glossary around it, the settings, and lazy views.

Views (prose blocks, sentences, phrase hits, readability scores, suppressions) are computed on
first use and cached, so a run that selects no readability rule never counts a syllable.
`Shared` holds what is the same for every article of a run (the compiled phrase matcher, the
glossary's defined terms, the crisis contacts), built once per process.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import sys
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property

from mindlex.config import Config
from mindlex.crisis import crisis_resources
from mindlex.glossary import Glossary, fold
from mindlex.lint import lexicon, prose
from mindlex.lint.readability import EMPTY, Scores, TermSet, score_block
from mindlex.lint.sentences import WORD, Sentence, split
from mindlex.lint.suppress import Suppression
from mindlex.model import Article, SectionKind
from mindlex.span import Span

CONDITIONAL = re.compile(
    r"\b(?:if|whether|when|think|thinks|worried|wonder|wondering|concerned|suspect|unsure|"
    r"not sure|might|ask|asks|assess|assesses|check|checks)\b",
    re.IGNORECASE,
)
PAGE_CATEGORY = "mindlex-page"
"""Category of the stand-in article `mindlex lint --stdin` wraps a third-party page in."""
CUSTOM_CODE = "LANG009"
AVOID_LEAD = re.compile(
    r"\b(?:avoid\w*|don't|do not|never|instead of|rather than|not to (?:say|use)|outdated|"
    r"stigmati[sz]ing|offensive|unhelpful|harmful|words? to avoid|terms? to avoid)\b",
    re.IGNORECASE,
)
"""A list or table introduced like this lists wording not to use."""
MENTION_CUES = re.compile(
    r"\b(?:avoid\w*|instead|rather than|such as|like|words?|terms?|phrases?|language|labels?|"
    r"say|saying|use|using|write|writing|not|never|don't|comes? from|means?|outdated|"
    r"hurtful|offensive|stigmati[sz]ing|lists?|headlines? such as)\b",
    re.IGNORECASE,
)
"""Words around a quotation that show the quoted words are being talked about."""
"""Rule that reports the phrases a site adds in `[lint] add-phrases`."""


@dataclass(frozen=True, slots=True)
class Hit:
    """One vocabulary phrase found in one block."""

    phrase: lexicon.Phrase
    block: prose.Block
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.block.text[self.start : self.end]


@dataclass
class Shared:
    """Per-run data: compiled once, read by every article's context."""

    matcher: lexicon.PhraseMatcher
    terms: TermSet
    crisis_numbers: tuple[str, ...]
    crisis_names: tuple[str, ...]
    backlinks: dict[str, list[str]]
    term_owners: dict[str, list[str]]
    """Folded title or alias -> slugs of the articles that use it."""
    slugs: str = ""
    """Digest of every article's slug: what a "did you mean" hint chooses from."""

    def names_crisis_service(self, text: str) -> bool:
        """Whether `text` gives one of the site's crisis numbers or service names."""
        return self._crisis_pattern.search(text) is not None or (
            self._crisis_names_pattern.search(normalise(text)) is not None
        )

    @cached_property
    def _crisis_pattern(self) -> re.Pattern[str]:
        numbers = "|".join(r"[\s.-]?".join(n) for n in self.crisis_numbers) or r"(?!x)x"
        return re.compile(rf"(?<![\d-])(?:{numbers})(?![\d])")

    @cached_property
    def _crisis_names_pattern(self) -> re.Pattern[str]:
        names = "|".join(re.escape(n) for n in self.crisis_names) or r"(?!x)x"
        return re.compile(rf"(?<!\w)(?:{names})(?!\w)")

    @classmethod
    def build(cls, glossary: Glossary, config: Config, like: Shared | None = None) -> Shared:
        """`like`, built from the same configuration, lends its phrase matcher and crisis
        needles, so a change of front matter recomputes only the glossary's facts."""
        if like is None:
            settings = config.lint
            phrases = lexicon.configured_phrases(
                settings.add_phrases, settings.remove_phrases, CUSTOM_CODE
            )
            matcher = lexicon.matcher(phrases)
            numbers, names = _crisis_needles(config)
        else:
            matcher, numbers, names = like.matcher, like.crisis_numbers, like.crisis_names
        titles = [a.title for a in glossary.articles.values()]
        titles += [alias for a in glossary.articles.values() for alias in a.aliases]
        help_ = config.crisis_help()
        titles += [r.name for r in help_.resources] if help_ else []
        owners: dict[str, list[str]] = {}
        for article in glossary.articles.values():
            for term in (article.title, *article.aliases):
                owners.setdefault(fold(term), []).append(article.slug)
        slugs = hashlib.sha256("\n".join(sorted(glossary.articles)).encode("utf-8")).hexdigest()
        return cls(matcher, TermSet(titles), numbers, names, glossary.backlinks(), owners, slugs)


def _crisis_needles(config: Config) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Digits of every crisis number and folded service names, from `crisis_resources`."""
    numbers: set[str] = set()
    names: set[str] = set()
    for _, table in crisis_resources(config):
        numbers.update(_digits(table.emergency))
        for res in table.resources:
            numbers.update(_digits(res.contact))
            names.add(normalise(res.name))
    return tuple(sorted(numbers)), tuple(sorted(n for n in names if n))


def _digits(text: str) -> list[str]:
    """Phone numbers in `text` as bare digits: "13 11 14" and "9-8-8" alike."""
    return [re.sub(r"\D", "", n) for n in re.findall(r"\d(?:[\d -]*\d)?", text) if len(n) >= 3]


def normalise(text: str) -> str:
    """Lower case, `&` as `and`, single spaces: for loose name matching."""
    return " ".join(text.replace("&", " and ").lower().split())


@dataclass
class LintContext:
    """One article under inspection, with everything a rule may need about it."""

    article: Article
    glossary: Glossary
    config: Config
    shared: Shared | None = None
    review: object | None = None
    """Review states by slug (a mapping), or None to ask `mindlex.review` if installed."""
    today: dt.date = field(default_factory=dt.date.today)
    enabled: frozenset[str] = frozenset()
    """Codes selected for this article (SUP002 only reports suppressions of these)."""
    suppression_outcome: list[Suppression] | None = None
    """Set by the runner after applying suppressions, for the SUP rules."""

    @property
    def is_page(self) -> bool:
        """True for a third-party page linted with `--stdin` (not a mindlex article)."""
        return self.article.category == PAGE_CATEGORY

    @cached_property
    def line_starts(self) -> list[int]:
        starts = [0]
        for match in re.finditer("\n", self.article.source):
            starts.append(match.end())
        return starts

    def span(self, start: int, end: int | None = None) -> Span:
        """A Span for file offsets [start, end)."""
        line = bisect_right(self.line_starts, start)
        col = start - self.line_starts[line - 1] + 1
        if end is None:
            return Span(self.article.path, line, col)
        end_line = bisect_right(self.line_starts, max(end - 1, start))
        end_col = end - self.line_starts[end_line - 1] + 1
        return Span(self.article.path, line, col, end_line, end_col)

    def block_span(self, block: prose.Block, start: int, end: int) -> Span:
        """The Span of block.text[start:end]."""
        first = block.offset(start)
        last = block.offset(max(end - 1, start))
        return self.span(first, max(last + 1, first + 1))

    @cached_property
    def common(self) -> Shared:
        return self.shared or Shared.build(self.glossary, self.config)

    @cached_property
    def blocks(self) -> list[prose.Block]:
        return prose.blocks(self.article)

    @cached_property
    def sentences(self) -> list[Sentence]:
        return [s for block in self.blocks for s in self.sentences_of(block)]

    def sentence_at(self, block: prose.Block, index: int) -> Sentence:
        """The sentence of `block` containing character `index`."""
        for sent in self.sentences_of(block):
            if sent.start <= index < max(sent.end, sent.start + 1):
                return sent
        return Sentence(block, 0, len(block.text))

    def sentences_of(self, block: prose.Block) -> list[Sentence]:
        cache = self.__dict__.setdefault("_by_block", {})
        key = id(block)
        if key not in cache:
            cache[key] = split(block)
        found: list[Sentence] = cache[key]
        return found

    @cached_property
    def text(self) -> str:
        """All prose of the article in one string (for presence checks, not positions)."""
        return "\n".join(b.text for b in self.blocks)

    @cached_property
    def phrase_hits(self) -> dict[str, list[Hit]]:
        """Vocabulary hits by rule code, after quotes, proper names and context are applied."""
        found: dict[str, list[Hit]] = {}
        allow = lexicon.lexicon_regex("allow")
        for block in self.blocks:
            allowed: list[tuple[int, int]] | None = None
            avoid_list = bool(block.lead) and AVOID_LEAD.search(block.lead) is not None
            for phrase, start, end in self.common.matcher.finditer(block.text):
                if avoid_list or (block.in_quotes(start, end) and self._mention(block, start, end)):
                    continue
                if allowed is None:
                    allowed = [(m.start(), m.end()) for m in allow.finditer(block.text)]
                if any(a < end and start < b for a, b in allowed):
                    continue
                if self._context_ok(phrase, block, start, end):
                    found.setdefault(phrase.code, []).append(Hit(phrase, block, start, end))
        return found

    def _mention(self, block: prose.Block, start: int, end: int) -> bool:
        """A quoted word that is talked about ("avoid “addict”"), not reported speech.

        A news quote ("the man was “a complete psycho”") is still published, so it is a
        finding; a quote that is only the word itself, or a sentence about words, is not.
        """
        quote = next((q for q in block.quoted if q[0] < start and end < q[1] + 1), None)
        if (
            quote is not None
            and block.text[quote[0] + 1 : quote[1] - 1].strip(" ,.") == (block.text[start:end])
        ):
            return True
        sent = self.sentence_at(block, start)
        outside = sent.text
        for a, b in reversed(block.quoted):
            if sent.start <= a and b <= sent.end:
                outside = outside[: a - sent.start] + " " + outside[b - sent.start :]
        return MENTION_CUES.search(outside) is not None

    def _context_ok(self, phrase: lexicon.Phrase, block: prose.Block, start: int, end: int) -> bool:
        if not (
            phrase.requires
            or phrase.unless
            or phrase.negatable
            or phrase.uncited
            or phrase.conditional
        ):
            return True
        sent = self.sentence_at(block, start)
        text = sent.text
        if phrase.requires and not self._requires_met(phrase, block, text):
            return False
        if phrase.unless and lexicon.lexicon_regex(phrase.unless).search(text):
            return False
        if phrase.uncited and (block.kind == "heading" or self._cited_near(sent)):
            return False
        before = block.text[sent.start : start]
        if phrase.negatable and negated(before):
            return False
        clause = re.split(r"[,;:—]", before)[-1]
        return not (phrase.conditional and CONDITIONAL.search(clause))

    def _requires_met(self, phrase: lexicon.Phrase, block: prose.Block, text: str) -> bool:
        wanted = lexicon.lexicon_regex(phrase.requires or "")
        if wanted.search(text):
            return True
        if not phrase.nearby:
            return False
        index = next((i for i, b in enumerate(self.blocks) if b is block), 0)
        return any(wanted.search(b.text) for b in self.blocks[max(index - 1, 0) : index + 1])

    def _cited_near(self, sent: Sentence) -> bool:
        """Cited in this sentence or the next one of the same block."""
        following = [s for s in self.sentences_of(sent.block) if s.start >= sent.end]
        return sent.cited or bool(following and following[0].cited)

    def scored_blocks(self) -> list[prose.Block]:
        """The blocks readability scores: all prose but headings and tables."""
        return [b for b in self.blocks if b.kind not in ("heading", "table")]

    def term_words(self) -> tuple[str, ...]:
        """The distinct words readability matched defined terms against, sorted; empty if
        the view was not computed. Words are split as `score_block` splits them, so a term
        whose first word is not here was never tried in this article (`mindlex.lint.scope`)."""
        if "readability" not in self.__dict__:
            return ()
        words = {
            part
            for block in self.scored_blocks()
            for word in WORD.findall(block.text.lower())
            for part in word.split("-")
            if part
        }
        return tuple(sorted(sys.intern(w) for w in words))

    @cached_property
    def readability(self) -> dict[str, Scores]:
        """Scores for "article", "plain" (summary + When to seek help) and each section."""
        terms = self.common.terms
        summary = EMPTY
        scores: dict[str, Scores] = {}
        for block in self.scored_blocks():
            found = score_block(block.text, len(self.sentences_of(block)), terms)
            if block.kind == "summary":
                summary = summary + found
            else:
                key = f"section:{block.section}"
                scores[key] = scores.get(key, EMPTY) + found
        article = sum(scores.values(), EMPTY)
        help_index = next(
            (
                i
                for i, s in enumerate(self.article.sections)
                if s.kind is SectionKind.WHEN_TO_SEEK_HELP
            ),
            None,
        )
        plain = summary
        if help_index is not None:
            plain = plain + scores.get(f"section:{help_index}", EMPTY)
        return {"article": article, "plain": plain, **scores}


NEGATION_WINDOW = 4


def negated(before: str) -> bool:
    """True when one of the last few words before a phrase negates it."""
    words = re.findall(r"[\w']+", before.lower().replace("’", "'"))[-NEGATION_WINDOW:]
    return bool(lexicon.lexicon_regex("negation").search(" ".join(words)))
