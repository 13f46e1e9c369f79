"""schema.org ClaimReview: one JSON-LD DataFeed of the claims whose verdict an editor approved.

Only an approved verdict is a published fact check, so claims without one are left out of this
format (and counted, see ExportStats). The feed carries the chain head as its identifier.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from workbench.exports.records import iso
from workbench.exports.report import Report, ReportClaim


@dataclass(frozen=True, slots=True)
class Publisher:
    """Who publishes the fact checks (the ClaimReview author), from the app's settings."""

    name: str
    url: str
    review_url: str  # a template with {claim_id}, or "" when the reviews have no public page
    scale: tuple[tuple[int, str], ...]



def json_ld(obj: object) -> str:
    """`obj` as JSON-LD that can be pasted into a page's <script> element as it is.

    "<", ">" and "&" appear only inside JSON strings, where their \\u escapes mean the same;
    a claim text holding "</script>" can then not end the element it is embedded in.
    """
    text = json.dumps(obj, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")

def _rating(claim: ReportClaim, publisher: Publisher) -> dict[str, Any]:
    values = [value for value, _label in publisher.scale]
    if claim.verdict.rating_value not in values:  # a rating off the scale (Misleading, ...): by name only
        return {"@type": "Rating", "alternateName": claim.verdict.rating_label}
    return {"@type": "Rating", "ratingValue": claim.verdict.rating_value, "bestRating": max(values),
            "worstRating": min(values), "alternateName": claim.verdict.rating_label}


def _appearance(claim: ReportClaim) -> dict[str, Any]:
    art = claim.article
    found: dict[str, Any] = {"@type": "CreativeWork", "headline": art.title, "inLanguage": art.language}
    if art.url:
        found["url"] = art.url
    if art.published:
        found["datePublished"] = iso(art.published)
    if art.outlet:
        found["publisher"] = {"@type": "Organization", "name": art.outlet}
    return found


def claim_review(claim: ReportClaim, publisher: Publisher) -> dict[str, Any]:
    """The ClaimReview of one claim with an approved verdict."""
    verdict = claim.verdict
    author: dict[str, Any] = {"@type": "Organization", "name": publisher.name}
    if publisher.url:
        author["url"] = publisher.url
    item: dict[str, Any] = {"@type": "Claim", "appearance": _appearance(claim)}
    if claim.article.published:
        item["datePublished"] = iso(claim.article.published)
    review: dict[str, Any] = {
        "@type": "ClaimReview",
        "identifier": f"claim-{claim.id}",
        "claimReviewed": claim.text,
        "datePublished": iso(verdict.approved_at.date()),
        "author": author,
        "reviewRating": _rating(claim, publisher),
        "reviewBody": verdict.rationale,
        "itemReviewed": item,
    }
    if publisher.review_url:
        review["url"] = publisher.review_url.replace("{claim_id}", str(claim.id))
    return review


def is_published(claim: ReportClaim) -> bool:
    """Whether the claim has an approved verdict, the only kind a ClaimReview can carry."""
    return claim.verdict is not None and claim.verdict.state == "approved" and claim.verdict.approved_at is not None


def write_claimreview(report: Report, publisher: Publisher, skipped: list[int]) -> Iterator[bytes]:
    """The feed, written review by review; ids of claims left out (no approved verdict) go to `skipped`."""
    head = report.header.chain_head
    feed = {
        "@context": "https://schema.org",
        "@type": "DataFeed",
        "name": f"Fact checks by {publisher.name}",
        "dateCreated": iso(report.header.generated_at),
        "identifier": {"@type": "PropertyValue", "propertyID": "revision-chain-head", "value": head.anchor,
                       "description": f"check with: workbench audit verify --anchor {head.anchor}"},
    }
    opening = json_ld(feed)[:-1] + ', "dataFeedElement": ['
    yield opening.encode()
    separator = "\n"
    for claim in report.claims:
        if not is_published(claim):
            skipped.append(claim.id)
            continue
        yield (separator + json_ld(claim_review(claim, publisher))).encode()
        separator = ",\n"
    yield b"\n]}\n"
