"""Assembling stays near-linear: repeated headings and dense citations on one line.

The bounds are hang guards on CPU time (not wall time, which a loaded machine inflates);
the quadratic versions took minutes on these inputs. Figures are in benchmarks/fuzz.py and
docs/benchmarks.md.
"""

from __future__ import annotations

import time
from pathlib import Path

from mindlex.model.assemble import assemble
from mindlex.source.discover import SourceFile

HEAD = "---\ntitle: T\nsummary: A test.\ncategory: c\n---\n"


def _source(text: str) -> SourceFile:
    return SourceFile(Path("t.md"), text, "0" * 64)


def test_repeated_headings_get_unique_anchors_in_linear_time() -> None:
    body = "## S\n\nx\n\n## S-2\n\nx\n\n" + "".join("## S\n\nx\n\n" for _ in range(20_000))
    start = time.process_time()
    article, _ = assemble(_source(HEAD + body))
    assert time.process_time() - start < 15
    assert article is not None
    anchors = [s.anchor for s in article.sections]
    assert len(set(anchors)) == len(anchors) == 20_002
    assert anchors[:4] == ["s", "s-2", "s-3", "s-4"]


def test_dense_citations_keep_positions_in_linear_time() -> None:
    line = " ".join("Claim [@a]." for _ in range(30_000))
    start = time.process_time()
    article, _ = assemble(_source(HEAD + "Intro\nsecond [@b] line\n" + line + "\n"))
    assert time.process_time() - start < 15
    assert article is not None
    cites = article.citations
    assert len(cites) == 30_001
    assert (cites[0].span.line, cites[0].span.col) == (7, 8)
    assert (cites[1].span.line, cites[1].span.col) == (8, 7)
    assert (cites[2].span.line, cites[2].span.col) == (8, 19)
    assert cites[-1].span.line == 8


def test_rendering_repeated_headings_is_linear() -> None:
    from mindlex.render.html import Numbering, render_tokens
    from mindlex.source.markdown import tokens

    toks = tokens("".join("### S\n\nx\n\n" for _ in range(20_000)))
    start = time.process_time()
    html = render_tokens(toks, Numbering(), None, {})
    assert time.process_time() - start < 15
    assert html.count('id="s-') == 19_999 and 'id="s-20000"' in html
