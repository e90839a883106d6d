"""Queue, article review, sign-off and change requests, through the workspace's HTTP API."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from mindlex.cli import app
from mindlex.config import load_config
from mindlex.loader import load_glossary
from mindlex.review.fingerprint import fingerprint_of
from tests.workspace.conftest import DEMO_KEY, TODAY, Client

ARTICLE = "neuroplasticity"


def status_json(root: Path) -> dict[str, object]:
    result = CliRunner().invoke(
        app, ["review", "status", str(root), "--format", "json", "--today", TODAY.isoformat()]
    )
    document: dict[str, object] = json.loads(result.stdout)
    return document


def state_of(root: Path, slug: str) -> str:
    rows = status_json(root)["articles"]
    assert isinstance(rows, list)
    return str(next(r["state"] for r in rows if r["slug"] == slug))


def edit(root: Path, old: str, new: str, slug: str = ARTICLE) -> None:
    path = root / "articles" / f"{slug}.md"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def sign_form(client: Client, slug: str = ARTICLE, **extra: str) -> dict[str, str]:
    glossary = load_glossary(load_config(client.ws.root)).glossary
    article = glossary.get(slug)
    assert article is not None
    seen = fingerprint_of(glossary, article)
    return {
        "csrf": client.csrf(),
        "seen": seen,
        "reviewer": "example-reviewer",
        "attest": "yes",
        "passphrase": "",
        "note": "",
        **extra,
    }


def test_queue_lists_every_article_with_counts(client: Client) -> None:
    edit(
        client.ws.root,
        "Neuroplasticity is the nervous system's ability",
        "Neuroplasticity is the nervous system's capacity",
    )
    page = client.http.get("/").text
    assert '<span class="n">1</span> Changed since sign-off' in page
    total = len(list((client.ws.root / "articles").glob("*.md")))
    assert f'<span class="n">{total - 1}</span> Current' in page
    only = client.http.get("/?bucket=changed").text
    assert "/article/neuroplasticity" in only and "/article/amygdala" not in only
    category = client.http.get("/?category=neuroscience").text
    assert "/article/ptsd" not in category


def test_an_edit_is_highlighted_in_the_rendered_page(client: Client) -> None:
    edit(
        client.ws.root,
        "Neuroplasticity is the nervous system's ability",
        "Neuroplasticity is the nervous system's capacity",
    )
    page = client.http.get(f"/article/{ARTICLE}").text
    assert "<del>ability</del><ins>capacity</ins>" in page
    assert "1 word(s) added, 1 removed" in page
    assert f'href="/article/{ARTICLE}/signed"' in page
    signed = client.http.get(f"/article/{ARTICLE}/signed").text
    assert "the nervous system's ability" in signed


def test_added_and_removed_references_are_marked(client: Client) -> None:
    edit(client.ws.root, "id: voss2017", "id: voss2017b")
    edit(client.ws.root, "[@voss2017]", "[@voss2017b]")
    page = client.http.get(f"/article/{ARTICLE}").text
    assert 'class="tag change-added">added' in page
    assert 'class="tag change-removed">removed' in page
    assert 'href="https://doi.org/' in page


def test_findings_show_under_their_section(client: Client) -> None:
    edit(client.ws.root, "## When to seek help\n", "## When to seek help\n\nYou have depression.\n")
    page = client.http.get(f"/article/{ARTICLE}").text
    section = page.split("<h2>When to seek help", 1)[1].split("</section>", 1)[0]
    assert 'class="findings"' in section and "DIAG001" in section


def test_browser_sign_off_writes_what_the_cli_writes(client: Client, tmp_path: Path) -> None:
    root = client.ws.root
    edit(
        root,
        "Neuroplasticity is the nervous system's ability",
        "Neuroplasticity is the nervous system's capacity",
    )
    twin = tmp_path / "twin"
    shutil.copytree(root, twin)
    done = client.post(f"/article/{ARTICLE}/sign", sign_form(client, note="Checked"))
    assert done.status_code == 303, getattr(done, "text", "")
    assert state_of(root, ARTICLE) == "current"
    result = CliRunner().invoke(
        app,
        [
            "review", "sign", str(twin / "articles" / f"{ARTICLE}.md"),
            "--reviewer", "example-reviewer", "--key", str(DEMO_KEY),
            "--note", "Checked", "--today", TODAY.isoformat(),
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    ledger = f"review/{ARTICLE}.json"
    assert (root / ledger).read_bytes() == (twin / ledger).read_bytes()


def test_sign_off_needs_the_attestation(client: Client) -> None:
    edit(
        client.ws.root,
        "Neuroplasticity is the nervous system's ability",
        "Neuroplasticity is the nervous system's capacity",
    )
    refused = client.post(f"/article/{ARTICLE}/sign", sign_form(client, attest=""))
    assert refused.status_code == 400
    assert state_of(client.ws.root, ARTICLE) == "changed"


def test_sign_off_is_refused_while_errors_remain(client: Client) -> None:
    edit(client.ws.root, "## When to seek help\n", "## When to seek help\n\nYou have depression.\n")
    form = sign_form(client)
    page = client.http.get(f"/article/{ARTICLE}").text
    assert "Sign-off is refused while the article has" in page
    refused = client.post(f"/article/{ARTICLE}/sign", form)
    assert refused.status_code == 400 and "error-level finding" in getattr(refused, "text", "")
    assert state_of(client.ws.root, ARTICLE) == "changed"


def test_sign_off_is_refused_when_the_text_changed_while_reading(client: Client) -> None:
    edit(
        client.ws.root,
        "Neuroplasticity is the nervous system's ability",
        "Neuroplasticity is the nervous system's capacity",
    )
    form = sign_form(client)
    edit(client.ws.root, "system's capacity", "system's power")
    refused = client.post(f"/article/{ARTICLE}/sign", form)
    assert refused.status_code == 400 and "changed while you were reading" in getattr(
        refused, "text", ""
    )


def test_a_change_request_reaches_review_status(client: Client) -> None:
    sent = client.post(
        f"/article/{ARTICLE}/request",
        {"csrf": client.csrf(), "reviewer": "example-reviewer", "text": "Cite a 2020s review."},
    )
    assert sent.status_code == 303
    rows = status_json(client.ws.root)["articles"]
    assert isinstance(rows, list)
    row = next(r for r in rows if r["slug"] == ARTICLE)
    assert row["requests"][0]["text"] == "Cite a 2020s review."
    text = CliRunner().invoke(
        app, ["review", "status", str(client.ws.root), "--today", TODAY.isoformat()]
    )
    assert "changes requested by example-reviewer" in text.stdout
    assert "Cite a 2020s review." in client.http.get(f"/article/{ARTICLE}").text
    empty = client.post(
        f"/article/{ARTICLE}/request",
        {"csrf": client.csrf(), "reviewer": "example-reviewer", "text": "   "},
    )
    assert empty.status_code == 400


def test_an_unknown_article_is_a_404(client: Client) -> None:
    assert client.http.get("/article/no-such-thing").status_code == 404


def test_a_change_request_shows_in_the_preview_only(client: Client, tmp_path: Path) -> None:
    from mindlex.publish.pipeline import BuildOptions, build

    client.post(
        f"/article/{ARTICLE}/request",
        {"csrf": client.csrf(), "reviewer": "example-reviewer", "text": "Cite a 2020s review."},
    )
    config = load_config(client.ws.root)
    pages = {}
    for live_reload in (True, False):
        out = tmp_path / f"site-{live_reload}"
        build(
            config,
            BuildOptions(
                out, today=TODAY, pagefind=False, cache=False, draft=True, live_reload=live_reload
            ),
        )
        pages[live_reload] = (out / ARTICLE / "index.html").read_text(encoding="utf-8")
    assert "Changes requested (preview only)." in pages[True]
    assert "Cite a 2020s review." in pages[True]
    assert "Cite a 2020s review." not in pages[False]


def test_signing_with_a_passphrase_protected_key(client: Client, tmp_path: Path) -> None:
    from mindlex.review.signing import generate_key, public_key_text

    keyfile = tmp_path / "keys" / "dr-lee.pem"
    key = generate_key(keyfile, "correct horse")
    reviewers = client.ws.root / "reviewers.toml"
    reviewers.write_text(
        reviewers.read_text(encoding="utf-8")
        + '\n[[reviewer]]\nid = "dr-lee"\nname = "Dr Lee"\ncredentials = "MD, MRCPsych"\n'
        + f'role = "Consultant psychiatrist"\npublic_key = "{public_key_text(key.public_key())}"\n',
        encoding="utf-8",
    )
    client.ws.keys["dr-lee"] = keyfile
    edit(
        client.ws.root,
        "Neuroplasticity is the nervous system's ability",
        "Neuroplasticity is the nervous system's capacity",
    )
    for secret, expected in (("", "passphrase"), ("wrong", "wrong passphrase")):
        refused = client.post(
            f"/article/{ARTICLE}/sign", sign_form(client, reviewer="dr-lee", passphrase=secret)
        )
        assert refused.status_code == 400
        assert expected in getattr(refused, "text", "")
        assert str(keyfile) not in getattr(refused, "text", "")
    done = client.post(
        f"/article/{ARTICLE}/sign", sign_form(client, reviewer="dr-lee", passphrase="correct horse")
    )
    assert done.status_code == 303
    assert state_of(client.ws.root, ARTICLE) == "current"


def test_a_missing_key_file_is_refused(client: Client, tmp_path: Path) -> None:
    client.ws.keys["example-reviewer"] = tmp_path / "nowhere.pem"
    edit(
        client.ws.root,
        "Neuroplasticity is the nervous system's ability",
        "Neuroplasticity is the nervous system's capacity",
    )
    refused = client.post(f"/article/{ARTICLE}/sign", sign_form(client))
    assert refused.status_code == 400 and "no key file here" in getattr(refused, "text", "")
    assert state_of(client.ws.root, ARTICLE) == "changed"
