"""Configuration classes for the workbench.

Every setting can be overridden by an environment variable of the same name prefixed with
``WORKBENCH_`` (``WORKBENCH_DATABASE_URL``, ``WORKBENCH_SECRET_KEY``, ``WORKBENCH_MAX_UPLOAD_MB`` ...).
Values are parsed to the type of the class default.
"""
from __future__ import annotations

import json
import os
import warnings

DEV_SECRET_KEY = "dev-only-secret-key-do-not-use-in-production"
ENV_PREFIX = "WORKBENCH_"
# Environment variables with the prefix that are not app settings.
NOT_SETTINGS = {"WORKBENCH_ENV", "WORKBENCH_TEST_DATABASE_URL", "WORKBENCH_E2E_REQUIRED", "WORKBENCH_REDIS_REQUIRED"}

# ClaimReview-compatible default scale: (value, label), worst to best.
DEFAULT_RATING_SCALE = [
    [1, "False"],
    [2, "Mostly false"],
    [3, "Mixed"],
    [4, "Mostly true"],
    [5, "True"],
]
# Ratings desks use that are not a point on the true/false scale: offered with the scale, exported
# to ClaimReview by name only (alternateName, no ratingValue), so bestRating/worstRating stay 5/1.
DEFAULT_EXTRA_RATINGS = [
    [11, "Misleading"],
    [12, "Missing context"],
    [13, "Unverifiable"],
]


class Config:
    """Settings shared by every environment."""

    SECRET_KEY = DEV_SECRET_KEY
    DATABASE_URL = ""  # empty: a SQLite file in the instance folder
    MAX_UPLOAD_MB = 5
    RATING_SCALE = DEFAULT_RATING_SCALE
    EXTRA_RATINGS = DEFAULT_EXTRA_RATINGS
    CLAIM_THRESHOLD = 0.3  # the engine's default (claims.detect.DEFAULT_THRESHOLD), chosen on real news
    PAGE_SIZE = 50
    # The whole desk's verdict and weekly-work charts are recounted at most this often (seconds);
    # 0 counts them on every view. The page says when they were counted.
    DASHBOARD_MAX_AGE_SECONDS = 60
    # The ClaimReview export's author, and the public page of each fact check ("" when there is
    # none; else an http(s) URL with {claim_id}, e.g. https://desk.example.org/checks/{claim_id}).
    PUBLISHER_NAME = "Claim workbench"
    PUBLISHER_URL = ""
    CLAIMREVIEW_URL = ""
    # WeasyPrint lays out about 35 claims a second (bench/export_speed.py): beyond this many
    # claims a PDF download would tie up a server thread for minutes. The CLI has no limit.
    PDF_MAX_CLAIMS = 1000
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_HTTPONLY = True
    WTF_CSRF_ENABLED = True
    WTF_CSRF_TIME_LIMIT = None  # a long review session must not lose its form to a token timeout
    SQLALCHEMY_TRACK_MODIFICATIONS = False
    SQLITE_BUSY_TIMEOUT_MS = 15000
    # `workbench serve` (Waitress): open connections at most, and seconds an idle connection is
    # kept (checked every SERVE_CLEANUP_INTERVAL seconds). See docs/deployment.md.
    SERVE_CONNECTION_LIMIT = 250
    SERVE_CHANNEL_TIMEOUT = 20
    SERVE_CLEANUP_INTERVAL = 5
    # Argon2id parameters (argon2.profiles): RFC_9106_HIGH_MEMORY, RFC_9106_LOW_MEMORY or CHEAPEST.
    PASSWORD_HASH_PROFILE = "RFC_9106_LOW_MEMORY"
    # Wrong passwords allowed per account and per client address (the `limits` library's syntax);
    # beyond them a login is answered 429 with Retry-After, and the lockout is recorded.
    LOGIN_THROTTLE_ACCOUNT = "10 per 15 minutes"
    LOGIN_THROTTLE_ADDRESS = "30 per 15 minutes"
    # Where the counters live: memory:// suits `workbench serve` (one process); several workers
    # share one store, e.g. redis://host:6379 (needs the redis package).
    LOGIN_THROTTLE_STORAGE = "memory://"
    # How many reverse proxies of ours stand in front of the app and append to X-Forwarded-For
    # (0: the socket's peer is the client). Decides the address the throttle counts.
    TRUSTED_PROXIES = 0
    # Strict-Transport-Security max-age in seconds; 0 sends none (development serves plain HTTP).
    HSTS_SECONDS = 0
    # Background jobs (workbench/jobs): empty JOBS_URL keeps the queue in a SQLite file
    # (JOBS_SQLITE_PATH, default instance/workbench-jobs.sqlite); redis://host:6379/0 shares one
    # queue between worker processes on many machines. JOBS_IMMEDIATE runs a job inside the call
    # that starts it (tests). A running job whose worker has not reported for JOBS_STALE_SECONDS
    # is taken as crashed when a worker starts.
    JOBS_URL = ""
    JOBS_SQLITE_PATH = ""
    JOBS_IMMEDIATE = False
    JOBS_STALE_SECONDS = 600
    JOBS_FILES_DIR = ""  # files jobs produce (exports); empty: instance/job-files
    TESTING = False
    IS_PRODUCTION = False


