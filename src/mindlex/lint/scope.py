"""What an article's findings read of other articles, so the preview re-lints only what moved.

Most rules read one article, the settings and the bibliography. A few compare articles
(their `needs` holds `GLOSSARY`): related and replacement slugs that must exist, backlinks,
titles or aliases two articles share; each says in `Rule.glossary_facts` what it read. And
the readability view counts every title and alias of the glossary as simple words where
all of a term's words stand in a row, so an added or removed term can move an article's
scores only if the article scored every word of the term. So the
preview keeps two parts per article: its own findings (costly, kept with the words it
scored, apart from the readability rules' findings, which alone such a term can move)
and the glossary rules' findings (cheap, redone when their facts move).
`mindlex lint` runs both parts on every article, before suppressions, as before.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass

from mindlex.diagnostic import Diagnostic
from mindlex.lint.rule import Rule

GLOSSARY = "glossary"
"""In `Rule.needs`: the rule reads other articles' front matter (`Rule.glossary_facts`)."""

READABILITY = "readability"
"""In `Rule.needs`: the rule reads the readability view, which reads the glossary's terms."""

Term = tuple[str, ...]


def reads_glossary(rule: Rule) -> bool:
    return GLOSSARY in rule.needs


def grades(rule: Rule) -> bool:
    """Whether the rule reads readability scores, the findings the glossary's terms move."""
    return READABILITY in rule.needs and not reads_glossary(rule)


@dataclass(frozen=True, slots=True)
class OwnFindings:
    """An article's findings from the rules that read it alone, before suppressions."""

    found: tuple[Diagnostic, ...]
    words: tuple[str, ...]
    """Sorted, distinct words the readability view scored (`LintContext.term_words`);
    empty when no selected rule read readability, so glossary terms cannot move these."""

    def may_meet(self, term: Term) -> bool:
        """Whether the readability view could have matched `term` here: it counts a term
        only where all of its words stand in a row in one sentence, so every word of the
        term has to be among `words`."""
        return all(self._holds(word) for word in term)

    def _holds(self, word: str) -> bool:
        at = bisect_left(self.words, word)
        return at < len(self.words) and self.words[at] == word


@dataclass(frozen=True)
class TermsByWord:
    """Defined terms (`TermSet.terms`) by their first word, to find an article's quickly."""

    terms: frozenset[Term]
    by_first: dict[str, tuple[Term, ...]]
    firsts: frozenset[str]
    """The keys of `by_first`, as a set to intersect an article's words with."""

    @classmethod
    def of(cls, terms: Iterable[Term]) -> TermsByWord:
        every = frozenset(terms)
        grouped: dict[str, list[Term]] = {}
        for term in every:
            grouped.setdefault(term[0], []).append(term)
        by_first = {word: tuple(sorted(found)) for word, found in grouped.items()}
        return cls(every, by_first, frozenset(by_first))

    def within(self, own: OwnFindings) -> tuple[Term, ...]:
        """The terms the readability view could have matched in the article (`may_meet`):
        what its own findings read of the glossary's titles and aliases."""
        words = frozenset(own.words)
        return tuple(
            sorted(
                term
                for word in words & self.firsts
                for term in self.by_first[word]
                if words.issuperset(term)
            )
        )
