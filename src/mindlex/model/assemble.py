"""Front matter + Markdown tokens -> Article, collecting every problem as a Diagnostic."""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import Any

from markdown_it.token import Token
from pydantic import ValidationError

from mindlex.diagnostic import Diagnostic, Severity
from mindlex.errors import INTERNAL, processing
from mindlex.model.article import (
    SECTION_TITLES,
    Article,
    Citation,
    FaqItem,
    Section,
    SectionKind,
)
from mindlex.model.meta import FIELD_NAMES, MAX_NAME, ArticleMeta, slugify
from mindlex.model.reference import CSL_FIELDS, Reference
from mindlex.source import frontmatter
from mindlex.source.discover import SourceFile
from mindlex.source.markdown import tokens as parse_tokens
from mindlex.span import Span

WORD = re.compile(r"[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*")


def assemble(source: SourceFile) -> tuple[Article | None, list[Diagnostic]]:
    """Parse one file; returns no Article when it cannot be used at all.

    A bug met while parsing one file is returned as an INTERNAL diagnostic, so the other
    files are still checked and the CLI can report it as a bug rather than a finding."""
    token = processing.set(source.path)
    try:
        return _assemble(source)
    except Exception as exc:  # any bug here must not stop the other files
        return None, [
            Diagnostic(
                INTERNAL,
                f"parsing failed: {type(exc).__name__}: {exc}".splitlines()[0][:300],
                Span(source.path, 1, 1),
                Severity.ERROR,
                "this is a bug in mindlex; please report it with the file",
            )
        ]
    finally:
        processing.reset(token)


def _assemble(source: SourceFile) -> tuple[Article | None, list[Diagnostic]]:
    path = source.path
    fm = frontmatter.split(path, source.text)
    if isinstance(fm, Diagnostic):
        return None, [fm]
    diags: list[Diagnostic] = []
    meta = _validate_meta(path, fm.data, diags)
    if meta is None:
        return None, diags
    slug = meta.slug or slugify(path.stem)
    if len(slug) > MAX_NAME:
        diags.append(
            Diagnostic(
                "META003",
                f"the slug taken from the file name has {len(slug)} characters; "
                f"the limit is {MAX_NAME}",
                Span(path, 1, 1),
                hint="rename the file, or set a shorter `slug:` in the front matter",
            )
        )
        return None, diags
    references = _references(path, fm.data, meta.references, diags)
    toks = parse_tokens(fm.body)
    intro, sections = _sections(path, toks, fm.body_line)
    spans = {str(key): frontmatter.key_span(path, fm.data, key) for key in fm.data}
    for key in ("related", "aliases"):
        node = fm.data.get(key)
        for index in range(len(node) if isinstance(node, list) else 0):
            spans[f"{key}.{index}"] = frontmatter.key_span(path, node, index)
    article = Article(
        path=path,
        slug=slug,
        title=meta.title.strip(),
        summary=" ".join(meta.summary.split()),
        category=meta.category.strip(),
        headline=(meta.headline or "").strip(),
        aliases=tuple(a.strip() for a in meta.aliases),
        related=tuple(meta.related),
        references=tuple(references),
        status=meta.status,
        replaced_by=meta.replaced_by,
        published=meta.published,
        suppress=tuple((s.code, s.reason) for s in meta.suppress),
        source=source.text,
        body=fm.body,
        body_line=fm.body_line,
        body_offset=fm.body_offset,
        intro_tokens=intro,
        sections=tuple(sections),
        citations=tuple(_citations(path, toks, fm.body_line)),
        word_count=_count_words(toks),
        field_spans=spans,
        sha256=source.sha256,
    )
    return article, diags


def trees_of(path: Path, body: str, body_line: int) -> tuple[list[Token], tuple[Section, ...]]:
    """The intro tokens and sections `assemble` makes of a body, for an article whose
    other fields are already known (one kept as a record): the front matter is not
    parsed again."""
    intro, sections = _sections(path, parse_tokens(body), body_line)
    return intro, tuple(sections)


