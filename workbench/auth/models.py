"""Users and their roles."""
from __future__ import annotations

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from workbench.core.models import UTCDateTime, enum_check, utc_now
from workbench.extensions import db

ROLES = ("reviewer", "editor", "admin")
# Each role can do everything the roles before it can.
ROLE_RANK = {role: rank for rank, role in enumerate(ROLES)}


class User(UserMixin, db.Model):
    __tablename__ = "users"
    __table_args__ = (enum_check("role", ROLES, "role"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), nullable=False, unique=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    password_hash: Mapped[str] = mapped_column(String(255), nullable=False)
    role: Mapped[str] = mapped_column(String(20), nullable=False, default="reviewer")
    is_active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utc_now)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    # Every session carries the generation it was made in; bumping it (logout, password change,
    # deactivation, role change, "log out everywhere") ends every session of this user at once.
    session_generation: Mapped[int] = mapped_column(Integer, nullable=False, default=0, server_default="0")

    __mapper_args__ = {"version_id_col": version}

    def has_role(self, role: str) -> bool:
        """True if this user's role is `role` or a higher one."""
        return ROLE_RANK[self.role] >= ROLE_RANK[role]

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email} {self.role}>"


LOCKOUT_SCOPES = ("account", "address")


class LoginLockout(db.Model):
    """A login throttle that tripped: too many wrong passwords for one account or from one address."""

    __tablename__ = "login_lockouts"
    __table_args__ = (enum_check("scope", LOCKOUT_SCOPES, "scope"),
                      Index("ix_login_lockouts_created_at", "created_at"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utc_now)
    scope: Mapped[str] = mapped_column(String(10), nullable=False)
    # The email as typed (normalised) for an account lockout, the client address for an address one.
    subject: Mapped[str] = mapped_column(String(254), nullable=False)
    until: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)

    def __repr__(self) -> str:
        return f"<LoginLockout {self.id} {self.scope} {self.subject}>"
