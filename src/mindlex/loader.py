"""Read a whole glossary: discover, parse and index every article before anything is written."""

from __future__ import annotations

from dataclasses import dataclass, field

from mindlex.bibliography import load_bibliography
from mindlex.config import Config
from mindlex.diagnostic import Diagnostic
from mindlex.glossary import Glossary, add_articles
from mindlex.model import Article
from mindlex.model.assemble import assemble
from mindlex.model.meta import slugify
from mindlex.source.discover import article_paths, read_source


@dataclass
class Loaded:
    glossary: Glossary
    diagnostics: list[Diagnostic] = field(default_factory=list)


def load_glossary(config: Config) -> Loaded:
    """Parse every article; files with problems are reported and the rest still load."""
    diags: list[Diagnostic] = []
    bibliography, problems = load_bibliography(config.root, config.site.bibliography)
    diags.extend(problems)
    articles: list[Article] = []
    unreadable: set[str] = set()
    for path in article_paths(config.content_root):
        source = read_source(path, config.site.max_file_bytes)
        if isinstance(source, Diagnostic):
            diags.append(source)
            unreadable.add(slugify(path.stem))
            continue
        article, found = assemble(source)
        diags.extend(found)
        if article is None:
            unreadable.add(slugify(path.stem))
        else:
            articles.append(article)
    glossary = Glossary(config, bibliography=bibliography, unreadable=unreadable)
    diags.extend(add_articles(glossary, articles))
    return Loaded(glossary, diags)
