"""Apply fixes: span edits only, never a re-serialised file; atomic writes; repeat to a fixpoint.

Each pass applies the non-overlapping fixes of every file, re-parses the changed articles and
lints them again, so a fix that reveals another finding is handled in the next pass. Safe
fixes only, unless `unsafe` is set. Nothing is written until the last pass; then each file is
replaced atomically (temporary file + os.replace), keeping a byte-order mark if it had one.
"""

from __future__ import annotations

import difflib
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from mindlex.atomic import write_atomic
from mindlex.diagnostic import Diagnostic, Edit, Fix
from mindlex.glossary import Glossary
from mindlex.lint.check import Outcome
from mindlex.lint.runner import lint_glossary
from mindlex.model.assemble import assemble
from mindlex.source.discover import SourceFile
from mindlex.span import display_path

MAX_PASSES = 8
BOM = "\ufeff"


@dataclass
class FixResult:
    """Changed texts by path, and how many fixes were applied."""

    originals: dict[Path, str] = field(default_factory=dict)
    texts: dict[Path, str] = field(default_factory=dict)
    applied: int = 0
    skipped: list[Path] = field(default_factory=list)

    def diff(self) -> str:
        """A unified diff of every change, in path order."""
        parts: list[str] = []
        for path in sorted(self.texts):
            old, new = self.originals[path], self.texts[path]
            if old != new:
                parts.extend(
                    difflib.unified_diff(
                        old.splitlines(keepends=True),
                        new.splitlines(keepends=True),
                        fromfile=f"a/{display_path(path).lstrip('/')}",
                        tofile=f"b/{display_path(path).lstrip('/')}",
                    )
                )
        return "".join(parts)

    @property
    def changed(self) -> list[Path]:
        return sorted(p for p in self.texts if self.texts[p] != self.originals[p])


def applicable(fix: Fix | None, unsafe: bool) -> bool:
    return fix is not None and bool(fix.edits) and (fix.safe or unsafe)


def apply_edits(text: str, fixes: Iterable[Fix]) -> tuple[str, int]:
    """Apply fixes whose edits overlap no earlier accepted edit; return text and count."""
    accepted: list[Edit] = []
    count = 0
    ordered = sorted(fixes, key=lambda f: min((e.start, e.end) for e in f.edits))
    for fix in ordered:
        edits = sorted(fix.edits, key=lambda e: e.start)
        if any(_overlaps(e, a) for e in edits for a in accepted):
            continue
        accepted.extend(edits)
        count += 1
    for edit in sorted(accepted, key=lambda e: e.start, reverse=True):
        text = text[: edit.start] + edit.text + text[edit.end :]
    return text, count


def _overlaps(a: Edit, b: Edit) -> bool:
    if a.start == a.end or b.start == b.end:
        return b.start <= a.start <= b.end or a.start <= b.start <= a.end
    return a.start < b.end and b.start < a.end


def fix_outcome(outcome: Outcome, *, unsafe: bool = False, preview: bool = False) -> FixResult:
    """Fix what the outcome found, in memory, until nothing fixable is left."""
    result = FixResult()
    glossary = outcome.glossary
    if glossary is None:
        raise ValueError("fixes are made from a run that loaded the glossary (without the cache)")
    pending = outcome.diagnostics
    for _ in range(MAX_PASSES):
        by_path = _fixes_by_path(pending, unsafe)
        if not by_path:
            break
        touched = _apply_pass(glossary, by_path, result)
        if not touched:
            break
        pending = lint_glossary(glossary, outcome.config, preview, only=touched, jobs=1)
    return result


def _fixes_by_path(diags: Iterable[Diagnostic], unsafe: bool) -> dict[Path, list[Fix]]:
    found: dict[Path, list[Fix]] = {}
    for diag in diags:
        if diag.fix is not None and applicable(diag.fix, unsafe):
            found.setdefault(diag.span.path, []).append(diag.fix)
    return found


def _apply_pass(glossary: Glossary, by_path: dict[Path, list[Fix]], result: FixResult) -> list[str]:
    touched: list[str] = []
    articles = {a.path: a for a in glossary.articles.values()}
    for path, fixes in sorted(by_path.items()):
        article = articles.get(path)
        if article is None:
            continue
        new_text, count = apply_edits(article.source, fixes)
        if new_text == article.source:
            continue
        rebuilt, _ = assemble(SourceFile(path, new_text, article.sha256))
        if rebuilt is None or rebuilt.slug != article.slug:
            continue
        result.originals.setdefault(path, article.source)
        result.texts[path] = new_text
        result.applied += count
        glossary.articles[article.slug] = rebuilt
        touched.append(article.slug)
    return touched


def write(result: FixResult, digests: dict[Path, str]) -> list[Path]:
    """Write changed files atomically; skip any that changed on disk since they were read."""
    written: list[Path] = []
    for path in result.changed:
        data = path.read_bytes()
        if hashlib.sha256(data).hexdigest() != digests.get(path):
            result.skipped.append(path)
            continue
        prefix = BOM if data.startswith(BOM.encode()) else ""
        write_atomic(path, (prefix + result.texts[path]).encode("utf-8"))
        written.append(path)
    return written
