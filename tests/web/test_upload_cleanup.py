"""Every upload's folder goes away on any exit: a refusal, an error, an exception, and the
SystemExit gunicorn's timeout raises in a worker it aborts; a folder left by a worker killed
outright (SIGKILL) is swept by the next upload once no request can still be using it."""

from __future__ import annotations

import io
import os
import random
import tempfile
import time
import zipfile
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app.services import accounts
from app.storage.tables import User
from app.web import reviews
from app.web.database import sessions
from tests.storage.builders import World
from tests.web.conftest import login
from tests.web.test_hostile_uploads import parent_id, zip_bomb

__all__ = ["parent_id"]  # the fixture, shared with the other hostile-upload tests


def huge_comment_docx() -> bytes:
    """A 0.2 MB DOCX whose document.xml holds one 1.5 MB comment of random a's and b's (it
    deflates about 8:1, under the ratio limit): the kind of file that used to cost minutes.
    Kept under werkzeug's 500 KB in-memory upload size so the test client spools nothing."""
    letters = random.Random(11).choices(b"ab", k=3 * 512 * 1024)
    xml = (
        b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body><!--" + bytes(letters) + b"--><w:p><w:r><w:t>x</w:t></w:r></w:p></w:body></w:document>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", xml)
    return out.getvalue()


HOSTILE = [
    ("chu-thich.docx", huge_comment_docx, "dài hơn 1 MB"),
    ("bom.docx", zip_bomb, "bom nén"),
    ("rong.docx", lambda: b"", "rỗng"),
    ("hong.yaml", lambda: b"a: [1, 2\n", "YAML"),
]


def _post(client: FlaskClient, token: str, name: str, data: bytes, parent: int) -> tuple[int, str]:
    response = client.post(
        "/reviews/",
        data={"draft": (io.BytesIO(data), name), "parent_id": str(parent), "csrf_token": token},
        content_type="multipart/form-data",
    )
    return response.status_code, response.get_data(as_text=True)


def _left(app: Flask) -> list[str]:
    root = Path(app.instance_path) / "reviews"
    return sorted(p.name for p in root.iterdir()) if root.exists() else []


def test_hostile_uploads_leave_the_upload_root_empty(app: Flask, client: FlaskClient, parent_id: int) -> None:
    token = login(client, "district_drafter")
    for name, make, expected in HOSTILE:
        status, page = _post(client, token, name, make(), parent_id)
        assert status == 400, (name, page[-500:])
        assert expected in page, name
        assert name in page
    assert _left(app) == []


def test_a_worker_aborted_mid_review_leaves_no_folder(
    app: Flask, client: FlaskClient, parent_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """gunicorn's timeout sends SIGABRT; the sync worker's handler raises SystemExit inside
    the request, which ``except Exception`` let through with the folder left behind."""
    token = login(client, "district_drafter")

    def aborted(folder: Path) -> None:
        raise SystemExit(1)

    monkeypatch.setattr(reviews, "run_review", aborted)
    with pytest.raises(SystemExit):
        _post(client, token, "du-thao.txt", "KẾ HOẠCH\nThực hiện".encode(), parent_id)
    assert _left(app) == []


def test_a_folder_left_by_a_killed_worker_is_swept_by_the_next_upload(
    app: Flask, client: FlaskClient, parent_id: int
) -> None:
    root = Path(app.instance_path) / "reviews"
    killed, finished, recent = root / "aaaa1111", root / "bbbb2222", root / "cccc3333"
    for folder in (killed, finished, recent):
        folder.mkdir(parents=True)
        (folder / "meta.json").write_text("{}", encoding="utf-8")
    (killed / reviews.UNFINISHED).touch()
    (recent / reviews.UNFINISHED).touch()  # a request may still be working in it
    old = time.time() - reviews.UNFINISHED_SECONDS - 60
    for folder in (killed, finished):
        os.utime(folder, (old, old))
    token = login(client, "district_drafter")
    _post(client, token, "rong.docx", b"", parent_id)
    assert _left(app) == ["bbbb2222", "cccc3333"]


def test_api_review_of_hostile_uploads_leaves_no_temporary_folder(
    app: Flask,
    client: FlaskClient,
    world: World,
    parent_id: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    temp_root = tmp_path / "tmp"
    temp_root.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp_root))
    with app.app_context(), sessions()() as session:
        drafter = session.get(User, world.district_drafter.id)
        assert drafter is not None
        token = accounts.issue_token(session, drafter)
        session.commit()
    for name, make, expected in HOSTILE:
        response = client.post(
            f"/api/plans/{parent_id}/review",
            data={"draft": (io.BytesIO(make()), name)},
            headers={"Authorization": f"Bearer {token}"},
            content_type="multipart/form-data",
        )
        body = response.get_json()
        assert response.status_code == 400, body
        assert expected in body["message"], name
    assert list(temp_root.iterdir()) == []
