"""The dashboard and `mindlex report` agree with `review status` and `lint` on the same glossary."""

from __future__ import annotations

import json
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

from typer.testing import CliRunner

from mindlex.cli import app
from tests.workspace.conftest import TODAY, Client

DAY = ["--today", TODAY.isoformat()]


def cli(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code in (0, 1), result.output
    return result.stdout


def edit(root: Path) -> None:
    path = root / "articles" / "neuroplasticity.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("system's ability", "system's capacity", 1), encoding="utf-8")


def test_report_numbers_equal_status_and_lint(glossary_copy: Path) -> None:
    edit(glossary_copy)
    report = json.loads(cli("report", str(glossary_copy), "--format", "json", *DAY))
    status = json.loads(cli("review", "status", str(glossary_copy), "--format", "json", *DAY))
    lint = json.loads(cli("lint", str(glossary_copy), "--format", "json", *DAY))
    assert report["articles"] == len(status["articles"])
    assert {k: v for k, v in report["states"].items() if v} == status["counts"]
    families = Counter(re.match(r"[A-Z]+", d["code"]).group(0) for d in lint["diagnostics"])  # type: ignore[union-attr]
    assert report["findings_by_family"] == dict(families)
    assert sum(report["findings_by_severity"].values()) == len(lint["diagnostics"])
    last = report["coverage"][-1]
    assert last == {
        "month": TODAY.strftime("%Y-%m"),
        "current": status["counts"]["current"],
        "articles": len(status["articles"]),
    }
    sources = sum(report["evidence"].values())
    assert sources == sum(report["reference_age"].values()) > 0
    assert set(report["reading_level"]) >= {"definition", "when_to_seek_help"}


class Charts(HTMLParser):
    """Collects each <svg> with its title and desc, and each data table."""

    def __init__(self) -> None:
        super().__init__()
        self.svgs: list[dict[str, str]] = []
        self.tables = 0
        self.inside = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "svg":
            self.svgs.append({k: v or "" for k, v in attrs})
        elif tag in ("title", "desc") and self.svgs:
            self.svgs[-1][tag] = "yes"
        elif tag == "table":
            self.tables += 1


def test_dashboard_charts_are_accessible(client: Client) -> None:
    page = client.http.get("/dashboard")
    assert page.status_code == 200
    found = Charts()
    found.feed(page.text)
    assert len(found.svgs) >= 6
    for svg in found.svgs:
        assert svg["role"] == "img" and svg.get("title") and svg.get("desc")
        assert len(svg["aria-labelledby"].split()) == 2
    assert found.tables >= len(found.svgs)


def test_dashboard_page_shows_the_report_figures(client: Client) -> None:
    report = json.loads(cli("report", str(client.ws.root), "--format", "json", *DAY))
    page = client.http.get("/dashboard").text
    share = round(100 * report["states"]["current"] / report["articles"])
    assert f"<strong>{share}%</strong> of {report['articles']} article(s)" in page


def test_static_html_report_is_self_contained(glossary_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    CliRunner().invoke(app, ["report", str(glossary_copy), "-o", str(out), *DAY])
    html = out.read_text(encoding="utf-8")
    assert "<style>" in html and "Governance dashboard" in html
    assert not re.search(r'<(?:link|script|img)[^>]+(?:src|href)="', html)
    assert 'href="/' not in html


def test_report_usage_errors_exit_2(glossary_copy: Path) -> None:
    assert CliRunner().invoke(app, ["report", str(glossary_copy), "--format", "pdf"]).exit_code == 2
    missing = CliRunner().invoke(app, ["report", str(glossary_copy / "nowhere")])
    assert missing.exit_code == 2


def test_an_empty_glossary_reports_zeros(tmp_path: Path) -> None:
    (tmp_path / "mindlex.toml").write_text(
        '[site]\nname = "Empty"\nbase_url = "https://e.test/"\ndisclaimer = "Not advice."\n',
        encoding="utf-8",
    )
    report = json.loads(cli("report", str(tmp_path), "--format", "json", *DAY))
    assert report["articles"] == 0 and sum(report["states"].values()) == 0
    assert report["coverage"] == [{"month": TODAY.strftime("%Y-%m"), "current": 0, "articles": 0}]
    html = CliRunner().invoke(app, ["report", str(tmp_path), *DAY]).stdout
    assert "<strong>0%</strong> of 0 article(s)" in html


def test_findings_stay_exact_after_an_edit(glossary_copy: Path) -> None:
    """Articles are relinted only when their inputs changed; the totals still match lint."""
    cli("report", str(glossary_copy), "--format", "json", *DAY)
    path = glossary_copy / "articles" / "amygdala.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("## When to seek help\n", "## When to seek help\n\nYou have PTSD.\n")
    )
    report = json.loads(cli("report", str(glossary_copy), "--format", "json", *DAY))
    lint = json.loads(cli("lint", str(glossary_copy), "--format", "json", *DAY))
    severities = Counter(d["severity"] for d in lint["diagnostics"])
    assert report["findings_by_severity"] == dict(severities)
    assert report["findings_by_family"]["DIAG"] == 1


def test_the_json_api_marks_a_demo_sign_off(glossary_copy: Path, tmp_path: Path) -> None:
    from mindlex.config import load_config
    from mindlex.publish.pipeline import BuildOptions, build

    out = tmp_path / "site"
    build(load_config(glossary_copy), BuildOptions(out, today=TODAY, pagefind=False, cache=False))
    page = json.loads((out / "api" / "articles" / "neuroplasticity.json").read_text())
    assert page["review"]["reviewed_by"]["demo"] is True
