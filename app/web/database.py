"""One SQLAlchemy session per request, on the engine built from DATABASE_URL.

Migrations run when the app starts (AUTO_UPGRADE), so a fresh machine needs no extra step;
gunicorn workers starting together are safe because Alembic's upgrade is idempotent and the
first DDL transaction wins on SQLite's file lock.
"""

from __future__ import annotations

from flask import Flask, current_app, g
from sqlalchemy.orm import Session, sessionmaker

from app.storage.db import make_engine, make_session_factory, upgrade


def init_app(app: Flask) -> None:
    engine = make_engine(app.config["DATABASE_URL"], schema=app.config.get("DATABASE_SCHEMA"))
    if app.config["AUTO_UPGRADE"]:
        upgrade(engine)
        # No pooled connection may survive into gunicorn's forked workers (--preload).
        engine.dispose()
    app.extensions["kehoach_engine"] = engine
    app.extensions["kehoach_sessions"] = make_session_factory(engine)
    app.teardown_appcontext(close_session)


def sessions() -> sessionmaker[Session]:
    factory: sessionmaker[Session] = current_app.extensions["kehoach_sessions"]
    return factory


def db() -> Session:
    """The request's session (created on first use)."""
    if "db_session" not in g:
        g.db_session = sessions()()
    session: Session = g.db_session
    return session


def close_session(_exc: BaseException | None = None) -> None:
    session = g.pop("db_session", None)
    if session is not None:
        session.close()
