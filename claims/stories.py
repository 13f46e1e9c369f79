"""Story matching: language-independent evidence keys, a same-story score, candidate pairs.

Two articles tell the same story when they share evidence that survives translation: full
dates, distinctive numbers (with their magnitude, so "1.5 million" and "1,5 Millionen" meet),
rankings, acronyms and proper names ("Leipzig", "IEA", "RWE", "Siemens"). Common words are
useless as evidence and the German habit of capitalising every noun would drown the names, so
name keys pass a stop list and a noun-suffix filter. Keys carry a kind prefix ("d:", "n:", ...)
so that each kind can be weighted: one shared full date says more than five shared years.

Candidate pairs come from an inverted index (key -> documents), never from all pairs: keys held by
more than `df_cap` documents are ignored, so each key yields at most df_cap²/2 pairs and the work
grows linearly with the corpus. Dates are the exception that needs care: any day of a big corpus
has more than df_cap articles, so a common date is indexed again together with each uncommon name.
"""
from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Protocol


class _Valued(Protocol):
    type: str
    normalized: dict | None


class _Sentence(Protocol):
    text: str
    values: Sequence[_Valued]


class StoryDocument(Protocol):
    """What story matching reads of a document (claims.conflicts.Document has it). A protocol, so
    this module imports nothing from claims.conflicts, which builds on it."""

    id: str
    published: date | None
    language: str
    claims: Sequence[_Sentence]
    names: frozenset[str]

# A pair scoring at least this is treated as the same story. Calibrated on the seeds (the German
# press release and its English original score ~0.99; unrelated articles of one region < 0.25)
# and on the synthetic corpus of bench/conflicts_scale.py: a shared full date plus a distinctive
# number and a name (3 + 2 + 1 = 6 -> 0.63) is enough; one date with a city name (0.6 * 0.49)
# or any number of shared names without a date, number or ranking is not.
SAME_STORY_THRESHOLD = 0.5

# Keys held by more documents than this are too common to suggest a story (a city, a big year).
DEFAULT_DF_CAP = 40

# Weights per key kind. "d" full date, "r" ranking, "n" distinctive number, "n~" round number,
# "a" acronym, "w" name word, "m" month, "y" year.
KEY_WEIGHTS = {"d": 3.0, "r": 2.5, "n": 2.0, "n~": 1.0, "a": 2.0, "w": 1.0, "m": 0.75, "y": 0.5}
# Shared weight at which the saturating score reaches 1 - 1/e.
_SATURATION = 6.0
# Without a shared date, number or ranking, names alone cannot reach the threshold: otherwise two
# articles about the same city or company would be matched (0.4 * (1 - e^-x) < 0.5 always).
_HARD_KINDS = frozenset({"d", "r", "n"})
_NAMES_ONLY_FACTOR = 0.4
# One shared date or number among random articles is a coincidence a large corpus will meet, and
# so is a date with a number: a story needs hard evidence and names (three names with one date or
# number, or any name with two).
_ONE_HARD_FACTOR = 0.6
_NO_NAMES_FACTOR = 0.6
_EXTRA_DATE_WEIGHT = 1.0

_ACRONYM = re.compile(r"[A-Z][A-Z0-9&]{1,7}")
_FIRST_WORD = re.compile(r"[^\W\d_]")
_CAPITALISED = re.compile(r"(?<![\w'’&-])[A-ZÀ-ÖØ-Þ][\w'’&-]*")
_GERMAN_NOUN_SUFFIX = re.compile(
    r"(ung|ungen|heit|heiten|keit|keiten|schaft|schaften|tion|tionen|ität|itäten|nis|nisse|tum|ismus|"
    r"ment|mente|ierung|ende|enden|lich|isch)$"
)

