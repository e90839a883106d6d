"""The migration report: per page, what was found, what a writer must complete, and the
lint summary of the article as it would be written. Text, JSON and a static HTML page."""

from __future__ import annotations

import json
from collections import Counter
from importlib import resources
from typing import Any

from jinja2 import Environment, select_autoescape

from mindlex.diagnostic import Severity
from mindlex.importer.model import Found
from mindlex.importer.run import ImportReport, PageResult
from mindlex.span import display_path

VERBS = {
    "create": "created",
    "unchanged": "unchanged",
    "keep": "kept (not overwritten)",
    "replace": "replaced (backup kept)",
    "skip": "skipped",
}
DRY_VERBS = {"create": "would create", "replace": "would replace"}


def page_data(page: PageResult, dry_run: bool) -> dict[str, Any]:
    verb = (DRY_VERBS.get(page.action) if dry_run else None) or VERBS[page.action]
    data: dict[str, Any] = {"source": page.source, "action": page.action, "outcome": verb}
    if page.message:
        data["message"] = page.message
    if page.planned is None:
        return data
    art = page.planned.article
    severities = Counter(d.severity.value for d in page.diagnostics)
    data.update(
        path=display_path(page.planned.path),
        slug=page.planned.slug,
        title=art.title,
        found=[
            {"element": f.element, "value": f.value, "confidence": f.confidence, "how": f.how}
            for f in sorted(art.found, key=_rank)
        ],
        complete=art.todo,
        messages=page.planned.messages,
        notes=sorted(set(art.notes)),
        review_claim=art.reviewed_by or None,
        lint={
            "errors": severities.get(Severity.ERROR.value, 0),
            "warnings": severities.get(Severity.WARNING.value, 0),
            "info": severities.get(Severity.INFO.value, 0),
            "codes": dict(sorted(Counter(d.code for d in page.diagnostics).items())),
            "parse_errors": [
                f"{d.code} {d.message}"
                for d in page.diagnostics
                if d.code.startswith(("PARSE", "META")) and d.severity is Severity.ERROR
            ],
        },
    )
    if page.backup is not None:
        data["backup"] = display_path(page.backup)
    return data


ELEMENTS = [
    "title",
    "headline",
    "summary",
    "category",
    "reading time",
    "last updated",
    "published",
    "aliases",
    "review claim",
    "disclaimer",
    "section",
    "FAQ",
    "related",
    "references",
]


def _rank(found: Found) -> int:
    """Report elements in page order, whatever order the recogniser met them in."""
    key = found.element.split(" (")[0]
    return ELEMENTS.index(key) if key in ELEMENTS else len(ELEMENTS)


def report_data(report: ImportReport) -> dict[str, Any]:
    pages = [page_data(p, report.dry_run) for p in report.pages]
    return {
        "root": display_path(report.root),
        "dry_run": report.dry_run,
        "summary": {a: report.count(a) for a in VERBS},
        "pages": pages,
        "notes": report.notes,
    }


def render_json(report: ImportReport) -> str:
    return json.dumps(report_data(report), indent=2, ensure_ascii=False) + "\n"


def render_text(report: ImportReport) -> str:
    data = report_data(report)
    lines = [("Dry run: nothing written. " if report.dry_run else "") + _totals(data)]
    for page in data["pages"]:
        lines.append("")
        head = f"{page['source']}: {page['outcome']}"
        lines.append(head + (f" -> {page['path']}" if "path" in page else ""))
        if "message" in page:
            lines.append(f"  {page['message']}")
        if "found" not in page:
            continue
        lines.append("  found:")
        lines += [
            f"    {f['element']}: {_short(f['value'])} [{f['confidence']}]" for f in page["found"]
        ]
        lines += [f"  note: {m}" for m in page["messages"] + page["notes"]]
        lines.append("  to complete:")
        lines += [f"    - {t}" for t in page["complete"]]
        lint = page["lint"]
        codes = ", ".join(f"{c}×{n}" for c, n in lint["codes"].items()) or "none"
        lines.append(
            f"  lint: {lint['errors']} errors, {lint['warnings']} warnings, "
            f"{lint['info']} info ({codes})"
        )
    lines += [f"note: {n}" for n in data["notes"]]
    return "\n".join(lines) + "\n"


def _totals(data: dict[str, Any]) -> str:
    verbs = {**VERBS, **DRY_VERBS} if data["dry_run"] else VERBS
    parts = [f"{n} {verbs[a]}" for a, n in data["summary"].items() if n]
    return f"Import into {data['root']}: " + (", ".join(parts) or "nothing to import") + "."


def _short(value: str, limit: int = 80) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


_env = Environment(autoescape=select_autoescape(default=True, default_for_string=True))
TEMPLATE = (resources.files("mindlex.importer") / "report.html").read_text(encoding="utf-8")


def render_html(report: ImportReport) -> str:
    data = report_data(report)
    return _env.from_string(TEMPLATE).render(data=data, totals=_totals(data))


FORMATS = {"text": render_text, "json": render_json, "html": render_html}
