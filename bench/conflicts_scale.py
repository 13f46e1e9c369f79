"""Scale of cross-article matching: find_across on synthetic corpora of N, 2N and 4N articles.

The corpus mixes a statistics release told by several outlets (shaped like ../shared/corpus:
own sentence order and rounding per outlet) with the seeds' stories (the Shenzhen forum of
002/003, the Shanghai publicity week of 004, the carbon-neutral expo of 000) with invented names,
dates and numbers, in English and German. Some stories get a twin (the same story told in the
other language): half of the twins agree, half carry one planted disagreeing value. Documents
are built directly as claims with typed values, not through analyse(): generating 100,000
articles through the whole engine would measure the engine, not the matching.

Prints, per size: find_across time, candidate pairs and same-story pairs, recall of the planted
conflicts and the number of unplanted flags, then the growth ratios between sizes.

    .venv/bin/python bench/conflicts_scale.py            # N = 25,000 (so 4N = 100,000)
    .venv/bin/python bench/conflicts_scale.py --n 2000   # quick run
"""
from __future__ import annotations

import argparse
import itertools
import random
import resource
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from claims.conflicts import Document, find_across, find_inside
from claims.conflicts.terms import lexicon
from claims.detect import Claim
from claims.values import Value

EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December"]
DE_MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
             "November", "Dezember"]
SYLLABLE_TEXT = "ka lo ren vi to sha mi nor zen da li qu bel sar um tek pho gan ri sol ba ce du fa go hu ji ke la mo nu"
SYLLABLES = SYLLABLE_TEXT.split()
EN_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
            "twelve"]
DE_WORDS = ["null", "eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn", "elf",
            "zwölf"]
EN_ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"]
DE_ORDINALS = ["ersten", "zweiten", "dritten", "vierten", "fünften", "sechsten", "siebten", "achten", "neunten",
               "zehnten"]

Spec = tuple[str, str, dict]  # (value type, surface text in the sentence, normalized)


def build(doc_id: str, published: date, language: str, sentences: list[tuple[str, list[Spec]]]) -> Document:
    """A Document with consistent offsets: sentences joined by spaces, values found by their text."""
    claims = []
    offset = 0
    for text, specs in sentences:
        values = []
        cursor = 0
        for value_type, surface, normalized in specs:
            at = text.index(surface, cursor)
            cursor = at + len(surface)
            values.append(Value(value_type, surface, offset + at, offset + at + len(surface), normalized))
        claims.append(Claim(text, offset, offset + len(text), True, "statistic", 0.9, (), tuple(values)))
        offset += len(text) + 1
    return Document(doc_id, published, language, tuple(claims), length=offset)


def name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(3, 4))).capitalize()


def acronym(rng: random.Random) -> str:
    return "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(rng.randint(3, 5)))


def day(d: date, **extra: object) -> dict:
    return {"date": d.isoformat(), "precision": "day", **extra}


def en_day(d: date) -> str:
    return f"{EN_MONTHS[d.month - 1]} {d.day}"


def de_day(d: date) -> str:
    return f"{d.day}. {DE_MONTHS[d.month - 1]}"


def en_int(n: int) -> str:
    return EN_WORDS[n] if n < len(EN_WORDS) else f"{n:,}"


def de_int(n: int) -> str:
    return DE_WORDS[n] if n < len(DE_WORDS) else f"{n:,}".replace(",", ".")


# --- the three stories ---------------------------------------------------------------------------
# Each story: facts(rng) -> dict; render(facts, doc_id, language) -> Document; the facts a planted
# conflict may change, each with how to change it.


def forum_facts(rng: random.Random) -> dict:
    opened = date(2021, 1, 1) + timedelta(days=rng.randrange(3 * 365))
    until = opened + timedelta(days=rng.randint(1, 4))
    published = opened + timedelta(days=rng.randint(0, (until - opened).days))
    founded = rng.randint(1995, published.year - 3)
    return {
        "city": name(rng), "forum": f"{name(rng)} {name(rng)} Forum", "expo": acronym(rng),
        "firms": [name(rng), name(rng), acronym(rng), acronym(rng)], "opened": opened,
        "until": until, "published": published,
        "areas": rng.randint(3, 12), "companies": rng.randint(20, 20000), "founded": founded,
        "years": published.year - founded, "countries": rng.randint(13, 180),
    }