# Capitalised words that are not evidence of a story: function words at sentence starts, months,
# weekdays, and the generic vocabulary of event and institution names in both languages.
_NOT_NAMES_TEXT = """
    a an the this that these those it its he she they we i you our their his her on in at by for
    from to of with and or but as after before during since until while when where which who what
    also however moreover furthermore notably meanwhile today yesterday tomorrow there here all some
    many most more several each every other such according compared concurrently
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    monday tuesday wednesday thursday friday saturday sunday
    januar februar märz april mai juni juli oktober dezember
    montag dienstag mittwoch donnerstag freitag samstag sonntag
    der die das den dem des ein eine einer eines einem einen und oder aber am im zum zur vom beim
    auf aus bei mit nach seit von vor zu über unter für durch gegen ohne um bis als wie wenn dass
    es er sie wir ihr ich heute darüber dies diese dieser dieses alle parallel insgesamt
    international national global world new green low high carbon energy development forum
    conference expo exhibition week center centre commission department ministry government
    municipal municipality city group association industry industrial technology technologies report
    annual china chinese party council university bank company corporation limited ltd co inc
    peak neutral neutrality publicity conservation promotion alliance area district bureau people
    province state day summit festival fair institute academy science sciences engineering
    environment environmental ecology ecological economy economic trade finance financial
    president director secretary minister deputy vice chairman general chief head official
    ceremony opening closing base platform standard guidelines system management service services
    public private innovation products product equipment catalogue edition urban scenario
    demonstration storage supply chain chains network data digital smart research
"""
_NOT_NAMES = frozenset(_NOT_NAMES_TEXT.split())
_GERMAN_DETERMINERS_TEXT = (
    "der die das den dem des ein eine einer eines einem einen im am zum zur vom beim ins ans "
    "ihre ihrer ihren ihrem ihr seine seiner seinen seinem sein unsere unser diese dieser dieses diesen "
    "jede jeder jedes alle viele mehrere keine kein welche manche beide"
)
_GERMAN_DETERMINERS = frozenset(_GERMAN_DETERMINERS_TEXT.split())
_GERMAN_NOT_ADJECTIVES_TEXT = (
    "oder aber unter über hinter wieder später außer zwischen gegen ohne sowie neben oben unten "
    "sondern bereits weiter darunter dahinter daneben darüber immer insbesondere vorher nachher heute gestern morgen"
)
_GERMAN_NOT_ADJECTIVES = frozenset(_GERMAN_NOT_ADJECTIVES_TEXT.split())


def _number_key(value: float) -> str:
    """Canonical text of a number: integers without a fraction, others to six significant digits."""
    if float(value).is_integer():
        return str(int(value))
    return format(float(value), ".6g")


def _value_keys(value_type: str, norm: dict) -> list[str]:
    """Story keys carried by one normalised value."""
    keys: list[str] = []
    if value_type == "date":
        d = norm.get("date")
        precision = norm.get("precision")
        if isinstance(d, str):
            if precision == "day":
                keys.append("d:" + d)
            elif precision == "month":
                keys.append("m:" + d)
            elif precision == "year":
                keys.append("y:" + d[:4])
    elif value_type == "date_range":
        precision = norm.get("precision")
        for end in ("start", "end"):
            d = norm.get(end)
            if isinstance(d, str):
                if precision == "day":
                    keys.append("d:" + d)
                elif precision == "month":
                    keys.append("m:" + d)
                else:
                    keys.append("y:" + d[:4])
    elif value_type == "year_target":
        year = norm.get("year")
        if isinstance(year, int):
            keys.append(f"y:{year}")
    elif value_type == "rank":
        if "of" in norm and "rank" in norm:
            keys.append(f"r:{norm['rank']}/{norm['of']}")
    elif value_type in ("quantity", "money", "percent"):
        number = norm.get("value")
        if isinstance(number, int | float) and not isinstance(number, bool):
            keys.extend(_distinctive_number_keys(float(number)))
    return keys


def _distinctive_number_keys(number: float) -> list[str]:
    """Keys for a number that might identify a story: not small counts, not bare years.

    Round and two-digit figures ("60 countries", "300,000 tons") recur in unrelated articles, so
    they get the weak kind "n~"; figures with three or more significant digits ("168", "1.25
    million") are the strong kind "n".
    """
    if number.is_integer():
        if abs(number) < 13:  # "eight areas", "three parks": every article has them
            return []
        if 1900 <= number <= 2100:  # a year read as a count says little
            return ["y:" + _number_key(number)]
        significant = str(abs(int(number))).rstrip("0")
        if len(significant) <= 1 or abs(number) < 100:
            return ["n~:" + _number_key(number)]
    return ["n:" + _number_key(number)]


