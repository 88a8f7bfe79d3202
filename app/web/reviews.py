"""The review page: upload a draft, pick its parent (stored or uploaded), see which mandates
are missing or weaker, download the report as DOCX.

Uploads are kept in instance/reviews/<id>/ with the uploader's id, so the DOCX report can be
produced again from the same files and only by the same user.
"""

from __future__ import annotations

import json
import secrets
import shutil
import time
from pathlib import Path
from typing import Any

from flask import Blueprint, Response, abort, current_app, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.datastructures import FileStorage
from werkzeug.exceptions import BadRequest

from app.domain.errors import KehoachError
from app.domain.levels import DEFAULT_LEVELS
from app.domain.plan import Plan
from app.messages import both
from app.planfile.load import dump_plan_text
from app.services import plans_store as store
from app.web import documents
from app.web.database import db
from app.web.downloads import DOCX_TYPE, attachment
from app.web.errors import error_response
from app.web.plans import t_message
from app.web.review_names import chosen_levels, review_named, stored_plan_name
from app.web.security import login_required, user

bp = Blueprint("reviews", __name__, url_prefix="/reviews")
KEEP_SECONDS = 24 * 3600  # the DOCX report stays downloadable for a day
# A folder still marked unfinished after this long belongs to a worker killed mid-request
# (gunicorn's SIGKILL after its 30 s timeout): no request runs that long.
UNFINISHED_SECONDS = 600
UNFINISHED = ".unfinished"
DRAFT_TYPES = (".docx", ".pdf", ".txt", ".md", ".json", ".yaml", ".yml")


def _folder(review_id: str) -> Path:
    if not review_id.isalnum():
        abort(404)
    return Path(current_app.instance_path) / "reviews" / review_id


def _save_upload(upload: FileStorage, folder: Path, stem: str) -> Path:
    suffix = Path(upload.filename or "").suffix.lower()
    if suffix not in DRAFT_TYPES:
        raise BadRequest(f"{both('review_need_draft')}: {upload.filename}")
    path = folder / f"{stem}{suffix}"
    upload.save(path)
    return path


def unreadable_upload(exc: KehoachError, folder: Path, names: dict[str, str]) -> BadRequest:
    """The reader's message about a saved upload, naming the file as the user called it: the
    server's own paths (instance/reviews/<id>/draft.docx) mean nothing to them and leak the
    server's layout."""
    message = str(exc)
    for saved, original in names.items():
        message = message.replace(str(folder / saved), original)
    message = message.replace(str(folder) + "/", "")
    for saved, original in names.items():
        message = message.replace(saved, original)
    return BadRequest(message)


def _parent_file(folder: Path) -> Path:
    upload = request.files.get("parent_file")
    if upload and upload.filename:
        return _save_upload(upload, folder, "parent")
    parent_id = request.form.get("parent_id", "")
    if not parent_id.isdigit():
        raise BadRequest(both("review_need_parent"))
    _, parent = store.plan_at(db(), user(), int(parent_id))
    path = folder / "parent.yaml"
    path.write_text(dump_plan_text(parent), encoding="utf-8")
    return path


def _parent_upload_name() -> str | None:
    upload = request.files.get("parent_file")
    return upload.filename if upload and upload.filename else None


def run_review(folder: Path) -> tuple[Any, Plan, Plan]:
    """Read both saved files and review the draft against the parent, with the levels the
    user picked (kept in meta.json, so the report download is the same review)."""
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    read = documents.engine("app.services.documents").read_plan
    parent_path, draft_path = folder / meta["parent"], folder / meta["draft"]
    parent, child = read(parent_path), read(draft_path)
    docx = draft_path.read_bytes() if draft_path.suffix == ".docx" else None
    parent_name = meta.get("parent_filename") or stored_plan_name(parent)
    choice = documents.engine("app.services.review").level_choice(
        meta.get("parent_level"), meta.get("child_level"), [(parent, parent_path), (child, draft_path)]
    )
    review = review_named(parent, child, docx, meta.get("filename") or draft_path.name, parent_name, choice)
    return review, parent, child


def _prune(root: Path) -> None:
    """Forget uploads older than :data:`KEEP_SECONDS`: drafts are not archived here."""
    if not root.is_dir():
        return
    now = time.time()
    for folder in root.iterdir():
        if not folder.is_dir():
            continue
        age = now - folder.stat().st_mtime
        if age > KEEP_SECONDS or (age > UNFINISHED_SECONDS and (folder / UNFINISHED).exists()):
            shutil.rmtree(folder, ignore_errors=True)


@bp.get("/")
@login_required
def upload() -> str:
    parents = store.list_visible(db(), user())
    return render_template("reviews/upload.html", parents=parents, levels=DEFAULT_LEVELS.levels)


