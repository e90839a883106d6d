"""One article as a reviewer sees it: the reader's text, changes since sign-off marked in place.

Both the reviewed snapshot and today's content are `Content` dicts, rendered by the site's own
Markdown renderer and sanitiser, section by section; `htmldiff` then marks the words that
changed. Lint findings are placed under the section they point into.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape

from mindlex.diagnostic import Diagnostic, Severity
from mindlex.glossary import Glossary
from mindlex.lint.runner import lint_glossary
from mindlex.model import Article
from mindlex.render.html import Numbering, render_tokens
from mindlex.render.view import evidence_summary
from mindlex.review import diff as review_diff
from mindlex.review.fingerprint import Content, content_of
from mindlex.review.ledger import SignOff, read_ledger
from mindlex.review.status import ReviewData, ReviewState, last_valid_signoff, state_of
from mindlex.source.markdown import tokens as md_tokens
from mindlex.workspace.htmldiff import mark


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str
    message: str
    hint: str
    line: int


@dataclass
class SectionView:
    title: str
    html: Markup
    change: str
    """"same", "changed", "added" or "removed"."""
    findings: list[Finding] = field(default_factory=list)


@dataclass(frozen=True)
class RefRow:
    number: int
    ref_id: str
    text: str
    evidence: str
    doi: str
    pmid: str
    change: str
    """"added", "changed", "removed" or ""."""

    @property
    def doi_url(self) -> str:
        return f"https://doi.org/{self.doi}" if self.doi else ""

    @property
    def pubmed_url(self) -> str:
        return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/" if self.pmid else ""


@dataclass
class ReviewPage:
    article: Article
    state: ReviewState
    baseline: SignOff | None
    fields: list[tuple[str, Markup, bool]]
    """Title, headline, summary and aliases: (label, marked HTML, changed)."""
    sections: list[SectionView]
    references: list[RefRow]
    crisis: list[tuple[str, str]]
    """The crisis lines readers see, each marked "", "added" or "removed"."""
    findings: list[Finding]
    """Findings outside any section (front matter, summary)."""
    errors: int
    evidence: str
    inserted: int = 0
    deleted: int = 0

    @property
    def all_findings(self) -> int:
        return len(self.findings) + sum(len(s.findings) for s in self.sections)


def review_page(
    data: ReviewData,
    glossary: Glossary,
    article: Article,
    today: dt.date,
    load_problems: list[Diagnostic],
) -> ReviewPage:
    """Everything the article review page shows."""
    ledger = read_ledger(data.root, article.slug)
    state = state_of(data, glossary, article, ledger, today)
    baseline = last_valid_signoff(data, ledger, article.slug, today)
    now = content_of(glossary, article)
    before: Content = baseline.snapshot if baseline else now
    diags = [d for d in load_problems if d.span.path.resolve() == article.path.resolve()]
    diags += lint_glossary(
        glossary, glossary.config, today=today, only=[article.slug], review={article.slug: state}
    )
    findings = [_finding(d) for d in diags]
    sections, inserted, deleted = _sections(before, now)
    top = _place(findings, article, sections)
    page = ReviewPage(
        article=article,
        state=state,
        baseline=baseline,
        fields=_fields(before, now),
        sections=sections,
        references=_references(before, now),
        crisis=_crisis(before, now),
        findings=top,
        errors=sum(1 for d in diags if d.severity is Severity.ERROR),
        evidence=evidence_summary(glossary.references_of(article)),
        inserted=inserted,
        deleted=deleted,
    )
    return page


def signed_page(content: Content) -> tuple[list[SectionView], list[RefRow]]:
    """A stored snapshot rendered on its own (the previous signed version)."""
    sections, _, _ = _sections(content, content)
    return sections, _references(content, content)


def _finding(diag: Diagnostic) -> Finding:
    return Finding(diag.code, diag.severity.value, diag.message, diag.hint, diag.span.line)


def _fields(before: Content, now: Content) -> list[tuple[str, Markup, bool]]:
    rows: list[tuple[str, Markup, bool]] = []
    for name in ("title", "headline", "summary", "aliases"):
        old, new = before.get(name) or "", now.get(name) or ""
        if isinstance(old, list):
            old = ", ".join(old)
        if isinstance(new, list):
            new = ", ".join(new)
        html, _, _ = mark(str(escape(old)), str(escape(new)))
        rows.append((name, Markup(html), old != new))
    return rows


def _split(content: Content) -> list[tuple[str, str]]:
    """(section title, Markdown under it); text before the first `##` has the title ""."""
    parts: list[tuple[str, list[str]]] = [("", [])]
    for line in content.get("body") or []:
        if line.startswith("## "):
            parts.append((line[3:].strip(), []))
        else:
            parts[-1][1].append(line)
    return [(title, "\n".join(lines)) for title, lines in parts if title or "".join(lines).strip()]


def _render(markdown: str, content: Content) -> str:
    refs = content.get("references") or []
    numbering = Numbering(
        {str(r.get("id")): n for n, r in enumerate(refs, start=1) if isinstance(r, dict)}
    )
    return render_tokens(md_tokens(markdown), numbering, None, {})


def _sections(before: Content, now: Content) -> tuple[list[SectionView], int, int]:
    old, new = _split(before), _split(now)
    out: list[SectionView] = []
    inserted = deleted = 0
    matcher = difflib.SequenceMatcher(a=[t for t, _ in old], b=[t for t, _ in new], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for (title, a), (_, b) in zip(old[i1:i2], new[j1:j2], strict=True):
                html, ins, dels = mark(_render(a, before), _render(b, now))
                inserted, deleted = inserted + ins, deleted + dels
                out.append(SectionView(title, Markup(html), "changed" if ins or dels else "same"))
            continue
        for title, a in old[i1:i2]:
            html, _, dels = mark(_render(a, before), "")
            deleted += dels
            out.append(SectionView(title, Markup(html), "removed"))
        for title, b in new[j1:j2]:
            html, ins, _ = mark("", _render(b, now))
            inserted += ins
            out.append(SectionView(title, Markup(html), "added"))
    return out, inserted, deleted


def _place(findings: list[Finding], article: Article, sections: list[SectionView]) -> list[Finding]:
    """Attach each finding to the section it points into; return those in no section."""
    starts = [(s.span.line, s.title) for s in article.sections]
    live = [s for s in sections if s.change != "removed"]
    top: list[Finding] = []
    for finding in findings:
        inside = [title for line, title in starts if line <= finding.line]
        target = next((s for s in live if inside and s.title == inside[-1]), None)
        if finding.line < article.body_line or target is None:
            top.append(finding)
        else:
            target.findings.append(finding)
    return top


def _references(before: Content, now: Content) -> list[RefRow]:
    old = {str(r.get("id")): r for r in before.get("references") or [] if isinstance(r, dict)}
    rows: list[RefRow] = []
    seen: set[str] = set()
    for number, ref in enumerate(now.get("references") or [], start=1):
        if not isinstance(ref, dict):
            continue
        ref_id = str(ref.get("id"))
        seen.add(ref_id)
        change = "added" if ref_id not in old else ("changed" if old[ref_id] != ref else "")
        rows.append(_row(number, ref, change))
    for ref_id, ref in old.items():
        if ref_id not in seen:
            rows.append(_row(0, ref, "removed"))
    return rows


def _row(number: int, ref: dict[str, Any], change: str) -> RefRow:
    authors = ref.get("author") or []
    names = [str(a.get("family") or a.get("literal") or "") for a in authors if isinstance(a, dict)]
    year = _year(ref.get("issued"))
    head = ", ".join(n for n in names[:3] if n) + (" et al." if len(names) > 3 else "")
    parts = [p for p in (head, f"({year})" if year else "", str(ref.get("title", ""))) if p]
    container = ref.get("container-title") or ref.get("publisher") or ""
    text = ". ".join([" ".join(parts), str(container)]) if container else " ".join(parts)
    evidence = str(ref.get("evidence") or "not stated").replace("_", " ")
    return RefRow(
        number,
        str(ref.get("id")),
        text,
        evidence,
        str(ref.get("DOI") or ""),
        str(ref.get("PMID") or ""),
        change,
    )


def _year(issued: Any) -> str:
    if isinstance(issued, dict):
        parts = issued.get("date-parts") or [[""]]
        issued = parts[0][0] if parts and parts[0] else issued.get("raw", "")
    text = str(issued or "")
    return text[:4] if text[:4].isdigit() else ""


def _crisis(before: Content, now: Content) -> list[tuple[str, str]]:
    old = review_diff.crisis_lines(before.get("crisis"))
    new = review_diff.crisis_lines(now.get("crisis"))
    rows: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            rows.extend((line, "") for line in new[j1:j2])
            continue
        rows.extend((line, "removed") for line in old[i1:i2])
        rows.extend((line, "added") for line in new[j1:j2])
    return rows
