"""What makes an acceptable email address and password: one place for the web forms and the CLI."""
from __future__ import annotations

from email_validator import EmailNotValidError, validate_email
from zxcvbn import zxcvbn

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 500
# zxcvbn's score runs 0..4; 3 is "safely unguessable: moderate protection from an offline attack".
MIN_PASSWORD_SCORE = 3
# zxcvbn's matching cost grows fast with length; a long password is judged by its first 72 characters.
SCORED_LENGTH = 72
PASSWORD_RULE = (f"At least {MIN_PASSWORD_LENGTH} characters, not only spaces, and hard to guess: "
                 "common passwords and ones made from your email address or name are refused. "
                 "A few unrelated words make a good password.")
# Words every account here shares: a password made of them is easier to guess for an insider.
SITE_WORDS = ("workbench", "claim", "claims", "factcheck", "fact-check", "review", "reviewer", "editor", "admin")


class PolicyError(ValueError):
    """An email address or password that the policy refuses; the message says why."""


def checked_email(email: str) -> str:
    """The normalised (lower-case) form of `email`, or PolicyError saying what is wrong with it."""
    # Leading and trailing spaces are a typing slip; any other space or control character is refused.
    email = email.strip(" ")
    try:
        return validate_email(email, check_deliverability=False).normalized.lower()
    except EmailNotValidError as error:
        raise PolicyError(f"not a valid email address: {error}") from None


def check_password_policy(password: str, *, email: str = "", name: str = "") -> None:
    """Refuse a short, whitespace-only, common or context-derived password (PolicyError says why)."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise PolicyError(f"the password must be at least {MIN_PASSWORD_LENGTH} characters")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise PolicyError(f"the password must be at most {MAX_PASSWORD_LENGTH} characters")
    if not password.strip():
        raise PolicyError("the password must not be only spaces")
    local, _, domain = email.lower().partition("@")
    context = [word for word in (email.lower(), local, *domain.split("."), *name.lower().split(), *SITE_WORDS) if word]
    scored = password[:SCORED_LENGTH]
    lowered = password.lower()
    if (email and email.lower() in lowered) or (len(local) >= 4 and local in lowered):
        raise PolicyError("the password must not contain your email address")
    result = zxcvbn(scored, user_inputs=context, max_length=SCORED_LENGTH)
    if result["score"] < MIN_PASSWORD_SCORE:
        hint = result["feedback"].get("warning") or "it is too easy to guess"
        raise PolicyError(f"the password is too easy to guess ({hint.rstrip('.')}); "
                          "a few unrelated words make a good password")
