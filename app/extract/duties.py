"""The "Tổ chức thực hiện" part: one item per agency, each with its duties.

An item is either an agency name followed by bullets ("1. Phòng Lao động-TB&XH" / "- Chủ trì,
phối hợp ...") or one sentence naming the agency and what it does ("2. Phòng Văn hóa - Thông
tin, phòng Tư pháp ... đẩy mạnh hoạt động tuyên truyền ..."); the agency ends where the first
duty verb begins. A duty's role comes from its words: "chủ trì" leads, a duty opening with
"phối hợp" coordinates, "báo cáo" reports (to whom, how often).
"""

from __future__ import annotations

import re

from app.domain.assignments import Assignment, Duty, Role
from app.domain.levels import DEFAULT_LEVELS
from app.vn.normalize import clean

_DUTY_VERBS = (
    "chủ trì",
    "phối hợp",
    "có trách nhiệm",
    "chịu trách nhiệm",
    "căn cứ",
    "đẩy mạnh",
    "tăng cường",
    "triển khai",
    "thực hiện",
    "xây dựng",
    "tổ chức",
    "hướng dẫn",
    "theo dõi",
    "tham mưu",
    "báo cáo",
    "định kỳ",
    "chỉ đạo",
    "phổ biến",
    "tuyên truyền",
    "kiểm tra",
    "bố trí",
    "cân đối",
    "lồng ghép",
    "nắm",
    "rà soát",
    "giao",
    "là cơ quan",
    "tiếp tục",
    "kịp thời",
    "phản ánh",
    "chủ động",
    "bảo đảm",
    "đảm bảo",
    "nghiên cứu",
    "đề xuất",
    "huy động",
    "hỗ trợ",
    "vận động",
    "kiện toàn",
    "ban hành",
    "giám sát",
    "đôn đốc",
    "tổng hợp",
    "cập nhật",
    "nâng cao",
    "duy trì",
    "ưu tiên",
    "tập trung",
    "quán triệt",
    "tiến hành",
)
_VERB = re.compile(r"(?:^|\s|,\s*)(" + "|".join(re.escape(v) for v in _DUTY_VERBS) + r")\b", re.IGNORECASE)
_REPORT = re.compile(
    r"báo cáo(?:\s+kết quả[^.;]*?)?\s+(?:(?:về|cho|gửi|lên)\s+(?P<to>[^.;(]+?)|"
    r"(?P<body>(?:UBND|Ủy ban|Uỷ ban|Thủ tướng|Bộ|Sở|Phòng|Chủ tịch|Ban)\b[^.;(]*?))(?:\s*\(|[.;]|$)",
    re.IGNORECASE,
)
_FREQUENCY = re.compile(
    r"(?:định kỳ\s+)?(?:hằng|hàng|mỗi)\s+(?:năm|quý|tháng|6 tháng)|định kỳ|6 tháng|cuối năm", re.IGNORECASE
)
_DEADLINE = re.compile(r"(?:trước|chậm nhất|trong)\s+(?:ngày\s+)?\d{1,2}/\d{1,2}(?:/\d{4})?", re.IGNORECASE)


# "tổ chức" before these is a noun ("tổ chức chính trị - xã hội", "cơ quan, tổ chức có liên quan")
_NOUN_AFTER = re.compile(
    r"\s*(?:chính trị|có liên quan|liên quan|đoàn thể|xã hội|thành viên|cá nhân|hội|kinh tế|,|và\b|;|$)",
    re.IGNORECASE,
)
# An opening clause that says when or on what ground, before the subject:
# "Căn cứ nội dung Kế hoạch và tình hình thực tiễn, các sở, ban, ngành ... xây dựng ..."
_OPENER = re.compile(
    r"^(?:căn cứ|trong quá trình|trên cơ sở|trường hợp|khi|để|ngoài ra|đồng thời|hằng năm|hàng năm|định kỳ)\b",
    re.IGNORECASE,
)
_SUBJECT_AFTER_OPENER = re.compile(
    r",\s+(?=(?:các\s+|ủy ban|uỷ ban|ubnd|sở|bộ|ban|công an|phòng|cơ quan|đơn vị|địa phương|mặt trận)\b)",
    re.IGNORECASE,
)


def split_agency(text: str) -> tuple[str, str | None]:
    """ "Các cơ quan, đơn vị liên quan căn cứ chức năng ..." -> (agency, duty text).

    An opening clause before the subject ("Căn cứ ..., các sở, ban, ngành xây dựng ...") is
    no part of the agency, and "tổ chức" inside a list of bodies is a noun, not the verb."""
    line = clean(text).rstrip(":")
    if _OPENER.match(line) and (cut := _SUBJECT_AFTER_OPENER.search(line)):
        line = line[cut.end() :]
    for m in _VERB.finditer(line):
        start = m.start(1)
        if m.group(1).lower() == "tổ chức" and _NOUN_AFTER.match(line, m.end(1)):
            continue
        if start > 3:
            agency = line[:start].strip(" ,:")
            return agency, line[start:].strip() or None
    return line, None


