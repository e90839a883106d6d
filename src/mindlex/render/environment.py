"""The Jinja2 environment: package templates, autoescaping always on."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from mindlex.model.meta import slugify
from mindlex.render.view import distinct_aliases

CSP = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'"
)


def longdate(value: dt.date) -> str:
    return f"{value:%B} {value.day}, {value.year}"


BREAK_AFTER = re.compile(r"([/.])(?=.)")


def breakable(text: object) -> Markup:
    """Escaped text with a line-break opportunity after each `/` and `.`, so a long DOI or URL
    wraps between its parts instead of inside them."""
    return Markup(BREAK_AFTER.sub(r"\1<wbr>", str(escape(str(text)))))


def label(category: str) -> str:
    """`brain-anatomy` -> `Brain anatomy`."""
    text = category.replace("-", " ").replace("_", " ").strip()
    return text[:1].upper() + text[1:]


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("mindlex", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["longdate"] = longdate
    env.filters["slug"] = slugify
    env.filters["label"] = label
    env.filters["breakable"] = breakable
    env.filters["distinct_aliases"] = lambda title, aliases: distinct_aliases(title, list(aliases))
    env.globals["csp"] = CSP
    return env
