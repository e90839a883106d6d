"""Run the selected rules over every article, apply suppressions, return sorted Diagnostics.

Large glossaries are linted in parallel: worker processes are forked after the glossary is
loaded and the shared views are built, so they read the same memory instead of receiving
pickled articles. Output order never depends on scheduling: findings are sorted at the end.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import logging
import multiprocessing
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from mindlex.config import Config
from mindlex.diagnostic import Diagnostic, Severity
from mindlex.glossary import Glossary
from mindlex.lint import scope, suppress
from mindlex.lint.context import LintContext, Shared
from mindlex.lint.readability import warm_up
from mindlex.lint.registry import Selector, active, all_rules
from mindlex.lint.rule import Rule
from mindlex.model import Article
from mindlex.parallel import run_chunked

log = logging.getLogger(__name__)
PARALLEL_MIN = 400
"""Below this many articles, starting worker processes costs more than it saves."""


def selected_rules(config: Config, preview: bool = False, path: str | None = None) -> list[Rule]:
    """Rule instances enabled by `[lint]` (and its per-path overrides for `path`)."""
    settings = config.lint
    select, ignore = list(settings.select), list(settings.ignore)
    extend = list(settings.extend_select)
    for override in settings.per_path:
        if path is not None and fnmatch.fnmatch(path, override.path):
            extend += override.select
            ignore += override.ignore
    selector = Selector(select, ignore, extend)
    rules: list[Rule] = []
    for code, cls in all_rules().items():
        if active(cls, preview) and selector.enabled(code):
            override_sev = settings.severity.get(code)
            rules.append(cls(Severity(override_sev) if override_sev else None))
    return rules


@dataclass
class Linter:
    """Everything a worker needs, inherited through fork rather than pickled.

    An article's findings come in parts (`mindlex.lint.scope`): `own` runs the rules that
    read the article alone (the readability rules' findings apart, `graded` runs those
    only), `across` the rules that read other articles, and `finish` applies suppressions
    to all of them and runs the SUP rules; `lint` does it all at once, so a clean run and
    the preview, which keeps the parts apart, report the same findings."""

    glossary: Glossary
    config: Config
    preview: bool
    review: object | None
    today: dt.date
    shared: Shared

    def rules_for(self, article: Article) -> list[Rule]:
        cache: dict[tuple[object, ...], list[Rule]] = self.__dict__.setdefault("_rules", {})
        overrides = self.config.lint.per_path
        rel = self._relative(article) if overrides else None
        key = tuple(o.path for o in overrides if rel is not None and fnmatch.fnmatch(rel, o.path))
        retired = article.status == "retired"
        if (key, retired) not in cache:
            rules = selected_rules(self.config, self.preview, rel)
            if retired:
                # a retired article is only a redirect: its content is no longer published
                rules = [r for r in rules if r.family in RETIRED_FAMILIES]
            cache[key, retired] = rules
        return cache[key, retired]

    def _relative(self, article: Article) -> str:
        known: dict[Path, str] = self.__dict__.setdefault("_relatives", {})
        if article.path not in known:
            known[article.path] = _relative(article, self.config)
        return known[article.path]

    def context(self, article: Article) -> LintContext:
        codes = frozenset(r.code for r in self.rules_for(article))
        return LintContext(
            article, self.glossary, self.config, self.shared, self.review, self.today, codes
        )

    def lint(self, article: Article) -> list[Diagnostic]:
        """Every finding of `article`, suppressions applied."""
        ctx = self.context(article)
        own = self._run(ctx, lambda rule: not scope.reads_glossary(rule))
        return self.finish(article, [*own, *self._run(ctx, scope.reads_glossary)])

    def own(self, article: Article) -> tuple[scope.OwnFindings, scope.OwnFindings]:
        """Findings of the rules that read `article` alone, before suppressions: those of
        the rules that read no readability score, and those of the rules that do (with
        the words scored), computed over one context."""
        ctx = self.context(article)
        plain = self._run(ctx, lambda r: not scope.reads_glossary(r) and not scope.grades(r))
        # empty unless one of them read readability after all: then the terms move it too
        first = scope.OwnFindings(tuple(plain), ctx.term_words())
        graded = self._run(ctx, scope.grades)
        return first, scope.OwnFindings(tuple(graded), ctx.term_words())

    def graded(self, article: Article) -> scope.OwnFindings:
        """The findings of the rules that read readability scores alone."""
        ctx = self.context(article)
        return scope.OwnFindings(tuple(self._run(ctx, scope.grades)), ctx.term_words())

    def across(self, article: Article) -> tuple[Diagnostic, ...]:
        """Findings of the rules that read other articles, before suppressions."""
        return tuple(self._run(self.context(article), scope.reads_glossary))

    def facts(self, article: Article) -> tuple[object, ...]:
        """What the rules of `across` read of other articles (`Rule.glossary_facts`)."""
        ctx = self.context(article)
        return tuple(
            (r.code, r.glossary_facts(ctx))
            for r in self.rules_for(article)
            if scope.reads_glossary(r)
        )

    def finish(self, article: Article, found: Iterable[Diagnostic]) -> list[Diagnostic]:
        """Apply the article's suppressions to `found`, then run the SUP rules."""
        ctx = self.context(article)
        suppressions = suppress.parse(article)
        kept = suppress.apply(found, suppressions)
        ctx.suppression_outcome = suppressions
        kept.extend(self._run(ctx, lambda rule: rule.family == "SUP", sup=True))
        return kept

    def _run(
        self, ctx: LintContext, wanted: Callable[[Rule], bool], sup: bool = False
    ) -> list[Diagnostic]:
        found: list[Diagnostic] = []
        for rule in self.rules_for(ctx.article):
            if (rule.family == "SUP") is sup and wanted(rule):
                found.extend(_safely(rule, ctx))
        return found


