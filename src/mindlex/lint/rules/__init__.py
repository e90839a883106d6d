"""Built-in rule families, imported in a fixed order so the registry is deterministic."""

from mindlex.lint.rules import citations, links

__all__ = ["citations", "links"]
