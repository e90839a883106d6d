"""Parsed articles kept between builds as compact records, by file path and content hash.

`<root>/.mindlex-cache/records.bin` holds one msgspec record per article file: every field
of its `Article` except the token trees (the intro and the sections), the plain text the
search indexes read, and the file's parse diagnostics. A build that finds a file's bytes
unchanged gets its Article back from the record, without parsing and without unpickling
hundreds of tokens; the token trees are parsed again, from the bytes the loader has just
read, only when a stage touches them (a page that is re-rendered, an article re-linted).

Exactness comes first: before a record is stored it is decoded again and compared, field
by field and type by type, with the article it came from. A file whose parse result a
record cannot carry exactly is simply not stored, so it is parsed on every build.
"""

from __future__ import annotations

import datetime as dt
import pickle
import threading
import zlib
from dataclasses import dataclass, field, fields, is_dataclass
from pathlib import Path
from typing import Any, TypeVar

import msgspec
from pydantic import BaseModel

from mindlex.diagnostic import Diagnostic, Edit, Fix, Severity
from mindlex.engine.store import read_bytes_checked, write_bytes_checked
from mindlex.model import Article, Reference
from mindlex.model.article import Citation
from mindlex.model.reference import Evidence, Name
from mindlex.model.text import plain_text
from mindlex.source.discover import SourceFile
from mindlex.span import Span

CACHE_DIR = ".mindlex-cache"
RECORDS = "records.bin"
RECORD_KIND = "records-3"
"""Names the record layout below; a change to the structs must change this name."""
OLD_FILES = ("parsed.bin",)
"""Caches of earlier layouts, removed when the records are saved."""

Parsed = tuple[Article | None, list[Diagnostic]]
_M = TypeVar("_M", bound=BaseModel)
TREES = ("intro_tokens", "sections")
"""The Article fields a record leaves out and a stored article parses again on first use."""
LAZY = ("references", "citations", "field_spans")
"""The Article fields a stored article builds from its record on first use: most stages
never read them for an unchanged article, and their spans are most of the cost of
rebuilding one."""


def cache_root(root: Path) -> Path:
    return root / CACHE_DIR


def pack(parsed: Parsed) -> bytes:
    """The whole parse result, token trees included, as worker processes send it back."""
    return zlib.compress(pickle.dumps(parsed, protocol=pickle.HIGHEST_PROTOCOL), 1)


def unpack(blob: bytes) -> Parsed:
    article, diags = pickle.loads(zlib.decompress(blob))
    return article, list(diags)


# -- the record layout ---------------------------------------------------------------------


class SpanRec(msgspec.Struct, array_like=True):
    """A Span in the article's own file (a span in any other file is not stored)."""

    line: int
    col: int
    end_line: int | None
    end_col: int | None


class NameRec(msgspec.Struct, array_like=True):
    values: dict[str, Any]
    extra: dict[str, Any] | None
    fields_set: list[str]


class RefRec(msgspec.Struct, array_like=True):
    dated: bool
    """Whether `values`, `extra` or an author holds a tagged date (else nothing to untag)."""
    values: dict[str, Any]
    """Every field by its Python name, except the four below; dates tagged (`_tag`)."""
    evidence: str | None
    author: list[NameRec]
    span: SpanRec | None
    field_spans: dict[str, SpanRec]
    extra: dict[str, Any] | None
    fields_set: list[str]


class CiteRec(msgspec.Struct, array_like=True):
    ids: list[str]
    span: SpanRec


class ArticleRec(msgspec.Struct, array_like=True):
    slug: str
    title: str
    summary: str
    category: str
    headline: str
    aliases: list[str]
    related: list[str]
    references: list[RefRec]
    status: str
    replaced_by: str | None
    published: dt.date | None
    suppress: list[tuple[str, str]]
    body_line: int
    body_offset: int
    citations: list[CiteRec]
    word_count: int
    field_spans: dict[str, SpanRec]
    text: str
    """What a reader sees of the body as plain text, for the search indexes."""
    words: str
    """The body's folded words (`publish.deps.words_of`), sorted, joined by spaces."""