def forum_render(f: dict, doc_id: str, language: str) -> Document:
    y = f["published"].year
    firms = ", ".join(f["firms"][:3]) + (" and " if language == "en" else " und ") + f["firms"][3]
    if language == "en":
        sentences = [
            (f"On {en_day(f['opened'])}, the {f['forum']} kicked off in {f['city']}.",
             [("date", en_day(f["opened"]), day(f["opened"], year_inferred=True))]),
            (f"The forum is sponsored by the {f['city']} Municipal People's Government.", []),
            (f"It will continue until {en_day(f['until'])}.",
             [("date", f"until {en_day(f['until'])}", day(f["until"], year_inferred=True, relation="until"))]),
            (f"The opening ceremony features the release of {f['city']}'s {y} Annual Report on "
             f"development in {en_int(f['areas'])} areas.",
             [("quantity", f"{en_int(f['areas'])} areas", {"value": f["areas"], "unit": "areas"})]),
            (f"A total of {f['companies']:,} well-known enterprises, including {firms}, showcase their "
             f"achievements at {f['expo']} {y}.",
             [("quantity", f"{f['companies']:,} well-known enterprises",
               {"value": f["companies"], "unit": "enterprises", "unit_key": "company"})]),
            (f"Since its inception in {f['founded']}, the {f['forum']} has been held for "
             f"{en_int(f['years'])} years, attracting guests from more than {f['countries']} countries.",
             [("date", f"in {f['founded']}", {"date": str(f["founded"]), "precision": "year"}),
              ("duration", f"for {en_int(f['years'])} years", {"value": f["years"], "unit": "year"}),
              ("quantity", f"more than {f['countries']} countries",
               {"value": f["countries"], "unit": "countries", "unit_key": "country", "qualifier": "more_than"})]),
        ]
    else:
        sentences = [
            (f"Am {de_day(f['opened'])} wurde das {f['forum']} in {f['city']} eröffnet.",
             [("date", f"Am {de_day(f['opened'])}", day(f["opened"], year_inferred=True))]),
            (f"Das Forum wird von der Volksregierung der Stadt {f['city']} gesponsert.", []),
            (f"Es wird bis zum {de_day(f['until'])} fortgesetzt.",
             [("date", f"bis zum {de_day(f['until'])}", day(f["until"], year_inferred=True, relation="until"))]),
            (f"Die Eröffnungszeremonie umfasst die Veröffentlichung des Jahresberichts {y} von {f['city']} "
             f"in {de_int(f['areas'])} Bereichen.",
             [("quantity", f"{de_int(f['areas'])} Bereichen", {"value": f["areas"], "unit": "Bereichen"})]),
            (f"Insgesamt {de_int(f['companies'])} namhafte Unternehmen, darunter {firms}, präsentieren ihre "
             f"Errungenschaften auf der {f['expo']} {y}.",
             [("quantity", f"{de_int(f['companies'])} namhafte Unternehmen",
               {"value": f["companies"], "unit": "Unternehmen", "unit_key": "company"})]),
            (f"Seit seiner Gründung im Jahr {f['founded']} hat das {f['forum']} {de_int(f['years'])} Jahre lang "
             f"stattgefunden und Gäste aus mehr als {f['countries']} Ländern angezogen.",
             [("date", f"im Jahr {f['founded']}", {"date": str(f["founded"]), "precision": "year"}),
              ("duration", f"{de_int(f['years'])} Jahre lang", {"value": f["years"], "unit": "year"}),
              ("quantity", f"mehr als {f['countries']} Ländern",
               {"value": f["countries"], "unit": "Ländern", "unit_key": "country", "qualifier": "more_than"})]),
        ]
    return build(doc_id, f["published"], language, sentences)


FORUM_PLANTS: dict[str, Callable[[dict, random.Random], dict]] = {
    "until": lambda f, rng: {"until": f["until"] + timedelta(days=rng.randint(1, 3))},
    "companies": lambda f, rng: {"companies": f["companies"] + rng.randint(1, 50)},
    "opened": lambda f, rng: {"opened": f["opened"] - timedelta(days=rng.randint(1, 3))},
}


def week_facts(rng: random.Random) -> dict:
    start = date(2021, 1, 1) + timedelta(days=rng.randrange(3 * 365))
    return {
        "city": name(rng), "week": f"{name(rng)} Publicity Week", "venue": f"{name(rng)} {name(rng)}",
        "org": f"{name(rng)} Commission", "start": start, "end": start + timedelta(days=6),
        "published": start + timedelta(days=rng.randint(1, 3)), "projects": rng.randint(13, 400),
        "units": rng.randint(13, 300), "signed": rng.randint(3, 12),
    }


