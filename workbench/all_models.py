"""Every model, imported once so the metadata (and Alembic) sees all tables."""
from workbench.articles.models import Article, ArticleKey
from workbench.auth.models import LoginLockout, User
from workbench.core.counts import FlagCount, SummaryCount
from workbench.desk.models import Comment, Mention
from workbench.flags.models import Flag, FlagMember
from workbench.history.models import ChainHead, Revision
from workbench.jobs.models import Job, JobError, JobInput
from workbench.review.models import Claim, ClaimValue, Verdict
from workbench.sources.models import Evidence, Source

__all__ = [
    "Article", "ArticleKey", "ChainHead", "Claim", "ClaimValue", "Comment", "Evidence", "Flag", "FlagCount",
    "FlagMember", "Job", "JobError", "JobInput", "LoginLockout", "Mention", "Revision", "Source",
    "SummaryCount", "User", "Verdict",
]
