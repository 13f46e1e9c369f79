"""No lost updates: of K edits from the same version exactly one wins; the others are refused, not merged."""
from __future__ import annotations

import html
import threading

import pytest
from sqlalchemy import func, select

from tests.conftest import login
from tests.factories import ENGLISH, do_import
from workbench.audit.verify import verify_chain
from workbench.core.concurrency import StaleEdit
from workbench.extensions import db
from workbench.history.models import Revision
from workbench.history.recording import Actor
from workbench.review.models import Claim
from workbench.review.operations import update_claim

K = 8


@pytest.fixture
def claim(app):
    do_import("expo.txt", ENGLISH.encode())
    claim = db.session.scalars(select(Claim).order_by(Claim.id)).first()
    db.session.commit()  # no open transaction (on SQLite: no write lock) while threads run
    return claim


def claim_updates(claim_id: int) -> list[Revision]:
    return list(db.session.scalars(select(Revision).where(
        Revision.entity_type == "claim", Revision.entity_id == claim_id, Revision.action == "update")))


def chain_ok() -> bool:
    db.session.rollback()
    with db.engine.connect() as conn:
        return verify_chain(conn).ok


def run_threads(target, count: int) -> None:
    threads = [threading.Thread(target=target, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not any(t.is_alive() for t in threads)


def test_k_threads_editing_the_same_version_exactly_one_wins(app, make_user, claim):
    users = [make_user("reviewer") for _ in range(K)]
    user_ids = [u.id for u in users]
    user_type = type(users[0])
    claim_id, version = claim.id, claim.version
    db.session.commit()  # the test's session holds no transaction (on SQLite: the write lock)
    barrier = threading.Barrier(K)
    wins: list[int] = []
    stale: list[StaleEdit] = []
    other: list[BaseException] = []

    def edit(worker: int) -> None:
        with app.app_context():
            try:
                mine = db.session.get(Claim, claim_id)
                assert mine.version == version
                if db.engine.dialect.name == "sqlite":
                    # On SQLite a read holds the write lock (BEGIN IMMEDIATE): release it so the
                    # others can load too. The edit below still posts the version read above.
                    db.session.rollback()
                barrier.wait()
                user = db.session.get(user_type, user_ids[worker])
                update_claim(mine, {"text": f"Edit by worker {worker}."}, version, Actor.of(user))
                wins.append(worker)
            except StaleEdit as exc:
                stale.append(exc)
            except BaseException as exc:
                other.append(exc)
            finally:
                db.session.remove()

    run_threads(edit, K)
    assert not other, other
    assert len(wins) == 1, wins
    assert len(stale) == K - 1
    assert all(e.entity_id == claim_id and e.posted_version == version for e in stale)
    db.session.expire_all()
    final = db.session.get(Claim, claim_id)
    assert final.text == f"Edit by worker {wins[0]}."
    assert final.version == version + 1
    updates = claim_updates(claim_id)
    assert len(updates) == 1
    assert updates[0].changes["text"][1] == final.text and updates[0].actor_id == user_ids[wins[0]]
    assert chain_ok()


def edit_form(kind: str, version: int, text: str) -> dict:
    return {"text": text, "kind": kind, "status": "in_review", "assignee_id": 0, "version": version}


def test_two_clients_same_version_second_gets_conflict_page(app, make_user, claim):
    first, second = make_user("reviewer"), make_user("editor")
    a, b = app.test_client(), app.test_client()
    login(a, first)
    login(b, second)
    version, original = claim.version, claim.text

    saved = a.post(f"/claims/{claim.id}/edit", data=edit_form(claim.kind, version, "Saved first by A."))
    assert saved.status_code == 302
    response = b.post(f"/claims/{claim.id}/edit", data=edit_form(claim.kind, version, "B's careful rewrite."))
    assert response.status_code == 409
    page = html.unescape(response.get_data(as_text=True))
    assert first.email in page  # who changed it
    assert "Saved first by A." in page  # the saved version
    assert "B's careful rewrite." in page  # the user's input, kept in the re-shown form
    assert f'value="{version + 1}"' in page  # resubmitting is deliberate: it carries the current version

    db.session.refresh(claim)
    assert claim.text == "Saved first by A." and claim.text != original
    assert len(claim_updates(claim.id)) == 1
    assert chain_ok()


def test_k_clients_posting_at_once_one_302_the_rest_409(app, make_user, claim):
    clients = []
    for _ in range(K):
        client = app.test_client()
        login(client, make_user("reviewer"))
        clients.append(client)
    claim_id, kind, version = claim.id, claim.kind, claim.version
    db.session.commit()
    barrier = threading.Barrier(K)
    statuses: dict[int, int] = {}

    def post(worker: int) -> None:
        barrier.wait()
        response = clients[worker].post(f"/claims/{claim_id}/edit",
                                        data=edit_form(kind, version, f"Web edit {worker}."))
        statuses[worker] = response.status_code

    run_threads(post, K)
    assert sorted(statuses.values()) == [302] + [409] * (K - 1)
    winner = next(w for w, s in statuses.items() if s == 302)
    db.session.refresh(claim)
    assert claim.text == f"Web edit {winner}."
    assert db.session.scalar(select(func.count()).select_from(Revision).where(
        Revision.entity_type == "claim", Revision.action == "update")) == 1
    assert chain_ok()


def test_k_verdicts_posted_at_once_on_a_proposed_claim_one_302_the_rest_409(app, make_user, claim):
    """A claim that already awaits approval: its status does not change, yet only one new verdict may win."""
    from workbench.review.models import Verdict
    from workbench.review.operations import add_verdict

    add_verdict(claim, (5, "True"), "The first verdict.", make_user("reviewer"), claim.version)
    clients = []
    for _ in range(K):
        client = app.test_client()
        login(client, make_user("reviewer"))
        clients.append(client)
    claim_id, version = claim.id, claim.version
    db.session.commit()
    barrier = threading.Barrier(K)
    statuses: dict[int, int] = {}

    def post(worker: int) -> None:
        barrier.wait()
        response = clients[worker].post(f"/claims/{claim_id}/reviews",
                                        data={"rating": 1, "rationale": f"Verdict {worker}.", "version": version})
        statuses[worker] = response.status_code

    run_threads(post, K)
    assert sorted(statuses.values()) == [302] + [409] * (K - 1)
    winner = next(w for w, s in statuses.items() if s == 302)
    states = [(r.state, r.rationale) for r in db.session.scalars(
        select(Verdict).where(Verdict.claim_id == claim_id).order_by(Verdict.id))]
    assert states == [("superseded", "The first verdict."), ("proposed", f"Verdict {winner}.")]
    assert chain_ok()
