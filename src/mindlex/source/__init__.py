"""Reading source files: discovery, front matter, Markdown tokens."""
