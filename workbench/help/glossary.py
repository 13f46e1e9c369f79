"""Plain-words explanations of the workbench's states and kinds, shown on the help page and beside them.

Each table is keyed by the values the models allow; tests/workbench/test_help.py fails when a
state or kind is added without an explanation here, so the help never falls behind the app.
"""
from __future__ import annotations

# The life of a claim, in the order a claim usually moves through it.
CLAIM_STATE_HELP: dict[str, str] = {
    "unreviewed": "Found by the engine (or added by hand); nobody has looked at it yet.",
    "in_review": "A reviewer is working on it: checking sources, writing a verdict.",
    "proposed": "A reviewer recorded a verdict; it waits for an editor other than the reviewer to approve it.",
    "verified": "An editor approved the current verdict. Approved means the check is approved, not that the "
                "claim is true: the rating beside it says whether it is true. (Stored and exported as "
                "'verified'.)",
    "disputed": "An editor returned the verdict with a reason; the reviewer records a new one. (Stored and "
                "exported as 'disputed'.)",
}

# What a reviewer does with a flag.
FLAG_STATUS_HELP: dict[str, str] = {
    "open": "Raised and not yet looked at.",
    "confirmed": "A reviewer agrees the claims disagree; it stays visible until it is resolved.",
    "dismissed": "Not a real inconsistency (the reason is kept); detection never raises it again.",
    "resolved": "The disagreement was dealt with, for example by a correction or a verdict.",
}

FLAG_KIND_HELP: dict[str, str] = {
    "date_outside_span": "A date that falls outside the period the article gives for the same event "
                         "(an opening ceremony dated a month before the week it opens).",
    "value_mismatch": "Two claims give different values for what reads as the same measure.",
    "total_mismatch": "Parts that do not add up to the total the article states.",
    "duration_mismatch": "A stated duration that does not match the dates given for the same period.",
    "tense_mismatch": "A future event described as past (or the reverse) relative to the article's date.",
    "cross_article_mismatch": "An article and its translation give different values in corresponding sentences.",
    "cross_contradiction": "Articles on the same story give values for the same fact (same measure, period and "
                           "subject) that cannot both be true, beyond the rounding their wording allows.",
    "cross_different_basis": "Articles give different values for what looks like one fact, but name different "
                             "definitions (CO2 against all greenhouse gases, one price index against another).",
    "cross_different_source": "Articles give different values and attribute them to different bodies.",
    "cross_revision": "Likely a revised figure: one article gives a provisional figure (a projection, a "
                      "preliminary count) or was published later than the other.",
    "cross_terminology": "The numbers agree but the words do not: a change given in percent by one article and "
                         "with the same number in percentage points by another, or the same figure called "
                         "production in one and deliveries in the other.",
    "other": "Raised by hand for any other reason; the explanation says what.",
}

ROLE_HELP: list[tuple[str, str]] = [
    ("reviewer", "Reads articles and their claims; edits claims; records verdicts with sources; confirms, "
                 "dismisses and resolves flags and raises flags by hand; downloads approved claims."),
    ("editor", "Everything a reviewer does, and: imports articles; approves or rejects other people's "
               "verdicts (never their own); re-runs the engine; removes articles; reverts a change; reads the "
               "audit log; exports work in progress as well as approved claims."),
    ("admin", "Everything an editor does, and: adds people, changes roles, deactivates accounts."),
]


def explain(table: dict[str, str], key: str | None) -> str:
    """The explanation of `key`, or an empty string for a value the table does not know."""
    return table.get(key or "", "")
