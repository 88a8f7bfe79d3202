"""marshmallow schemas mirroring ``app.domain``: plan files in, domain objects out.

Error messages are message keys of ``app.messages`` so that :mod:`app.planfile.load` can give
them in Vietnamese and English. Dumping drops empty values, so a dumped plan reads like a
hand-written one and loads back to an equal object.
"""

from __future__ import annotations

from typing import Any

from marshmallow import RAISE, Schema, ValidationError, fields, post_dump, post_load, pre_load, validate

from app.domain.assignments import Assignment, Duty, Role, Task
from app.domain.levels import DEFAULT_LEVELS
from app.domain.plan import (
    SIGNER_MARKS,
    Appendix,
    Funding,
    Issuer,
    Plan,
    Reference,
    Section,
    SectionKind,
    Signer,
)
from app.domain.targets import Comparator, Frequency, QuotaPart, SubValue, Target
from app.messages import both
from app.vn.numbers import NumberFormatError, parse_number

_BASE_ERRORS = {"required": "required", "null": "null", "validator_failed": "invalid_type"}
NON_EMPTY = validate.Length(min=1, error="empty_string")

# --- Limits -------------------------------------------------------------------------------
# One set for every way in (plan files on the command line, the JSON API, the editor), so a
# document the CLI refuses is refused by the web too, with the same message naming the field.
# Real plans are 10-30 KB, nest 11 levels and hold under 400 values; the limits are far above
# that and keep the work of a single request bounded (100,000 targets took ~12 s to load).
MB = 1024 * 1024
MAX_PLAN_BYTES = 5 * MB  # a plan file, or the JSON body that carries a document
MAX_NESTING = 40  # levels of lists and objects (a section's sections add two)
MAX_VALUES = 50_000  # objects, lists, strings and numbers in one document
MAX_INT = 2**31 - 1  # the database's INTEGER (plans.number, years)
TEXT_CHARS = 10_000  # any free text: a target's sentence, a paragraph, a cell
ID_CHARS = 120  # plans.key holds the plan's id; target and task ids alike
SYMBOL_CHARS = 80  # plans.symbol
NAME_CHARS = 200  # plans.issuer_name
LEVEL_CHARS = 40  # plans.level
SHORT_CHARS = 80  # a reference's number and symbol: "number/symbol" fits plans.parent_ref (200)
SUBJECT_CHARS = 2_000  # the trích yếu is one or two sentences; a longer one gets a warning
TOO_LONG = both("string_too_long")  # "{max}" filled in by marshmallow
OUT_OF_RANGE = both("int_out_of_range")


