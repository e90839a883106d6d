"""The whole rule set gives exactly the recorded findings (tests/lint/golden.py says why)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.lint.golden import GOLDEN, collect


def test_every_finding_matches_the_recorded_run(tmp_path: Path) -> None:
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    found = json.loads(json.dumps(collect(tmp_path), ensure_ascii=False))
    assert found.keys() == expected.keys()
    for name, rows in expected.items():
        missing = [r for r in rows if r not in found[name]]
        extra = [r for r in found[name] if r not in rows]
        assert not missing and not extra, (name, missing[:3], extra[:3])
        assert found[name] == rows, f"{name}: same findings in another order"


def test_the_record_covers_every_rule_family() -> None:
    rows = [r for rows in json.loads(GOLDEN.read_text(encoding="utf-8")).values() for r in rows]
    families = {str(r["code"]).rstrip("0123456789") for r in rows}
    assert {"LANG", "SAFE", "CLAIM", "CIT", "STR", "READ", "LINK", "REV", "TPL"} <= families
    assert any(r["fix"] for r in rows)
