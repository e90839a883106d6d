"""A deterministic benchmark corpus: N glossary articles as mindlex, MkDocs and Hugo trees.

The same seed and N always give byte-identical files. Each article has about 900 words
in the sections mindlex expects (Definition, Clinical context, Relevance to practice with
five key areas, two further sections, When to seek help, an FAQ of three questions),
four CSL references with evidence types, three related articles and mentions of other
articles' titles (term links in mindlex, Markdown links in MkDocs and Hugo). About one
article in twenty carries something the linter should report.

    python benchmarks/corpus.py -n 1000 --format mindlex --out /tmp/c1k-mindlex
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

SEED = 20240601

# Plain words for running text. Domain words come first so they are picked more often.
_DOMAIN_TEXT = (
    "memory attention mood sleep stress anxiety learning recovery therapy symptom clinician "
    "patient behaviour habit emotion reward fear trust routine support appetite energy focus "
    "thought feeling pattern response signal circuit network region hormone receptor "
    "treatment session practice skill exercise coping worry rumination avoidance exposure "
    "relapse resilience wellbeing daylight rhythm motivation concentration judgement"
)
DOMAIN = _DOMAIN_TEXT.split()
_COMMON_TEXT = (
    "the a an of to in and or for with on by from as at about between during after before "
    "over under through across within without often usually sometimes rarely may can could "
    "might tends helps shows changes affects supports reduces increases shapes links guides "
    "describes involves reflects predicts follows early later daily small large common "
    "typical gradual steady brief lasting clear careful useful practical important several "
    "many some most people adults children families researchers studies reviews findings "
    "evidence measures reports suggests indicates improves weakens strengthens builds"
)
COMMON = _COMMON_TEXT.split()
_SYLLABLES_TEXT = (
    "ka lo mi ne ra su ti vo ze ba co du fe gi ha jo ku la me no pa qui re so tu va "
    "wen xi yor zam bel cor dan fen gol hir jun kel mor nal per ros sil tan ver"
)
SYLLABLES = _SYLLABLES_TEXT.split()
CATEGORIES = (
    "neuroscience",
    "conditions",
    "treatments",
    "symptoms",
    "brain-anatomy",
    "psychology",
    "medications",
    "assessment",
)
EVIDENCE = (
    ("peer_reviewed_review", "narrative_review"),
    ("peer_reviewed_article", "cohort"),
    ("clinical_reference", "diagnostic_manual"),
    ("primary_clinical", "rct"),
    ("clinical_guideline", "guideline"),
    ("peer_reviewed_review", "meta_analysis"),
)
OTHER_SECTIONS = ("How it is studied", "Common misunderstandings", "Research outlook")
SEEK_HELP = (
    "Talk to a doctor if this gets in the way of sleep, work or friends for two weeks. "
    "Only a qualified professional can diagnose it. If you think about harming yourself, "
    "call 988 or 911 now."
)


@dataclass(frozen=True)
class Term:
    slug: str
    title: str
    alias: str
    category: str


@dataclass(frozen=True)
class Article:
    term: Term
    summary: str
    related: tuple[Term, ...]
    refs: tuple[dict[str, str], ...]
    sections: tuple[tuple[str, list[str]], ...]
    """(heading, paragraphs); paragraphs hold `{{slug}}` markers where a term is mentioned."""
    faq: tuple[tuple[str, str], ...]
    cite_shared: bool


def make_terms(n: int, rng: random.Random) -> list[Term]:
    terms: list[Term] = []
    seen: set[str] = set()
    while len(terms) < n:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))
        tail = rng.choice(DOMAIN)
        title = f"{word.capitalize()} {tail}"
        slug = f"{word}-{tail}"
        if slug in seen:
            continue
        seen.add(slug)
        alias = f"{word} {rng.choice(('effect', 'model', 'process', 'state'))}"
        terms.append(Term(slug, title, alias, rng.choice(CATEGORIES)))
    return terms


def sentence(rng: random.Random, mention: Term | None = None, cite: str | None = None) -> str:
    words = [
        rng.choice(DOMAIN if rng.random() < 0.35 else COMMON) for _ in range(rng.randint(9, 18))
    ]
    if mention is not None:
        words.insert(rng.randint(1, len(words) - 1), f"{{{{{mention.slug}}}}}")
    text = " ".join(words)
    text = text[0].upper() + text[1:]
    return text + (f" [@{cite}]." if cite else ".")


def paragraph(rng: random.Random, terms: list[Term], ref_ids: list[str], size: int) -> str:
    parts = []
    for i in range(size):
        mention = rng.choice(terms) if rng.random() < 0.3 else None
        cite = ref_ids[i % len(ref_ids)] if i == 0 and ref_ids else None
        parts.append(sentence(rng, mention, cite))
    return " ".join(parts)


def make_article(index: int, terms: list[Term], rng: random.Random) -> Article:
    term = terms[index]
    others = [t for t in rng.sample(terms, min(len(terms), 8)) if t.slug != term.slug]
    related = tuple(others[:3])
    refs = tuple(reference(term, k, rng) for k in range(4))
    ids = [r["id"] for r in refs]
    flawed = index % 20 == 7
    if flawed:
        ids = ids[:2]  # two sources are listed but never cited
    sections: list[tuple[str, list[str]]] = [
        ("Definition", [paragraph(rng, others, ids[:1], 5)]),
        ("Clinical context", [paragraph(rng, others, ids[1:2], 7), paragraph(rng, others, [], 6)]),
        ("Relevance to practice", [paragraph(rng, others, ids[2:3], 4), bullets(rng)]),
    ]
    for heading in OTHER_SECTIONS[: 2 if index % 3 else 3]:
        sections.append(
            (heading, [paragraph(rng, others, ids[3:], 6), paragraph(rng, others, [], 5)])
        )
    if not (flawed and index % 40 == 7):
        sections.append(("When to seek help", [SEEK_HELP]))
    faq = tuple(
        (
            f"How does {term.title.lower()} relate to {rng.choice(DOMAIN)}?",
            paragraph(rng, others, [], 3),
        )
        for _ in range(3)
    )
    summary = (
        f"{term.title} describes how {rng.choice(DOMAIN)} and {rng.choice(DOMAIN)} "
        f"interact in everyday {rng.choice(DOMAIN)}."
    )
    return Article(term, summary, related, refs, tuple(sections), faq, index % 10 == 3)


def bullets(rng: random.Random) -> str:
    return "\n".join(
        f"- {rng.choice(DOMAIN).capitalize()} and {rng.choice(DOMAIN)} in {rng.choice(COMMON)} care"
        for _ in range(5)
    )


def reference(term: Term, k: int, rng: random.Random) -> dict[str, str]:
    evidence, design = EVIDENCE[rng.randrange(len(EVIDENCE))]
    year = 2012 + rng.randrange(13)
    family = "".join(rng.choice(SYLLABLES) for _ in range(2)).capitalize()
    return {
        "id": f"{term.slug.split('-')[0]}{year}{'abcd'[k]}",
        "evidence": evidence,
        "study_design": design,
        "title": f"{rng.choice(DOMAIN).capitalize()} and {term.title.lower()}: "
        f"a {design.replace('_', ' ')}",
        "family": family,
        "container": f"Journal of {rng.choice(DOMAIN).capitalize()} Research",
        "year": str(year),
        "doi": f"10.5555/bench.{term.slug}.{k}",
    }


# -- writers -----------------------------------------------------------------------------------


MARKER = re.compile(r"\{\{([a-z0-9-]+)\}\}")


def fill(text: str, link: dict[str, Term], style: str) -> str:
    """Replace `{{slug}}` markers with a title (mindlex) or a Markdown link (MkDocs, Hugo)."""

    def mention(match: re.Match[str]) -> str:
        t = link[match.group(1)]
        name = t.title.lower()
        if style == "mkdocs":
            return f"[{name}]({t.slug}.md)"
        if style == "hugo":
            return f'[{name}]({{{{< relref "{t.slug}.md" >}}}})'
        return name

    return MARKER.sub(mention, text)


def body(article: Article, link: dict[str, Term], style: str) -> str:
    lines: list[str] = []
    for heading, paras in article.sections:
        lines += [f"## {heading}", ""]
        for para in paras:
            lines += [fill(para, link, style), ""]
    lines += ["## Frequently asked questions", ""]
    for question, answer in article.faq:
        lines += [f"### {question}", "", fill(answer, link, style), ""]
    if style != "mindlex":
        lines += ["## See also", ""]
        for t in article.related:
            target = f"{t.slug}.md" if style == "mkdocs" else f'{{{{< relref "{t.slug}.md" >}}}}'
            lines.append(f"- [{t.title}]({target})")
        lines.append("")
    return "\n".join(lines)


def mindlex_file(article: Article, link: dict[str, Term]) -> str:
    t = article.term
    out = [
        "---",
        f"title: {t.title}",
        f'headline: "{t.title}: Definition, Clinical Relevance, and Mental Health Applications"',
        f"summary: {article.summary}",
        f"aliases: [{t.alias}]",
        f"category: {t.category}",
        f"related: [{', '.join(r.slug for r in article.related)}]",
        "references:",
    ]
    for ref in article.refs:
        out += [
            f"  - id: {ref['id']}",
            "    type: article-journal",
            f"    evidence: {ref['evidence']}",
            f"    study_design: {ref['study_design']}",
            f'    title: "{ref["title"]}"',
            "    author:",
            f"      - {{family: {ref['family']}, given: A.}}",
            f"    container-title: {ref['container']}",
            f"    issued: {ref['year']}",
            f"    DOI: {ref['doi']}",
        ]
    out += ["---", "", ""]
    text = body(article, link, "mindlex")
    if article.cite_shared:
        text = text.replace(
            "## Definition\n\n",
            "## Definition\n\nSee the shared handbook [@bench-handbook].\n\n",
            1,
        )
    return "\n".join(out) + text


def plain_front(article: Article) -> str:
    t = article.term
    refs = "".join(
        f'  - {{type: "{r["evidence"]}", title: "{r["title"]}", '
        f'year: {r["year"]}, doi: "{r["doi"]}"}}\n'
        for r in article.refs
    )
    return (
        f'---\ntitle: "{t.title}"\nsummary: "{article.summary}"\ncategory: {t.category}\n'
        f"tags: [{t.category}, {t.slug.split('-')[-1]}]\nsources:\n{refs}---\n\n"
    )


MINDLEX_TOML = """\
[site]
name = "Benchmark Glossary"
base_url = "https://bench.example.org/"
locale = "en-US"
description = "Generated articles for timing mindlex."
content_dir = "articles"
disclaimer = "General information only; not medical advice."
bibliography = ["bibliography.yaml"]
term_links = "first"