def _validate_meta(path: Path, data: Any, diags: list[Diagnostic]) -> ArticleMeta | None:
    try:
        return ArticleMeta.model_validate(frontmatter.plain(data))
    except ValidationError as exc:
        errors = exc.errors()
        unknown = [str(e["loc"][-1]) for e in errors if e["type"] == "extra_forbidden"]
        for err in errors:
            if err["type"] == "missing" and _misspelled(str(err["loc"][-1]), unknown):
                continue  # reported once, as the unknown field with a suggestion
            diags.append(_meta_error(path, data, err))
        return None


def _misspelled(missing: str, unknown: list[str]) -> bool:
    return bool(difflib.get_close_matches(missing, unknown, n=1, cutoff=0.6))


def _meta_error(path: Path, data: Any, err: Any) -> Diagnostic:
    loc = [p for p in err["loc"]]
    span = _locate(path, data, loc)
    field = ".".join(str(p) for p in loc)
    kind = err["type"]
    if kind == "extra_forbidden":
        close = difflib.get_close_matches(str(loc[-1]), FIELD_NAMES, n=1, cutoff=0.6)
        hint = (
            f"did you mean `{close[0]}`?"
            if close
            else ("remove it; known fields are " + ", ".join(FIELD_NAMES))
        )
        return Diagnostic("META001", f"unknown front-matter field `{field}`", span, hint=hint)
    if kind == "missing":
        return Diagnostic(
            "META002",
            f"missing required field `{field}`",
            span,
            hint=f"add `{loc[-1]}: ...` to the front matter",
        )
    got = _type_name(_value_at(data, loc))
    message = str(err["msg"]).removeprefix("Value error, ")
    return Diagnostic(
        "META003",
        f"`{field}`: {message} (got {got})",
        span,
        hint="see docs/format.md for the field's type",
    )


