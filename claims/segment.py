"""Sentence segmentation with character offsets.

One compiled regular expression proposes boundary candidates (terminal punctuation followed by
space, CJK full stops, line breaks); a few rules veto them (abbreviations, initials, German ordinal
dates, lowercase continuations, wrapped lines). This is far faster than a general segmenter and
keeps exact offsets.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from claims.dates import MONTHS


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a body: `body[start:end] == text`."""

    text: str
    start: int
    end: int


# Candidates are found by one character class (a fast scan), then matched precisely in place.
_TRIGGER = re.compile(r"[.!?…。！？\n\r\u2028\u2029\x85\x0b\x0c]")
_PUNCT = re.compile(r"[.!?…]+[\"'”’»“)\]]*(?=\s|$)")
_CJK_END = re.compile(r"[。！？]+[”’」』）)]*")
_BREAK = r"(?:\r\n|[\n\r\u2028\u2029\x85\x0b\x0c])"
_PARA = re.compile(rf"{_BREAK}(?:[ \t\u00a0]*{_BREAK})+")
_LINE = re.compile(_BREAK)
_PREV_TOKEN = re.compile(r"(\S+)$")
_NEXT_WORD = re.compile(r"\s*[\"'“„‘«(\[]*(\S*)")
_WORD_CHARS = re.compile(r"[\w.]+$")

# Abbreviations after which a period never ends a sentence.
_NEVER_SPLIT = _wordset(
    """mr mrs ms dr prof st sr jr no nos nr vs v gen col lt sgt capt rev hon gov sen rep pres
    e.g i.e e.g. i.e. z.b z.b. bzw ca u.a d.h usw vgl ggf inkl evtl dt s.o s.u o.ä sog bspw
    art abs fig figs vol pp ed eds approx est dept univ mt ft jan feb mar apr jun jul aug sep
    sept oct nov dec okt dez ref tel nr. str hr fr"""
)
# Abbreviations that often end a sentence too: split only before a typical sentence opener.
_MAYBE_SPLIT = _wordset(
    "co ltd inc corp llc plc bros etc u.s u.k u.n e.u a.m p.m ag gmbh mbh cie"
)
_OPENERS = _wordset(
    """the a an this that these those it its he she they we i you there here in on at for but
    however yet so then also meanwhile after before during when while since as if according
    der die das dies diese dieser es er sie wir ich man im am in an auf bei nach vor seit
    während wenn als aber doch dann auch zudem laut"""
)
# Function words that leave a line unfinished: a line ending with one wraps onto the next.
_CONTINUES = _wordset(
    """and or the of to in a an for with on at by from as that which who than but nor
    und oder der die das den dem des von zu mit für auf bei aus als dass wie"""
)
_GERMAN_ORDINAL_LANGS = frozenset({"de", "nl", "da", "no", "sv", "fi", "cs", "pl", "hu", "und"})


def _next_word(body: str, pos: int) -> str:
    m = _NEXT_WORD.match(body, pos)
    return m.group(1) if m else ""


def _period_ends(body: str, start: int, end: int, language: str) -> bool:
    """Whether the period-led punctuation at body[start:end] ends a sentence."""
    nxt = _next_word(body, end)
    if not nxt:
        return True
    first = nxt[0]
    if first.islower():
        return False  # sentences start with a capital (or a digit/quote); lowercase continues
    punct = body[start:end]
    if "!" in punct or "?" in punct or "…" in punct or punct.startswith(".."):
        return True
    if punct != "." and not punct.startswith("."):
        return True
    if len(punct) > 1 and punct[1:] and punct[1] in "\"'”’»“)]":
        return True  # a period inside closing quotes: the quotation ends the sentence
    window = body[max(0, start - 40) : start]
    m = _WORD_CHARS.search(window)
    token = m.group().lower() if m else ""
    if not token:
        return True
    nxt_clean = nxt.strip("\"'“”„‘’«»()[],.;:").lower()
    if token in _NEVER_SPLIT:
        return False
    if token in _MAYBE_SPLIT:
        return nxt_clean in _OPENERS
    if len(token) == 1 and token.isalpha() and window[-1:].isupper():
        return False  # an initial: "J. Smith"
    if re.fullmatch(r"(?:[a-z]\.)+[a-z]", token):
        return nxt_clean in _OPENERS  # "U.S.", "z.B." style dotted abbreviations
    if token.isdigit():
        if len(token) <= 2 and 1 <= int(token) <= 31:
            if nxt_clean in MONTHS:
                return False  # German ordinal date: "Am 26. November", "28. November 2023"
            if language in _GERMAN_ORDINAL_LANGS and first.isupper() and nxt_clean not in _OPENERS:
                return False  # German ordinal before a noun: "der 13. Fünfjahresplan"
        return True
    return True


def _line_ends(body: str, start: int, end: int) -> bool:
    """Whether a single line break at body[start:end] ends a sentence (a headline or list line)."""
    nxt = _next_word(body, end)
    if not nxt:
        return True
    if nxt[0].islower():
        return False  # a wrapped line continues the sentence
    before = body[max(0, start - 40) : start].rstrip()
    if not before:
        return True
    if before[-1] in ",;-–(/&":
        return False
    m = _PREV_TOKEN.search(before)
    return not (m and m.group(1).lower() in _CONTINUES)


def split_sentences(body: str, *, language: str = "en") -> list[Sentence]:
    """Sentences of `body` with offsets, surviving abbreviations, decimals and German ordinal dates."""
    out: list[Sentence] = []
    cur = 0
    pos = 0
    while True:
        t = _TRIGGER.search(body, pos)
        if t is None:
            break
        at = t.start()
        ch = body[at]
        if ch in ".!?…":
            m = _PUNCT.match(body, at)
            if m is None:
                pos = at + 1  # a decimal point or an inner dot ("U.S.", "3.5")
                continue
            pos = m.end()
            if not _period_ends(body, at, m.end(), language):
                continue
            cut = next_start = m.end()
        elif ch in "。！？":
            m = _CJK_END.match(body, at)
            assert m is not None  # the trigger character itself matches
            cut = next_start = pos = m.end()
        else:
            m = _PARA.match(body, at)
            if m is None:
                m = _LINE.match(body, at)
                assert m is not None
                pos = m.end()
                if not _line_ends(body, at, m.end()):
                    continue
            pos = m.end()
            cut, next_start = at, m.end()
        _emit(body, cur, cut, out)
        cur = next_start
    _emit(body, cur, len(body), out)
    return out


def split_lines(text: str) -> list[tuple[int, Sentence]]:
    """Every non-empty line of `text` as (1-based line number, stripped sentence)."""
    out: list[tuple[int, Sentence]] = []
    pos = 0
    number = 1
    for m in re.finditer(r"\r\n|[\n\r\u2028\u2029\x85\x0b\x0c]", text):
        _emit_line(text, pos, m.start(), number, out)
        pos = m.end()
        number += 1
    _emit_line(text, pos, len(text), number, out)
    return out


def _emit_line(text: str, start: int, end: int, number: int, out: list[tuple[int, Sentence]]) -> None:
    sentences: list[Sentence] = []
    _emit(text, start, end, sentences)
    if sentences:
        out.append((number, sentences[0]))


def _emit(body: str, start: int, end: int, out: list[Sentence]) -> None:
    seg = body[start:end]
    stripped = seg.strip()
    if not stripped:
        return
    lead = len(seg) - len(seg.lstrip())
    s = start + lead
    out.append(Sentence(stripped, s, s + len(stripped)))