def name_tokens(text: str, language: str) -> set[str]:
    """Acronyms ("a:IEA") and proper-name words ("w:leipzig") of one sentence."""
    keys: set[str] = set()
    first = _FIRST_WORD.search(text)
    first_start = first.start() if first else -1
    # One pass over capitalised tokens only: scanning every word cost most of story_keys' time.
    for match in _CAPITALISED.finditer(text):
        word = match.group()
        if word.endswith(("'s", "’s")):
            word = word[:-2]
        if _ACRONYM.fullmatch(word):
            if sum(ch.isupper() for ch in word) >= 2 and word.lower() not in _NOT_NAMES:
                keys.add("a:" + word)
            continue
        if len(word) < 3 or word.isupper() or match.start() == first_start:
            continue  # a sentence's first word is capitalised anyway
        lower = word.lower()
        if lower in _NOT_NAMES:
            continue
        if language == "de":
            words = text[max(0, match.start() - 40) : match.start()].split()
            before = words[-1].strip("\"'„“”‚‘’()[],;:") if words else ""
            if _german_common_noun(lower, before if before.isalpha() else ""):
                continue
        keys.add("w:" + lower)
    return keys


def _german_common_noun(lower: str, before: str) -> bool:
    """German capitalises every noun: an article or an inflected adjective before it, umlauts or a
    noun suffix mark a common noun rather than a name that survives translation."""
    if any(ch in lower for ch in "äöüß") or _GERMAN_NOUN_SUFFIX.search(lower):
        return True
    prev = before.lower()
    if not before or not before[0].islower():
        return False
    return prev in _GERMAN_DETERMINERS or (
        len(prev) > 3 and prev.endswith(("e", "en", "er", "es", "em")) and prev not in _GERMAN_NOT_ADJECTIVES
    )


def story_keys(doc: StoryDocument) -> frozenset[str]:
    """Language-independent evidence keys of a document (dates, numbers, rankings, names)."""
    keys: set[str] = set(doc.names)
    for claim in doc.claims:
        for value in claim.values:
            keys.update(_value_keys(value.type, value.normalized or {}))
        keys.update(name_tokens(claim.text, doc.language))
    return frozenset(keys)


def is_hard_key(key: str) -> bool:
    """Whether a key can seed a candidate pair (a full date, a distinctive number or a ranking).

    A store of story keys finds an article's candidates by looking up its hard keys only: pairs
    sharing nothing but names or years never reach SAME_STORY_THRESHOLD.
    """
    return key.split(":", 1)[0] in _HARD_KINDS


def _publication_factor(a: date | None, b: date | None) -> float:
    """Articles on one story appear within days; a year apart they describe different editions."""
    if a is None or b is None:
        return 1.0
    gap = abs((a - b).days)
    if gap <= 14:
        return 1.0
    if gap <= 60:
        return 0.85
    if gap <= 180:
        return 0.6
    return 0.3


def score_shared(
    shared: Iterable[str],
    published_a: date | None,
    published_b: date | None,
    *,
    df: Mapping[str, int] | None = None,
    df_cap: int = DEFAULT_DF_CAP,
) -> float:
    """Same-story score in [0, 1] from the keys two documents share.

    With `df` (documents per key in a corpus), a key held by more than `df_cap` documents counts
    df_cap/df of its weight and is no hard evidence, so "Berlin" in 5,000 articles says almost
    nothing; a common date still counts in full beside a shared uncommon name, because that
    conjunction is rare (it is what candidate_pairs() indexes).
    """
    shared = list(shared)
    rarity = {}
    for key in shared:
        count = df.get(key, 1) if df is not None else 1
        rarity[key] = 1.0 if count <= df_cap else df_cap / count
    rare_name = any(rarity[k] == 1.0 and k[:2] in ("a:", "w:") for k in shared)
    weight = 0.0
    hard = 0
    dates = 0
    names = 0
    for key in shared:
        kind = key.split(":", 1)[0]
        r = rarity[key]
        if kind == "d" and rare_name:
            r = 1.0
        names += kind in ("a", "w") and r == 1.0
        if kind == "d":
            # an event's start and end come together: two shared dates are one coincidence, not two
            dates += 1
            weight += r * (KEY_WEIGHTS["d"] if dates == 1 else _EXTRA_DATE_WEIGHT)
            hard += dates == 1 and r == 1.0
            continue
        weight += r * KEY_WEIGHTS.get(kind, 1.0)
        hard += kind in _HARD_KINDS and r == 1.0
    score = 1.0 - math.exp(-weight / _SATURATION)
    if hard == 0:
        score *= _NAMES_ONLY_FACTOR
    elif hard == 1 and names < 3:
        score *= _ONE_HARD_FACTOR
    elif names == 0:
        score *= _NO_NAMES_FACTOR
    return round(score * _publication_factor(published_a, published_b), 4)


