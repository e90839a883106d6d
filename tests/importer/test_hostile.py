"""Hostile input: scripts and javascript: links never reach an article, and a WordPress
export cannot expand entities or read local files."""

from __future__ import annotations

from pathlib import Path

import pytest

from mindlex.importer.blocks import Unreadable
from mindlex.importer.html import read_html
from mindlex.importer.recognise import recognise
from mindlex.importer.wxr import read_wxr
from mindlex.source.markdown import parser
from tests.importer.support import import_fixtures, make_root

PAGE = b"""<!DOCTYPE html><html><head><title>Worry | Example</title>
<script>steal()</script></head><body><main><article>
<h1>Worry</h1>
<p>Worry is a chain of thoughts about things that might go wrong in the future.</p>
<h2>Definition</h2>
<p onclick="steal()">Worry means thinking repeatedly about possible future problems.
<img src=x onerror="steal()">
<a href="javascript:steal()">click</a> <a href="JaVaScRiPt:steal()">again</a>
<a href="data:text/html,x">data</a>
Some people write &lt;script&gt;steal()&lt;/script&gt; in prose and it must stay prose.</p>
<script>steal()</script><iframe src="https://tracker.example"></iframe>
<h2>When to Seek Help</h2>
<p>If worry takes up much of the day or disturbs sleep, talk to a doctor.</p>
</article></main></body></html>"""


def test_scripts_and_unsafe_links_are_dropped(tmp_path: Path) -> None:
    (tmp_path / "worry.html").write_bytes(PAGE)
    root = make_root(tmp_path)
    report = import_fixtures(root, [str(tmp_path / "worry.html")])
    (page,) = report.pages
    assert page.planned is not None
    text = page.planned.text
    for bad in ("steal()</script>", "onclick", "onerror", "javascript:", "iframe", "data:text"):
        assert bad.lower() not in text.lower().replace("\\<script\\>steal()\\</script\\>", "")
    assert "\\<script\\>steal()\\</script\\>" in text  # escaped: shown as words
    html = parser().render(text.split("\n---\n", 1)[1])  # unsanitised: escaping alone holds
    assert "<script" not in html and "&lt;script&gt;" in html
    assert any("unsafe address" in n for n in page.planned.article.notes)


def test_faq_fixture_keeps_no_script(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    report = import_fixtures(root, ["faq-jsonld.html"])
    text = report.pages[0].planned.text  # type: ignore[union-attr]
    assert "alert(1)" not in text and "alert(3)" not in text and "alert(4)" not in text
    assert "onerror" not in text


XXE = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><item><title>&secret;</title>
<wp:post_type>post</wp:post_type></item></channel></rss>"""

LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><item><title>&lol3;</title>
</item></channel></rss>"""


@pytest.mark.parametrize("data", [XXE, LAUGHS], ids=["xxe", "billion-laughs"])
def test_wxr_refuses_entities(data: bytes) -> None:
    with pytest.raises(Unreadable, match="DTD or entities"):
        read_wxr("export.xml", data)


def test_xxe_export_is_skipped_with_one_message(tmp_path: Path) -> None:
    (tmp_path / "export.xml").write_bytes(XXE)
    root = make_root(tmp_path)
    report = import_fixtures(root, [str(tmp_path / "export.xml")])
    (page,) = report.pages
    assert page.action == "skip" and "DTD or entities" in page.message
    assert list((root / "articles").iterdir()) == []


def test_javascript_related_link_is_never_a_related_slug() -> None:
    data = (Path(__file__).parent / "fixtures" / "condition-cms.html").read_bytes()
    (art,) = recognise(read_html("cms.html", data))
    assert all(not link.href.lower().startswith("javascript") for link in art.related_links)


def test_script_inside_a_paragraph_of_an_export_leaks_no_code() -> None:
    from mindlex.importer.html import fragment_blocks

    blocks, _ = fragment_blocks(
        "<p>Calm <span>words</span> here<script>steal()</script><style>p{}</style>.</p>"
    )
    assert [getattr(b, "text", "") for b in blocks] == ["Calm words here."]
