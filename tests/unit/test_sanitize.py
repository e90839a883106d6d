"""The sanitiser drops remote resources and images without alt text, and says what it removed."""

from __future__ import annotations

import pytest

from mindlex.render.sanitize import clean, removals


def test_an_image_without_alt_text_is_never_published() -> None:
    assert clean("<p>a <img src=x onerror=alert(1)> b</p>") == "<p>a  b</p>"
    assert clean('<img src="x.png" alt="">') == ""
    assert clean('<img src="x.png" alt="A brain scan">') == '<img src="x.png" alt="A brain scan">'


@pytest.mark.parametrize(
    "src", ["http://tracker.example/p.gif", "https://x.example/a.png", "//x.example/a.png"]
)
def test_remote_images_are_dropped(src: str) -> None:
    assert clean(f'<img src="{src}" alt="scan">') == ""


def test_removals_name_what_goes() -> None:
    found = removals('<img src=x onerror="alert(1)"><script>x</script><span onclick=y>t</span>')
    assert "attribute `onerror` of <img>" in found
    assert "image without alt text" in found
    assert "element <script> and its content" in found
    assert "attribute `onclick` of <span>" in found


def test_removals_of_addresses() -> None:
    found = removals('<a href="JaVaScRiPt:alert(1)">x</a> <img src="http://t.example/p" alt="p">')
    assert "the `javascript:` address in href of <a>" in found
    assert "remote image http://t.example/p" in found


def test_clean_markup_has_no_removals() -> None:
    html = '<p><em>x</em> <abbr title="y">z</abbr> <img src="a.png" alt="A"></p><!-- note -->'
    assert removals(html) == []
