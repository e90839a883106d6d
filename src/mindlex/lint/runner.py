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
from collections.abc import Iterable
from dataclasses import dataclass

from mindlex.config import Config
from mindlex.diagnostic import Diagnostic, Severity
from mindlex.glossary import Glossary
from mindlex.lint import suppress
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
class _Run:
    """Everything a worker needs, inherited through fork rather than pickled."""

    glossary: Glossary
    config: Config
    preview: bool
    review: object | None
    today: dt.date
    shared: Shared

    def rules_for(self, article: Article) -> list[Rule]:
        cache: dict[tuple[str, ...], list[Rule]] = self.__dict__.setdefault("_rules", {})
        rel = _relative(article, self.config)
        key = tuple(o.path for o in self.config.lint.per_path if fnmatch.fnmatch(rel, o.path))
        if key not in cache:
            cache[key] = selected_rules(self.config, self.preview, rel)
        return cache[key]

    def lint(self, article: Article) -> list[Diagnostic]:
        rules = self.rules_for(article)
        if article.status == "retired":
            # a retired article is only a redirect: its content is no longer published
            rules = [r for r in rules if r.family in RETIRED_FAMILIES]
        ctx = LintContext(
            article,
            self.glossary,
            self.config,
            self.shared,
            self.review,
            self.today,
            frozenset(r.code for r in rules),
        )
        found: list[Diagnostic] = []
        for rule in rules:
            if rule.family != "SUP":
                found.extend(_safely(rule, ctx))
        suppressions = suppress.parse(article)
        kept = suppress.apply(found, suppressions)
        ctx.suppression_outcome = suppressions
        for rule in rules:
            if rule.family == "SUP":
                kept.extend(_safely(rule, ctx))
        return kept


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
    run = _Run(glossary, config, preview, review, today or dt.date.today(), shared)
    slugs = sorted(glossary.articles) if only is None else sorted(set(only))
    workers = _workers(jobs, len(slugs))
    if workers > 1:
        warm_up()  # load the syllable dictionary once, before the workers are forked
    per_article = run_chunked(
        lambda slug: run.lint(glossary.articles[slug]), slugs, jobs=workers, min_items=1
    )
    found = [d for part in per_article for d in part]
    return sorted(found, key=lambda d: (*d.sort_key(), d.message))


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