def parse_duty(text: str) -> Duty:
    """One duty with its role, report recipient, frequency and deadline."""
    line = clean(text).lstrip("-–+• ").strip()
    low = line.lower()
    report = _REPORT.search(line)
    if low.startswith("chủ trì") or " chủ trì" in low[:40]:
        role = Role.LEAD
    elif low.startswith("phối hợp"):
        role = Role.COORDINATE
    elif report or "báo cáo" in low:
        role = Role.REPORT
    else:
        role = Role.IMPLEMENT
    frequency = _FREQUENCY.search(line)
    deadline = _DEADLINE.search(line)
    return Duty(
        text=line,
        role=role,
        report_to=_recipient(report) if report and role is Role.REPORT else None,
        frequency=frequency.group(0) if frequency and role is Role.REPORT else None,
        deadline=deadline.group(0) if deadline else None,
    )


def _recipient(report: re.Match[str]) -> str:
    to = report.group("to") or report.group("body") or ""
    return re.split(r"\s+(?:theo|trước|trong|định kỳ|hằng|hàng|để)\b", to.strip())[0].strip(" ,")


_LOCALITIES = re.compile(
    r"\b(?:các\s+)?(?:cơ quan,\s*)?(?:đơn vị,\s*)?địa phương\b|"
    r"\bcác\s+cơ quan(?:,\s*đơn vị)?\s+(?:có\s+)?liên quan\b",
    re.IGNORECASE,
)


def names_localities(text: str) -> bool:
    """ "Các cơ quan, đơn vị, địa phương", "các cơ quan có liên quan": the localities (and
    every body concerned) are the levels below the issuer too, so a duty given to them is
    asked of every lower level (no level of its own)."""
    return bool(_LOCALITIES.search(text))


def opens_with_duty(text: str) -> bool:
    """True when ``text`` opens with a duty verb ("Tổ chức đánh giá ...", "Chủ trì ..."), so
    it names no agency of its own."""
    m = _VERB.match(clean(text))
    return (
        m is not None
        and m.start(1) == 0
        and not (m.group(1).lower() == "tổ chức" and _NOUN_AFTER.match(clean(text), m.end(1)))
    )


def build_assignment(title: str, texts: list[str], own_level: str | None = None) -> Assignment:
    """The Assignment of an organization item: its title, then its bullets and paragraphs.

    The level comes from the agency's unit words ("UBND các xã" -> commune, "Công an tỉnh" ->
    province); an agency naming none (a Sở, a Phòng) belongs to the issuer's ``own_level``."""
    agency, first = split_agency(title)
    level = DEFAULT_LEVELS.infer(agency) or DEFAULT_LEVELS.infer_any(agency)
    if level is None and not names_localities(agency):
        level = own_level
    return Assignment(agency=agency, duties=parse_duties([first] if first else [], texts), level=level)


def parse_duties(*texts: list[str]) -> list[Duty]:
    """The duties of lines of text, each line split where it runs several together."""
    return [parse_duty(piece) for group in texts for text in group for piece in _split_duties(text)]


def _split_duties(text: str) -> list[str]:
    """A paragraph may run two bullets together ("... nước ngoài. - Xây dựng kế hoạch ...")."""
    parts = re.split(r"(?<=[.;])\s+-\s+(?=[A-ZĐÀ-Ỹ])", clean(text))
    # "...; hằng năm báo cáo ..." is a reporting duty of its own
    parts = [q for p in parts for q in re.split(r"(?<=[;.])\s+(?=(?:\S+\s+){0,5}?báo cáo\b)", p)]
    # each sentence of a paragraph is a duty of its own ("... kiểm tra, đánh giá. Có trách
    # nhiệm xây dựng kế hoạch chi tiết hằng năm.")
    parts = [q for p in parts for q in sentences_of(p)]
    return [p for p in parts if p.strip(" -")]


_SENTENCE = re.compile(r"(?<=[a-zđà-ỹ\)][.])\s+(?=[A-ZĐÀ-Ỹ][a-zđà-ỹ])")


def sentences_of(text: str) -> list[str]:
    """The sentences of a paragraph of duties ("... đạt hiệu quả cao. Định kỳ hàng tháng ...")."""
    return [p for p in _SENTENCE.split(text) if p.strip()]