RETIRED_FAMILIES = frozenset({"META", "LINK", "SUP"})


def _relative(article: Article, config: Config) -> str:
    try:
        return article.path.resolve().relative_to(config.root.resolve()).as_posix()
    except ValueError:
        return article.path.as_posix()


def _safely(rule: Rule, ctx: LintContext) -> list[Diagnostic]:
    """Run one rule; a bug in a rule becomes a finding, never a crash of the whole run."""
    try:
        return list(rule.check(ctx))
    except Exception as exc:  # a rule bug is reported, not swallowed
        log.exception("rule %s failed on %s", rule.code, ctx.article.path)
        return [
            Diagnostic(
                "INTERNAL",
                f"rule {rule.code} failed: {exc!r}",
                ctx.article.span,
                Severity.ERROR,
                "this is a mindlex bug; please report it",
            )
        ]


def lint_glossary(
    glossary: Glossary,
    config: Config,
    preview: bool = False,
    *,
    jobs: int | None = None,
    review: object | None = None,
    today: dt.date | None = None,
    only: Iterable[str] | None = None,
    shared: Shared | None = None,
) -> list[Diagnostic]:
    """Lint every article (or the slugs in `only`); suppressions applied, sorted by place.

    `shared` is the run-wide data (`Shared.build`), for callers that keep it between runs
    over the same front matter and configuration."""
    shared = shared or Shared.build(glossary, config)
    run = Linter(glossary, config, preview, review, today or dt.date.today(), shared)
    slugs = sorted(glossary.articles) if only is None else sorted(set(only))
    per_article = each_article(run, slugs, run.lint, jobs)
    found = [d for part in per_article for d in part]
    return sorted(found, key=order)


def order(d: Diagnostic) -> tuple[object, ...]:
    """How findings are listed: by place and code, then message."""
    return (*d.sort_key(), d.message)


R = TypeVar("R")


def each_article(
    run: Linter, slugs: list[str], task: Callable[[Article], R], jobs: int | None = None
) -> list[R]:
    """`task` on the article of each slug, in order; in forked workers when there are many."""
    workers = _workers(jobs, len(slugs))
    if workers > 1:
        warm_up()  # load the syllable dictionary once, before the workers are forked
        run.shared.matcher.prepare()
    articles = run.glossary.articles
    return run_chunked(lambda slug: task(articles[slug]), slugs, jobs=workers, min_items=1)


def _workers(jobs: int | None, count: int) -> int:
    if jobs is not None and jobs >= 1:
        wanted = jobs
    elif count >= PARALLEL_MIN:
        wanted = os.cpu_count() or 1
    else:
        wanted = 1
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(wanted, count // 50 or 1))
