"""The site-wide files of one snapshot of the preview: home, A-Z, categories, feeds, API
index, redirects. The data files are made at once (they are cheap and name no page); each
HTML page is rendered on its first request, so a start renders the home page alone."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

Render = Callable[[Callable[[str], bool]], dict[str, bytes]]
"""`site.listing_files` for one snapshot: renders the HTML pages the filter accepts."""


@dataclass
class ListingPages:
    render: Render
    files: dict[str, bytes]
    pending: set[str]
    """HTML pages the listing has that are not rendered yet."""
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def start(cls, render: Render, first: str) -> ListingPages:
        """Make the data files and the page `first` (if it is one of the listing's)."""
        names: list[str] = []

        def wanted(rel: str) -> bool:
            names.append(rel)
            return rel == first

        files = render(wanted)
        return cls(render, files, set(names) - files.keys())

    def names(self) -> set[str]:
        """Every file of the listing, rendered or not."""
        return self.files.keys() | self.pending

    def get(self, rel: str) -> bytes | None:
        with self._lock:
            found = self.files.get(rel)
            if found is not None or rel not in self.pending:
                return found
            made = self.render(lambda name: name == rel)
            self.files[rel] = made[rel]
            self.pending.discard(rel)
            return made[rel]
