"""The memoised citeproc-py gives the same entries as citeproc-py as released.

Every reference below is formatted with each style by the fast path (in one order and in
another, since memoised macros carry over from entry to entry) and by plain citeproc-py,
and the entries must be equal byte for byte.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import citeproc
import pytest
from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc import model as citeproc_model
from citeproc.source.json import CiteProcJSON

from mindlex.model import Reference
from mindlex.render import cite, cslfast

KANDEL = {"family": "Kandel", "given": "Eric R."}


def _ref(n: int, **fields: Any) -> Reference:
    return Reference.model_validate({"id": f"r{n}", "title": f"Title {n}", **fields})


def _authors(count: int) -> list[dict[str, str]]:
    return [{"family": f"Family{i}", "given": f"G. {chr(65 + i % 26)}."} for i in range(count)]


VARIED: list[Reference] = [
    _ref(
        0, author=[KANDEL], issued=2013, **{"container-title": "Neuron"}, volume=80, page="546-560"
    ),
    _ref(1, author=[KANDEL], issued=2014, **{"container-title": "Neuron"}, volume=81, page="1-9"),
    _ref(
        2,
        author=[{"family": "Müller", "given": "Jürgen"}, {"family": "Ødegaard", "given": "Åse"}],
        issued=2019,
        **{"container-title": "Nordisk Tidsskrift"},
        issue="3",
        page="e1234",
    ),
    _ref(
        3,
        author=[{"family": "王", "given": "小明"}],
        issued="2020-05",
        title="睡眠与情绪",
        **{"container-title": "心理学报"},
    ),
    _ref(
        4,
        author=[{"family": "van der Berg", "given": "Anne-Marie"}],
        issued=2001,
        **{"container-title": "Journal of Sleep"},
        volume="12a",
        page="101–109",
    ),
    _ref(5, author=_authors(25), issued=2022, **{"container-title": "Big Team Science"}),
    _ref(6, author=_authors(3), issued=2022, **{"container-title": "Big Team Science"}),
    _ref(7, author=_authors(8), issued=2018, **{"container-title": "Trials"}, volume=19),
    _ref(8, issued=2015, title="An article with no authors", **{"container-title": "Neuron"}),
    _ref(9, author=[KANDEL], title="No year at all", **{"container-title": "Neuron"}),
    _ref(
        10,
        author=[KANDEL],
        title="Why do we sleep?",
        issued=2010,
        **{"container-title": "Sleep."},
        page="5",
    ),
    _ref(11, author=[KANDEL], title="Ends with a full stop.", issued=2011),
    _ref(12, author=[KANDEL], title='Quotes "inside", commas, and; semicolons: yes', issued=2012),
    _ref(13, author=[KANDEL], title="Markup <b>is</b> text & stays text", issued=2012),
    _ref(
        14,
        type="book",
        author=[KANDEL],
        title="In search of memory",
        issued=2006,
        publisher="W. W. Norton",
        edition=2,
    ),
    _ref(
        15,
        type="book",
        author=[KANDEL],
        title="Principles of neural science",
        issued=2021,
        publisher="McGraw Hill",
        edition="6th",
    ),
    _ref(
        16,
        type="book",
        editor=[KANDEL, {"family": "Schwartz", "given": "James H."}],
        title="An edited book",
        issued=2000,
        publisher="Elsevier",
    ),
    _ref(17, type="book", title="A book with no one named", publisher="Example Press"),
    _ref(
        18,
        type="chapter",
        author=[{"family": "Beck", "given": "Aaron T."}],
        editor=[{"family": "Clark", "given": "David M."}],
        title="Cognitive therapy",
        **{"container-title": "Handbook of therapy"},
        publisher="Guilford",
        page="10-45",
        issued=1999,
    ),
    _ref(
        19,
        type="chapter",
        author=[{"family": "Beck", "given": "Judith"}],
        title="Another chapter",
        **{"container-title": "Handbook of therapy"},
        publisher="Guilford",
        issued=1999,
    ),
    _ref(
        20,
        type="webpage",
        author=[{"literal": "National Institute of Mental Health"}],
        title="Depression",
        URL="https://www.nimh.nih.gov/health/topics/depression",
        accessed={"date-parts": [[2024, 3, 1]]},
        issued=dt.date(2023, 4, 15),
    ),
    _ref(21, type="webpage", title="A page with no author or date", URL="https://example.org/"),
    _ref(
        22,
        type="report",
        author=[{"literal": "World Health Organization"}],
        title="World mental health report",
        issued=dt.date(2022, 6, 16),
        publisher="World Health Organization",
    ),
    _ref(
        23,
        type="report",
        author=[{"literal": "World Health Organization"}],
        title="Another report",
        issued={"date-parts": [[2022, 6]]},
        number="WHO/MSD/22.1",
    ),
    _ref(
        24,
        type="thesis",
        author=[{"family": "Doe", "given": "Jane"}],
        title="A thesis",
        publisher="University of Examples",
        genre="Doctoral dissertation",
        issued=2017,
    ),
    _ref(
        25,
        type="dataset",
        author=[{"family": "Doe", "given": "Jane"}],
        title="Sleep data",
        version="1.2",
        issued=2021,
        publisher="Zenodo",
    ),
    _ref(
        26,
        type="article-newspaper",
        author=[{"family": "Reporter", "given": "R."}],
        title="Sleep in the news",
        **{"container-title": "The Daily Example"},
        issued={"date-parts": [[2021, 2, 3]]},
    ),
    _ref(
        27,
        type="article-magazine",
        title="Magazine piece",
        **{"container-title": "Mind"},
        issued={"raw": "spring 2020"},
    ),
    _ref(
        28,
        type="paper-conference",
        author=[KANDEL],
        title="A talk",
        **{"container-title": "Proceedings of Examples"},
        event="Example Meeting",
        issued=2016,
    ),
    _ref(29, type="no-such-type", author=[KANDEL], title="Unknown type", issued=2016),
    _ref(30, author=[{"family": "", "given": ""}], title="Empty name", issued=2016),
    _ref(31, author=[{"given": "Madonna"}], title="Given name only", issued=2016),
    _ref(
        32,
        author=[{"family": "O'Brien", "given": "Seán"}],
        issued={"date-parts": [[2020, 13, 40]]},
        **{"container-title": "Irish Journal"},
        volume="",
        page="--",
    ),
    _ref(
        33,
        author=[KANDEL],
        issued=2013,
        **{"container-title": "Neuron", "container-title-short": "Neuron"},
        volume=80,
        issue=3,
        page="546-560",
        DOI="10.1016/j.neuron.2013.10.039",
        PMID="24183009",
    ),
    _ref(
        34,
        author=[KANDEL],
        issued=2013,
        title="Title 0",
        **{"container-title": "Neuron"},
        volume=80,
        page="546-560",
        language="de",
    ),
    _ref(35, author=[KANDEL], issued=2013, **{"title-short": "Short", "container-title": "Neuron"}),
    _ref(
        36,
        type="book",
        author=[KANDEL],
        title="Pages of a book",
        **{"number-of-pages": "320"},
        issued=2005,
    ),
    _ref(
        37,
        author=[KANDEL],
        issued=2013,
        **{"container-title": "Neuron"},
        note="A note",
        status="in press",
    ),
    # r0 without its author: the title moves to the author's place and must not repeat
    _ref(
        38, issued=2013, title="Title 0", **{"container-title": "Neuron"}, volume=80, page="546-560"
    ),
    _ref(
        39,
        type="book",
        title="A book with no one named",
        publisher="Example Press",
        editor=[{"family": "Editor", "given": "E."}],
    ),
]


def _entries(ref: Reference, style: str) -> list[str] | str:
    """citeproc-py's raw entries for the reference, or the name of what it raised."""
    item = json.dumps(cite.csl_item(ref), sort_keys=True, default=str)
    try:
        return cite._bibliography(item, style, "en-US")
    except Exception as error:
        return type(error).__name__


