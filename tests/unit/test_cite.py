"""References formatted by citeproc-py with the vendored CSL styles."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from mindlex.config import load_config
from mindlex.errors import ConfigError
from mindlex.model import Reference
from mindlex.render.cite import STYLES, format_reference
from tests.conftest import CONFIG, MakeGlossary

ARTICLE = Reference.model_validate(
    {
        "id": "kandel2013",
        "type": "article-journal",
        "evidence": "peer_reviewed_review",
        "title": "The new science of mind and the future of knowledge",
        "author": [{"family": "Kandel", "given": "Eric R."}],
        "issued": 2013,
        "container-title": "Neuron",
        "volume": 80,
        "issue": 3,
        "page": "546-560",
        "DOI": "10.1016/j.neuron.2013.10.039",
        "PMID": "24183009",
    }
)
REPORT = Reference.model_validate(
    {
        "id": "who2022",
        "type": "report",
        "title": "World mental health report",
        "author": [{"literal": "World Health Organization"}],
        "issued": dt.date(2022, 6, 16),
        "publisher": "World Health Organization",
        "URL": "https://www.who.int/publications/i/item/9789240049338",
    }
)


def test_apa_7_is_the_default_style() -> None:
    html = format_reference(ARTICLE, "apa", "en-US")
    assert html.startswith("Kandel, E. R. (2013). The new science of mind")
    assert "<i>Neuron</i>, <i>80</i>(3), 546–560." in html
    assert "doi.org" not in html and "24183009" not in html  # shown as links beside it


def test_vancouver_and_ama() -> None:
    vancouver = format_reference(ARTICLE, "vancouver", "en-US")
    assert vancouver.startswith("Kandel ER. The new science of mind")
    assert "Neuron. 2013;80(3):546–60." in vancouver
    ama = format_reference(ARTICLE, "ama", "en-US")
    assert ama.startswith("Kandel ER. The new science of mind")
    assert "<i>Neuron</i>. 2013;80(3):546-560." in ama


def test_full_dates_and_organisations() -> None:
    html = format_reference(REPORT, "apa", "en-US")
    assert html.startswith("World Health Organization. (2022")
    assert "<i>World mental health report</i>" in html
    assert "who.int" not in html


def test_markup_in_fields_is_text() -> None:
    ref = ARTICLE.model_copy(update={"title": "<script>alert(1)</script> <b>x</b>"})
    html = format_reference(ref, "apa", "en-US")
    assert "<script" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize(
    "extra",
    [
        {"issued": {"date-parts": [["a"]]}},
        {"issued": {"date-parts": [[2020, 13, 40]]}},
        {"issued": {"raw": "spring 2020"}},
        {"issued": "2021-05"},
        {"volume": "", "page": "--", "edition": "zero"},
        {"author": [{"family": "", "given": ""}]},
        {"genre": ["not", "text"], "editor": "nobody", "type": "no-such-type"},
    ],
)
def test_odd_values_never_crash(extra: dict[str, object]) -> None:
    ref = Reference.model_validate(
        {**ARTICLE.model_dump(by_alias=True, exclude_none=True), **extra}
    )
    html = format_reference(ref, "apa", "en-US")
    assert "The new science of mind" in html


def test_style_is_chosen_in_config(make_glossary: MakeGlossary) -> None:
    root = make_glossary({}, config=CONFIG.replace("[site]", '[site]\ncitation_style = "ama"'))
    assert load_config(root).site.citation_style == "ama"
    bad = make_glossary(
        {}, config=CONFIG.replace("[site]", '[site]\ncitation_style = "mla"'), name="b"
    )
    with pytest.raises(ConfigError):
        load_config(bad)


def test_vendored_styles_carry_their_licence() -> None:
    for path in STYLES.values():
        text = Path(path).read_text(encoding="utf-8")
        assert 'license="http://creativecommons.org/licenses/by-sa/3.0/"' in text
    assert (Path(next(iter(STYLES.values()))).parent / "LICENSE.md").is_file()
