"""Build claims/conflicts/data/terms_de_en.tsv.gz from Debian's trans-de-en (the Ding dictionary).

The dictionary (TU Chemnitz, GPL 2 or later) is installed by `apt-get install trans-de-en` at
/usr/share/trans/de-en. Only what cross-article matching needs is kept: single-word German
entries (nouns, verbs, adjectives) with the content words of their English translations, so the
shipped file stays small and nothing is read from the system at run time.

Usage: python scripts/build_term_lexicon.py [--source /usr/share/trans/de-en] [-o PATH]
"""
from __future__ import annotations

import argparse
import gzip
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "claims" / "conflicts" / "data" / "terms_de_en.tsv.gz"
_BRACKETS = re.compile(r"\{[^}]*\}|\[[^\]]*\]|\([^)]*\)|<[^>]*>|/[^/]*/")
_WORD = re.compile(r"[a-z]+")
_GERMAN = re.compile(r"[a-zäöüß]+")
# English function words carry no subject.
_EN_STOP_TEXT = (
    "a an the of to in on at by for from with and or as be is are was were been sth sb something somebody "
    "one oneself someone it its his her their your my our up out off into over about than"
)
_EN_STOP = frozenset(_EN_STOP_TEXT.split())
MAX_TRANSLATIONS = 4
# Longer German words are compounds the matcher splits itself (claims.conflicts.terms).
MAX_GERMAN_LENGTH = 18


def parse(line: str) -> list[tuple[str, list[str]]]:
    """(German single word, English content words) pairs of one dictionary line."""
    if line.startswith("#") or "::" not in line:
        return []
    german, english = line.rstrip("\n").split("::", 1)
    out = []
    for de_part, en_part in zip(german.split(" | "), english.split(" | "), strict=False):
        for de in de_part.split(";"):
            de = _BRACKETS.sub(" ", de).strip().lower()
            if not _GERMAN.fullmatch(de) or not 3 <= len(de) <= MAX_GERMAN_LENGTH:
                continue
            words: list[str] = []
            for en in en_part.split(";"):
                en = _BRACKETS.sub(" ", en).lower()
                tokens = [w for w in _WORD.findall(en) if w not in _EN_STOP and len(w) > 1]
                if 0 < len(tokens) <= 3:
                    words.extend(t for t in tokens if t not in words)
            if words:
                out.append((de, words))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=Path("/usr/share/trans/de-en"))
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    if not args.source.is_file():
        print(f"error: {args.source} not found (apt-get install trans-de-en)", file=sys.stderr)
        return 1
    terms: dict[str, list[str]] = {}
    with args.source.open(encoding="utf-8", errors="replace") as handle:
        for line in handle:
            for de, words in parse(line):
                known = terms.setdefault(de, [])
                known.extend(w for w in words if w not in known and len(known) < MAX_TRANSLATIONS)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(args.output, "wt", encoding="utf-8", compresslevel=9) as out:
        out.write("# German word -> English content words; from trans-de-en (Ding, TU Chemnitz, GPL-2+)\n")
        for de in sorted(terms):
            out.write(de + "\t" + " ".join(terms[de]) + "\n")
    print(f"{len(terms)} German words -> {args.output} ({args.output.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
