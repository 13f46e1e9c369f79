"""Cross-article and inside-article inconsistencies on the real development corpus.

Reads ../shared/corpus (never copied into the project), runs the engine over every article, then
the inside-article checks and the across-article matching over all 22 articles at once (stories
are found by the engine, not given), and scores the findings against the gold files:

* a cross-article inconsistency is found when a flag joins the sentences of one of its
  conflicting_pairs (each member's claim span overlapping that article's gold sentence);
* a flag is wrong when it matches no gold inconsistency; a flag joining the sentences of an
  agreement (negative control) or of a `rounding` inconsistency is counted apart as well;
* an internal inconsistency is found when a flag inside its article has every member on one of
  its gold sentences.

Usage: python bench/cross_article.py [--corpus PATH] [--verbose]
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import defaultdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claims.analysis import analyse  # noqa: E402
from claims.conflicts import Document, find_across, find_inside  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"


def _published(gold: dict) -> date | None:
    if gold.get("published"):
        return date.fromisoformat(gold["published"])
    match = re.search(r"\d{4}-\d{2}-\d{2}", gold.get("published_note") or "")
    return date.fromisoformat(match.group()) if match else None


def load(corpus: Path) -> tuple[dict[str, Document], dict[str, dict], dict[str, str]]:
    docs, golds, bodies = {}, {}, {}
    for gold_path in sorted((corpus / "articles").glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        aid = gold["article_id"]
        raw = (corpus / "articles" / gold["file"]).read_text(encoding="utf-8")
        raw = raw.split("\n", 1)[1] if raw.startswith("SOURCE:") else raw
        analysis = analyse(raw, published=_published(gold), language=gold["language"])
        docs[aid] = Document.from_analysis(aid, analysis)
        golds[aid] = gold
        bodies[aid] = analysis.body
    return docs, golds, bodies


def _span(body: str, sentence: str) -> tuple[int, int] | None:
    at = body.find(sentence)
    if at < 0:  # cleaning may have touched whitespace: retry on a prefix
        at = body.find(sentence[:60])
        if at < 0:
            return None
    return at, at + len(sentence)


def _on(member, span: tuple[int, int] | None) -> bool:
    return span is not None and member.claim_start < span[1] and span[0] < member.claim_end


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--verbose", action="store_true", help="print every flag")
    args = parser.parse_args()
    if not (args.corpus / "articles" / "cross_article.json").is_file():
        print(f"error: no corpus at {args.corpus}", file=sys.stderr)
        return 1
    started = time.perf_counter()
    docs, golds, bodies = load(args.corpus)
    cross = json.loads((args.corpus / "articles" / "cross_article.json").read_text(encoding="utf-8"))
    engine_seconds = time.perf_counter() - started

    started = time.perf_counter()
    across = find_across(list(docs.values()))
    inside = {aid: find_inside(doc) for aid, doc in docs.items()}
    conflict_seconds = time.perf_counter() - started

    def spans(entry: dict) -> dict[str, tuple[int, int] | None]:
        return {aid: _span(bodies[aid], s) for aid, s in entry["sentences"].items()}

    gold_x = [x for x in cross["inconsistencies"] if not x.get("unsure")]
    flagged_rounding = [x for x in cross["inconsistencies"] if x["severity"] == "rounding"]
    x_spans = {x["id"]: spans(x) for x in cross["inconsistencies"]}
    a_spans = {a["id"]: spans(a) for a in cross["agreements"]}

    def joins(flag, entry_spans: dict, pairs) -> bool:
        docs_in = {m.document for m in flag.members}
        for a, b in pairs:
            if {a, b} <= docs_in:
                ma = [m for m in flag.members if m.document == a]
                mb = [m for m in flag.members if m.document == b]
                if any(_on(m, entry_spans.get(a)) for m in ma) and any(_on(m, entry_spans.get(b)) for m in mb):
                    return True
        return False

    # The gold names one sentence per article; an article often states the same figure twice
    # (lede and body). `same_fact` also credits a flag joining a conflicting pair's articles with
    # exactly the gold sentences' figures, wherever in the article they stand (reported apart).
    gold_numbers = {aid: {c["sentence"]: _numbers(c) for c in g["claims"]} for aid, g in golds.items()}

    def same_figures(flag, entry: dict, pairs) -> bool:
        for a, b in pairs:
            ma = [m for m in flag.members if m.document == a]
            mb = [m for m in flag.members if m.document == b]
            if not ma or not mb:
                continue
            na = gold_numbers[a].get(entry["sentences"].get(a), set())
            nb = gold_numbers[b].get(entry["sentences"].get(b), set())
            if any(_member_number(m) in na for m in ma) and any(_member_number(m) in nb for m in mb):
                return True
        return False

    same_fact: dict[str, list] = defaultdict(list)
    found_by: dict[str, list] = defaultdict(list)
    wrong, on_agreement, on_rounding = [], [], []
    for flag in across:
        hits = [x["id"] for x in gold_x if joins(flag, x_spans[x["id"]], x["conflicting_pairs"])]
        agreement = [a["id"] for a in cross["agreements"]
                     if joins(flag, a_spans[a["id"]], _all_pairs(a["articles"]))]
        rounding = [x["id"] for x in flagged_rounding
                    if joins(flag, x_spans[x["id"]], _all_pairs(x["articles"]))]
        for h in hits:
            found_by[h].append(flag)
        for x in gold_x:
            if x["id"] in hits or same_figures(flag, x, x["conflicting_pairs"]):
                same_fact[x["id"]].append(flag)
        if agreement:
            on_agreement.append((flag, agreement))
        if rounding:
            on_rounding.append((flag, rounding))
        if not hits:
            wrong.append(flag)
        if args.verbose:
            tag = ",".join(hits) or ("AGREEMENT " + ",".join(agreement) if agreement else "wrong")
            print(f"  [{tag}] {flag.kind}: {flag.explanation[:220]}")

    print(f"corpus: {len(docs)} articles, engine {engine_seconds:.1f} s, conflicts {conflict_seconds:.2f} s")
    print("\ncross-article, per cluster (found / gold, wrong flags, flags on agreements)")
    clusters = sorted({x["cluster"] for x in cross["inconsistencies"]})
    cluster_of = {aid: g["cluster"] for aid, g in golds.items()}
    for cluster in clusters:
        xs = [x for x in gold_x if x["cluster"] == cluster]
        hit = [x["id"] for x in xs if found_by[x["id"]]]
        missed = [x["id"] for x in xs if not found_by[x["id"]]]
        w = [f for f in wrong if cluster_of.get(f.members[0].document) == cluster]
        ag = [f for f, _ in on_agreement if cluster_of.get(f.members[0].document) == cluster]
        print(f"  {cluster}: found {len(hit)}/{len(xs)} {hit}  missed {missed}  wrong {len(w)}"
              f"  on agreements {len(ag)}")
    total = len(gold_x)
    found = sum(1 for x in gold_x if found_by[x["id"]])
    print(f"\nfound {found}/{total} ({100 * found / max(total, 1):.0f}%), flags {len(across)}, "
          f"wrong {len(wrong)}/{len(across)} ({100 * len(wrong) / max(len(across), 1):.0f}%), "
          f"on agreements {len(on_agreement)} (of {len(cross['agreements'])}), on rounding {len(on_rounding)}")
    loose = sum(1 for x in gold_x if same_fact[x["id"]])
    loose_wrong = sum(1 for f in across if not any(f in same_fact[x["id"]] for x in gold_x))
    print(f"same figures, any sentence of the article: found {loose}/{total}, wrong {loose_wrong}/{len(across)}")
    for cluster in clusters:
        xs = [x["id"] for x in gold_x if x["cluster"] == cluster and same_fact[x["id"]]]
        print(f"  {cluster}: {len(xs)} {xs}")
    same_class = [x["id"] for x in gold_x if any(f.kind == "cross_" + x["severity"] for f in found_by[x["id"]])]
    other_class = {x["id"]: sorted({f.kind for f in found_by[x["id"]]}) for x in gold_x
                   if found_by[x["id"]] and x["id"] not in same_class}
    print(f"classified as gold: {len(same_class)}/{found} found; otherwise: "
          + ", ".join(f"{k} (gold {next(x['severity'] for x in gold_x if x['id'] == k)}: {'/'.join(v)})"
                      for k, v in other_class.items()))
    by_class: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for x in gold_x:
        by_class[x["severity"]][1] += 1
        by_class[x["severity"]][0] += bool(found_by[x["id"]])
    print("by gold class: " + ", ".join(f"{k} {v[0]}/{v[1]}" for k, v in sorted(by_class.items())))
    kinds: dict[str, int] = defaultdict(int)
    for flag in across:
        kinds[flag.kind] += 1
    print("flag classes: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
    for cluster in clusters:
        per: dict[str, int] = defaultdict(int)
        for flag in across:
            if cluster_of.get(flag.members[0].document) == cluster:
                per[flag.kind] += 1
        print(f"  {cluster}: " + (", ".join(f"{k} {v}" for k, v in sorted(per.items())) or "no flags"))
    for flag, ids in on_agreement:
        print(f"  AGREEMENT {','.join(ids)} flagged: {flag.explanation[:200]}")

    print("\ninside articles (found / gold; flags not on a gold inconsistency)")
    i_found = i_total = i_wrong = i_flags = i_loose = 0
    for aid, gold in golds.items():
        internal = [i for i in gold["inconsistencies"] if i["kind"] == "internal"]
        flags = inside[aid]
        i_flags += len(flags)
        gspans = {i["id"]: [_span(bodies[aid], s) for s in i["sentences"]] for i in internal}
        hit = [i["id"] for i in internal
               if any(all(any(_on(m, s) for s in gspans[i["id"]]) for m in f.members) for f in flags)]
        stray = [f for f in flags
                 if not any(all(any(_on(m, s) for s in gspans[i["id"]]) for m in f.members) for i in internal)]
        # As across articles, also credit a flag whose figures are all figures of the gold
        # sentences, wherever in the article it found them (an article restates its figures).
        numbers = {i["id"]: set().union(*(gold_numbers[aid].get(s, set()) for s in i["sentences"]))
                   for i in internal}
        loose = [i["id"] for i in internal if any(
            all(_member_number(m) in numbers[i["id"]] for m in f.members) for f in flags
            if all(_member_number(m) is not None for m in f.members))]
        i_loose += len(loose)
        i_found += len(hit)
        i_total += len(internal)
        i_wrong += len(stray)
        if internal or flags:
            print(f"  {aid}: found {len(hit)}/{len(internal)} {hit} (same figures {loose})  other flags {len(stray)}"
                  + "".join(f"\n      - {f.kind}: {f.explanation[:160]}" for f in stray if args.verbose))
    print(f"internal: found {i_found}/{i_total}, flags {i_flags}, not on gold {i_wrong}; "
          f"same figures, any sentence: found {i_loose}/{i_total}")
    return 0


_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _numbers(claim: dict) -> set[float]:
    """The absolute numbers of a gold claim's percent, quantity and money values."""
    out: set[float] = set()
    for v in claim.get("values", []):
        if v.get("type") in ("percent", "quantity", "money", "duration") and not v.get("unsure"):
            out.update(round(float(n), 6) for n in _NUMBER.findall(str(v.get("normalized"))))
    return out


def _member_number(member) -> float | None:
    norm = member.value.get("normalized") or {}
    number = norm.get("value")
    return round(abs(float(number)), 6) if isinstance(number, int | float) else None


def _all_pairs(articles: list[str]) -> list[tuple[str, str]]:
    return [(a, b) for x, a in enumerate(articles) for b in articles[x + 1:]]


if __name__ == "__main__":
    sys.exit(main())
