"""Rules keyed by code; selection by code prefix where the longest prefix wins."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from mindlex.lint.rule import Rule, Status

CODE = re.compile(r"^([A-Z]{3,5})(\d{3})$")
NAME = re.compile(r"^[a-z]+(?:-[a-z0-9]+)*$")
FAMILIES = {
    "STR": "Structure",
    "META": "Front matter",
    "CIT": "Citations and evidence",
    "LANG": "Stigmatising language",
    "DIAG": "Diagnostic wording",
    "CLAIM": "Claims",
    "SAFE": "Safe messaging",
    "READ": "Readability",
    "REV": "Review",
    "LINK": "Links",
    "SUP": "Suppressions",
    "TPL": "Unfilled template",
}

RULES: dict[str, type[Rule]] = {}


def register(cls: type[Rule]) -> type[Rule]:
    """Class decorator: file a rule under its code, refusing duplicates and bad metadata."""
    match = CODE.match(cls.code)
    if match is None or match.group(1) not in FAMILIES:
        raise ValueError(f"rule code {cls.code!r} must be a known family prefix and 3 digits")
    if cls.family != match.group(1):
        raise ValueError(f"{cls.code}: family {cls.family!r} does not match its code")
    if not NAME.match(cls.name):
        raise ValueError(f"{cls.code}: name {cls.name!r} must be kebab-case")
    if cls.code in RULES or any(r.name == cls.name for r in RULES.values()):
        raise ValueError(f"duplicate rule code or name: {cls.code} {cls.name}")
    if not cls.__doc__:
        raise ValueError(f"{cls.code}: a rule needs a docstring")
    RULES[cls.code] = cls
    return cls


def all_rules() -> dict[str, type[Rule]]:
    """Every registered rule, importing the built-in families on first use."""
    import mindlex.lint.rules  # noqa: F401  (registers by import)

    return RULES


class Selector:
    """Decides whether a code is enabled, after flake8's decision engine."""

    def __init__(
        self, select: Iterable[str], ignore: Iterable[str], extend_select: Iterable[str] = ()
    ) -> None:
        self.select = tuple(_norm(c) for c in (*select, *extend_select))
        self.ignore = tuple(_norm(c) for c in ignore)

    def enabled(self, code: str) -> bool:
        return _decide(self.select, self.ignore, code)


def _norm(code: str) -> str:
    code = code.strip().upper()
    return "" if code == "ALL" else code


@lru_cache(maxsize=4096)
def _decide(select: tuple[str, ...], ignore: tuple[str, ...], code: str) -> bool:
    best_select = max((len(p) for p in select if code.startswith(p)), default=-1)
    best_ignore = max((len(p) for p in ignore if code.startswith(p)), default=-1)
    if best_select < 0:
        return False
    return best_select > best_ignore


def unknown_codes(codes: Iterable[str]) -> list[str]:
    """Codes or prefixes in config that match no rule (they are probably typos)."""
    rules = all_rules()
    bad = []
    for raw in codes:
        code = _norm(raw)
        if code and not any(c.startswith(code) for c in rules):
            bad.append(raw)
    return bad


def active(rule: type[Rule], preview: bool) -> bool:
    if rule.status is Status.REMOVED:
        return False
    return preview or rule.status is Status.STABLE
