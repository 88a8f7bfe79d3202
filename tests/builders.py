"""Functions that build Plans, Sections and Targets with sensible defaults.

Tests state only what matters to them: ``make_plan(number=None)`` is a complete, valid plan
with a blank number. Other developers may add builders here (keep them small and pure).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from app.domain.assignments import Assignment, Duty, Role
from app.domain.plan import Appendix, Funding, Issuer, Plan, Reference, Section, SectionKind, Signer
from app.domain.targets import Comparator, Target


def make_issuer(**overrides: Any) -> Issuer:
    values: dict[str, Any] = {
        "name": "Ủy ban nhân dân\nhuyện Vĩnh Cửu",
        "abbreviation": "UBND",
        "level": "district",
        "place": "Vĩnh Cửu",
    }
    values.update(overrides)
    return Issuer(**values)


def make_signer(**overrides: Any) -> Signer:
    values: dict[str, Any] = {
        "name": "Phạm Minh Phước",
        "title": "Phó Chủ tịch",
        "authority": ["TM. Ủy ban nhân dân", "KT. Chủ tịch"],
    }
    values.update(overrides)
    return Signer(**values)


def make_target(
    id: str = "t1", text: str = "Phấn đấu 100% xã, thị trấn tổ chức tuyên truyền.", **overrides: Any
) -> Target:
    values: dict[str, Any] = {
        "metric": "tuyên truyền",
        "comparator": Comparator.AT_LEAST,
        "value": 100,
        "unit": "%",
    }
    values.update(overrides)
    return Target(id=id, text=text, **values)


def make_section(title: str | None = "Mục tiêu", **overrides: Any) -> Section:
    return Section(title=title, **overrides)


def make_plan(**overrides: Any) -> Plan:
    """A small but complete district plan: header, two parts, signer, recipients."""
    values: dict[str, Any] = {
        "id": "test-plan",
        "issuer": make_issuer(),
        "subject": "Thực hiện công tác phòng, chống tệ nạn xã hội năm 2020",
        "symbol": "KH-UBND",
        "signer": make_signer(),
        "number": 5,
        "date": dt.date(2020, 1, 5),
        "references": [
            Reference(
                relation="implements",
                number="2735",
                symbol="KH-UBND",
                date=dt.date(2018, 3, 22),
                issuer="UBND tỉnh",
                title="thực hiện Dự án 4",
            ),
        ],
        "sections": [
            make_section("Mục tiêu", kind=SectionKind.OBJECTIVES, targets=[make_target()]),
            make_section(
                "Tổ chức thực hiện",
                kind=SectionKind.ORGANIZATION,
                sections=[
                    make_section(
                        None,
                        assignment=Assignment(
                            "Phòng Lao động - TB&XH", [Duty("Chủ trì thực hiện.", Role.LEAD)]
                        ),
                    )
                ],
            ),
        ],
        "closing": "Trên đây là Kế hoạch của UBND huyện.",
        "recipients": ["UBND tỉnh (b/c);", "Các xã, thị trấn"],
        "archive": ["VT", "TH"],
    }
    values.update(overrides)
    return Plan(**values)


def points_section(count: int) -> Section:
    """A khoản with ``count`` points (a), b), ... đ) ...), each with a bullet."""
    return make_section(
        "Mục tiêu cụ thể",
        sections=[make_section(f"Điểm số {i + 1}", bullets=[f"Nội dung {i + 1}"]) for i in range(count)],
    )


def district_plan() -> Plan:
    """A plan shaped like seed 004: parent reference, nested points, funding, organisation."""
    objectives = make_section(
        "Mục tiêu",
        kind=SectionKind.OBJECTIVES,
        sections=[
            make_section("Mục tiêu chung", text=["Từng bước phát triển hệ thống dịch vụ hỗ trợ."]),
            points_section(6),
        ],
    )
    organization = make_section(
        "Tổ chức thực hiện",
        kind=SectionKind.ORGANIZATION,
        sections=[
            make_section(
                None,
                assignment=Assignment(
                    "Phòng Lao động-TB&XH",
                    [Duty("Chủ trì tuyên truyền;"), Duty("Tổng hợp, báo cáo.", Role.REPORT)],
                ),
            ),
            make_section(None, text=["Các cơ quan, đơn vị liên quan triển khai thực hiện."]),
        ],
    )
    return make_plan(
        id="district",
        number=None,
        date=dt.date(2019, 12, 31),
        preamble=["UBND huyện Vĩnh Cửu xây dựng kế hoạch như sau:"],
        sections=[
            objectives,
            make_section("Giải pháp", kind=SectionKind.SOLUTIONS, text=["Tăng cường kiểm tra."]),
            organization,
        ],
        funding=Funding(sources=["ngân sách địa phương"], amount=1_100_000_000),
        appendices=[
            Appendix(
                "Chỉ tiêu theo xã",
                ["STT", "Xã", "Chỉ tiêu"],
                [["1", "Xã Trị An", "120"], ["2", "Xã Phú Lý", "100"]],
            ),
            Appendix("Danh sách điểm tư vấn", ["STT", "Điểm"], [["1", "Thị trấn Vĩnh An"]]),
        ],
    )


BUILT_PLANS = {"builder-small": make_plan, "builder-district": district_plan}
