"""Users and their roles."""
from __future__ import annotations

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, Integer, String
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

    __mapper_args__ = {"version_id_col": version}

    def has_role(self, role: str) -> bool:
        """True if this user's role is `role` or a higher one."""
        return ROLE_RANK[self.role] >= ROLE_RANK[role]

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email} {self.role}>"
