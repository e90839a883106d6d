"""Word marks in rendered HTML: the new page's tags kept exactly, changed words wrapped."""

from __future__ import annotations

import re
from pathlib import Path

from mindlex.workspace.htmldiff import mark
from tests.workspace.conftest import Client

TAG = re.compile(r"<[^>]*>")


def tags(html: str) -> list[str]:
    return [t for t in TAG.findall(html) if not re.match(r"</?(ins|del)>", t)]


def test_a_changed_word_is_deleted_then_inserted() -> None:
    html, inserted, deleted = mark("<p>one two three</p>", "<p>one four three</p>")
    assert html == "<p>one <del>two</del><ins>four</ins> three</p>"
    assert (inserted, deleted) == (1, 1)


def test_the_result_keeps_exactly_the_new_tags() -> None:
    old = "<ul><li>alpha</li><li>beta <em>gamma</em></li></ul><p>tail</p>"
    new = "<ul><li>alpha</li></ul><p>tail <strong>now</strong> end</p><ol><li>x</li></ol>"
    html, _, _ = mark(old, new)
    assert tags(html) == TAG.findall(new)
    assert "<del>" in html and "<ins>now</ins>" in html


def test_empty_sides() -> None:
    assert mark("", "") == ("", 0, 0)
    html, inserted, _ = mark("", "<p>all new</p>")
    assert html == "<p><ins>all new</ins></p>" and inserted == 2
    html, _, deleted = mark("<p>all gone</p>", "")
    assert html == "<del>all gone</del>" and deleted == 2


def test_escaped_text_stays_escaped() -> None:
    html, _, _ = mark("<p>a &lt;b&gt;</p>", "<p>a &lt;script&gt;</p>")
    assert "<script" not in html and "&lt;script&gt;" in html


def test_hostile_html_in_an_article_never_reaches_the_review_page(client: Client) -> None:
    path: Path = client.ws.root / "articles" / "neuroplasticity.md"
    text = path.read_text(encoding="utf-8")
    hostile = (
        '<script>alert(1)</script> <img src="x" onerror="alert(2)"> '
        '<a href="javascript:alert(3)">link</a>\n\n'
    )
    path.write_text(text.replace("## Clinical context\n", hostile + "## Clinical context\n"))
    page = client.http.get("/article/neuroplasticity").text
    # The findings list names what the sanitiser removed, escaped; no live markup survives.
    assert "<script" not in page and "onerror=" not in page
    assert 'href="javascript:' not in page and "<img" not in page.split("<main", 1)[-1]
