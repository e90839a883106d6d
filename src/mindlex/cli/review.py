"""`mindlex review`: create reviewer keys, sign articles, and see what is current or changed."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import webbrowser
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from rich.markup import escape
from rich.text import Text

from mindlex.cli.output import err, fail_config, out, print_diagnostics, relative
from mindlex.config import load_config
from mindlex.diagnostic import Diagnostic, Severity
from mindlex.errors import ConfigError
from mindlex.glossary import Glossary
from mindlex.loader import load_glossary
from mindlex.model import Article
from mindlex.review import diff as review_diff
from mindlex.review.fingerprint import content_of
from mindlex.review.ledger import read_ledger
from mindlex.review.policy import Policy, review_policy
from mindlex.review.reviewers import REVIEWER_ID, entry_text
from mindlex.review.signing import (
    PASSPHRASE_ENV,
    default_key_path,
    generate_key,
    is_encrypted,
    load_private_key,
    public_key_text,
)
from mindlex.review.status import (
    ReviewData,
    ReviewState,
    last_valid_signoff,
    load_review_data,
    state_of,
    states_with,
)
from mindlex.review.workflow import LedgerError, record_history, sign_articles

review_app = typer.Typer(
    name="review",
    help="Sign off articles clinically and check that every sign-off still holds.",
    no_args_is_help=True,
    rich_markup_mode=None,
)

COLOURS = {
    "current": "green",
    "changed": "yellow",
    "overdue": "yellow",
    "never": "red",
    "invalid": "red",
}
PENDING_HELP = "Sign only articles that are not current (changed, overdue, never, invalid)."
KEY_HELP = "Private key [default: ~/.config/mindlex/keys/ID.pem]."
KEYGEN_OUT_HELP = "Where to write the private key [default: ~/.config/mindlex/keys/ID.pem]."
PASSPHRASE_HELP = f"Encrypt the key with a passphrase (asked for, or {PASSPHRASE_ENV})."

ReviewerOpt = Annotated[str, typer.Option("--reviewer", help="Reviewer id, as in reviewers.toml.")]
GlossaryOpt = Annotated[Path | None, typer.Option("--glossary", "-g", help="Glossary folder.")]
RootArg = Annotated[Path, typer.Argument(help="Glossary folder (holding mindlex.toml).")]
TodayOpt = Annotated[
    str | None, typer.Option("--today", hidden=True, help="Fix the date (YYYY-MM-DD).")
]


def register(app: typer.Typer) -> None:
    app.add_typer(review_app, name="review")


@dataclass
class Opened:
    glossary: Glossary
    diagnostics: list[Diagnostic]


@review_app.command("keygen")
def keygen(
    reviewer: ReviewerOpt,
    out_path: Annotated[Path | None, typer.Option("--out", help=KEYGEN_OUT_HELP)] = None,
    passphrase: Annotated[bool, typer.Option("--passphrase", help=PASSPHRASE_HELP)] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing key file.")] = False,
) -> None:
    """Create an Ed25519 key pair and print the reviewers.toml entry for it."""
    if not REVIEWER_ID.match(reviewer):
        _usage(f"--reviewer: `{reviewer}` is not an id (lower-case words joined by `-` or `_`)")
    path = out_path or default_key_path(reviewer)
    secret = _new_passphrase() if passphrase else None
    try:
        key = generate_key(path, secret, force=force)
    except ConfigError as exc:
        fail_config(exc)
    except OSError as exc:
        _usage(f"{path}: cannot write the key ({exc.strerror})")
    err.print(
        f"Private key written to {escape(str(path))} (mode 0600"
        + (", passphrase-protected)." if secret else ").")
    )
    if _inside_repository(path):
        err.print(
            "[yellow]warning:[/yellow] this key is inside a git working tree; never commit "
            "a real reviewer's private key."
        )
    err.print("Add this entry to reviewers.toml and fill in the name, credentials and role:")
    out.print(entry_text(reviewer, public_key_text(key.public_key())), markup=False, end="")


@review_app.command("sign")
def sign(
    articles: Annotated[list[str], typer.Argument(help="Article files, slugs, or folders.")],
    reviewer: ReviewerOpt,
    key: Annotated[Path | None, typer.Option("--key", help=KEY_HELP)] = None,
    note: Annotated[str, typer.Option("--note", help="A remark kept with the sign-off.")] = "",
    glossary_dir: GlossaryOpt = None,
    pending: Annotated[bool, typer.Option("--pending", help=PENDING_HELP)] = False,
    today: TodayOpt = None,
) -> None:
    """Record your signed sign-off of each article's current content."""
    day = _day(today)
    opened = _open(glossary_dir or _first_path(articles))
    chosen = _select(opened, articles)
    data = load_review_data(opened.glossary)
    print_diagnostics(data.diagnostics)
    person = data.reviewers.get(reviewer)
    if person is None:
        _unknown_reviewer(data, reviewer)
    if pending:
        chosen = [a for a in chosen if not _is_current(data, opened.glossary, a, day)]
        if not chosen:
            err.print("Nothing to sign: every chosen article is current.")
            return
    private = _private_key(key or default_key_path(person.id))
    try:
        done = sign_articles(opened.glossary, chosen, person, private, day, note)
    except ConfigError as exc:
        fail_config(exc)
    except LedgerError as exc:
        print_diagnostics(exc.diagnostics)
        raise typer.Exit(1) from None
    for item in done:
        err.print(
            f"signed [bold]{escape(item.article.slug)}[/bold] as {escape(person.name)} on "
            f"{day} -> {escape(relative(item.ledger.path))}"
        )


