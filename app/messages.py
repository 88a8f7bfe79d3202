"""Every user-facing string, in Vietnamese with its English twin.

Code refers to messages by key; :func:`t` returns the Vietnamese text and :func:`both` the
"Vietnamese / English" pair used on the command line and in API errors.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # plan files
    "required": ("Thiếu trường bắt buộc", "Missing data for required field"),
    "null": ("Trường này không được để trống", "Field may not be null"),
    "unknown_field": ("Trường không được hỗ trợ", "Unknown field"),
    "invalid_type": ("Sai kiểu dữ liệu", "Invalid type"),
    "invalid_number": ("Không phải là số hợp lệ", "Not a valid number"),
    "invalid_integer": ("Không phải là số nguyên hợp lệ", "Not a valid integer"),
    "invalid_date": ("Ngày không hợp lệ (dạng YYYY-MM-DD)", "Not a valid date (YYYY-MM-DD)"),
    "invalid_string": ("Không phải là chuỗi văn bản", "Not a valid string"),
    "invalid_list": ("Phải là một danh sách", "Not a valid list"),
    "invalid_object": ("Phải là một đối tượng (các cặp khóa: giá trị)", "Not a valid mapping"),
    "invalid_choice": ("Giá trị không nằm trong danh sách cho phép", "Must be one of the choices"),
    "empty_string": ("Không được để trống", "Must not be empty"),
    "unknown_level": ("Cấp hành chính không xác định", "Unknown administrative level"),
    "number_positive": ("Số văn bản phải lớn hơn 0", "The document number must be positive"),
    "signer_mark": (
        "Dòng quyền hạn phải bắt đầu bằng TM., KT., Q., TL. hoặc TUQ.",
        "An authority line must start with TM., KT., Q., TL. or TUQ.",
    ),
    "duplicate_target_id": ("Mã chỉ tiêu bị trùng", "Duplicate target id"),
    "target_breakdown": (
        "Các phần chia của chỉ tiêu không cộng lại bằng giá trị chỉ tiêu",
        "The breakdown does not add up to the target's value",
    ),
    "target_value_max": (
        "Giá trị cận trên nhỏ hơn cận dưới",
        "The upper bound is below the lower bound",
    ),
    "target_denominator": ("Mẫu số phải lớn hơn 0", "The denominator must be positive"),
    "file_not_found": ("Không tìm thấy tệp", "File not found"),
    "file_unreadable": ("Không đọc được tệp", "Cannot read the file"),
    "bad_json": ("Tệp JSON bị lỗi cú pháp", "Malformed JSON"),
    "bad_yaml": ("Tệp YAML bị lỗi cú pháp", "Malformed YAML"),
    "bad_encoding": ("Tệp không phải văn bản UTF-8", "The file is not UTF-8 text"),
    "not_a_plan": ("Tệp không chứa một kế hoạch (cần một đối tượng)", "Not a plan (expected a mapping)"),
    "unsupported_plan_ext": (
        "Chỉ nhận tệp kế hoạch .json, .yaml hoặc .yml",
        "Plan files must be .json, .yaml or .yml",
    ),
    "file_too_large": ("Tệp quá lớn", "The file is too large"),
    "plan_invalid": ("Kế hoạch có lỗi", "The plan has errors"),
    "plan_ok": ("Kế hoạch hợp lệ", "The plan is valid"),
    "rendered": ("Đã tạo", "Rendered"),
    "no_plans_in_folder": ("Thư mục không có tệp kế hoạch nào", "No plan files in the folder"),
    "output_not_dir": ("Đầu ra phải là một thư mục", "The output must be a folder"),
    "schema_written": ("Đã ghi JSON Schema", "JSON Schema written"),
    # --- render ---
    # --- review (coverage) ---
    # --- format rules ---
    # --- extract ---
    # --- web ---
    # --- batch ---
}


def t(key: str) -> str:
    """The Vietnamese text of a message key (the key itself when it is unknown)."""
    return MESSAGES.get(key, (key, key))[0]


def en(key: str) -> str:
    return MESSAGES.get(key, (key, key))[1]


def both(key: str) -> str:
    """ "Vietnamese / English", for the command line and API errors."""
    vi, english = MESSAGES.get(key, (key, key))
    return vi if vi == english else f"{vi} / {english}"
