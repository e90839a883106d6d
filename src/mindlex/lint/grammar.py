"""Keep swaps grammatical: a person-first phrase replaces a whole noun phrase or nothing.

A swap such as "addicts" -> "people with a substance use disorder" is only safe when the
label stands alone. A word before it may be a modifier ("heroin addicts") and a word after
it may make it a modifier ("addict support", "the addict's family"); then the swap would
read "heroin people with ...". Without a parser, mindlex accepts a swap only between words
it knows cannot attach to a noun phrase, and offers no fix otherwise; entries for whole
phrases ("heroin addicts", "an anorexic teenager") cover the common modifiers.
"""

from __future__ import annotations

import re


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


LEADERS = _words(
    """
    a an the of for to with and or but by from among between about than as like many most
    some all any few several these those such other more fewer no every each two three four
    five six seven eight nine ten dozens hundreds thousands millions are is was were be
    been being have has had do does did not never also often help helps helped support
    supports supported treat treats treated call called calls include includes including
    among amongst whether if when while where who that which said says say told ask asked
    labelled labeled described see saw meet meets
    """
)
"""Words after which a noun phrase starts afresh (so a swap cannot join a modifier)."""
FOLLOWERS = _words(
    """
    are is was were be been being have has had do does did can could may might must should
    shall will would who whom that which whose and or but nor in on at of for from with
    without to into onto by as than often usually also still rarely sometimes always need
    needs needed deserve deserves deserved get gets got face faces faced use uses used
    relapse relapses relapsed say says said tend tends tended live lives lived die dies
    died want wants wanted make makes made seek seeks sought find finds found report
    reports reported wait waits waited feel feels felt like across after before during
    since until within through around here there now today cost costs spoke speak speaks
    told tell tells took take takes went go goes came come comes asked ask asks called call
    calls hide hides hid run runs ran mentor mentors recover recovers recovered hear hears
    heard refused refuse refuses work works worked lose loses lost drink drinks drank
    describe describes described sleep sleeps slept hold holds held show shows showed
    arrive arrives arrived meet meets met leave leaves left return returns returned stay
    stays stayed sit sat stand stood walk walked move moved start started stop stopped
    begin began keep kept spend spent become became seem seems seemed remain remains
    remained continue continued try tried agree agreed struggle struggled fall fell receive
    received give gave pay paid enter entered attend attended join joined all alone
    together again too instead then later first
    """
)
"""Words that cannot continue a noun phrase, so a swap ends where the label ended."""
WORD = re.compile(r"[A-Za-z][\w'-]*")


def stands_alone(text: str, start: int, end: int, *, check_before: bool) -> bool:
    """Whether text[start:end] is a whole noun phrase: nothing attaches before or after."""
    after = text[end:]
    if after.startswith(("'", "’")):
        return False  # a possessive ("addicts'", "addict's") needs a rewritten phrase
    follow = after.lstrip(" ")
    if follow and follow[0].isalpha() and (len(follow) == len(after)):
        return False  # glued to a following word
    if follow and follow[0].isalpha():
        word = WORD.match(follow)
        if word is None or word.group(0).lower() not in FOLLOWERS:
            return False
    if check_before:
        before = text[max(start - 40, 0) : start].rstrip(" ")
        if before and before[-1].isalnum():
            last = re.findall(r"[\w'-]+$", before)
            if last and last[0].lower() not in LEADERS and not last[0].isdigit():
                return False
    return True


def fix_article(text: str) -> str:
    """`a`/`an` agreeing with the next word after a swap ("An suicide" -> "A suicide")."""

    def agree(match: re.Match[str]) -> str:
        article, space, word = match.group(1), match.group(2), match.group(3)
        wanted = "an" if word[0].lower() in "aeio" else "a"
        if article[0].isupper():
            wanted = wanted.capitalize()
        return f"{wanted}{space}{word}"

    return re.sub(r"\b([Aa]n?)(\s+)([A-Za-z]\w*)", agree, text, count=1)