@bp.post("/")
@login_required
def create() -> tuple[str, int]:
    draft = request.files.get("draft")
    if draft is None or not draft.filename:
        raise BadRequest(both("review_need_draft"))
    parent_level, child_level = chosen_levels(request.form)
    _prune(Path(current_app.instance_path) / "reviews")
    review_id = secrets.token_hex(8)
    folder = _folder(review_id)
    folder.mkdir(parents=True)
    (folder / UNFINISHED).touch()
    try:
        draft_path = _save_upload(draft, folder, "draft")
        parent_path = _parent_file(folder)
        meta = {
            "user": user().id,
            "draft": draft_path.name,
            "parent": parent_path.name,
            "filename": draft.filename,
            "parent_filename": _parent_upload_name(),
            "parent_level": parent_level,
            "child_level": child_level,
        }
        (folder / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
        try:
            review, parent, child = run_review(folder)
            # the report download is served from this review, not from a second run
            formats = documents.engine("app.review.formats.json")
            (folder / "review.json").write_text(
                formats.dumps(formats.review_to_dict(review)), encoding="utf-8"
            )
        except KehoachError as exc:
            parent_upload = request.files.get("parent_file")
            names = {draft_path.name: draft.filename}
            if parent_upload and parent_upload.filename:
                names[parent_path.name] = parent_upload.filename
            raise unreadable_upload(exc, folder, names) from None
    except BaseException:  # also SystemExit: gunicorn's timeout aborts the worker with it
        shutil.rmtree(folder, ignore_errors=True)  # nothing half-written stays behind
        raise
    (folder / UNFINISHED).unlink()
    store.audit(db(), user(), "review", "upload", review_id, draft=draft.filename, parent=parent.id)
    return render_template(
        "reviews/result.html",
        review=review,
        parent=parent,
        child=child,
        review_id=review_id,
        internal_ids=internal_ids(parent, child),
        place_words=place_words,
    ), 200


@bp.get("/<review_id>/report.docx")
@login_required
def report_docx(review_id: str) -> Response:
    folder = _folder(review_id)
    meta_path = folder / "meta.json"
    if not meta_path.exists() or json.loads(meta_path.read_text(encoding="utf-8"))["user"] != user().id:
        abort(404)
    stored = folder / "review.json"
    if stored.exists():
        formats = documents.engine("app.review.formats.json")
        review = formats.review_from_dict(json.loads(stored.read_text(encoding="utf-8")))
    else:  # an upload saved before reviews were stored
        review, _, _ = run_review(folder)
    data = documents.engine("app.review.formats").render_review(review, "docx")
    store.audit(db(), user(), "download_review", "upload", review_id)
    return attachment(data, DOCX_TYPE, f"ra-soat-{review_id}.docx")


@bp.errorhandler(BadRequest)
@bp.errorhandler(KehoachError)
def form_error(exc: Exception) -> tuple[Response | str, int]:
    """A review that cannot run (no draft, a file type we do not read, no parent, levels
    that do not fit, an unreadable file) goes back to the form with the message and the
    user's choices kept, not to a bare 400 page. A plan one may not read stays a 404."""
    if isinstance(exc, store.PlanNotFoundError):
        return error_response(404, str(exc))
    if isinstance(exc, store.PlanForbiddenError):
        return error_response(403, str(exc))
    if isinstance(exc, CSRFError):
        return error_response(400, both("csrf_failed"))
    message = exc.description if isinstance(exc, BadRequest) else str(exc)
    parents = store.list_visible(db(), user())
    chosen = {name: request.form.get(name, "") for name in ("parent_id", "parent_level", "child_level")}
    page = render_template(
        "reviews/upload.html",
        parents=parents,
        levels=DEFAULT_LEVELS.levels,
        error=t_message(str(message)),
        chosen=chosen,
    )
    return page, 400


def place_words(where: str | None, internal_ids: set[str]) -> str:
    """Where a mandate sits, as an officer reads it: the plan's own ids of targets and tasks
    ("› t-tinh-cai-nghien-300") dropped, since the row shows the text itself, and a name
    repeated back to back (an agency and its duty list) said once."""
    parts: list[str] = []
    for part in (where or "").split(" › "):
        if part and part not in internal_ids and (not parts or parts[-1] != part):
            parts.append(part)
    return " › ".join(parts)


def internal_ids(*plans: Plan) -> set[str]:
    """The ids of the targets, tasks and assignments of ``plans`` (codes, not words)."""
    found: set[str] = set()
    for plan in plans:
        found.update(target.id for target in plan.targets())
        found.update(task.id for task in plan.tasks() if task.id)
        found.update(a.id for a in plan.assignments() if a.id)
    return found
