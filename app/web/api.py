# flask-smorest ships no type hints: its decorators would make every view "untyped".
# mypy: disable-error-code="untyped-decorator"
"""REST API under /api/ (flask-smorest): plans, versions, diff, render, review, coverage.

Plan documents use the same marshmallow schema as plan files (PlanSchema). Scripts
authenticate with ``Authorization: Bearer <token>`` (tokens from /auth/token, stored hashed);
browsers may use their session, with CSRF. A save names the version it was based on; a stale
one gets 409 with the diff of the other's changes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import tempfile
from pathlib import Path
from typing import Any

import swagger_ui_bundle
from flask import Flask, Response, jsonify, make_response, request, send_from_directory, url_for
from flask_login import current_user
from flask_smorest import Api, Blueprint
from marshmallow import Schema, fields
from werkzeug.exceptions import HTTPException

from app.domain.errors import KehoachError
from app.domain.levels import DEFAULT_LEVELS
from app.messages import both, t
from app.planfile.load import PlanFileError, plan_from_data
from app.planfile.schemas import PlanSchema
from app.review.assumptions import level_choices
from app.services import plans_store as store
from app.services.batch_jobs import JobStatus
from app.storage.tables import PlanRecord
from app.web import batches, documents
from app.web.coverage import family_board, require_lower_level
from app.web.database import db
from app.web.downloads import DOCX_TYPE, attachment
from app.web.review_names import chosen_levels, review_named, stored_plan_name
from app.web.reviews import DRAFT_TYPES, unreadable_upload
from app.web.security import user

bp = Blueprint(
    "api", __name__, url_prefix="/api", description="Kế hoạch: lưu trữ, phiên bản, tạo DOCX, rà soát"
)
SWAGGER_DIR = Path(swagger_ui_bundle.swagger_ui_path)


class PlanSummarySchema(Schema):
    id = fields.Int()
    key = fields.Str()
    number = fields.Int(allow_none=True)
    symbol = fields.Str()
    subject = fields.Str()
    issuer_name = fields.Str()
    level = fields.Str()
    year = fields.Int(allow_none=True)
    status = fields.Str()
    current_version = fields.Int()
    parent_id = fields.Int(allow_none=True)


class PlanDocument(fields.Nested):
    """A plan as PlanSchema documents it; a stored document (already the dumped form) is
    passed through untouched instead of being loaded and dumped again."""

    # marshmallow names this argument "value" in Field and "nested_obj" in Nested.
    def _serialize(self, nested_obj: Any, attr: Any, obj: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        if isinstance(nested_obj, dict):
            return nested_obj
        return super()._serialize(nested_obj, attr, obj, **kwargs)  # type: ignore[no-untyped-call]


class PlanEnvelopeSchema(Schema):
    id = fields.Int()
    version = fields.Int()
    status = fields.Str()
    parent_id = fields.Int(allow_none=True)
    document = PlanDocument(PlanSchema)


class SaveBodySchema(Schema):
    document = fields.Nested(PlanSchema, required=True)
    base_version = fields.Int(metadata={"description": "Phiên bản đã mở để sửa (bắt buộc khi cập nhật)"})
    status = fields.Str(metadata={"enum": list(store.STATUSES)})
    parent_id = fields.Int(allow_none=True)


class ListArgsSchema(Schema):
    year = fields.Int()
    status = fields.Str()
    level = fields.Str()


class VersionSchema(Schema):
    version = fields.Int()
    note = fields.Str()
    created_at = fields.AwareDateTime(default_timezone=dt.UTC)
    author = fields.Function(lambda v: v.author.username if v.author else None)


def _unprocessable(exc: PlanFileError) -> HTTPException:
    response = make_response(
        jsonify({"code": 422, "message": both("plan_invalid"), "errors": exc.errors}), 422
    )
    return HTTPException(response=response)


def _body() -> dict[str, Any]:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise HTTPException(
            response=make_response(jsonify({"code": 400, "message": both("bad_json_body")}), 400)
        )
    return body


def _plan_from(body: dict[str, Any]) -> Any:
    try:
        return plan_from_data(body.get("document"), "document")
    except PlanFileError as exc:
        raise _unprocessable(exc) from None


def _envelope(record: PlanRecord, plan: Any, version: int | None = None) -> dict[str, Any]:
    return {
        "id": record.id,
        "version": version or record.current_version,
        "status": record.status,
        "parent_id": record.parent_id,
        "document": plan,
    }


@bp.before_request
def require_user() -> Response | None:
    if request.endpoint in ("api.docs_asset",):
        return None
    if not current_user.is_authenticated:
        return make_response(jsonify({"code": 401, "message": both("error_401")}), 401)
    return None


@bp.route("/plans", methods=["GET"])
@bp.arguments(ListArgsSchema, location="query")
@bp.response(200, PlanSummarySchema(many=True))
def list_plans(args: dict[str, Any]) -> list[PlanRecord]:
    """Các kế hoạch tôi được xem (lọc theo năm, trạng thái, cấp)."""
    return store.list_visible(db(), user(), args)


@bp.route("/plans", methods=["POST"])
@bp.doc(requestBody={"content": {"application/json": {"schema": "SaveBody"}}})
@bp.response(201, PlanEnvelopeSchema)
def create_plan() -> dict[str, Any]:
    """Tạo kế hoạch mới (phiên bản 1) cho đơn vị của tôi."""
    body = _body()
    saved = store.save_plan(
        db(), user(), _plan_from(body), status=body.get("status"), parent_id=body.get("parent_id")
    )
    return _envelope(saved.record, saved.plan, saved.version)


@bp.route("/plans/<int:plan_id>", methods=["GET"])
@bp.response(200, PlanEnvelopeSchema)
def get_plan(plan_id: int) -> dict[str, Any]:
    """Kế hoạch ở phiên bản hiện hành."""
    record, document = store.document_at(db(), user(), plan_id)
    return _envelope(record, document)


@bp.route("/plans/<int:plan_id>", methods=["PUT"])
@bp.doc(requestBody={"content": {"application/json": {"schema": "SaveBody"}}})
@bp.response(200, PlanEnvelopeSchema)
@bp.alt_response(409, description="Phiên bản gốc đã cũ: trả về các thay đổi của người khác (diff)")
@bp.alt_response(422, description="Kế hoạch có lỗi, theo đường dẫn trường")
def update_plan(plan_id: int) -> dict[str, Any]:
    """Lưu phiên bản mới; base_version phải là phiên bản hiện hành (khóa lạc quan)."""
    body = _body()
    base = body.get("base_version")
    saved = store.save_plan(
        db(),
        user(),
        _plan_from(body),
        plan_id=plan_id,
        base_version=base if isinstance(base, int) else None,
        status=body.get("status"),
    )
    return _envelope(saved.record, saved.plan, saved.version)


@bp.route("/plans/<int:plan_id>/versions", methods=["GET"])
@bp.response(200, VersionSchema(many=True))
def versions(plan_id: int) -> list[Any]:
    """Lịch sử phiên bản, mới nhất trước."""
    return store.history(db(), user(), plan_id)


@bp.route("/plans/<int:plan_id>/versions/<int:version>", methods=["GET"])
@bp.response(200, PlanEnvelopeSchema)
def get_version(plan_id: int, version: int) -> dict[str, Any]:
    record, document = store.document_at(db(), user(), plan_id, version)
    return _envelope(record, document, version)


@bp.route("/plans/<int:plan_id>/diff/<int:old>/<int:new>", methods=["GET"])
@bp.response(200)
def diff(plan_id: int, old: int, new: int) -> dict[str, Any]:
    """Các thay đổi (chỉ tiêu, nhiệm vụ, phân công, phần đầu) giữa hai phiên bản."""
    return store.diff_versions(db(), user(), plan_id, old, new).to_dict()


@bp.route("/plans/<int:plan_id>/docx", methods=["GET"])
@bp.response(200, content_type=DOCX_TYPE)
def render_docx(plan_id: int) -> Response:
    """Tệp DOCX theo thể thức Nghị định 30."""
    record, plan = store.plan_at(db(), user(), plan_id)
    data = documents.docx_bytes(plan)
    store.audit(db(), user(), "download_docx", "plan", plan_id, version=record.current_version, via="api")
    return attachment(data, DOCX_TYPE, f"{record.key}.docx")


def _level_field(side: str) -> dict[str, Any]:
    """The OpenAPI description of the ``parent_level``/``child_level`` field."""
    return {
        "type": "string",
        "enum": ["", *DEFAULT_LEVELS.ids()],
        "description": f"{t(f'field_{side}_level')}: {level_choices()}; để trống: tự xác định theo cơ quan ban hành",
    }


@bp.route("/plans/<int:plan_id>/review/<int:child_id>", methods=["GET"])
@bp.doc(
    parameters=[
        {"name": f"{side}_level", "in": "query", "required": False, "schema": _level_field(side)}
        for side in ("parent", "child")
    ]
)
@bp.response(200)
def review(plan_id: int, child_id: int) -> dict[str, Any]:
    """Rà soát kế hoạch ``child_id`` so với kế hoạch cấp trên ``plan_id``; cấp của hai kế hoạch
    là cấp đã lưu, hoặc cấp chọn bằng ``parent_level``/``child_level``."""
    parent_level, child_level = chosen_levels(request.args)
    _, parent = store.plan_at(db(), user(), plan_id)
    _, child = store.plan_at(db(), user(), child_id)
    engine = documents.engine("app.services.review")
    result = engine.review_plans(parent, child, choice=engine.level_choice(parent_level, child_level, []))
    # The documented review JSON of app/review/formats/json.py (schemas/review.schema.json).
    plain: dict[str, Any] = documents.engine("app.review.formats.json").review_to_dict(result)
    return plain


@bp.route("/plans/<int:plan_id>/review", methods=["POST"])
@bp.doc(
    requestBody={
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["draft"],
                    "properties": {
                        "draft": {"type": "string", "format": "binary"},
                        "parent_level": _level_field("parent"),
                        "child_level": _level_field("child"),
                    },
                }
            }
        }
    }
)
@bp.response(200)
def review_draft(plan_id: int) -> dict[str, Any]:
    """Rà soát một dự thảo tải lên (DOCX, PDF, TXT hoặc tệp kế hoạch) so với kế hoạch ``plan_id``;
    cấp của hai kế hoạch tự xác định, hoặc chọn bằng ``parent_level``/``child_level``."""
    parent_level, child_level = chosen_levels(request.form)
    _, parent = store.plan_at(db(), user(), plan_id)
    upload = request.files.get("draft")
    suffix = Path(upload.filename or "").suffix.lower() if upload else ""
    if upload is None or suffix not in DRAFT_TYPES:
        raise HTTPException(
            response=make_response(jsonify({"code": 400, "message": both("review_need_draft")}), 400)
        )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"draft{suffix}"
        upload.save(path)
        try:
            child = documents.engine("app.services.documents").read_plan(path)
        except KehoachError as exc:
            raise unreadable_upload(exc, Path(folder), {path.name: upload.filename or path.name}) from None
        data = path.read_bytes() if suffix == ".docx" else None
        draft_name = upload.filename or path.name
        choice = documents.engine("app.services.review").level_choice(
            parent_level, child_level, [(child, path)]
        )
        result = review_named(parent, child, data, draft_name, stored_plan_name(parent), choice)
    store.audit(db(), user(), "review", "upload", plan_id, draft=upload.filename, via="api")
    plain: dict[str, Any] = documents.engine("app.review.formats.json").review_to_dict(result)
    return plain


@bp.route("/plans/<int:plan_id>/coverage", methods=["GET"])
@bp.response(200)
def coverage(plan_id: int) -> dict[str, Any]:
    """Bảng bao phủ: yêu cầu × kế hoạch cấp dưới, và tổng các chỉ tiêu phân bổ."""
    from app.services.family import family

    _, parent = store.plan_at(db(), user(), plan_id)
    require_lower_level(parent)
    board = family_board(parent, family(db(), user(), plan_id))
    return {
        "children": [
            {"id": i, "issuer": p.issuer.one_line_name, "draft": i in board.drafts} for i, p in board.children
        ],
        "rows": board.rows,
        "quotas": [
            _plain(dataclasses.asdict(q)) | {"total": q.total, "shortfall": q.shortfall} for q in board.quotas
        ],
    }


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, enum.Enum):
        return value.value
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


# --- batches: one plan per commune, run by the task worker (app/web/batches.py checks) ---

BATCH_STATES = ("queued", "running", "done", "failed", "cancelled")
FLAG_TRUE = ("true", "1", "yes", "on")
FLAG_FALSE = ("false", "0", "no", "off", "")


class BatchStartedSchema(Schema):
    id = fields.Str(metadata={"description": "Mã lô, dùng cho GET /api/batches/{id}"})
    url = fields.Str(metadata={"description": "Đường dẫn theo dõi lô trên máy chủ này"})


class BatchFailureSchema(Schema):
    unit = fields.Str(metadata={"description": "Xã, phường không tạo được kế hoạch"})
    reason = fields.Str(metadata={"description": "Lý do, tiếng Việt"})


class BatchStatusSchema(Schema):
    id = fields.Str()
    state = fields.Str(
        metadata={
            "enum": list(BATCH_STATES),
            "description": "queued: chờ tiến trình xử lý; running: đang tạo; done: đã có tệp ZIP "
            "(các xã lỗi, nếu có, ở failures); failed: lô không chạy được hoặc không tạo được xã "
            "nào; cancelled: đã hủy",
        }
    )
    state_name = fields.Str(metadata={"description": "Trạng thái bằng tiếng Việt, như trang web ghi"})
    done = fields.Int(metadata={"description": "Số xã đã tạo xong"})
    total = fields.Int(metadata={"description": "Tổng số xã của lô"})
    failures = fields.List(fields.Nested(BatchFailureSchema))
    bundle_url = fields.Str(
        allow_none=True, metadata={"description": "Đường dẫn tải tệp ZIP; có khi lô đã xong (done)"}
    )
    error = fields.Str(allow_none=True, metadata={"description": "Vì sao lô không chạy được"})
    rate = fields.Float(metadata={"description": "Số xã mỗi giây, tính từ lúc bắt đầu xử lý"})
    seconds_left = fields.Float(allow_none=True, metadata={"description": "Số giây còn lại ước tính"})
    worker_running = fields.Bool(
        metadata={"description": "Có tiến trình xử lý chạy gần đây không (nếu không, lô sẽ chờ)"}
    )


def _field_errors(errors: dict[str, list[str]]) -> HTTPException:
    """400 with the message of every bad field, each named (``parent_id: ...``)."""
    detail = "; ".join(f"{name}: {' '.join(messages)}" for name, messages in errors.items())
    body = {
        "code": 400,
        "message": f"{both('batch_request_invalid')}: {detail}",
        "errors": errors,
    }
    return HTTPException(response=make_response(jsonify(body), 400))


def _flag(name: str, errors: dict[str, list[str]]) -> bool:
    value = request.form.get(name, "").strip().lower()
    if value not in FLAG_TRUE + FLAG_FALSE:
        errors[name] = [both("flag_invalid")]
    return value in FLAG_TRUE


def _api_state(job: JobStatus) -> str:
    if job.error or (job.state in ("done", "failed") and job.total and not job.done):
        return "failed"
    return {"pending": "queued", "failed": "done"}.get(job.state, job.state)


@bp.route("/batches", methods=["POST"])
@bp.doc(
    requestBody={
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["parent_id"],
                    "properties": {
                        "parent_id": {"type": "integer", "description": "Kế hoạch cấp trên đã lưu"},
                        "communes": {
                            "type": "string",
                            "format": "binary",
                            "description": "Danh sách xã (.xlsx hoặc .csv); không gửi khi all=true",
                        },
                        "all": {
                            "type": "boolean",
                            "description": "true: mọi xã, phường của tỉnh ban hành kế hoạch cấp trên, "
                            "theo danh mục đơn vị hành chính từ 01/7/2025",
                        },
                        "date": {
                            "type": "string",
                            "description": "Ngày ban hành: dd/mm/yyyy hoặc YYYY-MM-DD (mặc định: "
                            "theo kế hoạch cấp trên)",
                            "example": "20/01/2026",
                        },
                        "pdf": {"type": "boolean", "description": "Kèm bản PDF (cần LibreOffice)"},
                        "accept_old_units": {
                            "type": "boolean",
                            "description": "Chấp nhận đơn vị hành chính trước 01/7/2025",
                        },
                    },
                }
            }
        }
    }
)
@bp.response(202, BatchStartedSchema)
@bp.alt_response(400, description="Trường có lỗi: message và errors nêu từng trường (tiếng Việt)")
@bp.alt_response(404, description="Không có kế hoạch cấp trên này trong phạm vi được xem")
def start_batch() -> tuple[dict[str, str], int, dict[str, str]]:
    """Tạo kế hoạch cho từng xã (chạy nền): trả về mã lô ngay, theo dõi bằng GET /api/batches/{id}."""
    errors: dict[str, list[str]] = {}
    every_commune = _flag("all", errors)
    pdf = _flag("pdf", errors)
    accept_old_units = _flag("accept_old_units", errors)
    upload = request.files.get("communes")
    if every_commune == (upload is not None and bool(upload.filename)):
        errors["communes"] = [both("batch_list_or_all_field")]
    fields_sent = batches.BatchFields(
        parent_id=request.form.get("parent_id", ""),
        every_commune=every_commune,
        upload=upload,
        date=request.form.get("date", ""),
        pdf=pdf,
        accept_old_units=accept_old_units,
    )
    try:
        job_id = batches.start_from_fields(fields_sent, errors)
    except batches.BatchFieldError as exc:
        raise _field_errors(exc.errors) from None
    url = url_for("api.batch_status", job_id=job_id)
    return {"id": job_id, "url": url}, 202, {"Location": url}


@bp.route("/batches/<job_id>", methods=["GET"])
@bp.response(200, BatchStatusSchema)
@bp.alt_response(404, description="Không có lô này trong các lô của tôi")
def batch_status(job_id: str) -> dict[str, Any]:
    """Tiến độ của một lô tôi đã tạo: trạng thái, số xã xong, các xã lỗi, tệp ZIP khi xong."""
    job, plain = batches.job_status(batches.my_job(job_id))
    return {
        **plain,
        "state": _api_state(job),
        "failures": plain["failed"],
        "bundle_url": url_for("api.batch_bundle", job_id=job_id) if job.bundle is not None else None,
    }


@bp.route("/batches/<job_id>/bundle.zip", methods=["GET"])
@bp.response(200, content_type="application/zip")
@bp.alt_response(404, description="Lô không có hoặc chưa xong")
def batch_bundle(job_id: str) -> Response:
    """Tệp ZIP của lô: kế hoạch từng xã và bảng tổng hợp tong-hop.xlsx."""
    return batches.bundle_response(batches.my_job(job_id))


@bp.route("/swagger-ui/<path:filename>", methods=["GET"])
@bp.doc(hide=True)
def docs_asset(filename: str) -> Response:
    return send_from_directory(SWAGGER_DIR, filename)


def init_app(app: Flask) -> Api:
    app.config.setdefault("OPENAPI_SWAGGER_UI_PATH", "docs")
    app.config.setdefault("OPENAPI_SWAGGER_UI_URL", "/api/swagger-ui/")
    api = Api(app, spec_kwargs={"security": [{"bearer": []}]})
    api.spec.components.security_scheme("bearer", {"type": "http", "scheme": "bearer"})
    api.spec.components.schema("SaveBody", schema=SaveBodySchema)
    api.register_blueprint(bp)
    app.extensions["kehoach_api"] = api
    return api
