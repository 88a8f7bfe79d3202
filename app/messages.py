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
    "invalid_year": ("Năm không hợp lệ", "Not a valid year"),
    "invalid_month": ("Tháng phải từ 1 đến 12", "The month must be from 1 to 12"),
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
    "target_negative": ("Giá trị chỉ tiêu không được âm", "A target's value cannot be negative"),
    "part_negative": ("Phần chia không được âm", "A quota part cannot be negative"),
    "funding_negative": ("Kinh phí không được âm", "The funding amount cannot be negative"),
    "share_over_100": (
        "Tỷ lệ không được vượt quá 100% (chỉ chỉ tiêu “tăng …%” mới được quá 100%)",
        "A share cannot exceed 100% (only an “increase by …%” target may)",
    ),
    "subject_long": (
        "Trích yếu dài {length} ký tự (thường dưới {limit}): nên rút gọn",
        "The subject is {length} characters long (usually under {limit}): consider shortening it",
    ),
    "string_too_long": ("Dài quá {max} ký tự", "Longer than {max} characters"),
    "int_out_of_range": (
        "Số quá lớn (tối đa 2.147.483.647)",
        "Number out of range (must be between -2147483648 and 2147483647)",
    ),
    "plan_too_deep": ("Lồng nhau quá {limit} cấp", "Nested more than {limit} levels deep"),
    "plan_too_many_values": ("Kế hoạch có quá {limit} giá trị", "The plan holds more than {limit} values"),
    "plan_too_large": (
        "Kế hoạch quá lớn (tối đa {limit_mb} MB)",
        "The plan is too large ({limit_mb} MB at most)",
    ),
    "file_not_found": ("Không tìm thấy tệp", "File not found"),
    "file_unreadable": ("Không đọc được tệp", "Cannot read the file"),
    "file_unwritable": ("Không ghi được tệp", "Cannot write the file"),
    "bad_json": ("Tệp JSON bị lỗi cú pháp", "Malformed JSON"),
    "bad_yaml": ("Tệp YAML bị lỗi cú pháp", "Malformed YAML"),
    "duplicate_key": ("Khóa bị lặp lại trong cùng một đối tượng", "Duplicate key in one mapping"),
    "yaml_alias": (
        "Tệp kế hoạch không được dùng tham chiếu YAML (&neo / *bí danh)",
        "Plan files may not use YAML anchors and aliases",
    ),
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
    "template_not_found": ("Không tìm thấy mẫu DOCX", "DOCX template not found"),
    "template_invalid": ("Mẫu DOCX bị lỗi, không dùng được", "The DOCX template is broken"),
    "render_failed": ("Không tạo được văn bản từ mẫu", "Rendering the template failed"),
    "plan_no_body": (
        "Cảnh báo: kế hoạch chưa có nội dung (không có phần I, II... nào); văn bản tạo ra chỉ có phần đầu và chữ ký",
        "Warning: the plan has no body (no parts I, II...); the document has only its header and signature",
    ),
    "folder_plans_failed": ("Số kế hoạch không tạo được", "Plans that could not be rendered"),
    "output_not_docx": (
        "Tệp ra phải có đuôi .docx (hoặc là một thư mục)",
        "The output file must end in .docx (or be a folder)",
    ),
    # --- review (coverage) ---
    "review_same_plan": (
        "Kế hoạch cấp dưới và kế hoạch cấp trên là cùng một kế hoạch",
        "The child and the parent are the same plan",
    ),
    "review_duplicate_child": (
        "Một kế hoạch cấp dưới được đưa vào hai lần",
        "The same child plan is given twice",
    ),
    "review_all_no_children": (
        "Cần ít nhất một kế hoạch cấp dưới sau PARENT (kehoach review-all PARENT CHILD...)",
        "Give at least one child plan after PARENT (kehoach review-all PARENT CHILD...)",
    ),
    "review_format_help": ("Định dạng kết quả", "Output format"),
    "cmp_at_least": ("ít nhất", "at least"),
    "cmp_more_than": ("trên", "more than"),
    "cmp_equal": ("", ""),
    "cmp_at_most": ("không quá", "at most"),
    "cmp_less_than": ("dưới", "less than"),
    "cmp_reduce_by": ("giảm", "reduce by"),
    "cmp_increase_by": ("tăng", "increase by"),
    "cmp_none_allowed": ("không để xảy ra", "none allowed"),
    "freq_yearly": ("hằng năm", "yearly"),
    "freq_quarterly": ("hằng quý", "quarterly"),
    "freq_monthly": ("hằng tháng", "monthly"),
    "rv_not_prohibition": (
        "Cấp trên yêu cầu không để xảy ra, kế hoạch chỉ đặt mức giới hạn",
        "The parent forbids it; the child only sets a limit",
    ),
    "rv_no_value": ("Không nêu con số (cấp trên: {parent})", "No figure given (parent: {parent})"),
    "rv_comparator": (
        "Cách đặt chỉ tiêu khác chiều cấp trên ({child} so với {parent})",
        "The target binds the other way ({child} against {parent})",
    ),
    "rv_unit": (
        "Đơn vị không so sánh được ({child} so với {parent})",
        "Units not comparable ({child} against {parent})",
    ),
    "rv_value": ("Mức {child} thấp hơn yêu cầu {parent}", "{child} is laxer than the required {parent}"),
    "rv_breakdown": (
        "Các phần chia của {child} không cộng lại đúng",
        "The breakdown of {child} does not add up",
    ),
    "rv_share": (
        "Nhận {child}, ít hơn phần được phân bổ {share} {unit}",
        "Carries {child}, less than its allocated {share} {unit}",
    ),
    "rv_part_missing": (
        'Bỏ phần "{part}" ({required} {unit} trong chỉ tiêu cấp trên)',
        'Leaves out the share "{part}" ({required} {unit} in the parent\'s target)',
    ),
    "rv_part_lower": (
        'Phần "{part}" chỉ {child} {unit}, thấp hơn {required} {unit} cấp trên giao',
        'The share "{part}" is {child} {unit}, below the required {required} {unit}',
    ),
    "rv_subvalue_missing": ("Thiếu mức riêng cho {population}", "No separate value for {population}"),
    "rv_subvalue": (
        "Mức riêng cho {population} là {child}, thấp hơn yêu cầu {parent}",
        "The value for {population} is {child}, laxer than the required {parent}",
    ),
    "rv_frequency": ("Tần suất {child} thưa hơn {parent}", "Frequency {child} is less often than {parent}"),
    "rv_population": (
        'Đối tượng hẹp hơn: "{child}" so với "{parent}"',
        'Narrower population: "{child}" against "{parent}"',
    ),
    "rv_population_dropped": (
        'Đối tượng hẹp hơn: "{child}" so với "{parent}", không còn {dropped}',
        'Narrower population: "{child}" against "{parent}", leaving out {dropped}',
    ),
    "rv_deadline": ("Thời hạn năm {child} muộn hơn năm {parent}", "Deadline {child} is later than {parent}"),
    "rr_kept": ("Chỉ tiêu cấp trên tự thực hiện, không giao xuống cấp này", "Kept by the parent for itself"),
    "rr_kept_duty": (
        "Nhiệm vụ của cơ quan cấp trên, không giao xuống cấp này",
        "A duty of the upper level's bodies, not given to this level",
    ),
    "rr_held_above": (
        "Không giao cấp này: chỉ tiêu về {what} do cấp trên thực hiện",
        "Not asked of this level: a target on {what} is the upper level's",
    ),
    "rr_linked": ("Kế hoạch ghi rõ thực hiện chỉ tiêu này", "The child names this mandate explicitly"),
    "rr_scored": ("Khớp theo nội dung (điểm {score}/100)", "Matched by content (score {score}/100)"),
    "rr_missing": ("Không tìm thấy nội dung tương ứng", "Nothing in the child matches"),
    "rr_ambiguous": (
        "Có hai nội dung gần giống nhau, không tự chọn được: {names}",
        "Two close candidates, none picked: {names}",
    ),
    "rr_task_only": (
        "Chỉ có nhiệm vụ, không đặt chỉ tiêu đo được",
        "Only carried as a task, with no measurable target",
    ),
    "rr_share_unknown": (
        "Cấp trên không ghi phần phân bổ cho đơn vị này; chỉ kiểm tra có nhận phần",
        "The parent lists no allocation for this unit; only checked that it carries a share",
    ),
    "rr_own_commitment": (
        "Đơn vị cam kết thực hiện (chỉ tiêu giao cho mọi đơn vị cùng cấp)",
        "The unit commits to it (a target for every unit of its level)",
    ),
    "rr_plan_issued": ("Thực hiện bằng chính kế hoạch này", "Fulfilled by issuing this plan"),
    "rr_plan_late": (
        "Kế hoạch ban hành sau thời hạn cấp trên giao",
        "The plan was issued after the deadline",
    ),
    "rr_duty_late": ("Thời hạn muộn hơn cấp trên giao", "The deadline is later than the parent's"),
    "summary_line": (
        "{covered}/{total} chỉ tiêu, nhiệm vụ được bảo đảm",
        "{covered}/{total} mandates covered",
    ),
    "kh001_message": ("Thiếu chỉ tiêu cấp trên giao: {text}", "Mandated target missing: {text}"),
    "kh002_message": ("Chỉ tiêu thấp hơn cấp trên giao: {reason}", "Target weaker than mandated: {reason}"),
    "kh003_message": ("Thời hạn muộn hơn cấp trên giao: {reason}", "Deadline later than mandated: {reason}"),
    "kh004_message": (
        "Đối tượng hẹp hơn cấp trên giao: {reason}",
        "Population narrower than mandated: {reason}",
    ),
    "kh005_message": ("Nhận thiếu phần chỉ tiêu được phân bổ: {reason}", "Quota share short: {reason}"),
    "kh005_family": (
        "Tổng các cấp dưới nhận {total}/{required} {unit}, còn thiếu {gap}",
        "The children carry {total} of {required} {unit}, {gap} short",
    ),
    "kh005_no_share": ("Kế hoạch {child} không nhận phần chỉ tiêu nào", "Plan {child} carries no share"),
    "kh006_message": ("Thiếu nhiệm vụ cấp trên giao: {text}", "Mandated duty missing: {text}"),
    "kh007_message": ("Chưa xác định được chỉ tiêu tương ứng: {reason}", "Ambiguous match: {reason}"),
    "review_no_format_linter": (
        "Chưa kiểm tra thể thức văn bản (bộ kiểm tra thể thức chưa được cài)",
        "Format not checked (the format linter is not installed)",
    ),
    "review_no_children": ("Cần ít nhất một kế hoạch cấp dưới", "At least one child plan is needed"),
    "review_write_failed": ("Không ghi được tệp kết quả", "Cannot write the output file"),
    "review_docx_needs_output": (
        "Định dạng docx cần chỉ rõ tệp ra (-o)",
        "The docx format needs an output file (-o)",
    ),
    "status_covered": ("Bảo đảm", "Covered"),
    "status_weaker": ("Thấp hơn", "Weaker"),
    "status_late": ("Muộn hơn", "Late"),
    "status_missing": ("Thiếu", "Missing"),
    "status_ambiguous": ("Chưa rõ", "Ambiguous"),
    "status_not_applicable": ("Không áp dụng", "Not applicable"),
    "html_review_title": ("Kết quả rà soát kế hoạch", "Plan review"),
    "html_family_title": ("Kết quả rà soát các kế hoạch cấp dưới", "Review of the subordinate plans"),
    "html_parent": ("Kế hoạch cấp trên", "Parent plan"),
    "html_child": ("Kế hoạch được rà soát", "Reviewed plan"),
    "html_quotas": ("Tổng hợp chỉ tiêu phân bổ", "Quota shares"),
    "html_no_quotas": ("Không có chỉ tiêu phân bổ", "No quota to share"),
    "html_findings": ("Các điểm cần sửa", "Findings"),
    "html_format": ("Thể thức văn bản (Nghị định 30/2020/NĐ-CP)", "Format (Decree 30/2020)"),
    "html_format_unchecked": ("Chưa kiểm tra thể thức (chỉ kiểm tra khi gửi tệp DOCX)", "Format not checked"),
    "html_no_findings": ("Không có", "None"),
    "col_no": ("TT", "No."),
    "col_status": ("Kết quả", "Status"),
    "col_parent": ("Cấp trên giao", "Parent's mandate"),
    "col_child": ("Kế hoạch cấp dưới", "Child plan"),
    "col_reason": ("Nhận xét", "Reason"),
    "col_required": ("Chỉ tiêu", "Required"),
    "col_shares": ("Các đơn vị nhận", "Shares"),
    "col_shortfall": ("Còn thiếu", "Shortfall"),
    "note_subject": (
        "Kết quả rà soát Kế hoạch số {child} của {issuer}",
        "Review of plan {child} of {issuer}",
    ),
    "note_basis": ("Căn cứ Kế hoạch số {parent}", "Under plan {parent}"),
    "note_ref": ("{number} ngày {date} của {issuer}", "{number} of {date} by {issuer}"),
    "note_signer_name": ("(ký, ghi rõ họ tên)", "(signature and name)"),
    "note_signer_authority": ("TM. ỦY BAN NHÂN DÂN", "ON BEHALF OF THE PEOPLE'S COMMITTEE"),
    "note_archive_recipient": ("Lưu hồ sơ rà soát.", "Review file."),
    "note_overall": ("KẾT QUẢ CHUNG", "OVERALL RESULT"),
    "note_overall_text": (
        "Qua rà soát, kế hoạch có {summary} mà cấp trên giao cho cấp mình.",
        "The plan carries {summary} of those the parent gives its level.",
    ),
    "note_faults": ("CHỈ TIÊU, NHIỆM VỤ CHƯA BẢO ĐẢM", "MANDATES NOT COVERED"),
    "note_no_faults": ("Không có.", "None."),
    "note_format_ok": ("Thể thức văn bản đúng quy định.", "The format is correct."),
    "note_request": ("ĐỀ NGHỊ", "REQUEST"),
    "note_request_text": (
        "Đề nghị cơ quan soạn thảo bổ sung, điều chỉnh các nội dung nêu trên và gửi lại kế hoạch để tổng hợp.",
        "Please complete and correct the points above and send the plan again.",
    ),
    "note_request_ok": (
        "Kế hoạch bảo đảm các chỉ tiêu, nhiệm vụ cấp trên giao; đề nghị tổ chức thực hiện.",
        "The plan covers every mandate; please carry it out.",
    ),
    "note_appendix_title": ("Kết quả rà soát từng chỉ tiêu, nhiệm vụ", "Review of every mandate"),
    # --- format rules ---
    "fmt_finding": ("{what}: {found}; yêu cầu {required}", "{what}: {found}; required {required}"),
    "fmt_missing": ("Không tìm thấy {what}; yêu cầu {required}", "{what} not found; required {required}"),
    "fmt_document": ("toàn văn bản", "whole document"),
    "fmt_unknown": ("không rõ", "unknown"),
    "fmt_size": ("cỡ chữ {size} pt", "font size {size} pt"),
    "fmt_bold": ("in đậm", "bold"),
    "fmt_not_bold": ("không in đậm", "not bold"),
    "fmt_italic": ("in nghiêng", "italic"),
    "fmt_upright": ("chữ đứng (không nghiêng)", "upright (not italic)"),
    "fmt_underlined": ("có gạch chân", "underlined"),
    "fmt_not_underlined": ("không gạch chân", "not underlined"),
    "fmt_upper": ("chữ in hoa", "upper case"),
    "fmt_not_upper": ("không viết in hoa hết", "not all upper case"),
    "fmt_align_left": ("căn trái", "left-aligned"),
    "fmt_align_center": ("căn giữa", "centred"),
    "fmt_align_right": ("căn phải", "right-aligned"),
    "fmt_align_justify": ("căn đều hai bên", "justified"),
    "fmt_part_margin_top": ("Lề trên", "Top margin"),
    "fmt_part_margin_bottom": ("Lề dưới", "Bottom margin"),
    "fmt_part_margin_left": ("Lề trái", "Left margin"),
    "fmt_part_margin_right": ("Lề phải", "Right margin"),
    "fmt_part_paper": ("Khổ giấy", "Paper size"),
    "fmt_part_orientation": ("Hướng trang", "Page orientation"),
    "fmt_part_font": ("Phông chữ", "Font"),
    "fmt_part_colour": ("Màu chữ", "Text colour"),
    "fmt_black": ("màu đen", "black"),
    "fmt_part_body": ("Đoạn nội dung", "Body paragraph"),
    "fmt_part_indent": ("Thụt lề dòng đầu", "First-line indent"),
    "fmt_part_spacing": ("Khoảng cách sau đoạn", "Space between paragraphs"),
    "fmt_part_line_spacing": ("Giãn dòng", "Line spacing"),
    "fmt_part_national_name": ("Quốc hiệu", "National name"),
    "fmt_part_motto": ("Tiêu ngữ", "Motto"),
    "fmt_part_issuer": ("Tên cơ quan ban hành", "Issuing body"),
    "fmt_part_number": ("Số, ký hiệu", "Number and symbol"),
    "fmt_part_dateline": ("Địa danh, ngày tháng năm", "Place and date"),
    "fmt_part_doc_type": ("Tên loại văn bản", "Document type"),
    "fmt_part_subject": ("Trích yếu", "Subject line"),
    "fmt_part_point": ("Ký hiệu điểm", "Point letter"),
    "fmt_part_ending": ("Câu kết thúc nội dung", "Closing line of the body"),
    "fmt_part_recipients_title": ('Dòng "Nơi nhận:"', 'The "Nơi nhận:" line'),
    "fmt_part_recipients": ("Danh sách nơi nhận", "Recipient list"),
    "fmt_part_signer": ("Khối chữ ký (quyền hạn, chức vụ)", "Signer block (authority, title)"),
    "fmt_part_signer_name": ("Họ tên người ký", "Signer's name"),
    "fmt_part_page_number": ("Số trang", "Page number"),
    "fmt_text": ('nội dung "{text}"', 'text "{text}"'),
    "fmt_paper_a4": ("A4 (210 × 297 mm)", "A4 (210 × 297 mm)"),
    "fmt_landscape": ("khổ ngang", "landscape"),
    "fmt_landscape_only_tables": (
        "khổ dọc (khổ ngang chỉ cho phần bảng biểu, không cho trang đầu)",
        "portrait (landscape only for table pages, never the first page)",
    ),
    "fmt_letter_not_vietnamese": (
        'chữ "{letter}" không có trong bảng chữ cái tiếng Việt',
        '"{letter}" is not in the Vietnamese alphabet',
    ),
    "fmt_letter_sequence": (
        'điểm "{letter})" sau điểm "{previous})"',
        'point "{letter})" after "{previous})"',
    ),
    "fmt_letter_expected": (
        'điểm "{letter})" (a, b, c, d, đ, e, g, h, i, k, ...)',
        'point "{letter})" (a, b, c, d, đ, e, g, h, i, k, ...)',
    ),
    "fmt_no_page_field": ("không có trường số trang (PAGE) ở đầu trang", "no PAGE field in the header"),
    "fmt_page_on_first": ("trang đầu có hiển thị số trang", "page 1 shows a number"),
    "fmt_page_hidden_first": ("không hiển thị số trang ở trang đầu", "no number on page 1"),
    "fmt_page_field_required": (
        "số trang ở đầu trang (header), căn giữa",
        "a page number in the header, centred",
    ),
    "fmt_below_signer": ("nằm dưới khối chữ ký", "below the signer block"),
    "fmt_beside_signer": ("ngang hàng với khối chữ ký, bên trái", "level with the signer block, on its left"),
    "fmt_one_per_line": ("mỗi dòng một quyền hạn hoặc chức vụ", "one authority mark or title per line"),
    "fmt_several_marks": ("nhiều quyền hạn trên một dòng", "several authority marks on one line"),
    "fmt_summary": ("{count} lỗi thể thức", "{count} format finding(s)"),
    "fmt_unknown_rule": ("Không có quy tắc thể thức mang mã này", "No format rule has this code"),
    "fmt_number_form": ('dạng "Số: 05/KH-UBND"', 'the form "Số: 05/KH-UBND"'),
    "fmt_number_padding": (
        "số nhỏ hơn 10 có số 0 phía trước (05), từ 10 trở lên thì không",
        "numbers below 10 padded with 0 (05), 10 and up not",
    ),
    "fmt_number_spaces": (
        'ký hiệu viết liền, không có dấu cách quanh "/" và "-"',
        'no spaces around "/" and "-"',
    ),
    "fmt_number_year": ("ký hiệu kế hoạch không ghi năm", "no year in a plan's symbol"),
    "fmt_number_type": (
        'ký hiệu bắt đầu bằng "{code}-", đúng với tên loại {name}',
        'a symbol starting "{code}-", as the type name {name} requires',
    ),
    "fmt_doc_type_any": (
        "một tên loại văn bản theo Phụ lục III NĐ 30 (KẾ HOẠCH, BÁO CÁO, QUYẾT ĐỊNH, ...)",
        "a type name of ND30 Appendix III (KẾ HOẠCH, BÁO CÁO, QUYẾT ĐỊNH, ...)",
    ),
    "fmt_date_form": (
        'dạng "Địa danh, ngày DD tháng M năm YYYY"',
        'the form "Place, ngày DD tháng M năm YYYY"',
    ),
    "fmt_date_comma": ("địa danh, tiếp theo là dấu phẩy", "a place name followed by a comma"),
    "fmt_date_day": ("ngày có hai chữ số (01–09 có số 0 phía trước)", "a two-digit day (01–09 padded)"),
    "fmt_date_month": (
        'tháng 1, 2 viết "01", "02"; tháng 3–12 không có số 0 phía trước',
        'months 1 and 2 as "01", "02"; months 3–12 not padded',
    ),
    "fmt_ending_required": ('kết thúc bằng "./."', 'ending with "./."'),
    "fmt_recipient_dash": ('mỗi dòng bắt đầu bằng "-"', 'each line starting with "-"'),
    "fmt_recipient_semicolon": ('mỗi dòng kết thúc bằng ";"', 'each line ending with ";"'),
    "fmt_recipient_last": (
        'dòng cuối "- Lưu: VT, <đơn vị>." kết thúc bằng dấu chấm',
        'a last line "- Lưu: VT, <unit>." ending with a full stop',
    ),
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
    "extract_xml_token_too_long": (
        "Phần {part} có một thẻ, chú thích hoặc chỉ thị XML dài hơn {limit_mb} MB, bị từ chối"
        " (văn bản Word không có phần tử nào dài như vậy)",
        "Part {part} holds one XML tag, comment or processing instruction longer than {limit_mb} MB,"
        " refused (Word writes none that long)",
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
    "extract_pdf_too_slow": (
        "Tệp PDF đọc quá lâu (hơn {limit} giây), có thể bị làm hỏng cố ý",
        "The PDF takes too long to read (over {limit} seconds); it may be deliberately malformed",
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
    "extract_unknown": ("(chưa rõ)", "(unknown)"),
    "extract_note_no_header": (
        "Văn bản không có phần đầu (cơ quan ban hành, số, ngày): có thể là bài tóm tắt; các thông tin này được đoán từ nội dung",
        "The text has no header (issuer, number, date): probably a summary; these were guessed from the text",
    ),
    "extract_note_no_issuer": (
        "Không tìm thấy cơ quan ban hành; cần điền tay",
        "No issuing body found; fill it in by hand",
    ),
    "extract_note_issuer_guessed": (
        "Phần đầu không ghi tên cơ quan ban hành; tên được đoán từ nội dung",
        "The header does not name the issuing body; it was guessed from the text",
    ),
    "extract_note_no_symbol": ("Không tìm thấy số, ký hiệu văn bản", "No number/symbol found"),
    "extract_note_no_signer": ("Không tìm thấy khối chữ ký", "No signature block found"),
    "extract_note_no_targets": ("Không tìm thấy chỉ tiêu đo được nào", "No measurable target found"),
    "extract_note_restated": (
        "Bỏ chỉ tiêu nhắc lại (đã có đầy đủ ở đoạn sau): {text}",
        "Dropped a restated target (given in full later): {text}",
    ),
    "extract_written": ("Đã ghi kế hoạch trích xuất", "Extracted plan written"),
    "extract_summary": (
        "{targets} chỉ tiêu, {duties} cơ quan được giao nhiệm vụ",
        "{targets} targets, {duties} agencies with duties",
    ),
    "extract_out_ext": (
        "Tệp đầu ra phải là .json, .yaml hoặc .yml",
        "The output must be .json, .yaml or .yml",
    ),
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
    "issue_needs_number": (
        "Chưa ban hành được: kế hoạch chưa có số văn bản; mở Sửa, nhập Số rồi ban hành",
        "Cannot issue: the plan has no number; edit it, enter the number, then issue",
    ),
    # approval by level (draft → submitted → issued)
    "plan_issued_read_only": (
        "Kế hoạch đã ban hành nên không sửa được nữa; muốn thay đổi, hãy soạn kế hoạch mới "
        "(nút «Soạn kế hoạch sửa đổi, bổ sung» trên trang kế hoạch)",
        "The plan is issued and can no longer be changed; make the change as a new plan",
    ),
    "plan_submitted_read_only": (
        "Kế hoạch đang chờ duyệt nên không sửa được; chờ người duyệt ban hành hoặc trả lại",
        "The plan awaits approval; it can be changed once the reviewer returns it",
    ),
    "cannot_submit": (
        "Chỉ trình duyệt được dự thảo của đơn vị mình",
        "Only a draft of your agency can be submitted",
    ),
    "cannot_approve": (
        "Chỉ người rà soát hoặc quản trị của đơn vị ban hành hay cấp trên mới duyệt được kế hoạch",
        "Only a reviewer or admin of the plan's agency or above can approve it",
    ),
    "approve_needs_submission": (
        "Kế hoạch phải được trình duyệt trước khi ban hành",
        "The plan must be submitted before it is issued",
    ),
    "return_needs_comment": (
        "Hãy ghi lý do trả lại để người soạn thảo biết cần sửa gì",
        "Say why the plan is returned, so the drafter knows what to fix",
    ),
    "return_comment_too_long": (
        "Lý do trả lại dài quá {limit} ký tự",
        "The return comment is longer than {limit} characters",
    ),
    "plan_submitted": ("Đã trình duyệt kế hoạch", "Plan submitted for approval"),
    "plan_approved": ("Đã duyệt và ban hành kế hoạch", "Plan approved and issued"),
    "plan_returned": ("Đã trả lại kế hoạch cho người soạn thảo", "Plan returned to its drafter"),
    "plan_amendment_created": (
        "Đã tạo dự thảo sửa đổi, bổ sung từ kế hoạch đã ban hành",
        "Amendment draft created from the issued plan",
    ),
    "bad_parent": ("Kế hoạch cấp trên được chọn không hợp lệ", "Invalid parent_id"),
    "parent_is_self": ("Kế hoạch không thể thực hiện chính nó", "A plan cannot implement itself"),
    "bad_agency": ("Không được lưu kế hoạch cho cơ quan này", "You may not store a plan for this agency"),
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
    "review_need_draft": (
        "Hãy chọn tệp dự thảo (DOCX, PDF hoặc TXT)",
        "Choose a draft file (DOCX, PDF or TXT)",
    ),
    "review_need_parent": ("Hãy chọn kế hoạch cấp trên (đã lưu hoặc tải lên)", "Choose the parent plan"),
    "bad_json_body": ("Nội dung gửi lên không phải JSON hợp lệ", "The request body is not valid JSON"),
    "bad_version": ("Thiếu hoặc sai số phiên bản gốc (base_version)", "Missing or invalid base_version"),
    "admin_created": ("Đã tạo tài khoản quản trị", "Admin account created"),
    "admin_exists": ("Đã có tài khoản quản trị; không tạo mới", "An admin exists; none created"),
    "db_upgraded": ("Đã cập nhật cơ sở dữ liệu", "Database upgraded"),
    "agencies_created": ("Đã tạo cơ quan", "Agencies created"),
    "samples_loaded": ("Đã nạp kế hoạch mẫu", "Sample plans loaded"),
    "token_issued": ("Mã truy cập API mới (chỉ hiện một lần)", "New API token (shown once)"),
    "child_created": ("Đã tạo kế hoạch cấp dưới", "Child plan created"),
    "session_expired": (
        "Phiên đăng nhập đã hết hoặc bạn đã đăng xuất; đăng nhập lại ở thẻ khác rồi lưu lại",
        "Your session ended or you signed out; sign in again in another tab, then save again",
    ),
    "child_exists": (
        "Đơn vị đã có kế hoạch thực hiện kế hoạch này; mở kế hoạch đó thay vì tạo bản thứ hai",
        "Your agency already has a plan implementing this one; it is opened instead of a second one",
    ),
    "user_created": ("Đã tạo tài khoản (mật khẩu chỉ hiện lần này)", "Account created (password shown once)"),
    # agencies and accounts (app/services/accounts.py, agencies.py)
    "username_too_long": ("Tên đăng nhập dài quá 80 ký tự", "The user name is longer than 80 characters"),
    "account_disabled": (
        "Tài khoản đã bị khóa; liên hệ quản trị của đơn vị",
        "The account is disabled; ask your agency's admin",
    ),
    "login_throttled": (
        "Đăng nhập sai quá nhiều lần; vui lòng chờ {minutes} phút rồi thử lại",
        "Too many failed sign-ins; wait {minutes} minutes and try again",
    ),
    "password_wrong": ("Mật khẩu hiện tại không đúng", "The current password is wrong"),
    "password_mismatch": ("Hai lần nhập mật khẩu mới không khớp nhau", "The two new passwords differ"),
    "password_same": ("Mật khẩu mới phải khác mật khẩu cũ", "The new password must differ from the old one"),
    "password_changed": (
        "Đã đổi mật khẩu; các phiên đăng nhập khác của bạn đã kết thúc",
        "Password changed; your other sessions have ended",
    ),
    "password_reset": (
        "Đã đặt lại mật khẩu (chỉ hiện lần này; mã API cũ đã bị hủy)",
        "Password reset (shown once; the old API token is revoked)",
    ),
    "role_changed": ("Đã đổi vai trò", "Role changed"),
    "user_disabled": (
        "Đã khóa tài khoản; mọi phiên đăng nhập và mã API của tài khoản đã kết thúc",
        "Account disabled; its sessions and API token have ended",
    ),
    "user_enabled": ("Đã mở khóa tài khoản", "Account enabled"),
    "user_not_found": ("Không tìm thấy tài khoản", "No such account"),
    "outside_branch": (
        "Cơ quan hoặc tài khoản nằm ngoài phạm vi quản lý của bạn",
        "The agency or account is outside your branch",
    ),
    "not_own_account": (
        "Không tự khóa, tự đặt lại mật khẩu hay tự đổi vai trò của chính mình được",
        "You cannot disable, reset or change the role of your own account",
    ),
    "token_expires": ("Mã hết hạn lúc", "The token expires at"),
    "agency_not_found": ("Không tìm thấy cơ quan", "No such agency"),
    "agency_ambiguous": (
        "Có nhiều cơ quan trùng tên; ghi đầy đủ hơn hoặc dùng số hiệu #",
        "Several agencies have that name; write it in full or use its # number",
    ),
    "agency_exists": (
        "Đã có cơ quan cùng tên ở cùng cấp trên",
        "An agency of that name exists under that parent",
    ),
    "agency_name_empty": ("Tên cơ quan không được để trống", "The agency name is empty"),
    "agency_name_too_long": (
        "Tên cơ quan dài quá {limit} ký tự",
        "The agency name is longer than {limit} characters",
    ),
    "agency_cycle": (
        "Không thể đặt cơ quan vào dưới chính nó hoặc một cơ quan cấp dưới của nó",
        "An agency cannot go under itself or one of its own descendants",
    ),
    "agency_merge_self": (
        "Không thể sáp nhập cơ quan vào chính nó",
        "An agency cannot be merged into itself",
    ),
    "agency_merge_level": (
        "Chỉ sáp nhập được hai cơ quan cùng cấp",
        "Only agencies of the same level can be merged",
    ),
    "agency_own": (
        "Không thể sáp nhập hay chuyển chính cơ quan của bạn; việc này do cấp trên làm",
        "You cannot merge or move your own agency; the level above does that",
    ),
    "agency_created": ("Đã thêm cơ quan", "Agency added"),
    "agency_renamed": ("Đã đổi tên cơ quan", "Agency renamed"),
    "agency_merged": (
        "Đã sáp nhập: {plans} kế hoạch và {users} tài khoản chuyển sang {kept}",
        "Merged: {plans} plans and {users} accounts moved to {kept}",
    ),
    "agency_moved": ("Đã chuyển cơ quan", "Agency moved"),
    "province_imported": (
        "Đã nhập {name} theo danh mục: thêm {added} cơ quan",
        "{name} imported from the register: {added} agencies added",
    ),
    "user_added": ("Đã tạo tài khoản", "Account created"),
    "password_shown_once": ("Mật khẩu (chỉ hiện lần này)", "Password (shown only now)"),
    "coverage_no_lower_level": (
        "Kế hoạch {level} không có cấp dưới nên không có bảng bao phủ cấp dưới",
        "A plan of level {level} has no lower level, so it has no coverage board",
    ),
    # --- review: the levels of the two plans (app/review/assumptions.py) ---
    "role_parent": ("kế hoạch cấp trên", "the parent plan"),
    "role_child": ("kế hoạch cấp dưới", "the child plan"),
    "field_parent_level": ("Cấp kế hoạch cấp trên", "Parent plan level"),
    "field_child_level": ("Cấp kế hoạch cấp dưới", "Child plan level"),
    "level_auto": ("Tự xác định", "Infer"),
    "review_parent_level_help": (
        "Cấp của kế hoạch cấp trên; mặc định tự xác định theo cơ quan ban hành",
        "Level of the parent plan; inferred from its issuing body by default",
    ),
    "review_child_level_help": (
        "Cấp của kế hoạch cấp dưới; mặc định tự xác định theo cơ quan ban hành",
        "Level of the child plan; inferred from its issuing body by default",
    ),
    "level_invalid": (
        "Cấp không hợp lệ «{value}» ({option}); chọn một trong: {choices}",
        "Invalid level «{value}» ({option}); choose one of: {choices}",
    ),
    "review_levels_inverted": (
        "Cấp đã chọn cho kế hoạch cấp dưới ({child}) cao hơn cấp đã chọn cho kế hoạch cấp trên"
        " ({parent}); có thể đã chọn ngược hai cấp",
        "The level set for the child plan ({child}) is above the one set for the parent ({parent});"
        " the two may be swapped",
    ),
    "assume_inferred": (
        "Cấp của {role} được xác định là {level} (theo cơ quan ban hành: {issuer})",
        "The level of {role} is taken as {level} (from its issuing body: {issuer})",
    ),
    "assume_unknown": (
        "Không xác định được cấp của {role} ({issuer}); rà soát coi là {level}",
        "The level of {role} ({issuer}) is unknown; it is reviewed as {level}",
    ),
    "assume_child_below": (
        "Kế hoạch cấp dưới ({issuer}) được xác định là {found}, không thấp hơn kế hoạch cấp trên"
        " ({parent_level}); rà soát coi kế hoạch cấp dưới là {level}",
        "The child plan ({issuer}) reads as {found}, not below the parent ({parent_level});"
        " it is reviewed as {level}",
    ),
    "assume_swapped": (
        "có thể hai tệp bị đổi chỗ (kế hoạch cấp trên là tệp sau --parent, trên trang rà soát là"
        " tệp ở mục «Kế hoạch cấp trên»)",
        "the two files may be swapped (the parent plan is the file after --parent, on the review"
        " page the one under «Kế hoạch cấp trên»)",
    ),
    "assume_parent_above": (
        "Kế hoạch cấp trên ({issuer}) được xác định là {found}, không cao hơn cấp đã chọn cho kế"
        " hoạch cấp dưới ({child_level}); rà soát coi kế hoạch cấp trên là {level}",
        "The parent plan ({issuer}) reads as {found}, not above the level set for the child"
        " ({child_level}); it is reviewed as {level}",
    ),
    "assume_same_level": (
        "Hai kế hoạch cùng {level}: kế hoạch cấp dưới được rà soát như kế hoạch cùng cấp thực hiện"
        " kế hoạch cấp trên (như kế hoạch của một sở, ngành thực hiện kế hoạch của tỉnh)",
        "Both plans are of {level}: the child is reviewed as a plan of the same level carrying out"
        " the parent (as a department's plan carries out the province's)",
    ),
    "assume_hint": (
        "có thể chọn lại bằng {option} hoặc ô «{field}» trên trang rà soát",
        "set it with {option} or the «{field}» field of the review page",
    ),
    "html_assumptions": ("Giả định khi rà soát", "Assumptions"),
    "note_assumptions": ("GIẢ ĐỊNH KHI RÀ SOÁT", "ASSUMPTIONS OF THE REVIEW"),
    "date_format": (
        "Ngày phải theo dạng ngày/tháng/năm, ví dụ 20/01/2026",
        "Dates are dd/mm/yyyy, e.g. 20/01/2026",
    ),
    "date_invalid": ("Ngày không có thật", "No such date"),
    # --- batch ---
    "soffice_missing": (
        "Chưa cài LibreOffice nên không tạo được PDF (DOCX vẫn tạo bình thường). Cài bằng lệnh",
        "LibreOffice is not installed, so no PDF can be made (DOCX still works). Install it with",
    ),
    "pdf_timeout": (
        "LibreOffice chuyển sang PDF quá thời gian cho phép",
        "LibreOffice PDF conversion timed out",
    ),
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
    "communes_invalid": (
        "Danh sách xã có lỗi, chưa tạo văn bản nào",
        "The commune list has errors; nothing was generated",
    ),
    "communes_no_name_column": (
        "Thiếu cột tên xã (Tên / name)",
        "No commune name column (Tên / name)",
    ),
    "communes_unknown_column": (
        "Cột không nhận ra (không phải cột chuẩn hay mã chỉ tiêu của kế hoạch cấp trên)",
        "Unknown column (neither a standard column nor a target id of the parent plan)",
    ),
    "communes_missing_name": ("Thiếu tên xã", "Missing commune name"),
    "communes_duplicate": ("Trùng với xã ở dòng {row}", "Duplicate of the commune on row {row}"),
    "communes_bad_type": (
        "Loại đơn vị phải là xã, phường, thị trấn hoặc đặc khu",
        "The unit type must be xã, phường, thị trấn or đặc khu",
    ),
    "communes_bad_number": ("Không phải là số (ví dụ 1.100 hoặc 2,5)", "Not a number (e.g. 1.100 or 2,5)"),
    "communes_negative": ("Số không được âm", "The number must not be negative"),
    "communes_missing_signer": ("Thiếu người ký hoặc chức vụ", "Missing signer name or title"),
    # the register of administrative units (app/batch/register_list.py)
    "communes_abolished_type": ("Loại đơn vị đã bãi bỏ từ 01/7/2025", "Unit type abolished on 1/7/2025"),
    "communes_not_in_province": (
        "Không phải đơn vị hành chính cấp xã của {province} (danh mục từ 01/7/2025)",
        "Not a commune-level unit of {province} (register since 1/7/2025)",
    ),
    "communes_the_register": ("danh mục đơn vị hành chính", "the register of administrative units"),
    "communes_suggest": ("Có phải: {name}?", "Did you mean: {name}?"),
    "communes_elsewhere": ("đơn vị cùng tên thuộc {places}", "a unit of that name is in {places}"),
    "communes_ambiguous_type": (
        "Tên này là của nhiều đơn vị, ghi rõ loại: {names}",
        "This name is shared by several units; give the type: {names}",
    ),
    "communes_place_not_unit": (
        "Địa danh của {unit} là «{place}» (Nghị định 30/2020/NĐ-CP: tên của xã, phường nơi cơ quan đóng trụ sở); để trống hoặc sửa ô này",
        "The dateline place of {unit} is «{place}» (Decree 30/2020: the commune's own name); leave the cell empty or correct it",
    ),
    "communes_bad_province": (
        "Không phải tỉnh, thành phố trong danh mục từ 01/7/2025",
        "Not a province of the register since 1/7/2025",
    ),
    "communes_other_province": (
        "Không thuộc {province} của kế hoạch cấp trên",
        "Not in {province}, the parent plan's province",
    ),
    "communes_old_units_hint": (
        "Kế hoạch cấp trên ban hành trước 01/7/2025: nếu danh sách theo đơn vị hành chính cũ, chọn «Chấp nhận đơn vị hành chính cũ» (lệnh: --accept-old-units) để tạo",
        "The parent plan predates 1/7/2025: if the list follows the old units, confirm with «Chấp nhận đơn vị hành chính cũ» (--accept-old-units)",
    ),
    "communes_all_needs_province": (
        "Không xác định được tỉnh của kế hoạch cấp trên trong danh mục đơn vị hành chính, nên không lấy được danh sách xã; hãy tải lên danh sách xã",
        "The parent plan's province is not in the register, so its communes are unknown; upload a commune list",
    ),
    "communes_register_source": ("Danh mục đơn vị hành chính", "Register of administrative units"),
    "communes_list_or_all": (
        "Chọn một trong hai: tệp danh sách xã hoặc tất cả xã, phường của tỉnh (--all)",
        "Give exactly one of: a commune list file, or every commune of the province (--all)",
    ),
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
    "batch_no_worker": (
        "Chưa có tiến trình xử lý nào chạy: lô sẽ chờ đến khi một tiến trình xử lý được khởi động. "
        "Trên máy chủ, chạy «kehoach serve» (web cùng tiến trình xử lý) hoặc «kehoach worker»",
        "No worker is running: the batch waits until one is started. "
        "On the server run «kehoach serve» (web and worker) or «kehoach worker»",
    ),
    "batch_request_invalid": (
        "Chưa tạo lô: dữ liệu gửi lên có lỗi",
        "No batch was started: the request has errors",
    ),
    "batch_list_or_all_field": (
        "Gửi tệp danh sách xã (.xlsx hoặc .csv) trong trường «communes», hoặc all=true để lấy mọi xã, "
        "phường của tỉnh (không gửi cả hai)",
        "Send a commune list (.xlsx or .csv) in «communes», or all=true for every commune of the "
        "province (not both)",
    ),
    "flag_invalid": ("Giá trị phải là true hoặc false", "Must be true or false"),
    "batch_output_error": ("Không ghi được tệp kết quả", "Cannot write the output file"),
    "batch_job_unreadable": (
        "Không đọc được lô (tệp trạng thái của lô hỏng hoặc thiếu), lô được đánh dấu lỗi",
        "The batch cannot be read (job.json damaged or incomplete); it is marked failed",
    ),
    "batch_store_failed": (
        "Không lưu được kế hoạch của xã vào cơ sở dữ liệu",
        "Cannot store the commune's plan in the database",
    ),
    "batch_name_too_long": (
        "Tên đơn vị (hoặc mã kế hoạch sinh từ tên) quá dài để lưu (tối đa {limit} ký tự)",
        "The unit's name (or the plan id made from it) is too long to store (at most {limit} characters)",
    ),
    "batch_commune_level": (
        "Đơn vị không thuộc cấp dưới của cơ quan ban hành kế hoạch cấp trên",
        "The unit is not of a level below the parent plan's issuer",
    ),
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
        "Thường trực Đảng ủy, HĐND {level};|Chủ tịch, các PCT UBND {level};|Các ban, ngành, đoàn thể {level};",
        "Standing committee of the Party and People's Council;|Chair and vice chairs;|Departments and mass organisations;",
    ),
    # several parents and stale reviews (issue 12 parts 4 and 5)
    "review_parent_section": ("Theo kế hoạch cấp trên", "Against the parent plan"),
    "review_duplicate_parent": ("Kế hoạch cấp trên bị nêu hai lần", "A parent plan is given twice"),
    "parents_none": ("Chưa chọn kế hoạch cấp trên nào", "No parent plan chosen"),
    "parents_duplicate": ("Một kế hoạch cấp trên được chọn hai lần", "A parent plan is chosen twice"),
    "parents_none_cited": (
        "Căn cứ của kế hoạch không dẫn chiếu kế hoạch cấp trên nào đã lưu",
        "The plan's references cite no stored parent plan",
    ),
    "parents_saved": ("Đã lưu các kế hoạch cấp trên", "Parent plans saved"),
    "parents_reviewed": (
        "Đã rà soát theo từng kế hoạch cấp trên; dấu «cần rà soát lại» được gỡ",
        "Reviewed against each parent plan; the stale mark is cleared",
    ),
    "stale_added": ("mới bổ sung", "added"),
    "stale_removed": ("đã bỏ", "removed"),
    "stale_stricter": ("nâng mức yêu cầu", "made stricter"),
    "stale_changed": ("nội dung thay đổi", "reworded"),
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
