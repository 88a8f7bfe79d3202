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
    "extract_empty": ("Tệp rỗng (0 byte)", "The file is empty (0 bytes)"),
    "extract_upload_too_large": (
        "Tệp quá lớn ({size_mb} MB, tối đa {limit_mb} MB)",
        "The file is too large ({size_mb} MB, limit {limit_mb} MB)",
    ),
    "extract_unsupported_ext": (
        "Chỉ nhận tệp .docx, .pdf hoặc .txt (tệp này là '{ext}')",
        "Only .docx, .pdf or .txt files are accepted (this one is '{ext}')",
    ),
    "extract_type_mismatch": (
        "Nội dung tệp không khớp phần mở rộng {ext}: nội dung là {actual}",
        "The content does not match the {ext} extension: it is {actual}",
    ),
    "extract_office_encrypted": (
        "Tệp là tài liệu Office được đặt mật khẩu hoặc định dạng .doc cũ; hãy gỡ mật khẩu/lưu lại dạng .docx",
        "The file is a password-protected Office file or an old .doc; remove the password or save it as .docx",
    ),
    "extract_not_zip": (
        "Tệp không phải DOCX hợp lệ (không phải tệp nén zip)",
        "Not a valid DOCX (not a zip archive)",
    ),
    "extract_corrupt_zip": (
        "Tệp DOCX bị hỏng hoặc bị cắt cụt ({detail})",
        "The DOCX is corrupt or truncated ({detail})",
    ),
    "extract_too_many_parts": (
        "Tệp DOCX có quá nhiều thành phần ({count}, tối đa {limit})",
        "The DOCX has too many parts ({count}, limit {limit})",
    ),
    "extract_too_big_uncompressed": (
        "Tệp DOCX giải nén ra quá lớn (hơn {limit_mb} MB, nghi là bom nén)",
        "The DOCX expands too large (over {limit_mb} MB, suspected zip bomb)",
    ),
    "extract_compression_ratio": (
        "Phần {part} có tỷ lệ nén bất thường ({ratio}:1, nghi là bom nén)",
        "Part {part} has an extreme compression ratio ({ratio}:1, suspected zip bomb)",
    ),
    "extract_size_lie": (
        "Phần {part} giải nén ra nhiều hơn kích thước khai báo (tệp bị làm giả)",
        "Part {part} expands beyond its declared size (forged archive)",
    ),
    "extract_nested_archive": (
        "Tệp DOCX chứa tệp nén lồng bên trong ({part})",
        "The DOCX contains a nested archive ({part})",
    ),
    "extract_encrypted_entry": (
        "Tệp DOCX có thành phần bị mã hóa ({part})",
        "The DOCX has an encrypted part ({part})",
    ),
    "extract_bad_part_name": (
        "Tệp DOCX có tên thành phần không hợp lệ ({part})",
        "The DOCX has an invalid part name ({part})",
    ),
    "extract_no_document_xml": (
        "Tệp DOCX thiếu phần nội dung chính (word/document.xml)",
        "The DOCX lacks its main part (word/document.xml)",
    ),
    "extract_xml_entities": (
        "Phần {part} chứa khai báo DOCTYPE/thực thể XML, bị từ chối vì lý do an toàn",
        "Part {part} declares a DOCTYPE/XML entities, refused for safety",
    ),
    "extract_bad_xml": (
        "Phần {part} bị lỗi cú pháp XML ({detail})",
        "Part {part} is malformed XML ({detail})",
    ),
    "extract_docx_unreadable": (
        "Không đọc được nội dung DOCX ({detail})",
        "Cannot read the DOCX content ({detail})",
    ),
    "extract_not_pdf": (
        "Tệp không phải PDF (thiếu phần đầu %PDF-)",
        "Not a PDF (no %PDF- header)",
    ),
    "extract_pdf_encrypted": (
        "Tệp PDF được đặt mật khẩu (mã hóa); hãy gỡ mật khẩu rồi gửi lại",
        "The PDF is encrypted (password protected); remove the password and send it again",
    ),
    "extract_pdf_too_many_pages": (
        "Tệp PDF có quá nhiều trang ({count}, tối đa {limit})",
        "The PDF has too many pages ({count}, limit {limit})",
    ),
    "extract_pdf_corrupt": (
        "Tệp PDF bị hỏng, không đọc được ({detail})",
        "The PDF is corrupt and cannot be read ({detail})",
    ),
    "extract_pdf_no_text": (
        "Tệp PDF không có lớp chữ ở trang nào (bản quét); cần nhận dạng chữ (OCR) trước",
        "The PDF has no text layer on any page (scanned); it needs OCR first",
    ),
    "extract_scanned_page": (
        "trang {page}: bản quét, không có lớp chữ",
        "page {page}: scanned, no text layer",
    ),
    "extract_used_pypdf": ("Đã đọc lớp chữ bằng pypdf", "Text layer read with pypdf"),
    "extract_used_pdftotext": (
        "Lớp chữ đọc bằng pypdf bị xáo trộn ({ratio}% từ sai); đã đọc lại bằng pdftotext",
        "The pypdf text looked scrambled ({ratio}% bad words); read again with pdftotext",
    ),
    "extract_scrambled_no_fallback": (
        "Lớp chữ PDF có vẻ bị xáo trộn ({ratio}% từ sai) và không đọc lại được bằng pdftotext; dấu có thể sai",
        "The PDF text looks scrambled ({ratio}% bad words) and pdftotext could not reread it; marks may be wrong",
    ),
    "extract_txt_binary": (
        "Tệp .txt chứa dữ liệu nhị phân, không phải văn bản",
        "The .txt file holds binary data, not text",
    ),
    "extract_txt_encoding": (
        "Không nhận ra bảng mã của tệp văn bản (cần UTF-8, hoặc UTF-16 có BOM)",
        "Unknown text encoding (expected UTF-8, or UTF-16 with a BOM)",
    ),
    "extract_no_text": ("Tệp không có nội dung chữ nào", "The file contains no text"),
    # --- web ---
    "plan_not_found": ("Không tìm thấy kế hoạch", "Plan not found"),
    "plan_forbidden": ("Bạn không có quyền sửa kế hoạch này", "You may not change this plan"),
    "stale_version": (
        "Kế hoạch đã được người khác lưu sau khi bạn mở; xem các thay đổi của họ rồi lưu lại",
        "Someone saved this plan after you opened it; review their changes and save again",
    ),
    "bad_status": ("Trạng thái không hợp lệ", "Invalid status"),
    "agency_level_order": ("Cơ quan cấp dưới phải ở cấp thấp hơn", "A child agency must be at a lower level"),
    "bad_role": ("Vai trò không hợp lệ", "Invalid role"),
    "username_taken": ("Tên đăng nhập trống hoặc đã có", "User name empty or taken"),
    "password_too_short": ("Mật khẩu phải có ít nhất 8 ký tự", "The password needs at least 8 characters"),
    "login_failed": ("Sai tên đăng nhập hoặc mật khẩu", "Wrong user name or password"),
    "login_required": ("Vui lòng đăng nhập", "Please sign in"),
    "logged_in": ("Đã đăng nhập", "Signed in"),
    "logged_out": ("Đã đăng xuất", "Signed out"),
    "plan_saved": ("Đã lưu kế hoạch", "Plan saved"),
    "plan_restored": ("Đã khôi phục phiên bản", "Version restored"),
    "status_changed": ("Đã đổi trạng thái", "Status changed"),
    "csrf_failed": (
        "Biểu mẫu đã hết hạn hoặc thiếu mã bảo vệ (CSRF); tải lại trang rồi thử lại",
        "The form expired or lacks its CSRF token; reload the page and retry",
    ),
    "error_400": ("Yêu cầu không hợp lệ", "Bad request"),
    "error_401": ("Cần đăng nhập hoặc mã truy cập (token)", "Authentication required"),
    "error_403": ("Bạn không có quyền truy cập trang này", "Forbidden"),
    "error_404": ("Không tìm thấy trang hoặc đối tượng", "Not found"),
    "error_405": ("Phương thức không được hỗ trợ", "Method not allowed"),
    "error_409": ("Xung đột phiên bản", "Version conflict"),
    "error_413": ("Tệp tải lên quá lớn (tối đa 20 MB)", "The upload is too large (20 MB at most)"),
    "error_422": ("Dữ liệu không hợp lệ", "Invalid data"),
    "error_500": ("Lỗi máy chủ; sự cố đã được ghi lại", "Server error; it has been logged"),
    "pdf_unavailable": ("Không tạo được PDF", "PDF is unavailable"),
    "render_unavailable": ("Chưa có bộ tạo DOCX", "The DOCX renderer is not available"),
    "feature_unavailable": ("Chức năng này chưa sẵn sàng", "This feature is not available yet"),
    "review_need_draft": ("Hãy chọn tệp dự thảo (DOCX, PDF hoặc TXT)", "Choose a draft file (DOCX, PDF or TXT)"),
    "review_need_parent": ("Hãy chọn kế hoạch cấp trên (đã lưu hoặc tải lên)", "Choose the parent plan"),
    "bad_json_body": ("Nội dung gửi lên không phải JSON hợp lệ", "The request body is not valid JSON"),
    "bad_version": ("Thiếu hoặc sai số phiên bản gốc (base_version)", "Missing or invalid base_version"),
    "admin_created": ("Đã tạo tài khoản quản trị", "Admin account created"),
    "admin_exists": ("Đã có tài khoản quản trị; không tạo mới", "An admin exists; none created"),
    "db_upgraded": ("Đã cập nhật cơ sở dữ liệu", "Database upgraded"),
    "samples_loaded": ("Đã nạp kế hoạch mẫu", "Sample plans loaded"),
    "token_issued": ("Mã truy cập API mới (chỉ hiện một lần)", "New API token (shown once)"),
    "child_created": ("Đã tạo kế hoạch cấp dưới", "Child plan created"),
    # --- batch ---
    "soffice_missing": (
        "Chưa cài LibreOffice nên không tạo được PDF (DOCX vẫn tạo bình thường). Cài bằng lệnh",
        "LibreOffice is not installed, so no PDF can be made (DOCX still works). Install it with",
    ),
    "pdf_timeout": ("LibreOffice chuyển sang PDF quá thời gian cho phép", "LibreOffice PDF conversion timed out"),
    "pdf_failed": ("LibreOffice không tạo được PDF cho", "LibreOffice produced no PDF for"),
    "pdf_name_clash": (
        "Hai tệp cùng tên sẽ ghi đè PDF của nhau",
        "Two files with the same name would overwrite each other's PDF",
    ),
    "communes_unsupported": (
        "Danh sách xã chỉ nhận tệp .xlsx hoặc .csv",
        "The commune list must be an .xlsx or .csv file",
    ),
    "communes_empty": ("Danh sách xã không có dòng nào", "The commune list has no rows"),
    "communes_bad_file": ("Không đọc được danh sách xã", "Cannot read the commune list"),
    "communes_invalid": ("Danh sách xã có lỗi, chưa tạo văn bản nào", "The commune list has errors; nothing was generated"),
    "communes_no_name_column": (
        "Thiếu cột tên xã (Tên / name)",
        "No commune name column (Tên / name)",
    ),
    "communes_unknown_column": (
        "Cột không nhận ra (không phải cột chuẩn hay mã chỉ tiêu của kế hoạch cấp trên)",
        "Unknown column (neither a standard column nor a target id of the parent plan)",
    ),
    "communes_missing_name": ("Thiếu tên xã", "Missing commune name"),
    "communes_duplicate": ("Trùng với xã ở dòng", "Duplicate of the commune on row"),
    "communes_bad_type": (
        "Loại đơn vị phải là xã, phường, thị trấn hoặc đặc khu",
        "The unit type must be xã, phường, thị trấn or đặc khu",
    ),
    "communes_bad_number": ("Không phải là số (ví dụ 1.100 hoặc 2,5)", "Not a number (e.g. 1.100 or 2,5)"),
    "communes_negative": ("Số không được âm", "The number must not be negative"),
    "communes_missing_signer": ("Thiếu người ký hoặc chức vụ", "Missing signer name or title"),
    "communes_explicit_sum": (
        "Tổng chỉ tiêu giao cho các xã khác chỉ tiêu cấp trên",
        "The communes' explicit quotas do not add up to the parent's figure",
    ),
    "quota_no_weights": (
        "Không có trọng số để chia chỉ tiêu (thêm cột Trọng số hoặc giá trị từng xã)",
        "No weights to share the quota (add a weight column or per-commune values)",
    ),
    "batch_started": ("Bắt đầu tạo kế hoạch cho các xã", "Generating plans for the communes"),
    "batch_done": ("Đã tạo gói kế hoạch", "Batch written"),
    "batch_failed_communes": ("Các xã không tạo được", "Communes that failed"),
    "batch_cancelled": ("Lô đã bị hủy", "The batch was cancelled"),
    "batch_not_found": ("Không tìm thấy lô", "Batch not found"),
    "recipient_parent": ("để b/c", "to report"),
    "derive_purpose": ("MỤC ĐÍCH, YÊU CẦU", "PURPOSE AND REQUIREMENTS"),
    "derive_purpose_text": (
        "Cụ thể hóa các chỉ tiêu, nhiệm vụ cấp trên giao; xác định rõ trách nhiệm của các cơ quan, đơn vị trên địa bàn {unit} và bảo đảm hoàn thành đúng thời hạn.",
        "Put the targets and duties set by the level above into practice in {unit}, on time.",
    ),
    "derive_objectives": ("CHỈ TIÊU", "TARGETS"),
    "derive_tasks": ("NHIỆM VỤ", "TASKS"),
    "derive_funding": ("KINH PHÍ", "FUNDING"),
    "derive_funding_text": (
        "Kinh phí thực hiện từ ngân sách {unit} theo phân cấp và các nguồn huy động hợp pháp khác.",
        "Funded from the budget of {unit} and other lawful sources.",
    ),
    "derive_organization": ("TỔ CHỨC THỰC HIỆN", "ORGANIZATION"),
    "derive_preamble": (
        "{body} ban hành Kế hoạch thực hiện trên địa bàn {unit} như sau:",
        "{body} issues the plan for {unit} as follows:",
    ),
    "derive_closing": (
        "Trên đây là Kế hoạch thực hiện trên địa bàn {unit}. Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị báo cáo để tổng hợp, báo cáo {parent} xem xét, giải quyết./.",
        "This is the plan for {unit}; report difficulties so they can be raised with {parent}.",
    ),
    "derive_recipients": (
        "Thường trực Đảng ủy, HĐND;|Chủ tịch, các PCT UBND;|Các ban, ngành, đoàn thể;",
        "Standing committee of the Party and People's Council;|Chair and vice chairs;|Departments and mass organisations;",
    ),
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
