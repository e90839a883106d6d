"""Reader-facing wording on the sample site: one evidence vocabulary, aliases said once, the
article disclaimer only on articles."""

from __future__ import annotations

import html as htmllib
import re
from pathlib import Path

import pytest

from mindlex.render.view import distinct_aliases
from tests.publish.test_examples import sample  # noqa: F401  (module-scoped build)

Sample = tuple[Path, object]


def _text(path: Path) -> str:
    return htmllib.unescape(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")))


def test_evidence_summary_uses_the_badge_labels(sample: Sample) -> None:  # noqa: F811
    out = sample[0]
    for page in sorted(out.glob("*/index.html")):
        html = page.read_text(encoding="utf-8")
        badges = re.findall(r'<span class="evidence [^"]+">([^<]+)</span>', html)
        if not badges:
            continue
        summary = re.search(r'<p class="evidence-summary">([^<]+)</p>', html)
        assert summary, page
        named = htmllib.unescape(summary.group(1)).lower()
        for label in set(badges):
            assert label.lower().split(" (")[0].rstrip("s") in named, (page, label, named)
        assert "narrative review" not in named
        key = re.search(r'<dl class="evidence-key">(.*?)</dl>', html, re.S)
        assert key, page  # every label shown is explained
        for label in set(badges):
            assert f"<dt>{label}</dt>" in key.group(1), (page, label)


@pytest.mark.parametrize(
    ("title", "aliases", "kept"),
    [
        ("Brain-Derived Neurotrophic Factor (BDNF)", ["BDNF"], []),
        ("Post-traumatic stress disorder (PTSD)", ["PTSD", "post-traumatic stress"], []),
        (
            "Neuroplasticity",
            ["brain plasticity", "Neuroplasticity", "brain  Plasticity"],
            ["brain plasticity"],
        ),
        (
            "SSRIs",
            ["selective serotonin reuptake inhibitors"],
            ["selective serotonin reuptake inhibitors"],
        ),
    ],
)
def test_aliases_already_in_the_title_are_not_repeated(
    title: str, aliases: list[str], kept: list[str]
) -> None:
    assert distinct_aliases(title, aliases) == kept


def test_az_never_repeats_the_title(sample: Sample) -> None:  # noqa: F811
    text = " ".join(_text(sample[0] / "a-z" / "index.html").split())
    assert "(BDNF) (BDNF)" not in text
    assert "Brain-Derived Neurotrophic Factor (BDNF)" in text


def test_article_disclaimer_only_on_articles(sample: Sample) -> None:  # noqa: F811
    out = sample[0]
    for page in ("index.html", "a-z/index.html", "search/index.html", "categories/index.html"):
        assert "This article" not in _text(out / page), page
    article = _text(out / "neuroplasticity" / "index.html")
    assert article.count("This article is for general information") == 1
