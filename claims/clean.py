"""Page furniture removal: menus, section lists, bylines, timestamps, credits, footers, licences.

Works line by line on the raw text. Kept text is copied verbatim (so a kept span of the body is a
slice of the raw text) and each kept span is recorded as a run (body_start, raw_start, length);
the whitespace between two kept lines is kept verbatim (one run), and a removed line leaves "\n\n".
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import lru_cache

from claims import lexicon as lx
from claims.dates import MONTH_ALT


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


@dataclass(frozen=True, slots=True)
class Removed:
    """A raw span dropped as furniture, with the rule that dropped it."""

    start: int
    end: int
    reason: str


@dataclass(frozen=True, slots=True)
class Cleaned:
    """Cleaned body, its mapping back to the raw text, the title and what was dropped."""

    body: str
    runs: tuple[tuple[int, int, int], ...]
    title: str | None
    removed: tuple[Removed, ...]


_LINE_BREAK = re.compile(r"\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_WORD = re.compile(r"\w+(?:[-'’.]\w+)*")
_TERMINAL = re.compile(r"[.!?。！？:;][\"'”’»)\]]*$")

_COPYRIGHT = re.compile(
    r"copyright|©|\(c\)\s*(?:19|20)\d\d|all rights reserved|alle rechte vorbehalten|"
    r"tous droits réservés|版权所有",
    re.IGNORECASE,
)
_LICENCE = re.compile(r"ICP[证备]|公网安备|许可证|备案号|经营许可|京ICP|沪ICP|粤ICP")
_HOTLINE = re.compile(r"^(?:hotline|tel|phone|fax|e-?mail|telefon)\s*[:：]", re.IGNORECASE)
_CREDIT = re.compile(
    r"^(?:source|sources|editor|editors|edited by|reporter|reporters|photo|photos|photograph|"
    r"photographer|image|images|video|translator|translated by|written by|text|by|quelle|foto|"
    r"fotos|bild|redaktion|autor|autorin|tags|keywords|related|related stories|share|share this|"
    r"schlagwörter|themen|mehr zum thema)\s*[:：/]",
    re.IGNORECASE,
)
# "By Zhang San", "Von Max Mustermann": a byline line is the word and a name, nothing else.
_BYLINE = re.compile(r"^(?:[Bb]y|[Vv]on)\s+[A-ZÄÖÜ][\w.'’-]*(?:\s+(?:and\s+|und\s+)?[A-ZÄÖÜ][\w.'’-]*){0,4}$")
# A credit line that is only an agency, a picture desk or a "Name/AGENCY" pair, in general form.
_AGENCY = re.compile(
    r"^(?:" + "|".join(re.escape(a) for a in lx.NEWS_AGENCIES) + r"|Courtesy of [\w .]+|"
    r"[\w .]+/\s?[A-Z][A-Za-z]{1,10}|[\w .]{1,30} (?:Images|Photos?|Pictures)|[A-Z]{2,5})$"
)
_BRACKET_CREDIT = re.compile(
    r"\s*[\[(](?:photo|photos|image|video|foto|bild|source|quelle)\b[^\])]{0,80}[\])]\s*$",
    re.IGNORECASE,
)
_TIMESTAMP = re.compile(
    r"^\d{1,2}:\d\d(?:\s*(?:UTC|GMT)\s*[+-]?\d{0,2})?\s*,?\s*(?:19|20)\d\d-\d\d?-\d\d?(?:\s+\d+)?$|"
    r"^(?:19|20)\d\d-\d\d?-\d\d?(?:[ T]\d{1,2}:\d\d(?::\d\d)?)?(?:\s*(?:UTC|GMT)\s*[+-]?\d{0,2})?$",
    re.IGNORECASE,
)
_LABELLED_DATE = re.compile(
    r"^(?:updated|published|posted|last updated|date|dated|aktualisiert|veröffentlicht|datum|stand)"
    r"\s*[:：]?\s*(?:on\s+|am\s+|at\s+)?(?:\d|" + MONTH_ALT + r")",
    re.IGNORECASE,
)
_UI_WORDS = lx.UI_LABELS
_LINK_LIST = re.compile(
    r"^(?:" + "|".join(re.escape(w) for w in lx.LINK_LIST_STARTS) + r")\b\s*(?P<colon>[:：])?", re.IGNORECASE
)
_URL_ONLY = re.compile(r"^(?:https?://\S+|www\.\S+|[\w-]+(?:\.[\w-]+)+/?\S*)$", re.IGNORECASE)
_SEPARATED = re.compile(r"\s+[|/•·»>]\s+|\s*\|\s*")

# A dateline prefix: a place and a date, then a wire marker and a dash: "BERLIN, 3. März 2024
# /Wire Name/ -- ", "Toronto, March 3, 2024 (WIRE NAME) -- ", "BEIJING, Nov 28 (Xinhua) --".
_DATELINE = re.compile(
    r"^(?P<place>[^\n]{0,120}?)"
    r"(?:/\s*[A-Z][\w\- ]{1,30}/|\(\s*[A-Z][A-Za-z&.\- ]{1,30}\))"
    r"\s*(?:--|—|–)(?:\s+|$)",
)
_DATE_HINT = re.compile(r"\d|\b(?:" + MONTH_ALT + r")\b", re.IGNORECASE)


@lru_cache(maxsize=4096)
def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _is_prose(text: str) -> bool:
    """Running text, as opposed to headers, menus and labels."""
    n = _words(text)
    return n >= 12 or (n >= 6 and bool(_TERMINAL.search(text)))


def _is_short_label(text: str) -> bool:
    """A menu item or section name: a few words, no sentence punctuation."""
    return _words(text) <= 4 and not _TERMINAL.search(text) and len(text) <= 40


def _is_separated_menu(text: str) -> bool:
    """"News / World", "About Us | Contact Us | Feedback": short items joined by separators."""
    parts = [p for p in _SEPARATED.split(text) if p.strip()]
    if len(parts) < 2:
        return False
    return all(_words(p) <= 4 and not _TERMINAL.search(p) for p in parts)


def furniture_reason(text: str) -> str | None:
    """Why a stripped line is page furniture on its own, or None if it may be content."""
    if len(text) > 240:
        # Long running text: only licence lines (long in Chinese footers) or menus can be this long.
        if _LICENCE.search(text):
            return "licence"
        return "navigation" if "|" in text and _is_separated_menu(text) else None
    if _COPYRIGHT.search(text) and _words(text) <= 30:
        return "copyright"
    if _LICENCE.search(text):
        return "licence"
    if _HOTLINE.search(text):
        return "hotline"
    if _TIMESTAMP.match(text):
        return "timestamp"
    if _LABELLED_DATE.match(text) and _words(text) <= 14:
        return "timestamp"
    if _CREDIT.match(text) and _words(text) <= 14:
        return "credit"
    if _AGENCY.match(text):
        return "credit"
    if _BYLINE.match(text):
        return "byline"
    if _BRACKET_CREDIT.fullmatch(text):
        return "credit"
    if _URL_ONLY.match(text):
        return "url"
    link = _LINK_LIST.match(text)
    if link and (link.group("colon") or _words(text) <= 4):
        return "link list"
    if text.lower().strip(" :>»|") in _UI_WORDS:
        return "navigation"
    if _is_separated_menu(text):
        return "navigation"
    return None


def strip_dateline(text: str) -> int:
    """Length of a dateline prefix ("BERLIN, 3. März 2024 /Wire Name/ -- ") or 0."""
    m = _DATELINE.match(text)
    if m and _DATE_HINT.search(m.group("place") or "") and _words(m.group("place")) <= 14:
        return m.end()
    return 0


@dataclass(slots=True)
class _Line:
    start: int  # raw offset of the stripped text
    end: int
    text: str
    reason: str | None = None


def _split_lines(raw: str) -> list[_Line]:
    lines: list[_Line] = []
    pos = 0
    for m in _LINE_BREAK.finditer(raw):
        lines.append(_stripped(raw, pos, m.start()))
        pos = m.end()
    lines.append(_stripped(raw, pos, len(raw)))
    return lines


def _stripped(raw: str, start: int, end: int) -> _Line:
    seg = raw[start:end]
    lead = len(seg) - len(seg.lstrip())
    text = seg.strip()
    return _Line(start + lead, start + lead + len(text), text)


def _is_headline(text: str) -> bool:
    n = _words(text)
    return 3 <= n <= 45 and not re.search(r"[.;:,]$", text) and furniture_reason(text) is None


def site_furniture(pages: Iterable[str], *, min_pages: int = 3) -> frozenset[str]:
    """Lines that recur on at least `min_pages` pages of one site: its menus, footers, credits.

    Pass the result to clean(site_lines=...) for each page of that site; one page alone cannot
    tell its furniture from its text, several pages can.
    """
    counts: Counter[str] = Counter()
    for page in pages:
        counts.update({ln.text for ln in _split_lines(page) if ln.text})
    return frozenset(line for line, n in counts.items() if n >= min_pages)


def clean(raw: str, *, site_lines: Collection[str] = frozenset()) -> Cleaned:
    """Drop page furniture from `raw`; return the body with its run mapping and the title.

    `site_lines` are lines known to repeat across the site's pages (see site_furniture).
    """
    lines = _split_lines(raw)
    content = [ln for ln in lines if ln.text]

    # Inline furniture first: a dateline prefix and a trailing photo credit are cut, not the line.
    removed: list[Removed] = []
    for ln in content[:6]:
        cut = strip_dateline(ln.text)
        if cut:
            rest = ln.text[cut:]
            removed.append(Removed(ln.start, ln.start + cut, "dateline"))
            ln.start += cut
            ln.text = rest
            break
    for ln in content:
        m = _BRACKET_CREDIT.search(ln.text) if ln.text.endswith(("]", ")")) else None
        if m and m.start() > 0:
            removed.append(Removed(ln.start + m.start(), ln.end, "credit"))
            ln.text = ln.text[: m.start()]
            ln.end = ln.start + len(ln.text)

    for ln in content:
        ln.reason = furniture_reason(ln.text) if ln.text else "empty"
        if ln.reason is None and ln.text in site_lines:
            ln.reason = "repeated on the site"

    prose = [i for i, ln in enumerate(content) if ln.reason is None and _is_prose(ln.text)]
    first_prose = prose[0] if prose else len(content)
    last_prose = prose[-1] if prose else -1

    title: str | None = None
    seen: set[str] = set()
    for i, ln in enumerate(content):
        if ln.reason is not None:
            seen.add(ln.text)
            continue
        if ln.text in seen:
            ln.reason = "repeated"
        elif i < first_prose:
            if title is None and _is_headline(ln.text):
                title = ln.text
            elif _is_short_label(ln.text):
                ln.reason = "header"
        elif i > last_prose and _is_short_label(ln.text):
            ln.reason = "trailer"
        seen.add(ln.text)

    # Runs of three or more short labels in the middle are menus or tag lists.
    i = 0
    while i < len(content):
        j = i
        while j < len(content) and content[j].reason is None and _is_short_label(content[j].text):
            j += 1
        if j - i >= 3:
            for k in range(i, j):
                content[k].reason = "navigation"
        i = max(j, i + 1)

    if title is None:
        # A long headline looks like prose by length; it still has no sentence ending and is
        # followed by a line that starts afresh (capital, digit or quote), not by a continuation.
        kept = [ln for ln in content if ln.reason is None]
        if kept and _is_headline(kept[0].text):
            nxt = kept[1].text if len(kept) > 1 else ""
            if not nxt or not nxt[0].islower():
                title = kept[0].text

    body_parts: list[str] = []
    runs: list[list[int]] = []
    pos = 0
    gap = False
    prev_end = -1
    for ln in content:
        if ln.reason is not None:
            if ln.reason != "empty":
                removed.append(Removed(ln.start, ln.end, ln.reason))
                gap = True
            continue
        if runs:
            between = raw[prev_end:ln.start]
            if not gap and not between.strip():
                # Nothing removed in between: copy the raw whitespace verbatim and extend the run,
                # so a sentence that wraps across lines still slices identically from the raw text.
                body_parts.append(between)
                body_parts.append(ln.text)
                pos += len(between) + len(ln.text)
                runs[-1][2] += len(between) + len(ln.text)
                prev_end = ln.end
                continue
            # Removed furniture between two kept lines leaves a paragraph break.
            body_parts.append("\n\n")
            pos += 2
        runs.append([pos, ln.start, len(ln.text)])
        body_parts.append(ln.text)
        pos += len(ln.text)
        prev_end = ln.end
        gap = False
    removed.sort(key=lambda r: r.start)
    return Cleaned("".join(body_parts), tuple((a, b, c) for a, b, c in runs), title, tuple(removed))
