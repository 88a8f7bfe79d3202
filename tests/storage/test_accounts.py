from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from app.services import accounts
from app.storage import repository as repo
from tests.storage.builders import PASSWORD, build_world


def test_passwords_are_hashed_and_checked(session: Session) -> None:
    w = build_world(session)
    assert PASSWORD not in w.drafter_a.password_hash
    assert accounts.authenticate(session, "drafter_a", PASSWORD) is not None
    assert accounts.authenticate(session, "drafter_a", "sai-mat-khau") is None
    assert accounts.authenticate(session, "nobody", PASSWORD) is None


def test_api_tokens_are_stored_hashed(session: Session) -> None:
    w = build_world(session)
    token = accounts.issue_token(session, w.drafter_a)
    assert w.drafter_a.token_hash != token
    found = accounts.user_for_token(session, token)
    assert found is not None
    assert found.username == "drafter_a"
    assert accounts.user_for_token(session, token + "x") is None


def test_agency_tree_rejects_unknown_levels_and_upside_down_children(session: Session) -> None:
    w = build_world(session)
    with pytest.raises(accounts.AccountError):
        accounts.add_agency(session, "X", "village")
    with pytest.raises(accounts.AccountError):
        accounts.add_agency(session, "Y", "province", w.commune_a)
    assert repo.subtree_ids(session, w.district.id) == {w.district.id, w.commune_a.id, w.commune_b.id}
    assert repo.ancestor_ids(session, w.commune_a.id) == [w.district.id, w.province.id]


def test_bad_roles_and_taken_names_are_refused(session: Session) -> None:
    w = build_world(session)
    with pytest.raises(accounts.AccountError):
        accounts.add_user(session, "new", PASSWORD, w.commune_a, "king")
    with pytest.raises(accounts.AccountError):
        accounts.add_user(session, "drafter_a", PASSWORD, w.commune_a, "drafter")
