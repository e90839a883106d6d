"""Crisis services by locale: the packs mindlex ships, with a site's own tables as overrides.

`crisis_resources(config)` is the one place the resolved services come from: SAFE001, its
fix, the crisis box on every page and review signing all read it, so they never disagree.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mindlex.config.schema import Config, CrisisHelp

PACKS = resources.files("mindlex") / "crisis" / "locales.toml"


@cache
def packs() -> dict[str, CrisisHelp]:
    """Locale -> the shipped crisis services, validated like a site's own tables."""
    from mindlex.config.schema import CrisisHelp

    data = tomllib.loads(PACKS.read_text(encoding="utf-8"))
    return {locale: CrisisHelp.model_validate(table) for locale, table in data.items()}


def locales(config: Config) -> tuple[str, ...]:
    """The locales whose services a site shows: `site.crisis-locales`, else `site.locale`."""
    chosen = config.site.crisis_locales or [config.site.locale]
    return tuple(dict.fromkeys(chosen))


def crisis_resources(config: Config) -> tuple[tuple[str, CrisisHelp], ...]:
    """(locale, services) for each of the site's locales, in the order the site lists them.

    A `[crisis.<locale>]` table in mindlex.toml replaces the shipped pack for that locale
    (and `[crisis.<language>]`, e.g. `[crisis.en]`, applies when neither exists). Locales
    with no services at all are left out.
    """
    found: list[tuple[str, CrisisHelp]] = []
    shipped = packs()
    for locale in locales(config):
        language = locale.split("-")[0]
        table = config.crisis.get(locale) or shipped.get(locale) or config.crisis.get(language)
        if table is not None and (table.resources or table.emergency):
            found.append((locale, table))
    return tuple(found)


def merged(config: Config) -> CrisisHelp | None:
    """One crisis box for the page: every locale's services, each listed once."""
    resolved = crisis_resources(config)
    if not resolved:
        return None
    first = resolved[0][1]
    seen: set[tuple[str, str]] = set()
    services = []
    for _, table in resolved:
        for res in table.resources:
            if (res.name, res.contact) not in seen:
                seen.add((res.name, res.contact))
                services.append(res)
    emergencies = list(dict.fromkeys(t.emergency for _, t in resolved if t.emergency))
    return first.model_copy(update={"resources": services, "emergency": " or ".join(emergencies)})