def _plain(ref: Reference, style: str) -> list[str] | str:
    with cslfast.plain():
        return _entries(ref, style)


def _plain_entry(ref: Reference, style: str) -> str:
    """The published entry as it is made with citeproc-py as released."""
    item = json.dumps(cite.csl_item(ref), sort_keys=True, default=str)
    with cslfast.plain():
        return cite._formatted.__wrapped__(item, style, "en-US") or cite._plain(ref)


@pytest.mark.parametrize("style", sorted(cite.STYLES))
def test_fast_entries_equal_plain_citeproc(style: str) -> None:
    plain = [_plain(ref, style) for ref in VARIED]
    assert [_entries(ref, style) for ref in VARIED] == plain
    order = list(range(len(VARIED)))
    random.Random(7).shuffle(order)
    assert [_entries(VARIED[i], style) for i in order] == [plain[i] for i in order]
    published = [cite.format_reference(ref, style, "en-US") for ref in VARIED]
    assert published == [_plain_entry(ref, style) for ref in VARIED]


def test_varied_set_is_really_varied() -> None:
    """The comparison means something only if the styles treat these entries differently."""
    entries = {cite.format_reference(ref, "apa", "en-US") for ref in VARIED}
    assert len(entries) == len(VARIED) - 1  # r34 differs from r0 only by its language
    assert any("…" in entry for entry in entries)  # APA's 20-author rule
    assert any("(n.d.)" in entry for entry in entries)


