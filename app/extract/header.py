"""The opening of a plan: issuing body, number and symbol, place and date, document type,
and the references ("Thực hiện Kế hoạch số ...", "Căn cứ ...").

The header of an ND30 document is two columns (issuing body and number on the left, motto and
dateline on the right); readers give it back as lines in either order, so every line is
classified on its own. Press summaries have no header: :func:`guess_issuer` finds the body in
the prose ("UBND tỉnh Bà Rịa - Vũng Tàu đã ban hành ...").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from app.domain.levels import DEFAULT_LEVELS, unit_token
from app.domain.plan import Issuer, Reference
from app.extract.agency import agency_lines, proper_place, split_bodies
from app.vn import register
from app.vn.normalize import clean, match_key, strip_diacritics

DOC_TYPES = (
    "KẾ HOẠCH",
    "QUYẾT ĐỊNH",
    "CHƯƠNG TRÌNH",
    "CHỈ THỊ",
    "NGHỊ QUYẾT",
    "ĐỀ ÁN",
    "BÁO CÁO",
    "THÔNG BÁO",
    "HƯỚNG DẪN",
    "CÔNG VĂN",
    "PHƯƠNG ÁN",
)
_TYPE_WORDS = (
    "Kế hoạch|Quyết định|Chỉ thị|Chương trình|Nghị quyết|Nghị định|Thông tư|Công văn|Luật|"
    "Đề án|Hướng dẫn|Thông báo|Văn bản|Pháp lệnh|Bộ luật"
)
_NUMBER_SYMBOL = re.compile(r"Số\s*:?\s*(\d+)?\s*/\s*([\w\-&Đđ]+)", re.IGNORECASE)
_DATELINE = re.compile(
    r"(?:(?P<place>[^,\d:]{2,60}),\s*)?ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})",
    re.IGNORECASE,
)
_REFERENCE = re.compile(
    rf"^(?P<lead>Thực hiện|Căn cứ|Triển khai|Thực hiện chỉ đạo của[^,]*?tại)\s+(?P<type>{_TYPE_WORDS})\b\s*"
    r"(?P<name>[^;]*?)\s*(?:số\s*(?P<num>\d+)?\s*/?\s*(?P<sym>[\w\-&Đđ]+(?:/[\w\-&Đđ]+)?)?)?\s*"
    r"(?:ngày\s+(?P<date>\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}))?\s*"
    r"(?:của\s+(?P<issuer>.+?))?\s*(?:(?:về việc|về|V/v)\s+(?P<title>.+?))?[.;]?$",
    re.IGNORECASE,
)
_ISSUER_IN_TEXT = re.compile(
    r"\b(?P<body>UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+"
    r"(?P<unit>tỉnh|thành phố|TP|huyện|quận|thị xã|xã|phường|thị trấn|đặc khu)\b\.?(?P<rest>.{0,60})"
)
# A body named after these words is not the issuer: "của UBND tỉnh" cites another document,
# "100% UBND xã" is a population.
_NOT_ISSUER_BEFORE = ("của", "%", "các", "cho", "với", "và", "tới", "đến")
_HEADLESS_DATE = re.compile(
    r"ngày\s+(\d{1,2})/(\d{1,2})/(\d{4}),?\s+(?:UBND|Ủy ban|Uỷ ban)[^.]{0,120}?ban hành", re.IGNORECASE
)
_HEADLESS_NUMBER = re.compile(r"ban hành\s+Kế hoạch\s+số\s+(\d+)\s*/\s*([\w\-Đđ]+)", re.IGNORECASE)
_MOTTO_TEXT = re.compile(
    r"C[ỘO]NG H[ÒOÓ]A X[ÃA] H[ỘO]I CH[ỦU] NGH[ĨI]A VI[ỆE]T NAM|Độc lập\s*-\s*Tự do\s*-\s*Hạnh phúc",
    re.IGNORECASE,
)


@dataclass
class Header:
    """What the header lines say; None where they say nothing."""

    body_lines: list[str] = field(default_factory=list)
    number: int | None = None
    symbol: str | None = None
    place: str | None = None
    date: dt.date | None = None


def doc_type_of(text: str) -> str | None:
    """The document type when ``text`` is the type line ("KẾ HOẠCH", "QUYẾT ĐỊNH")."""
    line = clean(text)
    for doc_type in DOC_TYPES:
        if line.upper() == doc_type and line.isupper():
            return doc_type
    return None


def parse_header(lines: list[str]) -> Header:
    """Classify header lines: motto, number/symbol, dateline; the rest names the body.

    A PDF reader may run the two columns together ("Số: 312/KH-UBND Vĩnh Cửu, ngày ..."), so
    the motto is cut out of any line and a number is looked for before a dateline."""
    header = Header()
    for raw in lines:
        line = _MOTTO_TEXT.sub(" ", clean(raw)).strip(" -")
        if not line or set(line) <= set("-_ "):
            continue
        m = _NUMBER_SYMBOL.match(line)
        if m:
            header.number = int(m.group(1)) if m.group(1) else None
            header.symbol = m.group(2)
            line = line[m.end() :].strip()
        d = _DATELINE.search(line)
        if d:
            header.place = (d.group("place") or "").strip() or None
            header.date = _date(d.group("d"), d.group("m"), d.group("y"))
            line = line[: d.start()].strip()
        if line and line.isupper() and not m:
            header.body_lines.append(line)
    return header


def _date(day: str, month: str, year: str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def parse_date(text: str) -> dt.date | None:
    """A date written "22/3/2018", "22.03.2018" or "22 tháng 3 năm 2018"."""
    parts = re.findall(r"\d+", text)
    return _date(parts[0], parts[1], parts[2]) if len(parts) == 3 else None


def parse_reference(text: str) -> Reference | None:
    """A citation opening a paragraph: "Thực hiện Kế hoạch số 2735/KH-UBND ngày ... của ..."."""
    line = clean(text)
    m = _REFERENCE.match(line)
    if m is None:
        return None
    lead = strip_diacritics(m.group("lead")).lower()
    doc_type = m.group("type")
    return Reference(
        relation="implements" if lead.startswith(("thuc hien", "trien khai")) else "basis",
        doc_type=doc_type[:1].upper() + doc_type[1:].lower(),
        number=m.group("num"),
        symbol=m.group("sym"),
        date=parse_date(m.group("date")) if m.group("date") else None,
        issuer=(m.group("issuer") or "").strip() or None,
        title=(m.group("title") or m.group("name") or "").strip(" .;") or None,
        text=line,
    )


def issuer_from_lines(body_lines: list[str], place: str | None, symbol: str | None) -> Issuer | None:
    """The Issuer named by the upper-case header lines: "ỦY BAN NHÂN DÂN" / "HUYỆN VĨNH CỬU" is
    one body; "UBND TỈNH ĐỒNG NAI" / "SỞ Y TẾ" is the cơ quan chủ quản above the issuing body
    (the renderer prints both upper case, only the issuer bold, so the words tell them apart)."""
    if not body_lines:
        return None
    parent_lines, own = split_bodies(body_lines)
    name = "\n".join(agency_lines(own))
    parent = " ".join(agency_lines(parent_lines)) or None
    level = level_of_body(name)
    abbreviation = symbol.split("-", 1)[1] if symbol and "-" in symbol else _abbreviate(name)
    proper = proper_place(own[-1]) or (proper_place(parent_lines[-1]) if parent_lines else None)
    return Issuer(
        name=name, abbreviation=abbreviation, level=level, place=place or proper or name, parent_body=parent
    )


_BODY_LEVELS = (
    (re.compile(r"\b(?:chinh phu|thu tuong|quoc hoi|bo|ban chi dao trung uong)\b"), "national"),
    (re.compile(r"^(?:so|ban)\b"), "province"),
    (re.compile(r"^phong\b"), "district"),
)
# Each unit word as one token of a masked key (DEFAULT_LEVELS.masked_key), with its level.
_UNIT_TOKENS = {unit_token(word): level.id for level in DEFAULT_LEVELS.levels for word in level.unit_words}
# Type words of the register as tokens of a masked key: a unit word of a level is one token
# there ("đặc_khu"), any other stays as its words ("thành phố").
_REGISTER_TYPES = tuple(
    sorted(
        {form for w in register.type_words() for form in ((unit_token(w),), tuple(match_key(w).split()))},
        key=lambda t: -len(t),
    )
)
_CITY = (tuple(match_key("thành phố").split()), (match_key("TP"),))
_OF_PROVINCE = tuple(match_key("thuộc tỉnh").split())
_LONGEST_NAME = 6  # words; "Văn Miếu - Quốc Tử Giám" has five


def level_of_body(name: str) -> str:
    """The level of an issuing body: from the first unit its name names, else from what it is.

    A unit of the register of administrative units has its level there: "Ủy ban nhân dân thành
    phố Hà Nội", "UBND TP. Hồ Chí Minh" are province level (the six centrally-run cities),
    "UBND phường Tân Phong" commune level. A "thành phố" the register does not hold, or one
    "thuộc tỉnh", is a city of a province, district level until 2025 ("thành phố Biên Hòa thuộc
    tỉnh Đồng Nai"); other unit words say their level (huyện, quận, thị xã: district). A body
    naming no unit is placed by what it is: the Government, the Prime Minister and the
    ministries are national, a Sở provincial, a Phòng district; anything else provincial.
    """
    found = _first_unit_level(name)
    if found:
        return found
    key = " ".join(re.findall(r"[a-z0-9]+", strip_diacritics(name).lower()))
    return next((level for pattern, level in _BODY_LEVELS if pattern.search(key)), "province")


def _first_unit_level(text: str) -> str | None:
    """The level of the first unit ``text`` names ("UBND xã A, huyện B": the commune's), or None.

    The masked key keeps "thị xã" (a district) and "xã hội" (no unit) apart from "xã"."""
    tokens = DEFAULT_LEVELS.masked_key(text).split()
    for i, token in enumerate(tokens):
        kind = next((t for t in _REGISTER_TYPES if tuple(tokens[i : i + len(t)]) == t), None)
        if kind is not None:
            level = _registered_level(tokens, i, len(kind))
            if level:
                return level
            if kind in _CITY:
                continue  # "thành phố" alone says nothing yet: which city is not named
        if token in _UNIT_TOKENS:
            return _UNIT_TOKENS[token]
    return None


def _registered_level(tokens: list[str], at: int, type_len: int) -> str | None:
    """The level of the unit named by ``tokens`` from ``at`` (a type word of ``type_len``
    tokens, then the name, longest registered name first)."""
    name_at = at + type_len
    words = tokens[name_at : name_at + _LONGEST_NAME]
    if not words or not words[0].isalpha():
        return None
    city = tuple(tokens[at:name_at]) in _CITY
    for n in range(len(words), 0, -1):
        phrase = " ".join([*tokens[at:name_at], *words[:n]]).replace("_", " ")
        units = register.find_all(phrase)
        if units:
            after = tuple(tokens[name_at + n : name_at + n + len(_OF_PROVINCE)])
            # "thành phố Huế thuộc tỉnh Thừa Thiên Huế" was a provincial city before 2025.
            return "district" if city and after == _OF_PROVINCE else units[0].level
    # A city the register does not hold is a city of a province (Biên Hòa, Thủ Đức): the
    # district level. Other types without a registered name keep their unit word's level.
    return "district" if city else None


def guess_issuer(text: str) -> Issuer | None:
    """The issuing body named in prose (press summaries, Q&A pages).

    The first "UBND/Ủy ban nhân dân <unit> [Name]" not cited as another's ("của ...") nor
    counted ("100% UBND xã") is the issuer, unless the Prime Minister's act comes first in its
    own right ("Thủ tướng Chính phủ vừa ban hành Quyết định số ..."). A page naming no such body
    that quotes a Quyết định of the Thủ tướng (or a decree, resolution of the Chính phủ) is about
    that national text."""
    flat = clean(text)
    national = _national_marks(flat)
    for m in _ISSUER_IN_TEXT.finditer(flat):
        before = flat[max(0, m.start() - 12) : m.start()].strip().lower()
        if before.endswith(_NOT_ISSUER_BEFORE):
            continue
        own = [mark for mark in national if not mark[2]]
        if own and own[0][0] < m.start():
            return _national_issuer(own[0][1])
        return _local_issuer(flat, m)
    if not national:
        return None
    # A page quoting both is about the Prime Minister's programme, the decrees are its bases.
    return _national_issuer("ttg" if any(kind == "ttg" for _, kind, _ in national) else "cp")


def _local_issuer(flat: str, m: re.Match[str]) -> Issuer:
    unit = "thành phố" if m.group("unit") == "TP" else m.group("unit")
    rest = m.group("rest")
    name = _proper_words(rest)
    if not name:
        other = re.search(rf"\b(?:{m.group('unit')}\b\.?|{unit})\s+(.{{0,60}})", flat[m.end() :])
        name = _proper_words(other.group(1)) if other else ""
        rest = other.group(1) if other else ""
    found = register.find(f"{unit} {name}") if name else None
    if found is not None:  # "TP.HCM" is thành phố Hồ Chí Minh
        unit, name = found.type_word, found.name
    after = rest.split(name, 1)[1] if name and name in rest else ""
    of_province = re.match(r"\s*(?:,\s*)?thuộc\s+tỉnh\b", after)
    level = level_of_body(f"{unit} {name} thuộc tỉnh" if of_province else f"{unit} {name}")
    full = f"Ủy ban nhân dân {unit} {name}".strip()
    return Issuer(name=full, abbreviation="UBND", level=level, place=name or unit)


# Acts of the Prime Minister or the Government a page may be about.
_NATIONAL_IN_TEXT = re.compile(
    r"(?P<ttg>\bThủ tướng\b|/\s*(?:QĐ|CT)-TTg\b)|(?P<cp>/\s*(?:NQ|NĐ)-CP\b)", re.IGNORECASE
)
# A national act the text carries out ("Thực hiện Quyết định số .../QĐ-TTg") makes it a lower
# level's text, never a national one; one it cites ("theo", "căn cứ", "của Thủ tướng") says
# nothing of its own issuer unless nobody else issues it.
_CARRIES_OUT = re.compile(
    r"\b(?:thực hiện|triển khai)\s+(?:\S+\s+){0,3}?(?:Quyết định|Chỉ thị|Nghị quyết|Nghị định)\b[^.;:]{0,25}$",
    re.IGNORECASE,
)
_CITES = re.compile(r"\b(?:theo|căn cứ|tại|của)\b[^.;:]{0,40}$", re.IGNORECASE)


def _national_marks(flat: str) -> list[tuple[int, str, bool]]:
    """(position, "ttg" | "cp", cited) of every national act the text names, in order; acts
    it carries out are left out."""
    marks: list[tuple[int, str, bool]] = []
    for m in _NATIONAL_IN_TEXT.finditer(flat):
        before = flat[max(0, m.start() - 80) : m.start()]
        if _CARRIES_OUT.search(before):
            continue
        marks.append((m.start(), "ttg" if m.group("ttg") else "cp", bool(_CITES.search(before))))
    return marks


def _national_issuer(kind: str) -> Issuer:
    # ND30: the place name of a central body's document is where it sits, Hà Nội.
    if kind == "ttg":
        return Issuer(name="Thủ tướng Chính phủ", abbreviation="TTg", level="national", place="Hà Nội")
    return Issuer(name="Chính phủ", abbreviation="CP", level="national", place="Hà Nội")


def _proper_words(text: str) -> str:
    """The capitalised words opening ``text`` ("Bà Rịa - Vũng Tàu đã ..." -> "Bà Rịa - Vũng Tàu")."""
    words: list[str] = []
    for word in text.split():
        if word[:1].isupper() and word.strip(",.;:").isalpha():
            words.append(word.strip(",.;:"))
            if word[-1] in ",.;:":
                break
        elif word in ("-", "–") and words:
            words.append("-")
        else:
            break
    while words and words[-1] == "-":
        words.pop()
    return " ".join(words)


def headless_number_date(text: str) -> tuple[int | None, str | None, dt.date | None]:
    """Number, symbol and date a press summary gives for the plan it reports."""
    number = symbol = None
    m = _HEADLESS_NUMBER.search(text)
    if m:
        number, symbol = int(m.group(1)), m.group(2)
    d = _HEADLESS_DATE.search(text)
    date = _date(d.group(1), d.group(2), d.group(3)) if d else None
    return number, symbol, date


def _abbreviate(name: str) -> str:
    key = strip_diacritics(name).lower()
    if key.startswith(("uy ban nhan dan", "ubnd")):
        return "UBND"
    return "".join(w[0] for w in name.split() if w[:1].isupper())[:10] or "CQ"