class DevelopmentConfig(Config):
    """Local development: the embedded SQLite database and the development secret."""


class ProductionConfig(Config):
    """Team deployment: refuses to start with the development secret."""

    IS_PRODUCTION = True
    # A team deployment is served over HTTPS (docs/deployment.md): cookies go over HTTPS only and
    # browsers are told to keep to HTTPS for a year. A trial on plain HTTP (other than localhost)
    # sets WORKBENCH_SESSION_COOKIE_SECURE=false and WORKBENCH_HSTS_SECONDS=0.
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    HSTS_SECONDS = 31536000


class TestConfig(Config):
    """Tests: CSRF is switched off only here, and only where a test asks for it."""

    TESTING = True
    SECRET_KEY = "test-secret-key"
    WTF_CSRF_ENABLED = False
    # The suite hashes a password for every user it makes: strong parameters would dominate its time.
    PASSWORD_HASH_PROFILE = "CHEAPEST"
    # App tests must not depend on the engine's judgement: every sentence is stored as a claim, so
    # improving the check-worthiness score never changes what an app test sees.
    CLAIM_THRESHOLD = 0.0
    DASHBOARD_MAX_AGE_SECONDS = 0  # a test sees its own changes at once
    JOBS_IMMEDIATE = True


CONFIGS = {
    "development": DevelopmentConfig,
    "production": ProductionConfig,
    "test": TestConfig,
}


def _parse(raw: str, default: object) -> object:
    if isinstance(default, bool):
        if raw.lower() in {"1", "true", "yes", "on"}:
            return True
        if raw.lower() in {"0", "false", "no", "off"}:
            return False
        raise ValueError(f"expected true or false, got {raw!r}")
    if isinstance(default, int) and not isinstance(default, bool):
        return int(raw)
    if isinstance(default, float):
        return float(raw)
    if isinstance(default, list | dict):
        return json.loads(raw)
    return raw


def settings_from(config_class: type[Config], environ: dict[str, str] | None = None) -> dict[str, object]:
    """The settings of `config_class` with WORKBENCH_* environment overrides applied."""
    environ = os.environ if environ is None else environ
    settings = {key: getattr(config_class, key) for key in dir(config_class) if key.isupper()}
    for name, raw in environ.items():
        if not name.startswith(ENV_PREFIX) or name in NOT_SETTINGS:
            continue
        key = name[len(ENV_PREFIX):]
        if key not in settings:
            warnings.warn(f"unknown setting {name} ignored", stacklevel=2)
            continue
        try:
            settings[key] = _parse(raw, settings[key])
        except ValueError as exc:
            raise SystemExit(f"{name}: {exc}") from None
    return settings


def config_class_for(name: str | None = None) -> type[Config]:
    """The configuration class named by `name` or WORKBENCH_ENV (development by default)."""
    name = name or os.environ.get("WORKBENCH_ENV", "development")
    try:
        return CONFIGS[name]
    except KeyError:
        raise SystemExit(f"WORKBENCH_ENV must be one of {', '.join(CONFIGS)}; got {name!r}") from None