def week_render(f: dict, doc_id: str, language: str) -> Document:
    if language == "en":
        span = f"from {en_day(f['start'])} to {f['end'].day}" if f["start"].month == f["end"].month else \
            f"from {en_day(f['start'])} to {en_day(f['end'])}"
        sentences = [
            (f"{f['city']} held the {f['week']} {span}.",
             [("date_range", span, {"start": f["start"].isoformat(), "end": f["end"].isoformat(),
                                    "precision": "day", "year_inferred": True})]),
            (f"On {en_day(f['start'])}, the opening ceremony of the {f['week']} was held in {f['venue']}.",
             [("date", en_day(f["start"]), day(f["start"], year_inferred=True))]),
            (f"The {f['org']} released a list of {f['projects']} carbon management pilot projects.",
             [("quantity", f"{f['projects']} carbon management pilot projects",
               {"value": f["projects"], "unit": "projects", "unit_key": "project"})]),
            (f"Licenses went to representatives of {f['units']} zero-carbon benchmarking units.",
             [("quantity", f"{f['units']} zero-carbon benchmarking units",
               {"value": f["units"], "unit": "units", "unit_key": "unit"})]),
            (f"{en_int(f['signed']).capitalize()} units signed cooperation agreements.",
             [("quantity", f"{en_int(f['signed']).capitalize()} units",
               {"value": f["signed"], "unit": "units", "unit_key": "unit"})]),
        ]
    else:
        span = f"vom {f['start'].day}. bis {de_day(f['end'])}"
        sentences = [
            (f"{f['city']} veranstaltete die {f['week']} {span}.",
             [("date_range", span, {"start": f["start"].isoformat(), "end": f["end"].isoformat(),
                                    "precision": "day", "year_inferred": True})]),
            (f"Am {de_day(f['start'])} wurde die Eröffnungszeremonie der {f['week']} in {f['venue']} abgehalten.",
             [("date", f"Am {de_day(f['start'])}", day(f["start"], year_inferred=True))]),
            (f"Die {f['org']} veröffentlichte eine Liste von {f['projects']} Pilotprojekten.",
             [("quantity", f"{f['projects']} Pilotprojekten",
               {"value": f["projects"], "unit": "Pilotprojekten", "unit_key": "project"})]),
            (f"Lizenzen gingen an Vertreter von {f['units']} Null-Kohlenstoff-Einheiten.",
             [("quantity", f"{f['units']} Null-Kohlenstoff-Einheiten",
               {"value": f["units"], "unit": "Einheiten", "unit_key": "unit"})]),
            (f"{de_int(f['signed']).capitalize()} Einheiten unterzeichneten Kooperationsabkommen.",
             [("quantity", f"{de_int(f['signed']).capitalize()} Einheiten",
               {"value": f["signed"], "unit": "Einheiten", "unit_key": "unit"})]),
        ]
    return build(doc_id, f["published"], language, sentences)


WEEK_PLANTS: dict[str, Callable[[dict, random.Random], dict]] = {
    "projects": lambda f, rng: {"projects": f["projects"] + rng.randint(1, 20)},
    "units": lambda f, rng: {"units": f["units"] + rng.randint(1, 20)},
}


def expo_facts(rng: random.Random) -> dict:
    start = date(2021, 1, 1) + timedelta(days=rng.randrange(3 * 365))
    return {
        "expo": f"{name(rng)} Carbon Neutral Expo", "city": name(rng), "start": start,
        "end": start + timedelta(days=3), "published": start - timedelta(days=rng.randint(5, 20)),
        "firms": rng.randint(100, 3000), "tons": rng.randint(10, 999) * 1000 + rng.randint(1, 999),
        "uni": f"{name(rng)} University", "country": name(rng), "rank": rng.randint(1, 10),
        "of": rng.randint(50, 197), "share": rng.randint(13, 60),
    }


