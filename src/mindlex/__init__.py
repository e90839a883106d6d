"""mindlex: docs-as-code for clinically reviewed mental-health glossaries."""

__version__ = "0.1.0"