def same_story(a: StoryDocument, b: StoryDocument) -> float:
    """How likely two documents report the same story, in [0, 1] (see SAME_STORY_THRESHOLD)."""
    if a.id == b.id:
        return 1.0
    return score_shared(story_keys(a) & story_keys(b), a.published, b.published)


def candidate_pairs(
    keys: Sequence[frozenset[str]],
    *,
    df_cap: int = DEFAULT_DF_CAP,
) -> tuple[set[tuple[int, int]], dict[str, int]]:
    """Pairs (i < j) of document indexes worth scoring, and the document count of every shared key.

    Pairs come from an inverted index, never from all pairs: documents sharing an uncommon date,
    number or ranking (held by at most `df_cap` documents), or sharing a common date together
    with an uncommon name (a big corpus has a hundred articles of any given day, but few of them
    name the same forum). Names or years alone never seed a pair: score_shared() keeps such pairs
    below any useful threshold. Skipping keys above the cap bounds the pairs per key, so the work
    grows linearly with the corpus.
    """
    index: dict[str, list[int]] = {}
    for i, doc_keys in enumerate(keys):
        for key in doc_keys:
            postings = index.get(key)
            if postings is None:
                index[key] = [i]
            else:
                postings.append(i)
    n = len(keys)
    seen: set[int] = set()  # flat ints keep hundreds of thousands of pairs small
    df: dict[str, int] = {}
    for key, postings in index.items():
        if len(postings) < 2:
            continue
        df[key] = len(postings)
        if len(postings) <= df_cap and is_hard_key(key):
            _add_pairs(seen, postings, n)
    # Second pass, only where needed: common dates combined with uncommon names.
    combined: dict[tuple[str, str], list[int]] = {}
    for i, doc_keys in enumerate(keys):
        dates = [k for k in doc_keys if k[:2] == "d:" and df.get(k, 0) > df_cap]
        if not dates:
            continue
        names = [k for k in doc_keys if k[:2] in ("a:", "w:") and 2 <= df.get(k, 0) <= df_cap]
        for d in dates:
            for name in names:
                combined.setdefault((d, name), []).append(i)
    for postings in combined.values():
        if 2 <= len(postings) <= df_cap:
            _add_pairs(seen, postings, n)
    return {(p // n, p % n) for p in seen}, df


def _add_pairs(seen: set[int], postings: list[int], n: int) -> None:
    for x, i in enumerate(postings):
        base = i * n
        seen.update(base + j for j in postings[x + 1 :])


# A story bigger than this is split back into its scored pairs: union-find chains of weak links
# could otherwise join unrelated coverage, and comparing every pair of a huge group is quadratic.
MAX_STORY_SIZE = 12


# A document that reaches no story on its own joins the story of its best weaker match when that
# match reaches this score (a third outlet on one release that shares fewer figures with it).
ATTACH_THRESHOLD = 0.35


def attach_loners(pairs: Mapping[tuple[int, int], float], weak: Mapping[tuple[int, int], float],
                  threshold: float = ATTACH_THRESHOLD) -> dict[tuple[int, int], float]:
    """Same-story pairs plus, for each document in none of them, its best weak pair at or above
    `threshold` whose other document is in a story: one edge per loner, so no two stories merge
    through it and the work stays linear in the candidate pairs."""
    grouped = {i for pair in pairs for i in pair}
    best: dict[int, tuple[float, tuple[int, int]]] = {}
    for (i, j), score in weak.items():
        if score < threshold or (i in grouped) == (j in grouped):
            continue
        loner = j if i in grouped else i
        if loner not in best or score > best[loner][0]:
            best[loner] = (score, (i, j))
    out = dict(pairs)
    for score, pair in best.values():
        out[pair] = score
    return out


def group_stories(n: int, pairs: Mapping[tuple[int, int], float]) -> list[list[int]]:
    """Stories as groups of document indexes (union-find over same-story pairs), each sorted.

    Groups of more than MAX_STORY_SIZE documents fall back to their own scored pairs, so the work
    stays linear in the number of same-story pairs.
    """
    parent = list(range(n))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in pairs:
        ri, rj = root(i), root(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)
    groups: dict[int, list[int]] = {}
    for i, _j in pairs:
        groups.setdefault(root(i), [])
    for i in range(n):
        r = root(i)
        if r in groups:
            groups[r].append(i)
    out: list[list[int]] = []
    for members in groups.values():
        if len(members) <= MAX_STORY_SIZE:
            out.append(sorted(members))
        else:
            out.extend(sorted(p) for p in sorted(pairs) if root(p[0]) == root(members[0]))
    return sorted(out)
