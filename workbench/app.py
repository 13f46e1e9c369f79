"""The application factory: a fixed list of register_* calls."""
from __future__ import annotations

from pathlib import Path

from flask import Flask

from workbench import all_models  # noqa: F401  (every table in the metadata, for Alembic)
from workbench.articles.blueprint import bp as articles_bp
from workbench.audit.blueprint import bp as audit_bp
from workbench.auth.blueprint import bp as auth_bp
from workbench.auth.passwords import PROFILES as PASSWORD_PROFILES
from workbench.auth.sessions import load_session_user
from workbench.auth.throttle import check_throttle_settings
from workbench.commands import register_commands
from workbench.core.database import configure_sqlite, database_url
from workbench.core.errors import register_error_handlers
from workbench.core.headers import register_security_headers
from workbench.core.routing import RowIdConverter
from workbench.core.templating import register_template_helpers
from workbench.core.validation import register_input_guard
from workbench.desk.blueprint import bp as desk_bp
from workbench.exports.blueprint import bp as exports_bp
from workbench.extensions import csrf, db, login_manager, migrate
from workbench.flags.blueprint import bp as flags_bp
from workbench.help.blueprint import bp as help_bp
from workbench.jobs.blueprint import bp as jobs_bp
from workbench.jobs.tasks import init_jobs
from workbench.review.blueprint import bp as review_bp
from workbench.review.templating import register_review_template_helpers
from workbench.settings import config as config_module
from workbench.stories.blueprint import bp as stories_bp

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def create_app(config: str | type | None = None, **overrides) -> Flask:
    """Build the app from a config name or class plus keyword overrides."""
    app = Flask(
        __name__,
        instance_path=str(PROJECT_ROOT / "instance"),
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
    )
    config_class = config if isinstance(config, type) else config_module.config_class_for(config)
    app.config.from_mapping(config_module.settings_from(config_class))
    app.config.update(overrides)
    check_production_secret(app)
    check_password_profile(app)
    check_throttle_settings(app)
    app.config["SQLALCHEMY_DATABASE_URI"] = database_url(app.config["DATABASE_URL"], app.instance_path)
    app.config["MAX_CONTENT_LENGTH"] = int(app.config["MAX_UPLOAD_MB"]) * 1024 * 1024 + 64 * 1024

    register_extensions(app)
    app.url_map.converters["int"] = RowIdConverter
    register_blueprints(app)
    init_jobs(app)
    register_error_handlers(app)
    register_input_guard(app)
    register_security_headers(app)
    register_template_helpers(app)
    register_review_template_helpers(app)
    register_commands(app.cli)
    return app


def check_production_secret(app: Flask) -> None:
    if app.config["IS_PRODUCTION"] and app.config["SECRET_KEY"] in {config_module.DEV_SECRET_KEY, ""}:
        raise RuntimeError(
            "Production refuses to start with the development secret: set WORKBENCH_SECRET_KEY."
        )


def check_password_profile(app: Flask) -> None:
    # The cheapest Argon2 parameters exist for the test suite; a real deployment must not use them.
    if app.config["PASSWORD_HASH_PROFILE"] not in PASSWORD_PROFILES:
        raise RuntimeError(f"PASSWORD_HASH_PROFILE must be one of {', '.join(PASSWORD_PROFILES)}.")
    if app.config["IS_PRODUCTION"] and app.config["PASSWORD_HASH_PROFILE"] == "CHEAPEST":
        raise RuntimeError("Production refuses PASSWORD_HASH_PROFILE=CHEAPEST: it is for tests only.")


def register_extensions(app: Flask) -> None:
    db.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"), render_as_batch=True, compare_type=True)
    csrf.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Please log in to see this page."
    with app.app_context():
        configure_sqlite(db.engine, app.config["SQLITE_BUSY_TIMEOUT_MS"])

    @login_manager.user_loader
    def load_user(user_id: str):
        return load_session_user(user_id)


def register_blueprints(app: Flask) -> None:
    app.register_blueprint(auth_bp)
    app.register_blueprint(articles_bp)
    app.register_blueprint(review_bp)
    app.register_blueprint(stories_bp)
    app.register_blueprint(flags_bp)
    app.register_blueprint(audit_bp)
    app.register_blueprint(exports_bp)
    app.register_blueprint(help_bp)
    app.register_blueprint(desk_bp)
    app.register_blueprint(jobs_bp)
