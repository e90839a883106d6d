"""`mindlex init` and `mindlex new`."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from mindlex.cli import app
from mindlex.config import load_config
from mindlex.loader import load_glossary
from mindlex.model import SectionKind

runner = CliRunner()


def test_init_creates_a_glossary_that_loads(tmp_path: Path) -> None:
    result = runner.invoke(app, ["init", str(tmp_path / "g"), "--name", "Clinic Glossary"])
    assert result.exit_code == 0, result.output
    config = load_config(tmp_path / "g")
    assert config.site.name == "Clinic Glossary"
    loaded = load_glossary(config)
    assert loaded.diagnostics == []
    assert list(loaded.glossary.articles) == ["neuroplasticity"]
    built = runner.invoke(app, ["build", str(tmp_path / "g"), "--no-pagefind"])
    assert built.exit_code == 0, built.output
    assert (tmp_path / "g" / "_site" / "neuroplasticity" / "index.html").exists()


def test_init_refuses_to_overwrite(tmp_path: Path) -> None:
    runner.invoke(app, ["init", str(tmp_path)])
    (tmp_path / "mindlex.toml").write_text("# edited by hand\n")
    result = runner.invoke(app, ["init", str(tmp_path)])
    assert result.exit_code == 2
    assert (tmp_path / "mindlex.toml").read_text() == "# edited by hand\n"


def test_new_adds_a_draft_with_every_required_section(tmp_path: Path) -> None:
    runner.invoke(app, ["init", str(tmp_path)])
    result = runner.invoke(
        app,
        [
            "new",
            'Fear: Extinction "Learning"',
            "--root",
            str(tmp_path),
            "--category",
            "Brain Science",
        ],
    )
    assert result.exit_code == 0, result.output
    path = tmp_path / "articles" / "fear-extinction-learning.md"
    loaded = load_glossary(load_config(tmp_path))
    assert loaded.diagnostics == []
    article = loaded.glossary.articles["fear-extinction-learning"]
    assert article.path == path
    assert article.title == 'Fear: Extinction "Learning"'
    assert article.status == "draft" and article.category == "brain-science"
    kinds = {s.kind for s in article.sections}
    assert {SectionKind.DEFINITION, SectionKind.WHEN_TO_SEEK_HELP, SectionKind.FAQ} <= kinds
    assert article.key_areas and article.faq


def test_new_refuses_an_existing_file(tmp_path: Path) -> None:
    runner.invoke(app, ["init", str(tmp_path)])
    first = runner.invoke(app, ["new", "Term", "--root", str(tmp_path)])
    assert first.exit_code == 0
    second = runner.invoke(app, ["new", "term", "--root", str(tmp_path)])
    assert second.exit_code == 2 and "already exists" in second.output


def test_new_transliterates_accents_in_the_slug(tmp_path: Path) -> None:
    runner.invoke(app, ["init", str(tmp_path)])
    result = runner.invoke(app, ["new", "Électroconvulsive thérapie", "--root", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "articles" / "electroconvulsive-therapie.md").exists()
