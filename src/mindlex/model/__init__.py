"""The typed content model: what an article is once parsed."""

from mindlex.model.article import Article, Citation, FaqItem, KeyArea, Section, SectionKind
from mindlex.model.reference import Evidence, Reference

__all__ = [
    "Article",
    "Citation",
    "Evidence",
    "FaqItem",
    "KeyArea",
    "Reference",
    "Section",
    "SectionKind",
]