@review_app.command("status")
def status(
    root: RootArg = Path("."),
    output_format: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
    today: TodayOpt = None,
) -> None:
    """Show each article's review state; exit 1 when any published article is not current."""
    if output_format not in ("text", "json"):
        _usage(f"--format: `{output_format}` is not one of text, json")
    day = _day(today)
    opened = _open(root)
    data = load_review_data(opened.glossary)
    states = states_with(data, opened.glossary, day)
    problems = [d for d in opened.diagnostics if d.severity is Severity.ERROR] + data.diagnostics
    print_diagnostics(problems)
    policy = review_policy(opened.glossary.config, states)
    if output_format == "json":
        _status_json(opened.glossary, states, problems, day, policy)
    else:
        _status_text(opened.glossary, states)
        for line in policy.lines():
            err.print(escape(line))
    failing = [s for s in states.values() if _counts(opened.glossary, s) and not s.is_verified]
    if failing or problems:
        raise typer.Exit(1)


@review_app.command("diff")
def diff(
    article: Annotated[str, typer.Argument(help="Article file or slug.")],
    glossary_dir: GlossaryOpt = None,
    word_diff: Annotated[
        bool, typer.Option("--words", help="Mark changed words in lines.")
    ] = False,
    today: TodayOpt = None,
) -> None:
    """Show what changed since the last valid sign-off; exit 1 when anything did."""
    day = _day(today)
    opened = _open(glossary_dir or _first_path([article]))
    (chosen,) = _select(opened, [article], folders=False)
    data = load_review_data(opened.glossary)
    ledger = read_ledger(data.root, chosen.slug)
    print_diagnostics(data.diagnostics + ledger.diagnostics)
    baseline = last_valid_signoff(data, ledger, chosen.slug, day)
    if baseline is None:
        err.print(f"{escape(chosen.slug)}: no valid sign-off to compare with.")
        raise typer.Exit(1)
    current = content_of(opened.glossary, chosen)
    label = f"signed {baseline.date} by {baseline.reviewer}"
    if word_diff:
        lines = review_diff.words(baseline.snapshot, current)
    else:
        lines = review_diff.unified(
            baseline.snapshot, current, old_label=label, new_label="current"
        )
    if not lines:
        err.print(f"{escape(chosen.slug)}: no changes since the sign-off of {baseline.date}.")
        return
    if word_diff:
        err.print(f"{escape(chosen.slug)}: changes since {escape(label)}")
    for line in lines:
        out.print(_diff_line(line, word_diff))
    raise typer.Exit(1)