def expo_render(f: dict, doc_id: str, language: str) -> Document:
    report_year = f["published"].year - 1
    if language == "en":
        span = f"from {en_day(f['start'])} to {en_day(f['end'])}"
        sentences = [
            (f"The {f['expo']} will be held {span} at the {f['city']} Expo Center.",
             [("date_range", span, {"start": f["start"].isoformat(), "end": f["end"].isoformat(),
                                    "precision": "day", "year_inferred": True})]),
            (f"The expo brings over {f['firms']:,} domestic and foreign enterprises together.",
             [("quantity", f"over {f['firms']:,} domestic and foreign enterprises",
               {"value": f["firms"], "unit": "enterprises", "unit_key": "company", "qualifier": "more_than"})]),
            (f"The first zero-carbon data center in {f['city']} cuts emissions by {f['tons']:,} tons a year.",
             [("quantity", f"{f['tons']:,} tons", {"value": f["tons"], "unit": "tons", "unit_key": "t"})]),
            (f"According to a report released by {f['uni']}, {f['country']} ranks {EN_ORDINALS[f['rank'] - 1]} "
             f"among {f['of']} countries.",
             [("rank", f"ranks {EN_ORDINALS[f['rank'] - 1]} among {f['of']} countries",
               {"rank": f["rank"], "of": f["of"]})]),
            (f"In {report_year}, {f['country']} contributed about {f['share']} percent of new generation.",
             [("date", f"In {report_year}", {"date": str(report_year), "precision": "year"}),
              ("percent", f"about {f['share']} percent", {"value": f["share"], "unit": "%", "qualifier": "about"})]),
        ]
    else:
        span = f"vom {de_day(f['start'])} bis {de_day(f['end'])}"
        sentences = [
            (f"Die {f['expo']} findet {span} im {f['city']} Expo Center statt.",
             [("date_range", span, {"start": f["start"].isoformat(), "end": f["end"].isoformat(),
                                    "precision": "day", "year_inferred": True})]),
            (f"Die Messe bringt mehr als {de_int(f['firms'])} in- und ausländische Unternehmen zusammen.",
             [("quantity", f"mehr als {de_int(f['firms'])} in- und ausländische Unternehmen",
               {"value": f["firms"], "unit": "Unternehmen", "unit_key": "company", "qualifier": "more_than"})]),
            (f"Das erste kohlenstofffreie Rechenzentrum in {f['city']} spart jährlich {de_int(f['tons'])} Tonnen.",
             [("quantity", f"{de_int(f['tons'])} Tonnen", {"value": f["tons"], "unit": "Tonnen", "unit_key": "t"})]),
            (f"Laut einem Bericht der {f['uni']} belegt {f['country']} den {DE_ORDINALS[f['rank'] - 1]} Platz "
             f"unter {f['of']} Ländern.",
             [("rank", f"den {DE_ORDINALS[f['rank'] - 1]} Platz unter {f['of']} Ländern",
               {"rank": f["rank"], "of": f["of"]})]),
            (f"Im Jahr {report_year} trug {f['country']} rund {f['share']} Prozent zur neuen Erzeugung bei.",
             [("date", f"Im Jahr {report_year}", {"date": str(report_year), "precision": "year"}),
              ("percent", f"rund {f['share']} Prozent", {"value": f["share"], "unit": "%", "qualifier": "about"})]),
        ]
    return build(doc_id, f["published"], language, sentences)


EXPO_PLANTS: dict[str, Callable[[dict, random.Random], dict]] = {
    "tons": lambda f, rng: {"tons": f["tons"] + 1000 * rng.randint(1, 9)},
    "rank": lambda f, rng: {"rank": f["rank"] % 10 + 1},
    # "about" allows 10% either way: a planted change must leave that margin
    "share": lambda f, rng: {"share": f["share"] + rng.randint(25, 35)},
}


# --- a statistics release told by several outlets (shaped like ../shared/corpus, not the seeds) ---
# An agency's annual figures (emissions, output, a share, a count) as wire, agency and newspaper
# copy: each outlet orders the sentences its own way and rounds its own way ("about 673 million
# tonnes", "rund 673 Mio. t", "672.8 million tonnes"), so only order-free, tolerant matching of
# facts finds a planted change and leaves the roundings alone.


def release_facts(rng: random.Random) -> dict:
    published = date(2021, 1, 1) + timedelta(days=rng.randrange(3 * 365))
    return {
        "agency": acronym(rng), "region": name(rng), "published": published, "year": published.year - 1,
        "emissions": round(rng.uniform(100, 900), 1), "share": round(rng.uniform(20, 70), 1),
        "output": round(rng.uniform(10, 200), 1), "plants": rng.randint(120, 9000),
    }