[crisis.en-US]
heading = "If you need help now"
emergency = "911"

[[crisis.en-US.resources]]
name = "988 Suicide & Crisis Lifeline"
contact = "Call or text 988"
"""

BIBLIOGRAPHY = """\
references:
  - id: bench-handbook
    type: book
    evidence: textbook
    title: Handbook of generated examples
    author:
      - {family: Example, given: Bench}
    publisher: Example Press
    issued: 2020
"""

HUGO_TOML = """\
baseURL = "https://bench.example.org/"
title = "Benchmark Glossary"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]
"""
HUGO_SINGLE = """\
<!doctype html><html><head><title>{{ .Title }}</title></head><body>
<h1>{{ .Title }}</h1><p>{{ .Params.summary }}</p><p>{{ .Params.category }}</p>
{{ .Content }}
<ol>{{ range .Params.sources }}<li>{{ .title }} ({{ .year }}) {{ .type }}</li>{{ end }}</ol>
</body></html>
"""
HUGO_LIST = """\
<!doctype html><html><head><title>{{ .Title }}</title></head><body><ul>
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}
</ul></body></html>
"""
MKDOCS_YML = """\
site_name: Benchmark Glossary
site_url: https://bench.example.org/
theme:
  name: mkdocs
"""


def generate(n: int, fmt: str, out: Path, seed: int = SEED) -> Path:
    """Write the corpus; returns the folder to build (the glossary root, docs or Hugo site)."""
    rng = random.Random(seed)
    terms = make_terms(n, rng)
    link = {t.slug: t for t in terms}
    articles = [make_article(i, terms, rng) for i in range(n)]
    if out.exists():
        shutil.rmtree(out)
    if fmt == "mindlex":
        folder = out / "articles"
        folder.mkdir(parents=True)
        (out / "mindlex.toml").write_text(MINDLEX_TOML, encoding="utf-8")
        (out / "bibliography.yaml").write_text(BIBLIOGRAPHY, encoding="utf-8")
        for a in articles:
            (folder / f"{a.term.slug}.md").write_text(mindlex_file(a, link), encoding="utf-8")
    elif fmt == "mkdocs":
        folder = out / "docs" / "glossary"
        folder.mkdir(parents=True)
        (out / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
        (out / "docs" / "index.md").write_text("# Benchmark Glossary\n", encoding="utf-8")
        for a in articles:
            text = plain_front(a) + f"# {a.term.title}\n\n" + body(a, link, "mkdocs")
            (folder / f"{a.term.slug}.md").write_text(text, encoding="utf-8")
    elif fmt == "hugo":
        folder = out / "content" / "glossary"
        folder.mkdir(parents=True)
        (out / "hugo.toml").write_text(HUGO_TOML, encoding="utf-8")
        layouts = out / "layouts" / "_default"
        layouts.mkdir(parents=True)
        (layouts / "single.html").write_text(HUGO_SINGLE, encoding="utf-8")
        (layouts / "list.html").write_text(HUGO_LIST, encoding="utf-8")
        (out / "layouts" / "index.html").write_text(HUGO_LIST, encoding="utf-8")
        for a in articles:
            (folder / f"{a.term.slug}.md").write_text(
                plain_front(a) + body(a, link, "hugo"), encoding="utf-8"
            )
    else:
        raise ValueError(f"unknown format {fmt!r}")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=1000)
    parser.add_argument("--format", choices=("mindlex", "mkdocs", "hugo"), default="mindlex")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    generate(args.n, args.format, args.out, args.seed)


if __name__ == "__main__":
    main()
