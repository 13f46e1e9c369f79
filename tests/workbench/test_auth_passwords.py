"""Argon2 parameters: strong in production, the cheapest profile only in tests."""
from __future__ import annotations

import pytest
from argon2 import extract_parameters, profiles

from tests.conftest import PASSWORD, login
from workbench.app import create_app
from workbench.auth.passwords import check_password, hash_password
from workbench.extensions import db


def test_tests_hash_with_the_cheapest_profile(app):
    assert extract_parameters(hash_password("x" * 12)).memory_cost == profiles.CHEAPEST.memory_cost


def test_production_hashes_with_rfc_9106_parameters(database_url):
    app = create_app("production", DATABASE_URL=database_url, SECRET_KEY="s" * 40)
    with app.app_context():
        stored = hash_password("x" * 12)
        assert extract_parameters(stored).memory_cost == profiles.RFC_9106_LOW_MEMORY.memory_cost
        assert check_password(stored, "x" * 12)
        db.engine.dispose()


def test_a_hash_of_another_profile_still_verifies(app):
    stored = hash_password("old password 1")
    app.config["PASSWORD_HASH_PROFILE"] = "RFC_9106_LOW_MEMORY"
    assert check_password(stored, "old password 1")


def test_production_refuses_the_cheapest_profile(database_url):
    with pytest.raises(RuntimeError, match="CHEAPEST"):
        create_app("production", DATABASE_URL=database_url, SECRET_KEY="s" * 40, PASSWORD_HASH_PROFILE="CHEAPEST")


def test_an_unknown_profile_is_refused(database_url):
    with pytest.raises(RuntimeError, match="PASSWORD_HASH_PROFILE"):
        create_app("test", DATABASE_URL=database_url, PASSWORD_HASH_PROFILE="FAST")


def test_a_login_upgrades_a_hash_of_other_parameters_without_touching_the_version(app, client, make_user):
    user = make_user("reviewer")
    app.config["PASSWORD_HASH_PROFILE"] = "RFC_9106_LOW_MEMORY"
    user.password_hash = hash_password(PASSWORD)
    db.session.commit()
    version = user.version
    app.config["PASSWORD_HASH_PROFILE"] = "CHEAPEST"
    assert login(client, user).status_code == 302
    db.session.refresh(user)
    assert extract_parameters(user.password_hash).memory_cost == profiles.CHEAPEST.memory_cost
    assert user.version == version
    assert login(client.application.test_client(), user).status_code == 302
