"""Run the selected rules over every article and collect sorted Diagnostics."""

from __future__ import annotations

from mindlex.config import Config
from mindlex.diagnostic import Diagnostic, Severity
from mindlex.glossary import Glossary
from mindlex.lint.context import LintContext
from mindlex.lint.registry import Selector, active, all_rules
from mindlex.lint.rule import Rule


def selected_rules(config: Config, preview: bool = False) -> list[Rule]:
    settings = config.lint
    selector = Selector(settings.select, settings.ignore, settings.extend_select)
    rules: list[Rule] = []
    for code, cls in all_rules().items():
        if active(cls, preview) and selector.enabled(code):
            override = settings.severity.get(code)
            rules.append(cls(Severity(override) if override else None))
    return rules


def lint_glossary(glossary: Glossary, config: Config, preview: bool = False) -> list[Diagnostic]:
    rules = selected_rules(config, preview)
    found: list[Diagnostic] = []
    for article in glossary.articles.values():
        ctx = LintContext(article, glossary, config)
        for rule in rules:
            found.extend(rule.check(ctx))
    return sorted(found, key=Diagnostic.sort_key)
