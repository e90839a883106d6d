"""Faster citeproc-py without changing a byte of its output.

citeproc-py walks the whole CSL style for every entry and repeats, each time, lookups that
depend on the style alone (XPath searches over the style tree, locale terms, the root
element), plus a chain of dictionary lookups to reach the item being formatted. Those
answers are remembered here. The largest gain is one level up: a macro's output depends
only on the item's fields that the macro (and the macros it calls) can read, so a macro is
rendered once for each distinct set of those values, and later entries with the same values
(same type, same journal, no editor, no edition, ...) reuse it.

Every patch is installed on citeproc-py's classes by `install()` and undone by `restore()`
(tests compare the two outputs, `tests/unit/test_cite_fast.py`). Nothing is patched on a
citeproc-py release those tests have not been run against (`TESTED`), and a patch whose
target was renamed or reshaped is skipped, so the worst case is the plain speed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, NamedTuple

import citeproc
from citeproc import model as cmodel
from citeproc import source as csource

TESTED = ("0.11.",)
"""citeproc-py releases the memo has been checked against, entry for entry."""

UNSAFE_VARIABLES = frozenset({"citation_number", "first_reference_note_number"})
"""Variables that depend on the entry's place in a list: a macro using them is not memoised."""
UNSAFE_ATTRIBUTES = frozenset({"position"})
"""Conditions on what was cited before: a macro using them is not memoised."""
ALWAYS_READ = ("type", "language")
"""Fields read whatever the style names: every condition on type, every text's language."""

Made = tuple[type, str, Any, Any]
"""(class, attribute, citeproc-py's own value, replacement)."""

_made: list[Made] | None = None
_active = False


def install() -> None:
    """Put the memoised lookups in place; the same replacements (and memos) every time."""
    global _made, _active
    if not str(getattr(citeproc, "__version__", "")).startswith(TESTED):
        return
    if _made is None:
        _made = prepare(_patches())
    for cls, name, _original, replacement in _made:
        setattr(cls, name, replacement)
    _active = True


def restore() -> None:
    """Put citeproc-py's own methods back."""
    global _active
    for cls, name, original, _replacement in reversed(_made or []):
        setattr(cls, name, original)
    _active = False


def prepare(patches: list[tuple[type, str, Callable[[Any], Any]]]) -> list[Made]:
    """The replacements whose targets exist in this citeproc-py; a renamed or reshaped
    target is left alone."""
    made: list[Made] = []
    for cls, name, make in patches:
        original = cls.__dict__.get(name)
        if original is None:
            continue
        try:
            made.append((cls, name, original, make(original)))
        except Exception:  # a target of another shape: keep citeproc-py's own
            continue
    return made


def active() -> bool:
    """Whether the memoised lookups are in place."""
    return _active


@contextmanager
def plain() -> Iterator[None]:
    """citeproc-py exactly as released, for the duration of the block."""
    was = _active
    restore()
    try:
        yield
    finally:
        if was:
            install()


def _patches() -> list[tuple[type, str, Callable[[Any], Any]]]:
    found: list[tuple[type, str, Callable[[Any], Any]]] = []
    element = getattr(cmodel, "CitationStylesElement", None)
    if element is not None:
        found += [
            (element, "get_root", _memo_root),
            (element, "xpath_search", _memo_xpath),
            (element, "get_macro", _memo_macro_lookup),
            (element, "get_term", _memo_term),
            (element, "get_locale_option", _memo_locale_option),
            (element, "get_formatter", _fast_formatter),
        ]
    for name in ("Parent", "Text", "Date", "Number", "Names", "Label", "Group"):
        cls = getattr(cmodel, name, None)
        if isinstance(cls, type):
            found.append((cls, "calls_variable", _memo_calls_variable))
    item = getattr(csource, "CitationItem", None)
    if item is not None:
        found.append((item, "reference", _fast_reference))
    macro = getattr(cmodel, "Macro", None)
    if macro is not None:
        found.append((macro, "render", _memo_macro_render))
    return found


# Lookups that depend on the style tree alone. The only changes citeproc-py makes to a
# tree while rendering are a default <name> added to a <names> that lacks one (an element
# outside the CSL namespace, inserted first) and attribute updates on locale date parts;
# neither changes the answer of any XPath search or term lookup below.


