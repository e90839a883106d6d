"""Lint a page that is not a mindlex article: plain text, Markdown or HTML from anywhere.

The page becomes the body of a one-article glossary, so every prose rule reads it exactly as
it reads an article; rules that need mindlex's own format (sections, front matter,
references, links, review) are skipped. Positions and fix offsets are mapped back to the
page, so `mindlex lint --stdin` reports `<stdin>:line:col` for the text the user gave.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

from mindlex.config import Config, load_config
from mindlex.diagnostic import Diagnostic, Edit, Fix
from mindlex.errors import ConfigError
from mindlex.glossary import Glossary, add_articles
from mindlex.lint.check import validate
from mindlex.lint.context import PAGE_CATEGORY
from mindlex.lint.registry import Selector, all_rules
from mindlex.lint.runner import lint_glossary
from mindlex.model.assemble import assemble
from mindlex.source.discover import SourceFile

PAGE_KINDS = ("text", "markdown", "html")
PAGE_CODES = ("LANG", "SAFE", "CLAIM", "DIAG001", "DIAG002", "DIAG003", "CIT008", "TPL")
"""Rules that read only prose; everything else needs an article's structure."""
HEADER = f"---\ntitle: Page\nsummary: Page\ncategory: {PAGE_CATEGORY}\n---\n"
HEADER_LINES = HEADER.count("\n")


def lint_page(
    text: str,
    config: Config,
    *,
    kind: str = "text",
    path: Path = Path("<stdin>"),
    today: dt.date | None = None,
) -> list[Diagnostic]:
    """Findings of the prose rules on one page, with positions in `text`."""
    if kind not in PAGE_KINDS:
        raise ValueError(f"unknown page format {kind!r}; use one of {', '.join(PAGE_KINDS)}")
    body = html_to_text(text) if kind == "html" else text
    if kind == "text":
        body = _plain(body)
    source = HEADER + body
    article, problems = assemble(
        SourceFile(path, source, hashlib.sha256(source.encode()).hexdigest())
    )
    if article is None:
        raise ValueError("; ".join(d.message for d in problems) or "the page could not be read")
    glossary = Glossary(page_config(config))
    add_articles(glossary, [article])
    found = lint_glossary(glossary, glossary.config, jobs=1, today=today)
    exact = kind != "html"
    return [_shift(d, exact) for d in found]


def page_settings(
    locales: list[str], select: list[str], ignore: list[str], start: Path | None = None
) -> Config:
    """Settings for pages: the glossary's mindlex.toml when there is one, else defaults.

    `locales` chooses the crisis services a page must name (e.g. ["en-GB"]).
    """
    try:
        config = load_config(start or Path.cwd())
    except ConfigError:
        config = Config.model_validate(
            {"site": {"name": "page", "base_url": "https://example.invalid/", "disclaimer": ""}}
        )
    lint = config.lint
    update: dict[str, object] = {}
    if select:
        update["select"] = select
    if ignore:
        update["ignore"] = [*lint.ignore, *ignore]
    if update:
        config = config.model_copy(update={"lint": lint.model_copy(update=update)})
    if locales:
        site = config.site.model_copy(update={"locale": locales[0], "crisis_locales": locales})
        config = config.model_copy(update={"site": site})
    validate(config)
    return config


def page_config(config: Config) -> Config:
    """The site's config narrowed to prose rules; a page brings its own disclaimer or none."""
    lint = config.lint
    chosen = Selector(lint.select, lint.ignore, lint.extend_select)
    prose_only = Selector(PAGE_CODES, [])
    codes = [c for c in all_rules() if prose_only.enabled(c) and chosen.enabled(c)]
    narrowed = lint.model_copy(
        update={"select": codes, "ignore": [], "extend_select": [], "per_path": []}
    )
    site = config.site.model_copy(update={"disclaimer": ""})
    return config.model_copy(update={"lint": narrowed, "site": site})


def _plain(text: str) -> str:
    """Plain text read as Markdown: keep lines, but never let `#`, `>` or indents mean code."""
    lines = []
    for line in text.split("\n"):
        stripped = line.lstrip(" \t")
        lines.append(stripped if len(line) - len(stripped) >= 4 else line)
    return "\n".join(lines)


def _shift(diag: Diagnostic, exact: bool) -> Diagnostic:
    span = diag.span
    line = max(span.line - HEADER_LINES, 1)
    end_line = None if span.end_line is None else max(span.end_line - HEADER_LINES, 1)
    fix = diag.fix
    if fix is not None:
        moved = tuple(
            Edit(max(e.start - len(HEADER), 0), max(e.end - len(HEADER), 0), e.text)
            for e in fix.edits
        )
        fix = Fix(moved, fix.safe, fix.description) if exact else None
    return dataclasses.replace(
        diag, span=dataclasses.replace(span, line=line, end_line=end_line), fix=fix
    )


BLOCK_TAGS = frozenset(
    {"p", "div", "section", "article", "br", "tr", "table", "ul", "ol", "blockquote"}
    | {"header", "footer", "main", "aside", "figure", "figcaption", "dl", "dt", "dd", "hr"}
)
SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "head", "nav"})


class _Text(HTMLParser):
    """Readable text of an HTML page: one paragraph per block, bullets and headings kept."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIP_TAGS:
            self.skip += 1
        elif re.fullmatch(r"h[1-6]", tag):
            self.parts.append("\n\n## ")
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag in ("td", "th"):
            self.parts.append(" | ")
        elif tag in BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP_TAGS:
            self.skip = max(self.skip - 1, 0)
        elif re.fullmatch(r"h[1-6]", tag) or tag in BLOCK_TAGS or tag == "li":
            self.parts.append("\n\n" if tag != "li" else "\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(re.sub(r"\s+", " ", data))


def html_to_text(html: str) -> str:
    """Paragraphs of an HTML page as Markdown-like text (positions are approximate)."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts)
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    text = re.sub(r"(?m)^ +", "", text)
    return re.sub(r"([*_`\[\]<>])", r"\\\1", text).strip() + "\n"