def document_limits(data: Any) -> dict[str, list[str]]:
    """Errors by field path when raw plan data exceeds :data:`MAX_NESTING` or
    :data:`MAX_VALUES`; walked without recursion, before anything else touches the data."""
    count = 0
    stack: list[tuple[Any, int, str]] = [(data, 0, "")]
    while stack:
        value, depth, path = stack.pop()
        count += 1
        if count > MAX_VALUES:
            return {"": [both("plan_too_many_values").format(limit=f"{MAX_VALUES:,}".replace(",", "."))]}
        if depth > MAX_NESTING:
            return {path: [both("plan_too_deep").format(limit=MAX_NESTING)]}
        if isinstance(value, dict):
            stack.extend((v, depth + 1, f"{path}.{k}" if path else str(k)) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((v, depth + 1, f"{path}[{i}]") for i, v in enumerate(value))
    return {}


# These repeat two checks of app.domain.plan.validate_plan at field level so that a file with
# a type error AND an unknown level (or a bad signer mark) gets every error in one report,
# rather than the second only after the first is fixed.
def known_level(value: str | None) -> None:
    if value is not None and DEFAULT_LEVELS.get(value) is None:
        raise ValidationError("unknown_level")


def signer_mark(value: str) -> None:
    if not value.strip().upper().startswith(SIGNER_MARKS):
        raise ValidationError("signer_mark")


class Str(fields.String):
    """A string of at most ``max_length`` characters (:data:`TEXT_CHARS` unless said)."""

    default_error_messages = {**_BASE_ERRORS, "invalid": "invalid_string"}  # noqa: RUF012 (marshmallow merges these per class)

    def __init__(self, *, max_length: int = TEXT_CHARS, **kwargs: Any) -> None:
        given = kwargs.pop("validate", None)
        validators = [] if given is None else list(given) if isinstance(given, list | tuple) else [given]
        super().__init__(validate=[*validators, validate.Length(max=max_length, error=TOO_LONG)], **kwargs)


class Int(fields.Integer):
    """An integer the database's INTEGER column holds (``|n| < 2^31``)."""

    default_error_messages = {**_BASE_ERRORS, "invalid": "invalid_integer"}  # noqa: RUF012 (marshmallow merges these per class)

    def __init__(self, **kwargs: Any) -> None:
        given = kwargs.pop("validate", None)
        validators = [] if given is None else list(given) if isinstance(given, list | tuple) else [given]
        in_range = validate.Range(min=-MAX_INT - 1, max=MAX_INT, error=OUT_OF_RANGE)
        super().__init__(validate=[*validators, in_range], **kwargs)


class Number(fields.Float):
    """A float that dumps as an int when it is whole, so files keep "1100", not "1100.0"."""

    default_error_messages = {**_BASE_ERRORS, "invalid": "invalid_number", "special": "invalid_number"}  # noqa: RUF012 (marshmallow merges these per class)

    def _serialize(self, value: Any, attr: str | None, obj: Any, **kwargs: Any) -> Any:
        if value is None:
            return None
        number = float(value)
        return int(number) if number.is_integer() else number

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Any:
        # A number typed as text is read the Vietnamese way: "1.100" is 1100, "2,5" is 2.5
        # (float() would take "1.100" for 1.1).
        if isinstance(value, str):
            try:
                value = parse_number(value)
            except NumberFormatError:
                raise self.make_error("invalid") from None
        return super()._deserialize(value, attr, data, **kwargs)


class Date(fields.Date):
    default_error_messages = {**_BASE_ERRORS, "invalid": "invalid_date", "format": "invalid_date"}  # noqa: RUF012 (marshmallow merges these per class)


class List(fields.List[Any]):
    default_error_messages = {**_BASE_ERRORS, "invalid": "invalid_list"}  # noqa: RUF012 (marshmallow merges these per class)


class Nested(fields.Nested):
    default_error_messages = {**_BASE_ERRORS, "type": "invalid_object"}  # noqa: RUF012 (marshmallow merges these per class)


class Enum(fields.Enum[Any]):
    default_error_messages = {**_BASE_ERRORS, "unknown": "invalid_choice"}  # noqa: RUF012 (marshmallow merges these per class)


class BaseSchema(Schema):
    """Unknown fields are errors (a typo must not silently drop data)."""

    class Meta:
        unknown = RAISE

    error_messages = {"unknown": "unknown_field", "type": "invalid_object"}  # noqa: RUF012

    @post_dump
    def drop_empty(self, data: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
        return {k: v for k, v in data.items() if v is not None and v != [] and v != ""}


def _opt_str(**kw: Any) -> Str:
    return Str(load_default=None, allow_none=True, **kw)


def _id_str(**kw: Any) -> Str:
    return Str(required=True, validate=NON_EMPTY, max_length=ID_CHARS, **kw)


def _str_list(**kw: Any) -> List:
    return List(Str(validate=NON_EMPTY), load_default=list, **kw)


class QuotaPartSchema(BaseSchema):
    label = Str(required=True, validate=NON_EMPTY, metadata={"description": "Tên phần chia"})
    value = Number(required=True)
    parts = List(Nested(lambda: QuotaPartSchema()), load_default=list)

    @post_load
    def make(self, data: dict[str, Any], **kwargs: Any) -> QuotaPart:
        return QuotaPart(**data)


class SubValueSchema(BaseSchema):
    population = Str(required=True, validate=NON_EMPTY)
    comparator = Enum(Comparator, by_value=True, required=True)
    value = Number(required=True)
    value_max = Number(load_default=None, allow_none=True)

    @post_load
    def make(self, data: dict[str, Any], **kwargs: Any) -> SubValue:
        return SubValue(**data)


class TargetSchema(BaseSchema):
    id = _id_str(metadata={"description": "Mã chỉ tiêu, ổn định"})
    text = Str(required=True, validate=NON_EMPTY, metadata={"description": "Câu chữ in ra"})
    metric = Str(load_default="", metadata={"description": "Đo cái gì"})
    population = _opt_str(metadata={"description": "Tính trên đối tượng nào"})
    comparator = Enum(Comparator, by_value=True, load_default=Comparator.AT_LEAST)
    value = Number(load_default=None, allow_none=True)
    value_max = Number(load_default=None, allow_none=True)
    denominator = Number(load_default=None, allow_none=True)
    unit = _opt_str()
    period = _opt_str()
    deadline = Int(load_default=None, allow_none=True, metadata={"description": "Năm hoàn thành"})
    frequency = Enum(Frequency, by_value=True, load_default=None, allow_none=True)
    level = _opt_str(validate=known_level, metadata={"description": "Cấp áp dụng"})
    breakdown = List(Nested(QuotaPartSchema()), load_default=list)
    sub_values = List(Nested(SubValueSchema()), load_default=list)
    parent_target = _opt_str(
        max_length=ID_CHARS, metadata={"description": "Mã chỉ tiêu cấp trên được cụ thể hóa"}
    )
    source = _opt_str(metadata={"description": "Vị trí trong văn bản gốc"})

    @post_load
    def make(self, data: dict[str, Any], **kwargs: Any) -> Target:
        return Target(**data)


class TaskSchema(BaseSchema):
    id = _id_str()
    text = Str(required=True, validate=NON_EMPTY)
    lead = _opt_str()
    partners = _str_list()
    deadline = _opt_str()
    level = _opt_str(validate=known_level)
    parent_task = _opt_str(max_length=ID_CHARS)

    @post_load
    def make(self, data: dict[str, Any], **kwargs: Any) -> Task:
        return Task(**data)


class DutySchema(BaseSchema):
    text = Str(required=True, validate=NON_EMPTY)
    role = Enum(Role, by_value=True, load_default=Role.IMPLEMENT)
    deadline = _opt_str()
    report_to = _opt_str()
    frequency = _opt_str()
    parent_duty = _opt_str()

    @post_load
    def make(self, data: dict[str, Any], **kwargs: Any) -> Duty:
        return Duty(**data)


class AssignmentSchema(BaseSchema):
    agency = Str(required=True, validate=NON_EMPTY)
    duties = List(Nested(DutySchema()), load_default=list)
    level = _opt_str(validate=known_level)
    id = _opt_str(max_length=ID_CHARS)

    @post_load
    def make(self, data: dict[str, Any], **kwargs: Any) -> Assignment:
        return Assignment(**data)


class SectionSchema(BaseSchema):
    title = _opt_str()
    kind = Enum(SectionKind, by_value=True, load_default=SectionKind.TEXT)
    text = _str_list()
    targets = List(Nested(TargetSchema()), load_default=list)
    tasks = List(Nested(TaskSchema()), load_default=list)
    assignment = Nested(AssignmentSchema(), load_default=None, allow_none=True)
    bullets = _str_list()
    sections = List(Nested(lambda: SectionSchema()), load_default=list)

    @post_load
    def make(self, data: dict[str, Any], **kwargs: Any) -> Section:
        return Section(**data)


class IssuerSchema(BaseSchema):
    name = Str(
        required=True,
        validate=NON_EMPTY,
        max_length=NAME_CHARS,
        metadata={"description": "Tên cơ quan ban hành"},
    )
    abbreviation = Str(required=True, validate=NON_EMPTY, max_length=SHORT_CHARS)
    level = Str(required=True, validate=[NON_EMPTY, known_level], max_length=LEVEL_CHARS)
    place = Str(
        required=True, validate=NON_EMPTY, max_length=NAME_CHARS, metadata={"description": "Địa danh"}
    )
    parent_body = _opt_str(max_length=NAME_CHARS, metadata={"description": "Cơ quan chủ quản"})

    @post_load
    def make(self, data: dict[str, Any], **kwargs: Any) -> Issuer:
        return Issuer(**data)


class ReferenceSchema(BaseSchema):
    relation = Str(
        load_default="basis", validate=validate.OneOf(["implements", "basis"], error="invalid_choice")
    )
    doc_type = Str(load_default="Kế hoạch", max_length=SHORT_CHARS)
    number = _opt_str(max_length=SHORT_CHARS)
    symbol = _opt_str(max_length=SHORT_CHARS)
    date = Date(load_default=None, allow_none=True)
    issuer = _opt_str()
    title = _opt_str()
    text = _opt_str()

    @post_load
    def make(self, data: dict[str, Any], **kwargs: Any) -> Reference:
        return Reference(**data)


class SignerSchema(BaseSchema):
    # May be blank: a draft made for every commune of a province leaves the name to the clerk.
    name = Str(load_default="")
    title = Str(required=True, validate=NON_EMPTY)
    authority = List(Str(validate=[NON_EMPTY, signer_mark]), load_default=list)

    @post_load
    def make(self, data: dict[str, Any], **kwargs: Any) -> Signer:
        return Signer(**data)


class FundingSchema(BaseSchema):
    sources = _str_list()
    amount = Number(load_default=None, allow_none=True)
    text = _str_list()

    @post_load
    def make(self, data: dict[str, Any], **kwargs: Any) -> Funding:
        return Funding(**data)


class AppendixSchema(BaseSchema):
    title = Str(required=True, validate=NON_EMPTY)
    columns = List(Str(), load_default=list)
    rows = List(List(Str()), load_default=list)
    note = _opt_str()

    @post_load
    def make(self, data: dict[str, Any], **kwargs: Any) -> Appendix:
        return Appendix(**data)


class PlanSchema(BaseSchema):
    """A KẾ HOẠCH as a plan file."""

    id = _id_str(metadata={"description": "Mã kế hoạch, ổn định"})
    doc_type = Str(load_default="KẾ HOẠCH", max_length=SHORT_CHARS)
    issuer = Nested(IssuerSchema(), required=True)
    number = Int(load_default=None, allow_none=True)
    symbol = Str(
        required=True,
        validate=NON_EMPTY,
        max_length=SYMBOL_CHARS,
        metadata={"description": "Ký hiệu, ví dụ KH-UBND"},
    )
    date = Date(load_default=None, allow_none=True)
    dateline_year = Int(
        load_default=None,
        allow_none=True,
        validate=validate.Range(min=1945, max=2200, error="invalid_year"),
        metadata={"description": "Năm in ở dòng địa danh, ngày tháng khi chưa có ngày ban hành"},
    )
    dateline_month = Int(
        load_default=None,
        allow_none=True,
        validate=validate.Range(min=1, max=12, error="invalid_month"),
        metadata={"description": "Tháng in ở dòng địa danh, ngày tháng khi chưa có ngày ban hành"},
    )
    subject = Str(
        required=True, validate=NON_EMPTY, max_length=SUBJECT_CHARS, metadata={"description": "Trích yếu"}
    )
    references = List(Nested(ReferenceSchema()), load_default=list)
    preamble = _str_list()
    sections = List(Nested(SectionSchema()), load_default=list)
    closing = _opt_str()
    funding = Nested(FundingSchema(), load_default=None, allow_none=True)
    signer = Nested(SignerSchema(), required=True)
    recipients = _str_list()
    archive = List(Str(validate=NON_EMPTY), load_default=lambda: ["VT"])
    appendices = List(Nested(AppendixSchema()), load_default=list)
    notes = _str_list()

    @pre_load
    def within_limits(self, data: Any, **kwargs: Any) -> Any:
        """Nesting and size first: a 10,000-level document must not reach the nested schemas."""
        errors = document_limits(data)
        if errors:
            raise ValidationError(errors)
        return data

    @post_load
    def make(self, data: dict[str, Any], **kwargs: Any) -> Plan:
        return Plan(**data)