def release_render(f: dict, doc_id: str, language: str) -> Document:
    rng = random.Random(doc_id)  # each outlet's own order and rounding
    year, agency, region = f["year"], f["agency"], f["region"]
    rounded = rng.random() < 0.5
    em = round(f["emissions"]) if rounded else f["emissions"]
    period = {"date": str(year), "precision": "year"}
    if language == "en":
        em_text = f"about {em:,} million tonnes" if rounded else f"{em} million tonnes"
        em_norm = {"value": em * 1e6, "unit": "t", "unit_key": "t", **({"qualifier": "about"} if rounded else {})}
        sentences = [
            (f"Greenhouse gas emissions in {region} were {em_text} in {year}, {agency} said.",
             [("quantity", em_text, em_norm), ("date", str(year), period)]),
            (f"Renewables covered {f['share']} percent of electricity consumption in {region}.",
             [("percent", f"{f['share']} percent", {"value": f["share"], "unit": "%"})]),
            (f"Onshore wind generation reached {f['output']} TWh.",
             [("quantity", f"{f['output']} TWh", {"value": f["output"], "unit": "TWh", "unit_key": "twh"})]),
            (f"{agency} counted {f['plants']:,} wind turbines in {region}.",
             [("quantity", f"{f['plants']:,} wind turbines",
               {"value": f["plants"], "unit": "turbines", "unit_key": "turbine"})]),
        ]
    else:
        de_em = f"{em}".replace(".", ",")
        em_text = f"rund {de_em} Mio. t" if rounded else f"{de_em} Millionen Tonnen"
        em_norm = {"value": em * 1e6, "unit": "t", "unit_key": "t", **({"qualifier": "about"} if rounded else {})}
        de_share, de_output = f"{f['share']}".replace(".", ","), f"{f['output']}".replace(".", ",")
        sentences = [
            (f"Die Treibhausgasemissionen in {region} lagen {year} bei {em_text}, teilte {agency} mit.",
             [("date", str(year), period), ("quantity", em_text, em_norm)]),
            (f"Erneuerbare Energien deckten {de_share} Prozent des Stromverbrauchs in {region}.",
             [("percent", f"{de_share} Prozent", {"value": f["share"], "unit": "%"})]),
            (f"Die Stromerzeugung aus Windkraft an Land erreichte {de_output} TWh.",
             [("quantity", f"{de_output} TWh", {"value": f["output"], "unit": "TWh", "unit_key": "twh"})]),
            (f"{agency} zählte {de_int(f['plants'])} Windräder in {region}.",
             [("quantity", f"{de_int(f['plants'])} Windräder",
               {"value": f["plants"], "unit": "Windräder", "unit_key": "turbine"})]),
        ]
    rng.shuffle(sentences)
    return build(doc_id, f["published"], language, sentences)


RELEASE_PLANTS: dict[str, Callable[[dict, random.Random], dict]] = {
    "emissions": lambda f, rng: {"emissions": round(f["emissions"] * rng.uniform(1.08, 1.2), 1)},
    "share": lambda f, rng: {"share": round(f["share"] + rng.uniform(2, 6), 1)},
    "output": lambda f, rng: {"output": round(f["output"] * rng.uniform(0.85, 0.95), 1)},
}


@dataclass(frozen=True, slots=True)
class Story:
    facts: Callable[[random.Random], dict]
    render: Callable[[dict, str, str], Document]
    plants: dict[str, Callable[[dict, random.Random], dict]]


STORIES = (Story(forum_facts, forum_render, FORUM_PLANTS), Story(week_facts, week_render, WEEK_PLANTS),
           Story(expo_facts, expo_render, EXPO_PLANTS), Story(release_facts, release_render, RELEASE_PLANTS))


@dataclass(frozen=True, slots=True)
class Corpus:
    documents: list[Document]
    planted: dict[frozenset[str], str]  # doc id pair -> the fact changed in the twin
    agreeing_twins: int