class DiagRec(msgspec.Struct, array_like=True):
    code: str
    message: str
    span: SpanRec
    severity: str
    hint: str
    fix: tuple[list[tuple[int, int, str]], bool, str] | None
    name: str
    extra: dict[str, Any]


class FileRec(msgspec.Struct, array_like=True):
    article: ArticleRec | None
    diagnostics: list[DiagRec]


_encode = msgspec.msgpack.Encoder().encode


class LazyArticleRec(msgspec.Struct, array_like=True):
    """`ArticleRec` as a build reads it: the same fields in the same places, with the
    references and field spans left as raw MessagePack until an article's are read
    (decoding every article's references was most of the cost of reading the records)."""

    slug: str
    title: str
    summary: str
    category: str
    headline: str
    aliases: list[str]
    related: list[str]
    references: msgspec.Raw
    status: str
    replaced_by: str | None
    published: dt.date | None
    suppress: list[tuple[str, str]]
    body_line: int
    body_offset: int
    citations: list[CiteRec]
    word_count: int
    field_spans: msgspec.Raw
    text: str
    words: str


class LazyFileRec(msgspec.Struct, array_like=True):
    article: LazyArticleRec | None
    diagnostics: list[DiagRec]


_decode_file = msgspec.msgpack.Decoder(LazyFileRec).decode
_decode_refs = msgspec.msgpack.Decoder(list[RefRec]).decode
_decode_spans = msgspec.msgpack.Decoder(dict[str, SpanRec]).decode


class CacheFile(msgspec.Struct, array_like=True):
    """The whole of `records.bin`."""

    records: dict[str, tuple[str, bytes]]
    """File path -> (sha256 of its bytes, its `FileRec` as MessagePack)."""
    derived: dict[str, dict[str, tuple[str, str]]]
    """Kind of value -> file path -> (digest of the value's inputs, the value)."""


_decode_cache = msgspec.msgpack.Decoder(CacheFile).decode


# -- articles made from records ----------------------------------------------------------------

_thaw_lock = threading.Lock()


class StoredArticle(Article):
    """An Article rebuilt from its record; its references, citations and field spans are
    built from the record, and its token trees parsed again, on first use."""

    __slots__ = ("_reader_text", "_record", "_source_file", "_words")

    def __getattr__(self, name: str) -> Any:
        """Called only for an attribute that is not set: a lazy field or a token tree."""
        if name in LAZY:
            with _thaw_lock:
                if not hasattr_slot(self, name):
                    object.__setattr__(self, name, _lazy_field(self, name))
            return object.__getattribute__(self, name)
        if name not in TREES:
            raise AttributeError(name)
        with _thaw_lock:
            if not hasattr_slot(self, name):
                from mindlex.model.assemble import trees_of

                intro, sections = trees_of(self.path, self.body, self.body_line)
                object.__setattr__(self, "intro_tokens", intro)
                object.__setattr__(self, "sections", sections)
        return object.__getattribute__(self, name)


def release(article: Article) -> None:
    """Let go of the token trees of an article that came from a record (they are parsed
    again if touched later); other articles keep theirs."""
    if isinstance(article, StoredArticle):
        for tree in TREES:
            if hasattr_slot(article, tree):
                object.__delattr__(article, tree)


def hasattr_slot(article: Article, name: str) -> bool:
    try:
        object.__getattribute__(article, name)
    except AttributeError:
        return False
    return True


def thawed(article: Article) -> bool:
    """Whether the article's token trees are in memory (always, unless it came from a record)."""
    return all(hasattr_slot(article, tree) for tree in TREES)


