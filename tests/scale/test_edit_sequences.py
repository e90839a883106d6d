"""Random sequences of edits: after each one, the incremental CLI build and the preview
server from memory both equal a clean build, byte for byte, and the preview's findings
are the clean build's."""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jinja2 import ChoiceLoader, FileSystemLoader

import mindlex
from mindlex.diagnostic import Diagnostic
from mindlex.render.environment import environment
from mindlex.server.reload import refresh
from tests.scale.conftest import BIBLIOGRAPHY, CONFIG, NAMES, article, tree
from tests.server.support import clean_preview_build, differences, serve

Edit = Callable[[Path, int], set[Path]]
"""(glossary root, a number to vary the edit) -> the files it touched."""


def listed(found: list[Diagnostic]) -> list[str]:
    """Findings as `mindlex lint` prints them, severity included, in order."""
    return [f"{d.severity} {d.render()}" for d in found]


def _articles(root: Path) -> list[Path]:
    return sorted((root / "articles").glob("*.md"))


def _pick(root: Path, n: int) -> Path:
    files = _articles(root)
    return files[n % len(files)]


def _rewrite(path: Path, old: str, new: str) -> set[Path]:
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(old, new, text, count=1, flags=re.MULTILINE), encoding="utf-8")
    return {path}


def body(root: Path, n: int) -> set[Path]:
    return _rewrite(_pick(root, n), r"^## Definition\n\n", f"## Definition\n\nNote {n}. ")


def title(root: Path, n: int) -> set[Path]:
    return _rewrite(_pick(root, n), r"^title: (.*)$", rf"title: \1 v{n}")


def alias(root: Path, n: int) -> set[Path]:
    word = NAMES[n % len(NAMES)].split("-")[0]
    path = _pick(root, n + 1)
    if "\naliases:" in path.read_text(encoding="utf-8"):
        return _rewrite(path, r"^aliases: \[(.*)\]$", rf"aliases: [\1, {word} alias {n}]")
    return _rewrite(path, r"^(title: .*)$", rf"\1\naliases: [{word} alias {n}]")


def related(root: Path, n: int) -> set[Path]:
    slugs = [p.stem for p in _articles(root)]
    pick = [slugs[(n + k) % len(slugs)] for k in (2, 3)]
    return _rewrite(_pick(root, n), r"^related: \[.*\]$", f"related: [{', '.join(pick)}]")


def reference(root: Path, n: int) -> set[Path]:
    return _rewrite(
        _pick(root, n), r"^    title: A study of (.*)$", rf"    title: A study of \1 ({n})"
    )


def bibliography(root: Path, n: int) -> set[Path]:
    path = root / "bibliography.yaml"
    return _rewrite(path, r"^    title: .*$", f"    title: A shared handbook, edition {n}")


def config(root: Path, n: int) -> set[Path]:
    """Odd draws rename the site (shown on every page, read by no lint rule), even ones
    change the term-link mode."""
    path = root / "mindlex.toml"
    if n % 2:
        return _rewrite(path, r'^name = ".*"$', f'name = "Scale Test Glossary {n}"')
    mode = ("first", "every", "off")[n % 3]
    return _rewrite(path, r'^term_links = ".*"$', f'term_links = "{mode}"')


def delete(root: Path, n: int) -> set[Path]:
    files = _articles(root)
    if len(files) <= 2:
        return add(root, n)
    path = files[n % len(files)]
    path.unlink()
    return {path}


def rename(root: Path, n: int) -> set[Path]:
    path = _pick(root, n)
    target = path.with_name(f"renamed-{n}-{path.name}")
    if target.exists():
        return set()
    path.rename(target)
    return {path, target}


def add(root: Path, n: int) -> set[Path]:
    slug = f"new-term-{n}"
    path = root / "articles" / f"{slug}.md"
    others = [p.stem for p in _articles(root)][:3]
    path.write_text(article(slug, others), encoding="utf-8")
    return {path}


def template(root: Path, n: int) -> set[Path]:
    """Change the footer the theme renders on every page (through an override folder)."""
    theme = root.parent / "theme"
    package = Path(mindlex.__file__).resolve().parent / "templates" / "base.html"
    text = package.read_text(encoding="utf-8")
    assert "</body>" in text
    (theme / "base.html").write_text(text.replace("</body>", f"<!-- theme {n} --></body>"))
    return {theme / "base.html"}


EDITS: list[Edit] = [
    body,
    title,
    alias,
    related,
    reference,
    bibliography,
    config,
    template,
    delete,
    rename,
    add,
]


@contextmanager
def glossary_with_theme() -> Iterator[Path]:
    """A fresh small glossary, and a template folder that overrides the package's."""
    env = environment()
    original = env.loader
    with tempfile.TemporaryDirectory(prefix="mindlex-edits-") as tmp:
        root = Path(tmp) / "glossary"
        (root / "articles").mkdir(parents=True)
        (root / "mindlex.toml").write_text(CONFIG, encoding="utf-8")
        (root / "bibliography.yaml").write_text(BIBLIOGRAPHY, encoding="utf-8")
        for i, slug in enumerate(NAMES[:4]):
            others = [NAMES[(i + k) % 4] for k in (1, 2, 3)]
            (root / "articles" / f"{slug}.md").write_text(article(slug, others), "utf-8")
        (Path(tmp) / "theme").mkdir()
        assert original is not None
        env.loader = ChoiceLoader([FileSystemLoader(str(Path(tmp) / "theme")), original])
        try:
            yield root
        finally:
            env.loader = original


@settings(
    max_examples=5,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    st.lists(
        st.tuples(st.sampled_from(EDITS), st.integers(0, 40), st.booleans()),
        min_size=1,
        max_size=6,
    )
)
def test_incremental_builds_and_the_preview_equal_a_clean_build(
    steps: list[tuple[Edit, int, bool]],
) -> None:
    with glossary_with_theme() as root:
        work = root.parent
        incremental = work / "incremental"
        clean_preview_build(root, incremental, cache=True)
        state, client = serve(root)
        for step, (edit, n, watched) in enumerate(steps):
            touched = edit(root, n)
            # A watcher names the files it saw; without one, the server looks at every file.
            outcome = refresh(state, frozenset(touched), complete=watched)
            state.broken = outcome.broken
            assert outcome.failure is None
            clean = work / f"clean-{step}"
            built = clean_preview_build(root, clean)
            assert outcome.result is not None
            assert listed(outcome.result.diagnostics) == listed(built.diagnostics), (
                f"findings after {edit.__name__}"
            )
            clean_preview_build(root, incremental, cache=True)
            got, want = tree(incremental), tree(clean)
            assert sorted(got) == sorted(want), f"after {edit.__name__}"
            assert [rel for rel in want if got[rel] != want[rel]] == [], f"after {edit.__name__}"
            assert differences(client, clean) == [], f"after {edit.__name__}"
            shutil.rmtree(clean)