def make_corpus(size: int, seed: int, twin_rate: float) -> Corpus:
    """`size` documents: stories, some with a twin in the other language (half planted conflicts)."""
    rng = random.Random(seed)
    documents: list[Document] = []
    planted: dict[frozenset[str], str] = {}
    agreeing = 0
    while len(documents) < size:
        story = STORIES[len(documents) % len(STORIES)]
        facts = story.facts(rng)
        language = "en" if rng.random() < 0.7 else "de"
        doc_id = f"s{len(documents)}"
        documents.append(story.render(facts, doc_id, language))
        if rng.random() < twin_rate and len(documents) < size:
            other = "de" if language == "en" else "en"
            twin_id = doc_id + "-" + other
            if rng.random() < 0.5:
                fact = rng.choice(sorted(story.plants))
                twin_facts = {**facts, **story.plants[fact](facts, rng)}
                planted[frozenset({doc_id, twin_id})] = fact
            else:
                twin_facts = facts
                agreeing += 1
            documents.append(story.render(twin_facts, twin_id, other))
    return Corpus(documents, planted, agreeing)


def run(size: int, seed: int, twin_rate: float, inside: bool) -> dict:
    corpus = make_corpus(size, seed, twin_rate)
    lexicon()  # loaded once per process (about a second): not part of any size's matching time
    stats: dict = {}
    started = time.perf_counter()
    found = find_across(corpus.documents, stats=stats)
    elapsed = time.perf_counter() - started
    flagged_pairs: dict[frozenset[str], int] = {}
    for flag in found:
        pair = frozenset(m.document for m in flag.members)
        flagged_pairs[pair] = flagged_pairs.get(pair, 0) + 1
    hits = sum(1 for pair in corpus.planted if pair in flagged_pairs)
    extra_on_planted = sum(max(0, flagged_pairs[p] - 1) for p in corpus.planted if p in flagged_pairs)
    unplanted = sum(n for pair, n in flagged_pairs.items() if pair not in corpus.planted) + extra_on_planted
    result = {
        "size": size, "seconds": elapsed, "keys_seconds": stats["keys_seconds"], "candidates": stats["candidate_pairs"],
        "same": stats["same_story_pairs"], "common": stats["common_keys"], "planted": len(corpus.planted),
        "found": hits, "unplanted": unplanted, "agreeing": corpus.agreeing_twins,
    }
    if inside:
        started = time.perf_counter()
        result["inside_flags"] = sum(len(find_inside(d)) for d in corpus.documents)
        result["inside_seconds"] = time.perf_counter() - started
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=25_000, help="base corpus size N (runs N, 2N, 4N)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--twin-rate", type=float, default=0.02, help="share of stories given a twin")
    parser.add_argument("--no-inside", action="store_true", help="skip timing find_inside on every document")
    args = parser.parse_args(argv)
    print("Synthetic corpora built directly as Documents (claims with typed values), not via analyse().")
    print(f"{'docs':>8} {'find_across s':>13} {'(keys s)':>8} {'docs/s':>8} {'candidates':>10} {'per doc':>7} "
          f"{'same story':>10} "
          f"{'common keys':>11} {'planted':>7} {'found':>5} {'recall':>6} {'unplanted':>9} {'agreeing twins':>14}"
          + ("" if args.no_inside else f" {'inside flags':>12} {'inside s':>8}"))
    results = []
    for factor in (1, 2, 4):
        r = run(args.n * factor, args.seed + factor, args.twin_rate, not args.no_inside)
        results.append(r)
        recall = r["found"] / r["planted"] if r["planted"] else float("nan")
        print(f"{r['size']:>8,} {r['seconds']:>13.2f} {r['keys_seconds']:>8.2f} {r['size'] / r['seconds']:>8,.0f} "
              f"{r['candidates']:>10,} {r['candidates'] / r['size']:>7.1f} {r['same']:>10,} {r['common']:>11,} "
              f"{r['planted']:>7} {r['found']:>5} {recall:>6.1%} "
              f"{r['unplanted']:>9} {r['agreeing']:>14}"
              + ("" if args.no_inside else f" {r['inside_flags']:>12} {r['inside_seconds']:>8.2f}"),
              flush=True)
    for small, big in itertools.pairwise(results):
        print(f"{big['size']:,} vs {small['size']:,} documents (x{big['size'] / small['size']:.0f}): "
              f"time x{big['seconds'] / small['seconds']:.2f}, "
              f"candidate pairs x{big['candidates'] / max(small['candidates'], 1):.2f}")
    print("Candidate pairs per document stay bounded (keys held by more than df_cap documents seed no pairs);")
    print("they move with how many keys sit just under the cap, not with the corpus size.")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak:,.0f} MB; largest run {results[-1]['size']:,} documents in "
          f"{results[-1]['seconds']:.1f} s ({results[-1]['seconds'] / 60:.2f} min)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

