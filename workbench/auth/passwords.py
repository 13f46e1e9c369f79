"""Password hashing with Argon2id, with parameters chosen by the PASSWORD_HASH_PROFILE setting."""
from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app, has_app_context

# RFC 9106's second recommendation (64 MiB, 3 passes): strong, and affordable on a small server.
DEFAULT_PROFILE = "RFC_9106_LOW_MEMORY"
PROFILES = ("RFC_9106_HIGH_MEMORY", "RFC_9106_LOW_MEMORY", "CHEAPEST")


def profile_name() -> str:
    """The configured profile: tests use CHEAPEST, since hashing otherwise dominates their time."""
    name = current_app.config.get("PASSWORD_HASH_PROFILE", DEFAULT_PROFILE) if has_app_context() else DEFAULT_PROFILE
    if name not in PROFILES:
        raise RuntimeError(f"PASSWORD_HASH_PROFILE must be one of {', '.join(PROFILES)}; got {name!r}")
    return name


@cache
def _hasher(name: str) -> PasswordHasher:
    return PasswordHasher.from_parameters(getattr(profiles, name))


@cache
def _dummy_hash(name: str) -> str:
    return _hasher(name).hash("no user has this password; it only makes a miss cost as much as a hit")


def hash_password(password: str) -> str:
    """An Argon2id hash of `password` with the configured profile."""
    return _hasher(profile_name()).hash(password)


def check_password(password_hash: str, password: str) -> bool:
    """True if `password` matches `password_hash` (a hash of any profile)."""
    try:
        return _hasher(profile_name()).verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def check_dummy(password: str) -> None:
    """Spend the time of one real verification, for an email that matches no active user.

    Without it a login for an unknown email answers in milliseconds and one for a known email in
    the time of a hash, which tells a guesser which addresses have accounts.
    """
    check_password(_dummy_hash(profile_name()), password)


def needs_rehash(password_hash: str) -> bool:
    """True if the hash was made with other parameters than the configured profile's."""
    try:
        return _hasher(profile_name()).check_needs_rehash(password_hash)
    except InvalidHashError:
        return True
