"""What a writer must complete before an imported article can be reviewed and published."""

from __future__ import annotations

import re

from mindlex.importer.model import Imported

MIN_REFERENCES = 3


def complete_todo(art: Imported) -> None:
    """Fill defaults that keep the article valid, and say what each default stands for."""
    todo = art.todo
    if not art.title:
        art.title = _name_from(art.source)
        todo.insert(0, f"check the title (the page had none; “{art.title}” is from its file name)")
    if not art.summary:
        art.summary = f"{art.title or 'This term'}: summary to be written."
        todo.insert(0, "write a one-sentence summary (the page had none)")
    if not art.category:
        art.category = "uncategorised"
        todo.insert(0, "choose a category (the page named none; `uncategorised` was used)")
    kinds = {s.kind for s in art.sections}
    if "definition" not in kinds:
        todo.append("add a Definition section")
    if "when_to_seek_help" not in kinds:
        todo.append("add a When to seek help section")
    if not art.faq:
        todo.append("add a Frequently asked questions section")
    if len(art.references) < MIN_REFERENCES:
        todo.append(
            f"add sources: {len(art.references)} found, at least {MIN_REFERENCES} "
            "peer-reviewed or clinical sources are expected"
        )
    untyped = [r for r in art.references if not r.get("evidence")]
    for ref in untyped:
        todo.append(f"give reference `{ref['id']}` a source type (`evidence:`)")
    if art.references:
        todo.append("cite the references where the body makes claims (`[@id]`)")
    if art.reviewed_by:
        todo.append(
            f"the page says “Reviewed by {art.reviewed_by}”: an unverified claim, not a "
            "sign-off; have a clinician review and sign (`mindlex review sign`)"
        )
    todo.append("review the draft and set `status: published` when it is ready")


def _name_from(source: str) -> str:
    """`pages/sleep-debt.html` -> `Sleep debt`: a stand-in title a writer can correct."""
    stem = re.split(r"[/#]", source.rstrip("/"))[-1].rsplit(".", 1)[0]
    words = re.sub(r"[-_]+", " ", stem).strip()
    return words[:1].upper() + words[1:] if words else "Untitled"