def _memo_keyed(original: Any, key: Callable[..., Any]) -> Any:
    """`original(self, *args)` computed once per `key(self, *args)`: for answers fixed by
    the style tree."""
    answers: dict[Any, Any] = {}
    missing = object()

    def memoised(self: Any, *args: Any) -> Any:
        k = key(self, *args)
        answer = answers.get(k, missing)
        if answer is missing:
            answer = answers[k] = original(self, *args)
        return answer

    return memoised


def _memo_root(original: Any) -> Any:
    return _memo_keyed(original, lambda self: self)


def _memo_xpath(original: Any) -> Any:
    return _memo_keyed(original, lambda self, expression: (self, expression))


def _memo_macro_lookup(original: Any) -> Any:
    return _memo_keyed(original, lambda self, name: (self.get_root(), name))


def _memo_term(original: Any) -> Any:
    terms: dict[tuple[Any, ...], Any] = {}
    missing = object()

    def get_term(
        self: Any,
        name: str,
        form: str | None = None,
        fallback_locale: bool = True,
        zero_padded: bool = False,
    ) -> Any:
        key = (self.get_root(), name, form, fallback_locale, zero_padded)
        term = terms.get(key, missing)
        if term is missing:
            term = terms[key] = original(self, name, form, fallback_locale, zero_padded)
        return term

    return get_term


def _memo_locale_option(original: Any) -> Any:
    return _memo_keyed(original, lambda self, name: (self.get_root(), name))


def _fast_formatter(original: Any) -> Any:
    """The formatter is set per bibliography, so it is read each time; only the question
    "is this element in a locale?" (a class test on the root) is remembered."""
    locale_class = getattr(cmodel, "Locale", None)
    in_locale: dict[Any, bool] = {}

    def get_formatter(self: Any) -> Any:
        root = self.get_root()
        is_locale = in_locale.get(root)
        if is_locale is None:
            is_locale = in_locale[root] = locale_class is not None and isinstance(
                root, locale_class
            )
        return root.style.formatter if is_locale else root.formatter

    return get_formatter


def _memo_calls_variable(original: Any) -> Any:
    return _memo_keyed(lambda self: bool(original(self)), lambda self: self)


def _fast_reference(original: Any) -> Any:
    """`item.reference` walks four CustomDict lookups (each a try/except); read them directly."""
    getter = original.fget

    def reference(self: Any) -> Any:
        try:
            return dict.__getitem__(dict.__getitem__(self, "citation"), "bibliography").source[
                dict.__getitem__(self, "key")
            ]
        except (KeyError, AttributeError, TypeError):
            return getter(self)

    return property(reference)


# Macros rendered once per distinct set of the values they can read.


class Reads(NamedTuple):
    """What a macro (with the macros it calls) can learn about the item being formatted."""

    values: frozenset[str]
    """Fields whose value it can read (citeproc-py's names, with underscores)."""
    presence: frozenset[str]
    """Fields it only tests for (`<if variable=...>`)."""


_reads: dict[Any, Reads | None] = {}


def _macro_reads(macro: Any) -> Reads | None:
    """The item fields a macro can read, or None when its output depends on more than the
    item (the citation's position, the entry's number, locale dates whose parts the style
    overrides, which citeproc-py writes into the locale)."""
    if macro in _reads:
        return _reads[macro]
    _reads[macro] = None  # a macro that calls itself is not memoised
    values: set[str] = set(ALWAYS_READ)
    presence: set[str] = set()
    condition = getattr(cmodel, "If", ())
    safe = True
    for node in macro.iter():
        attrib = node.attrib
        if UNSAFE_ATTRIBUTES.intersection(attrib):
            safe = False
            break
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag.endswith("}date") and "form" in attrib and len(node):
            safe = False
            break
        for attribute in ("variable", "is-numeric", "is-uncertain-date"):
            for variable in attrib.get(attribute, "").split():
                python = variable.replace("-", "_")
                if attribute == "variable" and isinstance(node, condition):
                    presence.add(python)
                    continue
                values.update((python, python + "_short"))
                if python.startswith("page"):
                    values.update(("page", "page_first"))
        if "macro" in attrib:
            inner = _macro_reads(node.get_macro(attrib["macro"]))
            if inner is None:
                safe = False
                break
            values |= inner.values
            presence |= inner.presence
    if safe and (values | presence) & UNSAFE_VARIABLES:
        safe = False
    _reads[macro] = Reads(frozenset(values), frozenset(presence - values)) if safe else None
    return _reads[macro]


