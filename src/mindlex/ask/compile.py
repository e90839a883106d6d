"""The triage vocabulary as JSON for the static site's matcher (`static/ask-triage.js`).

`python -m mindlex.ask.compile` rewrites `static/ask-triage.json`; a test fails when the file
and the TOML drift apart, so the browser and the server always triage with the same data.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from mindlex.ask.triage import NEGATION_WINDOW, VOCAB, vocabulary
from mindlex.atomic import write_atomic

TARGET = Path(__file__).resolve().parents[1] / "static" / "ask-triage.json"


def static_vocabulary(path: Path = VOCAB) -> dict[str, Any]:
    """Everything the JavaScript matcher needs, in matching order, word classes expanded."""
    vocab = vocabulary(path)
    raw = vocab.raw
    sources: dict[str, str] = raw["sources"]
    return {
        "version": raw["version"],
        "negation": raw["negation"]["cue"],
        "window": NEGATION_WINDOW,
        "spelling": vocab.spelling,
        "spelling_pattern": vocab.spelling_pattern.pattern if vocab.spelling_pattern else None,
        "filler": vocab.filler.pattern if vocab.filler else None,
        "idioms": [
            {"pattern": vocab.patterns[i["id"]], "as": i.get("as", "")} for i in raw["idiom"]
        ],
        "entries": [
            {
                "id": e["id"],
                "level": e["level"],
                "category": e["category"],
                "source": sources[e["source"]],
                "pattern": vocab.patterns[e["id"]],
                "negatable": bool(e.get("negatable", True)),
            }
            for e in raw["entry"]
        ],
    }


def rendered() -> bytes:
    return (json.dumps(static_vocabulary(), indent=1, ensure_ascii=False) + "\n").encode()


def main(argv: list[str]) -> int:
    write_atomic(TARGET, rendered())
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
