"""The login throttle: wrong passwords counted per account and per client address (the `limits` library).

The counters live in LOGIN_THROTTLE_STORAGE: "memory://" (the default) holds them in the server
process, which is right for `workbench serve` (one process, many threads); a deployment with
several worker processes or machines points every worker at one store, e.g. "redis://host:6379"
(install the `redis` package), so a guesser cannot spread attempts over workers.
"""
from __future__ import annotations

import math
import time
from dataclasses import dataclass

from flask import Flask, current_app, request
from limits import RateLimitItem, parse
from limits.storage import SCHEMES, storage_from_string
from limits.strategies import FixedWindowRateLimiter, MovingWindowRateLimiter, RateLimiter

EXTENSION_KEY = "workbench.login_throttle"


@dataclass(frozen=True, slots=True)
class Trip:
    """A counter that has just reached its limit: who is locked out, and for how many seconds."""

    scope: str  # "account" or "address"
    subject: str
    seconds: int


class LoginThrottle:
    """Failed logins per account (normalised email, known or not) and per client address."""

    def __init__(self, storage_uri: str, account_limit: str, address_limit: str) -> None:
        storage = storage_from_string(storage_uri)
        try:
            self._limiter: RateLimiter = MovingWindowRateLimiter(storage)
        except NotImplementedError:  # stores without a moving window (e.g. memcached) count fixed windows
            self._limiter = FixedWindowRateLimiter(storage)
        self._limits: dict[str, RateLimitItem] = {"account": parse(account_limit), "address": parse(address_limit)}

    def _subjects(self, email: str, address: str) -> dict[str, str]:
        return {"account": email, "address": address}

    def _seconds_left(self, scope: str, subject: str) -> int:
        reset = self._limiter.get_window_stats(self._limits[scope], scope, subject).reset_time
        return max(1, math.ceil(reset - time.time()))

    def retry_after(self, email: str, address: str) -> int | None:
        """Seconds until a login for `email` from `address` is accepted again, or None if it is now."""
        waits = [self._seconds_left(scope, subject) for scope, subject in self._subjects(email, address).items()
                 if not self._limiter.test(self._limits[scope], scope, subject)]
        return max(waits) if waits else None

    def failed(self, email: str, address: str) -> list[Trip]:
        """Count one wrong password; the counters this failure filled up (each a new lockout)."""
        trips = []
        for scope, subject in self._subjects(email, address).items():
            item = self._limits[scope]
            if self._limiter.hit(item, scope, subject) and not self._limiter.test(item, scope, subject):
                trips.append(Trip(scope, subject, self._seconds_left(scope, subject)))
        return trips

    def succeeded(self, email: str) -> None:
        """A good login clears the account's count (the address's stays: it may be guessing others)."""
        self._limiter.clear(self._limits["account"], "account", email)


def check_throttle_settings(app: Flask) -> None:
    """Refuse to start with a throttle setting that would only fail at the first login."""
    for name in ("LOGIN_THROTTLE_ACCOUNT", "LOGIN_THROTTLE_ADDRESS"):
        try:
            parse(app.config[name])
        except ValueError:
            raise RuntimeError(f"{name} must read like '10 per 15 minutes'; got {app.config[name]!r}") from None
    scheme = str(app.config["LOGIN_THROTTLE_STORAGE"]).partition("://")[0]
    if scheme not in SCHEMES or scheme.startswith("async+"):
        raise RuntimeError(f"LOGIN_THROTTLE_STORAGE must be a storage URI such as memory:// or redis://host:6379; "
                           f"got {app.config['LOGIN_THROTTLE_STORAGE']!r}")
    if int(app.config["TRUSTED_PROXIES"]) < 0:
        raise RuntimeError("TRUSTED_PROXIES must be 0 or more")


def login_throttle() -> LoginThrottle:
    """The app's throttle, made on first use (so apps that never see a login start no store)."""
    app: Flask = current_app
    throttle = app.extensions.get(EXTENSION_KEY)
    if throttle is None:
        throttle = app.extensions[EXTENSION_KEY] = LoginThrottle(
            app.config["LOGIN_THROTTLE_STORAGE"], app.config["LOGIN_THROTTLE_ACCOUNT"],
            app.config["LOGIN_THROTTLE_ADDRESS"])
    return throttle


def client_address() -> str:
    """The client's address: the socket's peer, or with TRUSTED_PROXIES = n the address the n-th proxy saw.

    X-Forwarded-For is only believed as far as our own proxies wrote it: a client can put anything
    at its start, so with n proxies the n-th entry from the end is the one a proxy of ours added.
    """
    trusted = int(current_app.config["TRUSTED_PROXIES"])
    forwarded = [part.strip() for part in request.headers.get("X-Forwarded-For", "").split(",") if part.strip()]
    if trusted > 0 and forwarded:
        return forwarded[-min(trusted, len(forwarded))][:64]
    return (request.remote_addr or "unknown")[:64]
