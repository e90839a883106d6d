"""The governance dashboard as a file: `mindlex report ROOT --format html|json`.

The HTML report is the workspace's dashboard page, standalone: its stylesheet is inlined and
it has no links back to a server, so it can be attached to board papers or archived.
"""

from __future__ import annotations

import datetime as dt
import json

from mindlex.config import Config
from mindlex.loader import load_glossary
from mindlex.review.status import load_review_data, states_with
from mindlex.workspace.app import STATIC, dashboard_charts, templates
from mindlex.workspace.metrics import Dashboard, dashboard


def build_dashboard(config: Config, today: dt.date) -> Dashboard:
    loaded = load_glossary(config)
    glossary = loaded.glossary
    data = load_review_data(glossary)
    states = states_with(data, glossary, today)
    return dashboard(data, glossary, states, today, loaded.diagnostics)


def report_json(board: Dashboard) -> str:
    return json.dumps(board.to_json(), indent=2, ensure_ascii=False) + "\n"


def report_html(board: Dashboard) -> str:
    css = (STATIC / "workspace.css").read_text(encoding="utf-8")
    return (
        templates()
        .get_template("dashboard.html")
        .render(
            board=board,
            charts=dashboard_charts(board),
            standalone=True,
            inline_css=css,
            csrf="",
            today=board.today,
            within=0,
        )
    )
