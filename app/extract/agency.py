"""Agency names in an ND30 header: which lines name the cơ quan chủ quản and which the issuing
body, and the case they are written in outside the header.

The header prints every agency line in upper case ("UBND TỈNH ĐỒNG NAI" above "SỞ Y TẾ"), so
the reader must tell the bodies apart by their words, not by their formatting (a PDF or a text
file has none): a line opening with an agency word ("SỞ", "PHÒNG", "ỦY BAN NHÂN DÂN", "UBND")
starts a new body; a line opening with a unit word ("HUYỆN VĨNH CỬU") continues the one above.
Outside the header an agency is written as Phụ lục II of NĐ 30 wants: "Sở Y tế", "Sở Lao động -
Thương binh và Xã hội", "Ủy ban nhân dân huyện Vĩnh Cửu", with "UBND" kept as an abbreviation.
"""

from __future__ import annotations

import re

from app.vn.normalize import clean

# Words that open the name of an agency (longest first, so "ủy ban nhân dân" beats "ban").
_AGENCY_HEADS = (
    "ủy ban nhân dân",
    "uỷ ban nhân dân",
    "hội đồng nhân dân",
    "ủy ban mặt trận tổ quốc",
    "ban chỉ đạo",
    "văn phòng",
    "trung tâm",
    "tổng cục",
    "chi cục",
    "công an",
    "bộ chỉ huy",
    "sở",
    "phòng",
    "ban",
    "bộ",
    "cục",
    "vụ",
    "viện",
    "ubnd",
    "hđnd",
)
# Administrative unit words: what follows them is a proper place name.
_UNITS = ("thành phố", "thị trấn", "thị xã", "đặc khu", "tỉnh", "huyện", "quận", "xã", "phường")
# Abbreviations kept in upper case wherever they stand.
_ABBREVIATIONS = frozenset(
    ("ubnd", "hđnd", "mttq", "ubmttq", "lđtbxh", "lđ-tb&xh", "gd&đt", "kh&đt", "vh-tt&dl", "tp", "tp.", "tw")
)


def _starts_with(words: list[str], phrase: str) -> bool:
    return words[: len(phrase.split())] == phrase.split()


def _head_length(words: list[str]) -> int:
    """How many words of ``words`` make the agency word that opens them (0 when none does).

    "PHÒNG, CHỐNG ..." (a field, "prevention and control") is not the agency "Phòng"."""
    for head in _AGENCY_HEADS:
        if _starts_with(words, head):
            n = len(head.split())
            if head == "phòng" and (words[0] != "phòng" or (len(words) > 1 and words[1].startswith("chống"))):
                return 0
            return n
    return 0


def _unit_length(words: list[str]) -> int:
    if words[:2] == ["xã", "hội"]:  # "Lao động - Thương binh và Xã hội": society, not a commune
        return 0
    return next((len(u.split()) for u in _UNITS if _starts_with(words, u)), 0)


def split_bodies(lines: list[str]) -> tuple[list[str], list[str]]:
    """(chủ quản lines, issuing body lines) of the upper-case agency lines of a header.

    Each line that opens with an agency word starts a new body; the last body is the issuer and
    the one above it its cơ quan chủ quản. "ỦY BAN NHÂN DÂN" / "HUYỆN VĨNH CỬU" is one body;
    "UBND TỈNH ĐỒNG NAI" / "SỞ Y TẾ" is a chủ quản and its issuing body."""
    bodies: list[list[str]] = []
    for line in lines:
        words = _words(line)
        if not bodies or (_head_length(words) and _is_complete(bodies[-1])):
            bodies.append([line])
        else:
            bodies[-1].append(line)
    if len(bodies) < 2:
        return [], lines
    return bodies[-2], bodies[-1]