def _canonical(value: Any) -> Any:
    """A hashable value equal for two field values exactly when citeproc-py sees them alike
    (types included: a NoCase part is not a String part)."""
    if isinstance(value, dict):
        items = tuple(sorted((str(k), _canonical(v)) for k, v in value.items()))
        return (type(value).__qualname__, items)
    if isinstance(value, list | tuple):
        return (type(value).__qualname__, tuple(_canonical(v) for v in value))
    if isinstance(value, str | int | float | bool) or value is None:
        return (type(value).__qualname__, value)
    raise TypeError(f"no canonical form for {type(value).__qualname__}")


_fields: dict[int, tuple[Any, tuple[tuple[str, Any], ...]]] = {}


def _item_fields(reference: Any) -> tuple[tuple[str, Any], ...]:
    """The reference's fields in canonical form, computed once per reference object."""
    known = _fields.get(id(reference))
    if known is not None and known[0] is reference:
        return known[1]
    fields = tuple(sorted((str(k), _canonical(v)) for k, v in reference.items()))
    if len(_fields) > 4096:
        _fields.clear()
    _fields[id(reference)] = (reference, fields)
    return fields


def _citation_fields(item: Any) -> tuple[tuple[str, Any], ...]:
    """What the citation adds to the item (locator, prefix...); not its key or citation."""
    if len(item) == 2 and "key" in item and "citation" in item:
        return ()  # the usual case: a bare citation of one item
    return tuple(
        sorted((str(k), _canonical(v)) for k, v in item.items() if k not in ("key", "citation"))
    )


def _frozen_repressed(repressed: dict[Any, list[Any]]) -> tuple[Any, ...]:
    if not repressed:
        return ()
    return tuple(sorted((str(tag), tuple(v)) for tag, v in repressed.items()))


def _copy(value: Any) -> Any:
    """A fresh copy of a rendered piece, so no two entries share a mutable list."""
    if isinstance(value, list):
        return type(value)(_copy(v) for v in value)
    return value


class _Rendered:
    """Outputs of one kind of element, by element, context and what it can read."""

    def __init__(self) -> None:
        self.table: dict[tuple[Any, ...], tuple[Any, tuple[Any, ...]]] = {}

    def key(self, element: Any, item: Any, context: Any, extra: Any) -> tuple[Any, ...] | None:
        reads = _macro_reads(element)
        if reads is None or context is None:
            return None
        try:
            values, presence = reads
            seen = tuple(
                field if field[0] in values else (field[0],)
                for field in _item_fields(item.reference)
                if field[0] in values or field[0] in presence
            )
            return (
                element,
                context,
                element.get_formatter(),
                extra,
                _frozen_repressed(context.get_layout().repressed),
                _citation_fields(item),
                seen,
            )
        except Exception:  # anything unexpected: render as citeproc-py does
            return None

    def replay(self, key: tuple[Any, ...], context: Any) -> tuple[bool, Any]:
        known = self.table.get(key)
        if known is None:
            return False, None
        result, after = known
        repressed = context.get_layout().repressed
        repressed.clear()
        repressed.update((tag, list(v)) for tag, v in after)
        return True, _copy(result)

    def keep(self, key: tuple[Any, ...], context: Any, result: Any) -> None:
        if len(self.table) > 65536:
            self.table.clear()
        self.table[key] = (_copy(result), _frozen_repressed(context.get_layout().repressed))


def _options(options: Any) -> Any:
    return None if options is None else tuple(sorted(options.items()))


def _memo_macro_render(original: Any) -> Any:
    rendered = _Rendered()

    def render(self: Any, item: Any, context: Any = None, sort_options: Any = None) -> Any:
        key = rendered.key(self, item, context, _options(sort_options))
        if key is None:
            return original(self, item, context, sort_options)
        hit, result = rendered.replay(key, context)
        if hit:
            return result
        result = original(self, item, context, sort_options)
        rendered.keep(key, context, result)
        return result

    return render
