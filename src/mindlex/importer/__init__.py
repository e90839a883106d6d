"""Import existing pages (saved HTML, copied text, WordPress exports, generator Markdown)
as draft mindlex articles, with a migration report of what each page lacks."""

from mindlex.importer.run import ImportOptions, ImportReport, PageResult, import_sources

__all__ = ["ImportOptions", "ImportReport", "PageResult", "import_sources"]
