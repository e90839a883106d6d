"""Where each imported article goes: slugs, collisions, duplicate titles, related links,
and whether an earlier import of the same source is unchanged, kept or replaced."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from mindlex.glossary import fold
from mindlex.importer.markdown_out import header_digest, header_sources, render
from mindlex.importer.model import Imported
from mindlex.model.meta import slugify
from mindlex.source.discover import article_paths

INDEX_NAMES = {"index", "default", "page"}


@dataclass
class Planned:
    """One article's destination and the text to write there."""

    article: Imported
    path: Path
    slug: str
    text: str = ""
    action: str = "create"
    """`create`, `unchanged` (same text already there), `keep` (differs; no --force) or
    `replace` (with --force; the old file is backed up)."""
    messages: list[str] = field(default_factory=list)


def previous_imports(content_root: Path) -> dict[str, Path]:
    """Source -> file for every article an earlier import wrote (its header comment)."""
    found: dict[str, Path] = {}
    for path in article_paths(content_root) if content_root.is_dir() else []:
        try:
            with path.open(encoding="utf-8", errors="replace") as handle:
                head = handle.read(4096)
        except OSError:
            continue
        for source in header_sources(head)[:1]:
            found.setdefault(source, path)
    return found


def plan(
    articles: list[Imported],
    content_root: Path,
    existing: dict[str, str],
    *,
    force: bool,
) -> list[Planned]:
    """Destinations for every article; `existing` maps slugs already in the glossary to titles."""
    earlier = previous_imports(content_root)
    taken = set(existing) | {p.stem for p in content_root.glob("*.md")}
    titles = {fold(t): s for s, t in existing.items()}
    planned: list[Planned] = []
    for art in articles:
        again = earlier.get(art.source)
        if again is not None:
            item = Planned(art, again, again.stem, action="keep")
            taken.add(again.stem)
        else:
            item = Planned(art, content_root, _free(slugify(art.slug_hint or art.title), taken))
            item.path = content_root / f"{item.slug}.md"
            if item.slug != slugify(art.slug_hint or art.title):
                item.messages.append(
                    f"slug `{slugify(art.slug_hint or art.title)}` is taken; used `{item.slug}`"
                )
        other = titles.get(fold(art.title))
        if other is not None and other != item.slug:
            item.messages.append(f"same title as `{other}`; merge the two or retitle one")
        titles.setdefault(fold(art.title), item.slug)
        planned.append(item)
    _link_related(planned, existing)
    for item in planned:
        _settle(item, force)
    return planned


def _free(base: str, taken: set[str]) -> str:
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    taken.add(slug)
    return slug


def _link_related(planned: list[Planned], existing: dict[str, str]) -> None:
    """`related:` lists only targets that exist after this import; the rest go to the report."""
    known = set(existing) | {p.slug for p in planned}
    by_address = {_address(p.article.url): p.slug for p in planned if p.article.url}
    by_title = {fold(t): s for s, t in existing.items()}
    for p in planned:
        by_title.setdefault(fold(p.article.title), p.slug)
    for item in planned:
        art = item.article
        for link in art.related_links:
            target = (
                by_address.get(_address(link.href))
                or by_title.get(fold(link.text))
                or _slug_of(link.href)
            )
            if target in known and target != item.slug and target not in art.related:
                art.related.append(target)
            elif target != item.slug:
                art.todo.append(
                    f"related link “{link.text}” ({link.href}) leads to a page that was not "
                    "imported; import it or add the slug to `related:` later"
                )


def _address(href: str) -> str:
    """The path of a link, so `/a/b/` and `https://site/a/b` name the same page."""
    return urlsplit(href).path.rstrip("/") or "/"


def _slug_of(href: str) -> str:
    path = urlsplit(href).path.rstrip("/")
    stem = posixpath.splitext(posixpath.basename(path))[0]
    if stem.lower() in INDEX_NAMES:
        stem = posixpath.basename(posixpath.dirname(path))
    return slugify(stem) if re.search(r"[A-Za-z0-9]", stem) else ""


def _settle(item: Planned, force: bool) -> None:
    sources = [item.article.source] + ([item.article.url] if item.article.url else [])
    item.text = render(item.article, sources)
    if not item.path.exists():
        item.action = "create"
        return
    current = item.path.read_text(encoding="utf-8", errors="replace")
    if current == item.text:
        item.action = "unchanged"
    elif force:
        item.action = "replace"
    else:
        item.action = "keep"
        why = (
            "was edited since it was imported"
            if header_digest(current) == item.article.digest
            else "was imported from an earlier version of this source"
        )
        item.messages.append(
            f"{item.path.name} {why}; left as it is: use --force to replace it "
            "(the old file is kept as a backup)"
        )
