"""The crisis resources readers see, as reviewed content.

Crisis lines and the emergency number are shown on article pages next to "Reviewed by", so a
changed number is a clinical change. Every read of them for review goes through
`crisis_resources`, the one place to re-point when crisis resources come from elsewhere.
"""

from __future__ import annotations

from typing import Any

from mindlex.config import Config
from mindlex.config.schema import CrisisHelp


def crisis_resources(config: Config) -> CrisisHelp | None:
    """The crisis help the site shows for its locale (None when there is none)."""
    return config.crisis_help()


def crisis_content(config: Config) -> dict[str, Any] | None:
    """The crisis help as plain data for the fingerprint, or None when the site has none."""
    found = crisis_resources(config)
    if found is None:
        return None
    return {
        "heading": found.heading,
        "intro": found.intro,
        "emergency": found.emergency,
        # Only what readers see: where a number was confirmed, and when, is not shown.
        "resources": [
            resource.model_dump(mode="json", include={"name", "contact", "url", "hours"})
            for resource in found.resources
        ],
    }