def _type_name(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if value is None:
        return "nothing"
    return "text" if isinstance(value, str) else type(value).__name__


def _locate(path: Path, data: Any, loc: list[Any]) -> Span:
    node = data
    span = Span(path, 2, 1)
    for part in loc:
        try:
            span = frontmatter.key_span(path, node, part, value=False)
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
    return span


def _value_at(data: Any, loc: list[Any]) -> Any:
    node = data
    for part in loc:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def _references(
    path: Path, data: Any, raw: list[dict[str, Any]], diags: list[Diagnostic]
) -> list[Reference]:
    node = data.get("references")
    return parse_references(path, node, raw, diags, base_line=0)


def parse_references(
    path: Path, node: Any, raw: list[dict[str, Any]], diags: list[Diagnostic], base_line: int
) -> list[Reference]:
    """Validate CSL items one by one so one bad reference does not hide the others."""
    refs: list[Reference] = []
    seen: set[str] = set()
    for index, item in enumerate(raw):
        item_node = node[index] if node is not None and index < len(node) else None
        span = _shift(frontmatter.key_span(path, node, index), base_line)
        if not isinstance(item, dict):
            diags.append(
                Diagnostic(
                    "META004",
                    "a reference must be a mapping of CSL fields",
                    span,
                    hint="write `- id: ...` with title, author, issued, ...",
                )
            )
            continue
        for key in item:
            if key not in CSL_FIELDS:
                close = difflib.get_close_matches(key, sorted(CSL_FIELDS), n=1, cutoff=0.6)
                diags.append(
                    Diagnostic(
                        "META001",
                        f"unknown reference field `{key}`",
                        _shift(frontmatter.key_span(path, item_node, key), base_line),
                        hint=f"did you mean `{close[0]}`?" if close else "use CSL variable names",
                    )
                )
        try:
            ref = Reference.model_validate(item)
        except ValidationError as exc:
            for err in exc.errors():
                field_name: str | int = err["loc"][0] if err["loc"] else index
                where = _shift(frontmatter.key_span(path, item_node, field_name), base_line)
                diags.append(
                    Diagnostic(
                        "META005",
                        f"reference {item.get('id', index + 1)}: `{field_name}` {err['msg']}",
                        where,
                        hint="see docs/format.md, References",
                    )
                )
            continue
        if ref.id in seen:
            diags.append(
                Diagnostic(
                    "META006",
                    f"duplicate reference id `{ref.id}`",
                    span,
                    hint="give each reference a unique id",
                )
            )
            continue
        seen.add(ref.id)
        fields = {
            k: _shift(frontmatter.key_span(path, item_node, k, value=True), base_line) for k in item
        }
        refs.append(ref.model_copy(update={"span": span, "field_spans": fields}))
    return refs


def _shift(span: Span, lines: int) -> Span:
    return Span(span.path, span.line + lines, span.col) if lines else span


def heading_anchor(title: str) -> str:
    return slugify(title)


def _sections(path: Path, toks: list[Token], body_line: int) -> tuple[list[Token], list[Section]]:
    intro: list[Token] = []
    sections: list[Section] = []
    current: list[Token] = intro
    heads: list[tuple[str, int, list[Token]]] = []
    i = 0
    while i < len(toks):
        tok = toks[i]
        if tok.type == "heading_open" and tok.tag == "h2":
            title = toks[i + 1].content.strip()
            line = (tok.map[0] if tok.map else 0) + body_line
            current = []
            heads.append((title, line, current))
            i += 3
            continue
        current.append(tok)
        i += 1
    used: set[str] = set()
    counters: dict[str, int] = {}
    for title, line, body in heads:
        kind = SECTION_TITLES.get(_normal(title), SectionKind.OTHER)
        anchor = _unique(heading_anchor(title), used, counters)
        faq = tuple(_faq(path, body, body_line)) if kind is SectionKind.FAQ else ()
        sections.append(Section(title, anchor, kind, Span(path, line, 1), body, faq))
    return intro, sections


def _normal(title: str) -> str:
    return " ".join(re.sub(r"[^a-z ]", " ", title.lower()).split())


def _unique(anchor: str, used: set[str], counters: dict[str, int]) -> str:
    """`anchor`, or `anchor-N` with the next free N; `counters` remembers where each anchor's
    search stopped, so thousands of equal headings cost linear, not quadratic, time."""
    candidate = anchor
    if candidate in used:
        n = counters.get(anchor, 2)
        while f"{anchor}-{n}" in used:
            n += 1
        candidate = f"{anchor}-{n}"
        counters[anchor] = n + 1
    used.add(candidate)
    return candidate


def _faq(path: Path, toks: list[Token], body_line: int) -> list[FaqItem]:
    items: list[FaqItem] = []
    answer: list[Token] = []
    i = 0
    while i < len(toks):
        tok = toks[i]
        if tok.type == "heading_open" and tok.tag == "h3":
            answer = []
            line = (tok.map[0] if tok.map else 0) + body_line
            items.append(FaqItem(toks[i + 1].content.strip(), Span(path, line, 1), answer))
            i += 3
            continue
        answer.append(tok)
        i += 1
    return items


def _citations(path: Path, toks: list[Token], body_line: int) -> list[Citation]:
    """Citations with their positions; line breaks are counted once per token, walking the
    offsets in order, so a paragraph with many citations stays linear."""
    found: list[Citation] = []
    for tok in toks:
        if tok.type != "inline" or not tok.children:
            continue
        content = tok.content
        line = (tok.map[0] if tok.map else 0) + body_line
        seen, line_start = 0, 0
        for child in tok.children:
            if child.type != "citation":
                continue
            offset = int(child.meta["offset"])
            if offset < seen:  # out of order: count from the start again
                seen, line_start = 0, 0
                line = (tok.map[0] if tok.map else 0) + body_line
            line += content.count("\n", seen, offset)
            newline = content.rfind("\n", seen, offset)
            line_start = newline + 1 if newline >= 0 else line_start
            seen = offset
            col = offset - line_start + 1
            found.append(Citation(tuple(child.meta["ids"]), Span(path, line, col)))
    return found


def _count_words(toks: list[Token]) -> int:
    return sum(len(WORD.findall(t.content)) for t in toks if t.type == "inline")
