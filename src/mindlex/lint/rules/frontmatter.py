"""META: front-matter facts the schema alone cannot check (dates, slugs, aliases).

The loader already reports unknown, missing and mistyped fields (META001-META006, META010);
these rules start at META011 so the two sets of codes never collide.
"""

from __future__ import annotations

from collections.abc import Iterator

from mindlex.diagnostic import Diagnostic, Severity
from mindlex.glossary import fold
from mindlex.lint.context import LintContext
from mindlex.lint.registry import register
from mindlex.lint.rule import Rule
from mindlex.lint.scope import GLOSSARY
from mindlex.model.meta import slugify

NHS_STANDARD = "https://www.england.nhs.uk/tis/"


@register
class FuturePublicationDate(Rule):
    """The `published` date is in the future.

    ## Why it matters
    Readers judge health information partly by its date; a date that has not happened yet is
    a typo (often a swapped month and day) and makes the page look untrustworthy.

    ## Example
    `published: 2036-01-12`

    ## Preferred
    The date the article was first published, on or before today.
    """

    code = "META011"
    name = "future-publication-date"
    family = "META"
    severity = Severity.ERROR
    source = "https://piftick.org.uk/finding-trusted-health-information/tips-and-guides/how-to-find-trusted-health-information/"

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        published = ctx.article.published
        if published is not None and published > ctx.today:
            yield self.report(
                ctx.article.field_span("published"),
                f"published date {published} is in the future",
                "use the date of first publication",
            )


@register
class SlugDiffersFromFilename(Rule):
    """An explicit `slug` differs from the file name.

    ## Why it matters
    Writers find articles by file name and readers by URL; when the two differ, links and
    review records are easy to get wrong. Keeping them equal avoids that.

    ## Example
    `anxiety-disorders.md` with `slug: anxiety`

    ## Preferred
    Rename the file to `anxiety.md`, or drop the `slug:` line.
    """

    code = "META012"
    name = "slug-differs-from-filename"
    family = "META"
    severity = Severity.INFO
    source = NHS_STANDARD

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        article = ctx.article
        stem = slugify(article.path.stem)
        if "slug" in article.field_spans and article.slug != stem:
            yield self.report(
                article.field_span("slug"),
                f"slug `{article.slug}` differs from the file name `{stem}`",
                f"rename the file to `{article.slug}.md` or remove `slug:`",
            )


@register
class RetiredWithoutReplacement(Rule):
    """A retired article does not say which article replaces it.

    ## Why it matters
    Retired pages redirect to `replaced-by`; without it, old links and bookmarks lead readers
    to a dead end.

    ## Example
    `status: retired` with no `replaced-by:`

    ## Preferred
    `replaced-by: the-current-slug`
    """

    code = "META013"
    name = "retired-without-replacement"
    family = "META"
    severity = Severity.ERROR
    source = NHS_STANDARD

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        article = ctx.article
        if article.status == "retired" and not article.replaced_by:
            yield self.report(
                article.field_span("status"),
                "retired article has no `replaced-by`",
                "add `replaced-by:` with the slug of the article replacing it",
            )


@register
class AmbiguousAlias(Rule):
    """A title or alias is also the title or an alias of another article.

    ## Why it matters
    Titles and aliases drive search and automatic term links; a term shared by two articles
    makes mentions link to whichever comes first, and readers land on the wrong definition.

    ## Example
    `aliases: [panic]` in both panic-attack.md and panic-disorder.md, or two files titled
    "Neuroplasticity".

    ## Preferred
    Give each term to one article only, or make it more specific.
    """

    code = "META014"
    name = "ambiguous-alias"
    family = "META"
    severity = Severity.WARNING
    source = "https://schema.org/DefinedTerm"
    needs = frozenset({GLOSSARY})

    def glossary_facts(self, ctx: LintContext) -> object:
        owners = ctx.common.term_owners
        names = (ctx.article.title, *ctx.article.aliases)
        return tuple(tuple(owners.get(fold(name), ())) for name in names)

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        article = ctx.article
        owners = ctx.common.term_owners
        twin = next((s for s in owners.get(fold(article.title), ()) if s != article.slug), None)
        if twin is not None:
            yield self.report(
                article.field_span("title"),
                f"title “{article.title}” is also a term of `{twin}`",
                "give each article its own title, or merge the two",
            )
        for index, alias in enumerate(article.aliases):
            other = next((s for s in owners.get(fold(alias), ()) if s != article.slug), None)
            if other is not None:
                span = article.field_spans.get(f"aliases.{index}") or article.field_span("aliases")
                yield self.report(
                    span,
                    f"alias “{alias}” is also a term of `{other}`",
                    "keep the alias on one article only",
                )


@register
class MissingRequiredField(Rule):
    """A front-matter field the site requires is missing.

    ## Why it matters
    Sites can require more than title, summary and category, e.g. a publication date that
    readers use to judge how current the page is. The list is `[lint] required-fields`.

    ## Example
    `required-fields = ["published"]` and an article without `published:`.

    ## Preferred
    Set the field in the article's front matter.
    """

    code = "META015"
    name = "missing-required-field"
    family = "META"
    severity = Severity.ERROR
    source = NHS_STANDARD

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        for name in ctx.config.lint.required_fields:
            if name not in ctx.article.field_spans:
                yield self.report(
                    ctx.article.span,
                    f"missing field `{name}`",
                    f"add `{name}:` to the front matter (required by mindlex.toml)",
                )