def _lazy_field(article: StoredArticle, name: str) -> Any:
    """A field built from the record; if its part of the record does not decode (the
    file's seal held, so only a bug or a hand could cause it), from the file parsed
    again: a damaged record is never trusted."""
    rec: LazyArticleRec = object.__getattribute__(article, "_record")
    path = article.path
    try:
        if name == "references":
            return tuple(_ref(path, r) for r in _decode_refs(rec.references))
        if name == "field_spans":
            return {k: _span(path, s) for k, s in _decode_spans(rec.field_spans).items()}
        return tuple(Citation(tuple(c.ids), _span(path, c.span)) for c in rec.citations)
    except (msgspec.MsgspecError, TypeError, ValueError, KeyError):
        source: SourceFile = object.__getattribute__(article, "_source_file")
        return getattr(_reparse(source, article.sha256), name)


def _reparse(source: SourceFile, sha256: str) -> Article:
    from mindlex.model.assemble import assemble

    article, _diags = assemble(source)
    if article is None or article.sha256 != sha256:
        raise RuntimeError(f"{source.path}: parsing the stored article again gave no article")
    return article


def cited_ids(article: Article) -> list[str]:
    """`Article.cited_ids`, read from the record of a stored article whose citations have
    not been built (the review fingerprint's key needs only the ids)."""
    if isinstance(article, StoredArticle) and not hasattr_slot(article, "citations"):
        rec: LazyArticleRec = object.__getattribute__(article, "_record")
        seen: dict[str, None] = {}
        for cite in rec.citations:
            for ref_id in cite.ids:
                seen.setdefault(ref_id, None)
        return list(seen)
    return article.cited_ids()


def reader_text(article: Article) -> str:
    """The body as plain text (intro, sections, FAQ questions and answers), without
    touching the token trees of an article that came from a record."""
    if isinstance(article, StoredArticle) and hasattr_slot(article, "_reader_text"):
        text: str = object.__getattribute__(article, "_reader_text")
        return text
    parts: list[str] = [plain_text(article.intro_tokens)]
    for section in article.sections:
        parts.append(plain_text(section.tokens))
        for item in section.faq:
            parts.append(item.question)
            parts.append(plain_text(item.answer_tokens))
    return " ".join(p for p in parts if p)


def stored_words(article: Article) -> frozenset[str] | None:
    """The body's folded words as recorded, for an article that came from a record."""
    if not isinstance(article, StoredArticle) or not hasattr_slot(article, "_words"):
        return None  # a copy made by pickle carries the fields only
    words: str = object.__getattribute__(article, "_words")
    return frozenset(words.split(" ")) if words else frozenset()


def stored_words_text(article: Article) -> str | None:
    """The recorded words as one string with a space before and after each word, so that
    `f" {word} " in text` tells whether the body holds `word`; None if not recorded."""
    if not isinstance(article, StoredArticle) or not hasattr_slot(article, "_words"):
        return None
    words: str = object.__getattribute__(article, "_words")
    return f" {words} "


def _words(article: Article) -> str | None:
    """The words `words_of` finds, computed by that very function; None if spaces in a
    folded word would make the joined form ambiguous."""
    from mindlex.publish.deps import words_of

    found = words_of.__wrapped__(article)
    if any(" " in w or not w for w in found):
        return None
    return " ".join(sorted(found))


# -- encoding --------------------------------------------------------------------------------


