"""German and English words as comparable concepts, through a bilingual term lexicon.

"Wahlbeteiligung" and "turnout", "Todesopfer" and "fatalities" must meet when two articles state
the same fact in two languages. The lexicon (data/terms_de_en.tsv.gz) is built from Debian's
trans-de-en, the Ding German-English dictionary of TU Chemnitz (GPL 2 or later), by
scripts/build_term_lexicon.py; it ships with the project, so nothing is read or downloaded at run
time. A German compound not in the lexicon is split into a known head and a known tail
("Stromerzeugung" -> Strom + Erzeugung), with the linking s of German compounds allowed.
English words stand for themselves (crudely lemmatised), so an English word meets a German
word when it is one of that word's translations.
"""
from __future__ import annotations

import gzip
from functools import lru_cache
from pathlib import Path

from claims.conflicts.words import _lemma

LEXICON_PATH = Path(__file__).with_name("data") / "terms_de_en.tsv.gz"
# Everyday reporting words the dictionary lists with rare senses only (frei: ad lib, unbound).
GENERAL_PATH = Path(__file__).with_name("data") / "general_de_en.tsv"
_MIN_PART = 4


@lru_cache(maxsize=1)
def lexicon() -> dict[str, tuple[str, ...]]:
    """German word (lower case) -> lemmatised English content words. Empty if the file is missing."""
    table: dict[str, tuple[str, ...]] = {}
    try:
        with gzip.open(LEXICON_PATH, "rt", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("#"):
                    continue
                german, _, english = line.rstrip("\n").partition("\t")
                table[german] = tuple(dict.fromkeys(_lemma(w) for w in english.split()))
    except OSError:  # a broken install degrades to same-language matching, never to a crash
        table = {}
    try:
        with GENERAL_PATH.open(encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("#") or "\t" not in line:
                    continue
                german, _, english = line.rstrip("\n").partition("\t")
                extra = tuple(_lemma(w) for w in english.split())
                table[german] = tuple(dict.fromkeys(extra))  # the reporting sense replaces rare ones
    except OSError:
        pass
    return table


def _german_forms(word: str) -> list[str]:
    """The word and its likely base forms (inflection endings removed)."""
    forms = [word]
    for ending in ("en", "n", "e", "er", "es", "s"):
        if word.endswith(ending) and len(word) - len(ending) >= _MIN_PART:
            forms.append(word[: -len(ending)])
    return forms


@lru_cache(maxsize=65536)
def german_concepts(word: str) -> frozenset[str]:
    """English concepts of one German word: its translations, else those of its compound parts."""
    table = lexicon()
    lower = word.lower()
    found: set[str] = {lower}
    for form in _german_forms(lower):  # every base form: "freien" is to woo, "frei" free
        if form in table:
            found.update(table[form])
    # Compound parts too, even for a listed word: "Todesopfer" is "fatality" in the lexicon, and
    # its parts (Tod + Opfer: death, victim) meet "death toll".
    return frozenset(found | _compound_concepts(lower, table))


def _compound_concepts(lower: str, table: dict[str, tuple[str, ...]]) -> frozenset[str]:
    """Translations of a known head and a known tail (with or without a linking s), or nothing."""
    for cut in range(3, len(lower) - _MIN_PART + 1):
        head, tail = lower[:cut], lower[cut:]
        tail_terms = next((table[f] for f in _german_forms(tail) if f in table), None)
        if tail_terms is None:
            continue
        heads = [head]
        if head.endswith("es") and len(head) > 4:  # Todes-opfer: Tod
            heads.append(head[:-2])
        if head.endswith("s") and len(head) > _MIN_PART:  # Arbeits-markt: Arbeit
            heads.append(head[:-1])
        head_terms = next((table[h] for h in heads if h in table), None)
        if head_terms is not None:
            return frozenset(tail_terms) | frozenset(head_terms)
    return frozenset()


GENERAL_EN_PATH = Path(__file__).with_name("data") / "general_en.tsv"


@lru_cache(maxsize=1)
def english_forms() -> dict[str, tuple[str, ...]]:
    """English word (lower case) -> the concepts it shares with its other forms ("died": death)."""
    table: dict[str, tuple[str, ...]] = {}
    try:
        with GENERAL_EN_PATH.open(encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("#") or "\t" not in line:
                    continue
                word, _, concepts_text = line.rstrip("\n").partition("\t")
                table[word] = tuple(concepts_text.split())
    except OSError:
        return {}
    return table


def concepts(word: str, language: str) -> frozenset[str]:
    """What a word can mean, as lower-case English lemmas (plus the word itself)."""
    if language == "de":
        return german_concepts(word)
    lemma = _lemma(word)
    return frozenset({lemma, *english_forms().get(word.lower(), english_forms().get(lemma, ()))})
