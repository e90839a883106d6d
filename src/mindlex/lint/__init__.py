"""The clinical linter: a registry of small rules run over the glossary."""