@review_app.command("record")
def record(
    root: RootArg = Path("."),
    check: Annotated[
        bool, typer.Option("--check", help="Write nothing; exit 1 if anything is new.")
    ] = False,
    today: TodayOpt = None,
) -> None:
    """Record today as the "last updated" date of every article whose content changed."""
    day = _day(today)
    opened = _open(root)
    changed, problems = record_history(opened.glossary, day, write=not check)
    print_diagnostics(problems)
    verb = "would record" if check else "recorded"
    for article in changed:
        err.print(f"{verb} new content of [bold]{escape(article.slug)}[/bold] as of {day}")
    err.print(f"{len(changed)} article(s) {'changed' if check else 'recorded'}.")
    if problems or (check and changed):
        raise typer.Exit(1)


@review_app.command("serve")
def serve(
    root: RootArg = Path("."),
    port: Annotated[
        int, typer.Option("--port", help="Port on 127.0.0.1 (0: any free port).")
    ] = 8765,
    keys: Annotated[
        list[str] | None,
        typer.Option("--key", help="ID=PATH: a reviewer's private key [default: keygen's place]."),
    ] = None,
    due_within: Annotated[
        int, typer.Option("--due-within", min=1, help="Days ahead counted as due soon.")
    ] = 30,
    open_browser: Annotated[
        bool, typer.Option("--open", help="Also open the link in the default browser.")
    ] = False,
    today: TodayOpt = None,
) -> None:
    """Open the clinician's review workspace in the browser, on this computer only."""
    from mindlex.workspace.serve import run_workspace

    day = _day(today) if today else None
    opened = _open(root)
    key_paths: dict[str, Path] = {}
    for item in keys or []:
        reviewer_id, sep, path = item.partition("=")
        if not sep or not REVIEWER_ID.match(reviewer_id) or not path:
            _usage(f"--key: write ID=PATH, e.g. j-okafor=~/keys/j-okafor.pem (got `{item}`)")
        key_paths[reviewer_id] = Path(path).expanduser().resolve()
    try:
        run_workspace(
            opened.glossary.config.root,
            port,
            key_paths,
            due_within,
            day,
            announce=lambda url: _announce(opened.glossary.config.root, url, open_browser),
        )
    except ConfigError as exc:
        fail_config(exc)


def _announce(root: Path, url: str, open_browser: bool) -> None:
    err.print(
        f"Review workspace for {escape(relative(root))}:\n  {url}\n"
        "Open this link in your browser; it works on this computer only. Press Ctrl+C to stop.",
        soft_wrap=True,
    )
    if open_browser:
        webbrowser.open(url)


def _unknown_reviewer(data: ReviewData, reviewer: str) -> NoReturn:
    where = relative(data.reviewers.path)
    if reviewer in data.reviewers.rejected:
        _usage(f"--reviewer: the entry for `{reviewer}` in {where} has errors, shown above")
    listed = ", ".join(sorted(data.reviewers.by_id)) or "none"
    _usage(f"--reviewer: `{reviewer}` is not listed in {where} (listed reviewers: {listed})")


def _is_current(data: ReviewData, glossary: Glossary, article: Article, day: dt.date) -> bool:
    ledger = read_ledger(data.root, article.slug)
    return state_of(data, glossary, article, ledger, day).is_verified


def _status_text(glossary: Glossary, states: dict[str, ReviewState]) -> None:
    width = max((len(slug) for slug in states), default=0)
    for slug, state in states.items():
        colour = COLOURS[state.state]
        draft = " (draft)" if glossary.articles[slug].status == "draft" else ""
        out.print(
            f"[{colour}]{state.state:<8}[/{colour}] {escape(slug):<{width}}  "
            f"{escape(state.message)}{draft}"
        )
        for request in state.requests:
            out.print(
                f"{'':<8} {'':<{width}}  changes requested by {escape(request.reviewer)} on "
                f"{request.date} (unsigned): {escape(request.text)}"
            )
    tally = Counter[str](s.state for s in states.values())
    summary = ", ".join(f"{tally[name]} {name}" for name in COLOURS if tally[name])
    err.print(f"{len(states)} article(s): {summary or 'none'}")


