"""The Jinja2 environment: package templates, autoescaping always on."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from mindlex.model.meta import slugify

CSP = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'"
)


def longdate(value: dt.date) -> str:
    return f"{value:%B} {value.day}, {value.year}"


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
    env.globals["csp"] = CSP
    return env
