"""Built-in rule families, imported in a fixed order so the registry is deterministic."""

from mindlex.lint.rules import (
    citations,
    claims,
    diagnostic,
    frontmatter,
    language,
    links,
    markup,
    readability,
    review,
    safety,
    structure,
    support,
    suppressions,
    template,
)

__all__ = [
    "citations",
    "claims",
    "diagnostic",
    "frontmatter",
    "language",
    "links",
    "markup",
    "readability",
    "review",
    "safety",
    "structure",
    "support",
    "suppressions",
    "template",
]
