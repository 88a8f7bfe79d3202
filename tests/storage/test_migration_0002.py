"""Migration 0002 (accounts): an existing database keeps its accounts and log, and gains what
the new columns need: a token issued before it expires from the upgrade, old log entries are
filed under the agency of their user and plan, and a failed sign-in under the named account's."""

from __future__ import annotations

from sqlalchemy import Engine, inspect, text

from app.storage.db import downgrade, upgrade


def test_upgrading_an_older_database_fills_the_new_columns(engine: Engine) -> None:
    downgrade(engine, "0001")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO agencies (id, name, abbreviation, place, level) VALUES (1, 'A', 'UBND', '', 'province')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO agencies (id, name, abbreviation, place, level, parent_id) VALUES (2, 'B', 'UBND', '', 'commune', 1)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO users (id, username, full_name, agency_id, role, password_hash, token_hash, created_at)"
                " VALUES (1, 'u', '', 2, 'drafter', 'x', 'abc', CURRENT_TIMESTAMP)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO audit_log (id, at, user_id, username, action, object_type, object_id, details) VALUES"
                " (1, CURRENT_TIMESTAMP, 1, 'u', 'login', 'user', '1', '{}'),"
                " (2, CURRENT_TIMESTAMP, NULL, '', 'login_failed', 'user', 'u', '{}'),"
                " (3, CURRENT_TIMESTAMP, NULL, '', 'login_failed', 'user', 'ai-do', '{}')"
            )
        )
    upgrade(engine)
    with engine.connect() as conn:
        user = conn.execute(text("SELECT disabled, session_version, token_issued_at FROM users")).one()
        assert (bool(user[0]), user[1]) == (False, 0)
        assert user[2] is not None
        rows = conn.execute(text("SELECT id, agency_id, object_agency_id FROM audit_log ORDER BY id")).all()
        assert [tuple(r) for r in rows] == [(1, 2, None), (2, None, 2), (3, None, None)]
    assert "login_failures" in inspect(engine).get_table_names()
    downgrade(engine, "0001")
    assert "login_failures" not in inspect(engine).get_table_names()
    assert "disabled" not in {c["name"] for c in inspect(engine).get_columns("users")}