def _is_complete(body: list[str]) -> bool:
    """A body that already names something ("UBND TỈNH ĐỒNG NAI", "SỞ Y TẾ"), unlike a bare
    "ỦY BAN NHÂN DÂN" waiting for its unit on the next line."""
    words = _words(" ".join(body))
    return len(words) > _head_length(words)


def agency_case(text: str, first: bool = True) -> str:
    """An agency name as written in running text: "SỞ Y TẾ" -> "Sở Y tế", "UBND TỈNH ĐỒNG NAI"
    -> "UBND tỉnh Đồng Nai", "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI" -> "Sở Lao động - Thương
    binh và Xã hội". ``first`` capitalises the first word (False for a continuation line)."""
    words = _words(text)
    out: list[str] = []
    i = 0
    mode = "start"  # start | field (after an agency word) | place (after a unit word) | plain
    capital_next = first
    while i < len(words):
        head = _head_length(words[i:]) if mode == "start" else 0
        unit = 0 if mode == "place" else _unit_length(words[i:])
        if head or unit:
            n = head or unit
            # the agency or unit word is lower case unless it opens the name: "Ủy ban nhân dân
            # huyện Vĩnh Cửu"; the field after an agency word is capitalised: "Sở Y tế"
            out += [_word(w, first and i == 0 and k == 0) for k, w in enumerate(words[i : i + n])]
            if words[i : i + n] == ["ban", "chỉ", "đạo"]:
                # "Ban Chỉ đạo phòng, chống tội phạm": its field is a common noun phrase
                out[-2], mode, capital_next = "Chỉ", "plain", False
            else:
                mode, capital_next = ("field", True) if head else ("place", True)
            i += n
            continue
        word = words[i]
        out.append(_word(word, mode == "place" or capital_next))
        capital_next = mode == "field" and (word in ("và", "-", "–") or word.endswith(","))
        i += 1
    return " ".join(out)


def agency_lines(lines: list[str]) -> list[str]:
    """:func:`agency_case` over a name printed on several lines, line breaks kept:
    ["ỦY BAN NHÂN DÂN", "HUYỆN VĨNH CỬU"] -> ["Ủy ban nhân dân", "huyện Vĩnh Cửu"]."""
    words = agency_case(" ".join(lines)).split()
    out: list[str] = []
    for line in lines:
        n = len(_words(line))
        out.append(" ".join(words[:n]))
        words = words[n:]
    return [line for line in out if line]


def _word(word: str, capital: bool) -> str:
    if word in _ABBREVIATIONS:
        return word.upper()
    return word[:1].upper() + word[1:] if capital else word


def _words(text: str) -> list[str]:
    return clean(text).lower().split()


def proper_place(text: str) -> str | None:
    """The place an agency is named after: "HUYỆN VĨNH CỬU" -> "Vĩnh Cửu"."""
    m = re.search(
        r"(?:TỈNH|HUYỆN|XÃ|PHƯỜNG|THỊ TRẤN|THỊ XÃ|QUẬN|THÀNH PHỐ|ĐẶC KHU)\s+(.+)$", clean(text).upper()
    )
    return " ".join(w.capitalize() for w in m.group(1).lower().split()) if m else None


# Bodies of the issuer's own government that open a sentence as its subject ("Sở Y tế tổ
# chức từ 10 đến 12 lớp tập huấn ... cho cán bộ cấp xã"): the figure is theirs to reach, so the
# target stays at the issuer's level even when it names the units it serves.
_OWN_BODY = re.compile(r"^(?:Sở|Phòng|Chi cục|Trung tâm|Văn phòng|Ban|Công an)\s+(\w+)")


def opens_with_own_body(text: str) -> bool:
    """Whether ``text`` opens with a named body ("Sở Y tế", "Công an tỉnh"), not a verb that
    shares its first word ("Phòng, chống", "Ban hành")."""
    m = _OWN_BODY.match(text.strip())
    return m is not None and (m.group(1)[0].isupper() or m.group(1) in ("tỉnh", "huyện"))