def test_the_installed_citeproc_py_is_one_the_memo_was_checked_against() -> None:
    """After upgrading citeproc-py, run this file and add the release to `TESTED`."""
    assert cslfast.active(), f"citeproc-py {citeproc.__version__} is not in cslfast.TESTED"


def test_an_untested_release_is_left_as_it_is(monkeypatch: pytest.MonkeyPatch) -> None:
    with cslfast.plain():
        monkeypatch.setattr(citeproc, "__version__", "99.0")
        cslfast.install()
        assert not cslfast.active()
        monkeypatch.undo()
    assert cslfast.active()


def test_plain_restores_released_methods_and_install_puts_them_back() -> None:
    model = citeproc_model
    patched = model.Macro.__dict__["render"]
    with cslfast.plain():
        assert model.Macro.__dict__["render"] is not patched
        assert model.Macro.__dict__["render"].__module__ == "citeproc.model"
    assert model.Macro.__dict__["render"] is patched
    cslfast.install()  # a second install changes nothing
    assert model.Macro.__dict__["render"] is patched


def test_a_renamed_or_reshaped_target_is_skipped() -> None:
    class Renamed:
        method = 1

    def reshaped(original: Any) -> Any:
        return original.fget  # an int has no fget: this target changed shape

    made = cslfast.prepare(
        [(Renamed, "no_such_method", lambda original: original), (Renamed, "method", reshaped)]
    )
    assert made == []
    assert Renamed.method == 1


def test_values_of_unknown_types_fall_back_to_plain_rendering() -> None:
    with pytest.raises(TypeError):
        cslfast._canonical(object())


SUBSTITUTING_STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Substitution test</title><id>substitution-test</id>
    <updated>2024-01-01T00:00:00+00:00</updated></info>
  <macro name="author">
    <names variable="author"><name/><substitute><text variable="title"/></substitute></names>
  </macro>
  <macro name="title"><text variable="title" font-style="italic"/></macro>
  <macro name="source"><text variable="container-title"/></macro>
  <citation><layout><text macro="author"/></layout></citation>
  <bibliography><layout>
    <group delimiter=". "><text macro="author"/><text macro="title"/><text macro="source"/></group>
  </layout></bibliography>
</style>
"""


def test_a_substituted_title_is_not_repeated_by_a_remembered_macro(tmp_path: Path) -> None:
    """A title used in place of a missing author is left out further on (the "repressed"
    variables): the memo must see that state, not reuse the entry that had an author."""
    path = tmp_path / "substitution.csl"
    path.write_text(SUBSTITUTING_STYLE, encoding="utf-8")
    style = CitationStylesStyle(str(path), validate=False)
    items: list[dict[str, Any]] = [
        {
            "id": "a",
            "type": "book",
            "title": "Same",
            "author": [{"family": "Writer"}],
            "container-title": "Series",
        },
        {"id": "b", "type": "book", "title": "Same", "container-title": "Series"},
    ]

    def entry(item: dict[str, Any]) -> str:
        bibliography = CitationStylesBibliography(style, CiteProcJSON([item]), formatter.html)
        bibliography.register(Citation([CitationItem(item["id"])]))
        return str(bibliography.bibliography()[0])

    fast = [entry(item) for item in items]
    with cslfast.plain():
        plain = [entry(item) for item in items]
    assert fast == plain == ["Writer. <i>Same</i>. Series", "Same. Series"]


def test_threads_formatting_at_once_get_the_entries_of_one_thread() -> None:
    """The preview renders pages in threads; citeproc-py keeps per-entry state on the style."""
    refs = [
        ref.model_copy(update={"id": f"t{i}", "title": f"{ref.title} {i}"})
        for i, ref in enumerate(VARIED * 2)
    ]

    def entry(ref: Reference) -> str:
        return cite._formatted.__wrapped__(_json(ref), "apa", "en-US")

    alone = [entry(ref) for ref in refs]
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads often, mid-entry
    try:
        with ThreadPoolExecutor(4) as pool:
            together = list(pool.map(entry, refs))
    finally:
        sys.setswitchinterval(interval)
    assert together == alone


def _json(ref: Reference) -> str:
    return json.dumps(cite.csl_item(ref), sort_keys=True, default=str)
