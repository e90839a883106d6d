"""What changed since a sign-off: reviewed content rendered as labelled lines, then diffed.

Both sides are `Content` dicts, so the diff needs no git history: the left side is the
snapshot stored with the sign-off, the right side is the article as it is now.
"""

from __future__ import annotations

import difflib
import json
import re
from typing import Any

from mindlex.review.fingerprint import FIELDS, Content

TOKEN = re.compile(r"\s+|\w+|[^\w\s]")


def render(content: Content) -> list[str]:
    """One line per field value, body line and reference field, each labelled by its field."""
    lines: list[str] = []
    for name in FIELDS:
        value = content.get(name)
        if name == "body":
            lines.append("body:")
            lines.extend(f"  {line}" if line else "" for line in value or [])
        elif name == "references":
            lines.append("references:")
            for number, ref in enumerate(value or [], start=1):
                lines.extend(_reference(number, ref))
        elif name == "crisis":
            lines.extend(crisis_lines(value))
        elif name == "aliases":
            lines.append(f"aliases: {', '.join(value or [])}")
        else:
            lines.append(f"{name}: {value or ''}")
    return lines


def crisis_lines(value: Any) -> list[str]:
    """The crisis box readers see under When to seek help, one line per part."""
    if not isinstance(value, dict):
        return ["crisis: (none)"] if value is None else [f"crisis: {value}"]
    lines = ["crisis:"]
    for key in ("heading", "intro", "emergency"):
        if value.get(key):
            lines.append(f"  {key}: {value[key]}")
    for resource in value.get("resources") or []:
        if isinstance(resource, dict):
            shown = " · ".join(str(resource[k]) for k in sorted(resource) if resource[k])
            lines.append(f"  - {shown}")
    return lines


def _reference(number: int, ref: Any) -> list[str]:
    if not isinstance(ref, dict):
        return [f"  [{number}] {json.dumps(ref, ensure_ascii=False)}"]
    lines = [f"  [{number}] {ref.get('id', '?')}"]
    for key in sorted(ref):
        if key == "id":
            continue
        value = ref[key]
        shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        lines.append(f"      {key}: {shown}")
    return lines


def unified(before: Content, after: Content, *, old_label: str, new_label: str) -> list[str]:
    """A unified diff of the rendered contents; empty when nothing a reviewer read changed."""
    return list(
        difflib.unified_diff(
            render(before),
            render(after),
            fromfile=old_label,
            tofile=new_label,
            lineterm="",
            n=2,
        )
    )


def words(before: Content, after: Content) -> list[str]:
    """Changed lines only, with `[-removed-]{+added+}` marks inside each line (git --word-diff)."""
    old, new = render(before), render(after)
    out: list[str] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        left, right = old[i1:i2], new[j1:j2]
        for index in range(max(len(left), len(right))):
            a = left[index] if index < len(left) else ""
            b = right[index] if index < len(right) else ""
            out.append(_word_line(a, b))
    return out


def _word_line(old: str, new: str) -> str:
    a, b = TOKEN.findall(old), TOKEN.findall(new)
    parts: list[str] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            parts.append("".join(a[i1:i2]))
            continue
        if i2 > i1:
            parts.append("[-" + "".join(a[i1:i2]) + "-]")
        if j2 > j1:
            parts.append("{+" + "".join(b[j1:j2]) + "+}")
    return "".join(parts)
