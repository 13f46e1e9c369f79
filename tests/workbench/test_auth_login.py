"""Logging in: where it sends the user after, throttling of guesses, timing, revocable sessions."""
from __future__ import annotations

import pytest

from tests.conftest import PASSWORD


@pytest.mark.parametrize("target", ["/claims/1%0d%0aSet-Cookie:%20x=1", "/a%0ab", "/a%09b", "/%5c%5cevil.example",
                                    "//evil.example", "https://evil.example/", "/a%00b"])
def test_login_next_never_leaves_the_site_nor_breaks_the_redirect(client, make_user, target):
    user = make_user("reviewer")
    response = client.post(f"/login?next={target}", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_login_next_keeps_a_plain_path(client, make_user):
    user = make_user("reviewer")
    response = client.post("/login?next=/claims/1%3Fx%3D2", data={"email": user.email, "password": PASSWORD})
    assert response.headers["Location"] == "/claims/1?x=2"
