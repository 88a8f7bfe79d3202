"""Bad plan files: every failure names the file, the field path and what is wrong, in
Vietnamese and English, and never builds a half-valid plan."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from app.messages import both, en, t
from app.planfile.load import MAX_PLAN_FILE_BYTES, PlanFileError, load_plan, parse_plan_text, plan_from_data
from tests.conftest import SAMPLES

SAMPLE = SAMPLES / "family_xa_a_2026.yaml"


@pytest.fixture
def data() -> dict[str, Any]:
    loaded = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return copy.deepcopy(loaded)


def errors_of(data: Any) -> dict[str, list[str]]:
    with pytest.raises(PlanFileError) as info:
        plan_from_data(data, "mẫu.yaml")
    return info.value.errors


def assert_error(errors: dict[str, list[str]], path: str, key: str) -> None:
    """The error at ``path`` carries the message ``key`` in both languages."""
    assert path in errors, errors
    assert any(t(key) in m and en(key) in m for m in errors[path]), errors[path]


def first_target(data: dict[str, Any]) -> dict[str, Any]:
    target = data["sections"][1]["targets"][0]
    assert isinstance(target, dict)
    return target


def test_missing_required_field(data: dict[str, Any]) -> None:
    del data["subject"]
    assert_error(errors_of(data), "subject", "required")


def test_missing_required_nested_field(data: dict[str, Any]) -> None:
    del data["signer"]["title"]
    assert_error(errors_of(data), "signer.title", "required")


def test_a_draft_may_leave_the_signers_name_to_the_clerk(data: dict[str, Any]) -> None:
    del data["signer"]["name"]
    assert plan_from_data(data).signer.name == ""


def test_wrong_type(data: dict[str, Any]) -> None:
    data["number"] = "mười hai"
    assert_error(errors_of(data), "number", "invalid_integer")


@pytest.mark.parametrize("value", ["khoảng một trăm", True, [1], {"a": 1}, "1.100 người"])
def test_wrong_type_of_a_target_value(data: dict[str, Any], value: Any) -> None:
    first_target(data)["value"] = value
    assert_error(errors_of(data), "sections[1].targets[0].value", "invalid_number")


def test_list_where_a_mapping_is_expected(data: dict[str, Any]) -> None:
    data["issuer"] = ["UBND xã Trị An"]
    assert_error(errors_of(data), "issuer", "invalid_object")


def test_text_where_a_list_is_expected(data: dict[str, Any]) -> None:
    data["recipients"] = "UBND tỉnh"
    assert_error(errors_of(data), "recipients", "invalid_list")


def test_unknown_field_a_typo_is_refused_not_dropped(data: dict[str, Any]) -> None:
    first_target(data)["vaule"] = 100
    assert_error(errors_of(data), "sections[1].targets[0].vaule", "unknown_field")


def test_bad_enum(data: dict[str, Any]) -> None:
    first_target(data)["comparator"] = "it_nhat"
    assert_error(errors_of(data), "sections[1].targets[0].comparator", "invalid_choice")


def test_bad_section_kind(data: dict[str, Any]) -> None:
    data["sections"][0]["kind"] = "goals"
    assert_error(errors_of(data), "sections[0].kind", "invalid_choice")


def test_bad_date(data: dict[str, Any]) -> None:
    data["date"] = "20/02/2026"
    assert_error(errors_of(data), "date", "invalid_date")


def test_empty_subject(data: dict[str, Any]) -> None:
    data["subject"] = ""
    assert_error(errors_of(data), "subject", "empty_string")


def test_several_errors_are_all_reported(data: dict[str, Any]) -> None:
    del data["symbol"]
    data["number"] = "x"
    errors = errors_of(data)
    assert {"symbol", "number"} <= set(errors)


def test_breakdown_that_does_not_add_up(data: dict[str, Any]) -> None:
    target = first_target(data)
    target["value"] = 1100
    target["unit"] = "lượt người"
    target["breakdown"] = [
        {"label": "tại cơ sở", "value": 1000, "parts": [{"label": "bắt buộc", "value": 920}]},
        {"label": "tại gia đình", "value": 100},
    ]
    assert_error(errors_of(data), "sections[1].targets[0].breakdown", "target_breakdown")


def test_inverted_range(data: dict[str, Any]) -> None:
    target = first_target(data)
    target["value"], target["value_max"] = 5, 2
    assert_error(errors_of(data), "sections[1].targets[0].value_max", "target_value_max")


def test_duplicate_target_ids(data: dict[str, Any]) -> None:
    targets = data["sections"][1]["targets"]
    targets[1]["id"] = targets[0]["id"]
    assert_error(errors_of(data), "sections[1].targets[1].id", "duplicate_target_id")


def test_unknown_issuer_level(data: dict[str, Any]) -> None:
    data["issuer"]["level"] = "huyen"
    assert_error(errors_of(data), "issuer.level", "unknown_level")


def test_unknown_target_level(data: dict[str, Any]) -> None:
    first_target(data)["level"] = "ward"
    assert_error(errors_of(data), "sections[1].targets[0].level", "unknown_level")


def test_bad_signer_mark(data: dict[str, Any]) -> None:
    data["signer"]["authority"] = ["ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"]
    assert_error(errors_of(data), "signer.authority[0]", "signer_mark")


@pytest.mark.parametrize("value", [["một", "danh sách"], "chỉ là chữ", 42, None])
def test_not_a_mapping(value: Any) -> None:
    assert_error(errors_of(value), "", "not_a_plan")


def test_the_message_names_the_file_and_the_path(data: dict[str, Any]) -> None:
    del data["subject"]
    with pytest.raises(PlanFileError) as info:
        plan_from_data(data, "ke_hoach.yaml")
    message = str(info.value)
    assert message.startswith("ke_hoach.yaml: ")
    assert f"subject: {both('required')}" in message


# --- text and files --------------------------------------------------------------------------


def test_malformed_yaml_names_line_and_column() -> None:
    text = "id: x\nissuer:\n  name: [UBND\n  level: commune\n"
    with pytest.raises(PlanFileError) as info:
        parse_plan_text(text, "yaml")
    # The unclosed "[" of line 3 is noticed at the ":" after "level" on line 4.
    assert_error(info.value.errors, "dòng 4, cột 8", "bad_yaml")


def test_malformed_json_names_line_and_column() -> None:
    with pytest.raises(PlanFileError) as info:
        parse_plan_text('{"id": "x",\n  "subject": }', "json")
    assert_error(info.value.errors, "dòng 2, cột 14", "bad_json")


@pytest.mark.parametrize(
    "tag",
    [
        "!!python/object/apply:os.system ['echo pwned']",
        "!!python/object/new:collections.OrderedDict []",
        "!!python/name:os.system",
    ],
)
def test_python_object_tags_are_refused(tag: str) -> None:
    with pytest.raises(PlanFileError) as info:
        parse_plan_text(f"id: {tag}\n", "yaml")
    (where,) = info.value.errors
    assert_error(info.value.errors, where, "bad_yaml")
    assert where == "dòng 1, cột 5"


def test_yaml_aliases_are_refused() -> None:
    # A few lines of nested aliases expand into millions of nodes ("billion laughs").
    text = 'a: &a ["x", "x"]\nb: [*a, *a]\n'
    with pytest.raises(PlanFileError) as info:
        parse_plan_text(text, "yaml")
    assert_error(info.value.errors, "dòng 2, cột 4", "yaml_alias")


def test_duplicate_yaml_key_is_refused_not_overwritten() -> None:
    text = SAMPLE.read_text(encoding="utf-8") + "subject: Trích yếu thứ hai\n"
    with pytest.raises(PlanFileError) as info:
        parse_plan_text(text, "yaml")
    (where,) = info.value.errors
    assert_error(info.value.errors, where, "duplicate_key")


def test_wrong_extension(tmp_path: Path) -> None:
    path = tmp_path / "ke_hoach.docx"
    path.write_bytes(SAMPLE.read_bytes())
    with pytest.raises(PlanFileError) as info:
        load_plan(path)
    assert_error(info.value.errors, "", "unsupported_plan_ext")
    assert str(path) in str(info.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(PlanFileError) as info:
        load_plan(tmp_path / "khong_co.yaml")
    assert_error(info.value.errors, "", "file_not_found")


@pytest.mark.parametrize("name", ["khong_co", "khong_co.docx"])
def test_a_mistyped_name_is_reported_missing_not_as_a_wrong_extension(tmp_path: Path, name: str) -> None:
    with pytest.raises(PlanFileError) as info:
        load_plan(tmp_path / name)
    assert_error(info.value.errors, "", "file_not_found")


def test_a_directory(tmp_path: Path) -> None:
    folder = tmp_path / "thu_muc.yaml"
    folder.mkdir()
    with pytest.raises(PlanFileError) as info:
        load_plan(folder)
    assert_error(info.value.errors, "", "file_unreadable")


def test_non_utf8_bytes(tmp_path: Path) -> None:
    path = tmp_path / "utf16.yaml"
    path.write_bytes("subject: Kế hoạch".encode("utf-16"))
    with pytest.raises(PlanFileError) as info:
        load_plan(path)
    assert_error(info.value.errors, "", "bad_encoding")


def test_a_file_over_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "lon.yaml"
    path.write_bytes(SAMPLE.read_bytes() + b"#" * MAX_PLAN_FILE_BYTES)
    with pytest.raises(PlanFileError) as info:
        load_plan(path)
    assert_error(info.value.errors, "", "file_too_large")


def test_a_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + SAMPLE.read_bytes())
    assert load_plan(path) == load_plan(SAMPLE)


def test_json_plan_file_loads(tmp_path: Path) -> None:
    from app.planfile.load import dump_plan_text

    path = tmp_path / "ke_hoach.json"
    path.write_text(dump_plan_text(load_plan(SAMPLE), "json"), encoding="utf-8")
    assert load_plan(path) == load_plan(SAMPLE)


def test_every_error_of_a_file_is_reported_in_one_pass(data: dict[str, Any]) -> None:
    """A type error must not hide an unknown level or a bad signer mark until it is fixed."""
    data["number"] = "abc"
    data["issuer"]["level"] = "xa"
    data["signer"]["authority"] = ["THAY MẶT ỦY BAN NHÂN DÂN"]
    first_target(data)["level"] = "thon"
    errors = errors_of(data)
    assert_error(errors, "number", "invalid_integer")
    assert_error(errors, "issuer.level", "unknown_level")
    assert_error(errors, "signer.authority[0]", "signer_mark")
    assert_error(errors, "sections[1].targets[0].level", "unknown_level")