def _status_json(
    glossary: Glossary,
    states: dict[str, ReviewState],
    problems: list[Diagnostic],
    day: dt.date,
    policy: Policy,
) -> None:
    rows = []
    for slug, state in states.items():
        article = glossary.articles[slug]
        rows.append({**state.to_json(), "path": relative(article.path), "status": article.status})
    document = {
        "today": day.isoformat(),
        "policy": policy.to_json(),
        "counts": dict(Counter(s.state for s in states.values())),
        "articles": rows,
        "problems": [d.render() for d in problems],
    }
    out.print(json.dumps(document, indent=2, ensure_ascii=False), markup=False, highlight=False)


def _counts(glossary: Glossary, state: ReviewState) -> bool:
    """Drafts are listed but do not fail the status check: they are not published."""
    return glossary.articles[state.slug].status != "draft"


def _diff_line(line: str, word_diff: bool) -> Text:
    if word_diff:
        return Text(line)
    if line.startswith(("+++", "---")):
        return Text(line, style="bold")
    if line.startswith("@@"):
        return Text(line, style="cyan")
    if line.startswith("+"):
        return Text(line, style="green")
    if line.startswith("-"):
        return Text(line, style="red")
    return Text(line)


def _open(start: Path) -> Opened:
    try:
        config = load_config(start)
    except ConfigError as exc:
        fail_config(exc)
    loaded = load_glossary(config)
    return Opened(loaded.glossary, loaded.diagnostics)


def _first_path(arguments: list[str]) -> Path:
    """The glossary is found from the first argument that names a file or folder."""
    for argument in arguments:
        if Path(argument).exists():
            return Path(argument)
    return Path(".")


def _select(opened: Opened, arguments: list[str], *, folders: bool = True) -> list[Article]:
    """Articles named by file, slug or (if allowed) a folder that contains them."""
    glossary = opened.glossary
    by_path = {a.path.resolve(): a for a in glossary.live}
    chosen: dict[str, Article] = {}
    for argument in arguments:
        path = Path(argument).resolve()
        if folders and path.is_dir():
            found = [a for p, a in sorted(by_path.items()) if p.is_relative_to(path)]
        elif path.is_file():
            found = [by_path[path]] if path in by_path else []
            if not found:
                _not_loaded(opened, path)
        else:
            article = glossary.get(argument)
            found = [article] if article and article.status != "retired" else []
        if not found:
            _usage(f"`{argument}` is not an article of this glossary")
        chosen.update((a.slug, a) for a in found)
    return list(chosen.values())


def _not_loaded(opened: Opened, path: Path) -> NoReturn:
    if any(a.path.resolve() == path for a in opened.glossary.articles.values()):
        _usage(f"{relative(path)} is retired; retired articles are not reviewed")
    own = [d for d in opened.diagnostics if d.span.path.resolve() == path]
    print_diagnostics(own)
    _usage(
        f"{relative(path)} is not a loadable article"
        + (" — fix the errors above first" if own else "")
    )


def _private_key(path: Path) -> Ed25519PrivateKey:
    try:
        secret = None
        if is_encrypted(path):
            secret = os.environ.get(PASSPHRASE_ENV)
            if not secret and not has_terminal():
                _usage(
                    f"{path} is passphrase-protected and there is no terminal to ask on: "
                    f"set {PASSPHRASE_ENV}"
                )
            secret = secret or typer.prompt(f"Passphrase for {path}", hide_input=True, err=True)
        return load_private_key(path, secret)
    except ConfigError as exc:
        fail_config(exc)


def has_terminal() -> bool:
    """Whether a passphrase can be asked for (stdin is a terminal)."""
    return sys.stdin.isatty()


def _new_passphrase() -> str:
    secret = os.environ.get(PASSPHRASE_ENV) or typer.prompt(
        "Passphrase for the new key", hide_input=True, confirmation_prompt=True, err=True
    )
    if not secret:
        _usage("the passphrase is empty")
    return str(secret)


def _inside_repository(path: Path) -> bool:
    folder = path.resolve().parent
    return any((parent / ".git").exists() for parent in (folder, *folder.parents))


def _day(text: str | None) -> dt.date:
    if text is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        _usage(f"--today: `{text}` is not a date like 2026-01-31")


def _usage(message: str) -> NoReturn:
    err.print(f"[red]error:[/red] {escape(message)}")
    raise typer.Exit(2)
