"""What a rule sees: one article, the glossary around it, the settings, and lazy views."""

from __future__ import annotations

from dataclasses import dataclass

from mindlex.config import Config
from mindlex.glossary import Glossary
from mindlex.model import Article


@dataclass
class LintContext:
    article: Article
    glossary: Glossary
    config: Config