def _tag(value: Any) -> Any:
    """Values msgpack cannot tell apart from strings, as tagged maps."""
    if isinstance(value, dt.datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    if isinstance(value, dict):
        return {k: _tag(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_tag(v) for v in value]
    return value


def _dated(value: Any) -> bool:
    """Whether `_tag` would change anything in `value` (most references hold no dates)."""
    if isinstance(value, dt.date):
        return True
    if isinstance(value, dict):
        return any(_dated(v) for v in value.values())
    if isinstance(value, list):
        return any(_dated(v) for v in value)
    return False


def _untag_all(values: dict[str, Any], dated: bool) -> dict[str, Any]:
    """Decoded values as they were; a map without dates comes back from msgpack as is."""
    return _untag(values) if dated else values


def _untag(value: Any) -> Any:
    if type(value) is str or value is None:
        return value
    if isinstance(value, dict):
        if len(value) == 1:
            if "$datetime" in value:
                return dt.datetime.fromisoformat(value["$datetime"])
            if "$date" in value:
                return dt.date.fromisoformat(value["$date"])
        return {k: _untag(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_untag(v) for v in value]
    return value


def _span_rec(span: Span) -> SpanRec:
    return SpanRec(span.line, span.col, span.end_line, span.end_col)


_SPAN_FIELDS = ("line", "col", "end_line", "end_col")
_SPAN_SLOTS = tuple(Span.__dict__[name].__set__ for name in ("path", "line", "col"))
_SPAN_ENDS = tuple(Span.__dict__[name].__set__ for name in ("end_line", "end_col"))


def _span(path: Path, rec: SpanRec) -> Span:
    """`Span(path, ...)` through its slots: an article record holds about fifty spans, and
    the frozen dataclass's checked `__init__` is most of the cost of rebuilding one."""
    span = object.__new__(Span)
    set_path, set_line, set_col = _SPAN_SLOTS
    set_end_line, set_end_col = _SPAN_ENDS
    set_path(span, path)
    set_line(span, rec.line)
    set_col(span, rec.col)
    set_end_line(span, rec.end_line)
    set_end_col(span, rec.end_col)
    return span


def _model_parts(model: BaseModel) -> tuple[dict[str, Any], dict[str, Any] | None, list[str]]:
    extra = model.__pydantic_extra__
    tagged = _tag(dict(extra)) if extra else None
    return dict(model.__dict__), tagged, sorted(model.model_fields_set)


def _ref_rec(ref: Reference) -> RefRec:
    values, extra, fields_set = _model_parts(ref)
    for name in ("span", "field_spans", "evidence", "author"):
        values.pop(name, None)
    authors = []
    for person in ref.author:
        n_values, n_extra, n_set = _model_parts(person)
        authors.append(NameRec(_tag(n_values), n_extra, n_set))
    dated = _dated(values) or _dated(ref.__pydantic_extra__ or {})
    dated = dated or any(
        _dated(p.__dict__) or _dated(p.__pydantic_extra__ or {}) for p in ref.author
    )
    return RefRec(
        dated,
        _tag(values),
        ref.evidence.value if ref.evidence is not None else None,
        authors,
        _span_rec(ref.span) if ref.span is not None else None,
        {k: _span_rec(s) for k, s in ref.field_spans.items()},
        extra,
        fields_set,
    )


def _ref(path: Path, rec: RefRec) -> Reference:
    dated = rec.dated
    values = _untag_all(rec.values, dated)
    values["evidence"] = Evidence(rec.evidence) if rec.evidence is not None else None
    values["author"] = [
        _construct(Name, _untag_all(n.values, dated), n.extra, n.fields_set, dated)
        for n in rec.author
    ]
    values["span"] = _span(path, rec.span) if rec.span is not None else None
    values["field_spans"] = {k: _span(path, s) for k, s in rec.field_spans.items()}
    return _construct(Reference, values, rec.extra, rec.fields_set, dated)


def _construct(
    cls: type[_M],
    values: dict[str, Any],
    extra: dict[str, Any] | None,
    fields_set: list[str],
    dated: bool,
) -> _M:
    """A model from values it was validated with before, as pydantic's `model_construct`
    makes one but without its per-field defaults pass (every field is in `values`); the
    record check (`same`) compares the result with the parsed model before it is stored."""
    made = cls.__new__(cls)
    object.__setattr__(made, "__dict__", values)
    object.__setattr__(made, "__pydantic_extra__", _untag_all(extra, dated) if extra else {})
    object.__setattr__(made, "__pydantic_fields_set__", set(fields_set))
    object.__setattr__(made, "__pydantic_private__", None)
    return made


def _article_rec(article: Article, words: str, text: str) -> ArticleRec:
    return ArticleRec(
        article.slug,
        article.title,
        article.summary,
        article.category,
        article.headline,
        list(article.aliases),
        list(article.related),
        [_ref_rec(r) for r in article.references],
        article.status,
        article.replaced_by,
        article.published,
        [(code, reason) for code, reason in article.suppress],
        article.body_line,
        article.body_offset,
        [CiteRec(list(c.ids), _span_rec(c.span)) for c in article.citations],
        article.word_count,
        {k: _span_rec(s) for k, s in article.field_spans.items()},
        text,
        words,
    )


def _article(source: SourceFile, rec: LazyArticleRec) -> StoredArticle:
    path = source.path
    made = object.__new__(StoredArticle)
    values: dict[str, Any] = {
        "path": path,
        "slug": rec.slug,
        "title": rec.title,
        "summary": rec.summary,
        "category": rec.category,
        "headline": rec.headline,
        "aliases": tuple(rec.aliases),
        "related": tuple(rec.related),
        "status": rec.status,
        "replaced_by": rec.replaced_by,
        "published": rec.published,
        "suppress": tuple(tuple(pair) for pair in rec.suppress),
        "source": source.text,
        "body": source.text[rec.body_offset :],
        "body_line": rec.body_line,
        "body_offset": rec.body_offset,
        "word_count": rec.word_count,
        "sha256": source.sha256,
        "_reader_text": rec.text,
        "_record": rec,
        "_source_file": source,
        "_words": rec.words,
    }
    for name, value in values.items():
        object.__setattr__(made, name, value)
    return made


def _diag_rec(d: Diagnostic) -> DiagRec:
    fix = None
    if d.fix is not None:
        fix = ([(e.start, e.end, e.text) for e in d.fix.edits], d.fix.safe, d.fix.description)
    return DiagRec(
        d.code,
        d.message,
        _span_rec(d.span),
        d.severity.value,
        d.hint,
        fix,
        d.name,
        _tag(dict(d.extra)),
    )


def _diag(path: Path, rec: DiagRec) -> Diagnostic:
    fix = None
    if rec.fix is not None:
        edits, safe, description = rec.fix
        fix = Fix(tuple(Edit(s, e, t) for s, e, t in edits), safe, description)
    return Diagnostic(
        rec.code,
        rec.message,
        _span(path, rec.span),
        Severity(rec.severity),
        rec.hint,
        fix,
        rec.name,
        _untag(rec.extra),
    )


Row = tuple[
    int,
    str,
    str,
    int,
    int,
    int | None,
    int | None,
    str,
    str,
    tuple[list[tuple[int, int, str]], bool, str] | None,
    str,
    dict[str, Any] | None,
]
"""One diagnostic: its file's index, code, message, span, severity, hint, fix, name, extra."""


class FindingsRec(msgspec.Struct, array_like=True):
    """A list of diagnostics from any files: each row names its file by index."""

    paths: list[str]
    rows: list[Row]


_decode_findings = msgspec.msgpack.Decoder(FindingsRec).decode
_SEVERITY = {s.value: s for s in Severity}
_DIAG_SLOTS = tuple(
    Diagnostic.__dict__[name].__set__
    for name in ("code", "message", "span", "severity", "hint", "fix", "name", "extra")
)
_POSIX = type(Path())


def pack_findings(diags: list[Diagnostic]) -> bytes | None:
    """Diagnostics as one compact record (a build's findings, kept between builds), or
    None if a record cannot carry one of them exactly; `unpack_findings` reverses it
    without the cost of unpickling tens of thousands of dataclasses and paths."""
    paths: dict[str, int] = {}
    rows: list[Row] = []
    checked: list[tuple[int, Diagnostic]] = []
    try:
        for d in diags:
            path, span = d.span.path, d.span
            if type(path) is not _POSIX or type(d.severity) is not Severity:
                return None
            fix = None
            if d.fix is not None:
                fix = (
                    [(e.start, e.end, e.text) for e in d.fix.edits],
                    d.fix.safe,
                    d.fix.description,
                )
                checked.append((len(rows), d))
            elif d.extra:
                checked.append((len(rows), d))
            rows.append(
                (
                    paths.setdefault(str(path), len(paths)),
                    d.code,
                    d.message,
                    span.line,
                    span.col,
                    span.end_line,
                    span.end_col,
                    d.severity.value,
                    d.hint,
                    fix,
                    d.name,
                    _tag(dict(d.extra)) if d.extra else None,
                )
            )
        blob = _encode(FindingsRec(list(paths), rows))
        if checked:
            back = unpack_findings(blob)
            if not all(same(d, back[n]) and same(d.extra, back[n].extra) for n, d in checked):
                return None
    except (msgspec.MsgspecError, TypeError, ValueError, OverflowError):
        return None
    return blob


_SPAN_SET = (*_SPAN_SLOTS, *_SPAN_ENDS)


def unpack_findings(blob: bytes) -> list[Diagnostic]:
    """The diagnostics `pack_findings` stored; raises msgspec.MsgspecError if damaged."""
    rec = _decode_findings(blob)
    paths = [Path(p) for p in rec.paths]
    code, message, span, severity, hint, fix, name, extra = _DIAG_SLOTS
    set_path, set_line, set_col, set_end_line, set_end_col = _SPAN_SET
    levels = _SEVERITY
    found: list[Diagnostic] = []
    new = object.__new__
    for index, c, m, line, col, end_line, end_col, level, h, f, n, x in rec.rows:
        where = new(Span)
        set_path(where, paths[index])
        set_line(where, line)
        set_col(where, col)
        set_end_line(where, end_line)
        set_end_col(where, end_col)
        d = new(Diagnostic)
        code(d, c)
        message(d, m)
        span(d, where)
        severity(d, levels[level])
        hint(d, h)
        if f is None:
            fix(d, None)
        else:
            edits, safe, description = f
            fix(d, Fix(tuple(Edit(a, b, t) for a, b, t in edits), safe, description))
        name(d, n)
        extra(d, _untag(x) if x else {})
        found.append(d)
    return found


def encode(source: SourceFile, parsed: Parsed) -> bytes | None:
    """The record of one parse result, or None if a record cannot carry it exactly."""
    article, diags = parsed
    if article is not None and (article.path != source.path or article.sha256 != source.sha256):
        return None
    words = _words(article) if article is not None else ""
    if words is None:
        return None
    text = reader_text(article) if article is not None else ""
    try:
        rec = FileRec(
            _article_rec(article, words, text) if article is not None else None,
            [_diag_rec(d) for d in diags],
        )
        blob = _encode(rec)
        back = decode(source, blob)
    except (msgspec.MsgspecError, TypeError, ValueError, OverflowError):
        return None
    return blob if _same_parse(parsed, back, text) else None


def decode(source: SourceFile, blob: bytes) -> Parsed:
    rec = _decode_file(blob)
    article = _article(source, rec.article) if rec.article is not None else None
    return article, [_diag(source.path, d) for d in rec.diagnostics]


def _same_parse(original: Parsed, back: Parsed, text: str) -> bool:
    """Whether `back` is `original`, field by field; `text` is the original's reader text."""
    article, diags = original
    again, again_diags = back
    if (article is None) != (again is None) or not same(diags, again_diags):
        return False
    if not all(same(a.extra, b.extra) for a, b in zip(diags, again_diags, strict=True)):
        return False
    if article is None or again is None:
        return True
    return all(
        same(getattr(article, f.name), getattr(again, f.name))
        for f in fields(Article)
        if f.name not in TREES
    ) and text == reader_text(again)


def same(a: Any, b: Any) -> bool:
    """Equal and of the same types all the way down (so 1 is not True, a tuple not a list,
    an enum member not its string)."""
    if type(a) is not type(b):
        return False
    if type(a) is Span:  # the most frequent value: about fifty in an article
        return a == b and all(type(getattr(a, n)) is type(getattr(b, n)) for n in _SPAN_FIELDS)
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(v, b[k]) for k, v in a.items())
    if isinstance(a, list | tuple):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, BaseModel):
        return (
            same(a.__dict__, b.__dict__)
            and same(a.__pydantic_extra__, b.__pydantic_extra__)
            and a.model_fields_set == b.model_fields_set
        )
    if is_dataclass(a) and not isinstance(a, type):
        return all(same(getattr(a, f.name), getattr(b, f.name)) for f in fields(a))
    return bool(a == b)


# -- the cache file ----------------------------------------------------------------------------


@dataclass
class Derived:
    """Values derived from one article file and other inputs (its review fingerprint),
    kept next to the records: file path -> (digest of every input, the value). A value is
    returned only for the very digest it was stored with; what is looked up or stored in
    a build is what the next build finds, so values of deleted files leave."""

    old: dict[str, tuple[str, str]] = field(default_factory=dict)
    used: dict[str, tuple[str, str]] = field(default_factory=dict)
    touched: bool = False
    """Whether this run looked any value up; an untouched kind keeps its values."""

    def get(self, ident: str, key: str) -> str | None:
        self.touched = True
        found = self.used.get(ident) or self.old.get(ident)
        if found is None or found[0] != key:
            return None
        self.used[ident] = found
        return found[1]

    def put(self, ident: str, key: str, value: str) -> None:
        self.touched = True
        self.used[ident] = (key, value)

    def kept(self, files: dict[str, tuple[str, bytes]]) -> dict[str, tuple[str, str]]:
        """What to save: this run's values (or, if it looked none up, the old ones), of
        the files that are still there."""
        values = self.used if self.touched else self.old
        return {ident: v for ident, v in values.items() if ident in files}


@dataclass
class ParseCache:
    """File path -> (sha256 of its bytes, its record), kept between builds, and the
    values derived from each file (`derived`)."""

    path: Path
    entries: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    used: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    hits: int = 0
    misses: int = 0
    kinds: dict[str, Derived] = field(default_factory=dict)

    @classmethod
    def open(cls, root: Path) -> ParseCache:
        path = cache_root(root) / RECORDS
        data = read_bytes_checked(path, RECORD_KIND)
        found = CacheFile({}, {})
        if data is not None:
            try:
                found = _decode_cache(data)
            except msgspec.MsgspecError:
                found = CacheFile({}, {})
        kinds = {name: Derived(values) for name, values in found.derived.items()}
        return cls(path, found.records, kinds=kinds)

    def derived(self, kind: str) -> Derived:
        """The stored values of one kind (opened empty if there are none)."""
        return self.kinds.setdefault(kind, Derived())

    def get(self, source: SourceFile) -> Parsed | None:
        found = self.entries.get(str(source.path))
        if found is None or found[0] != source.sha256:
            return None
        try:
            parsed = decode(source, found[1])
        except (msgspec.MsgspecError, TypeError, ValueError, OverflowError):
            return None  # a damaged record is a miss, not a crash
        self.used[str(source.path)] = found
        self.hits += 1
        return parsed

    def put(self, source: SourceFile, parsed: Parsed) -> None:
        """Store a fresh parse result (unless a record cannot carry it exactly)."""
        self.misses += 1
        blob = encode(source, parsed)
        if blob is not None:
            self.used[str(source.path)] = (source.sha256, blob)

    def put_record(self, source: SourceFile, record: bytes) -> None:
        """Store a record `encode` made (in a worker) for a fresh parse of `source`."""
        self.misses += 1
        self.used[str(source.path)] = (source.sha256, record)

    def save(self) -> None:
        """Keep only the files seen in this build, so deleted articles leave the cache."""
        derived = {name: kind.kept(self.used) for name, kind in self.kinds.items()}
        derived = {name: values for name, values in derived.items() if values}
        same_derived = all(derived.get(name, {}) == kind.old for name, kind in self.kinds.items())
        if not self.misses and self.used.keys() == self.entries.keys() and same_derived:
            return
        payload = _encode(CacheFile(self.used, derived))
        if write_bytes_checked(self.path, RECORD_KIND, payload):
            for name in OLD_FILES:
                (self.path.parent / name).unlink(missing_ok=True)
