"""Turning the model into HTML: Markdown tokens, Jinja2 pages, structured data."""
