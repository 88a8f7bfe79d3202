"""Deadlines of duties in the words plans use (app/review/periods.py), from real wording."""

from __future__ import annotations

import datetime as dt

from app.review.periods import Deadline, deadline_in, deadlines_stated


def test_dates_quarters_months_and_years_are_due_at_their_end() -> None:
    assert deadline_in("Trước ngày 30/11/2025") == Deadline("date", date=dt.date(2025, 11, 30))
    assert deadline_in("trước ngày 05 tháng 12 năm 2026") == Deadline("date", date=dt.date(2026, 12, 5))
    assert deadline_in("Quý IV/2025") == Deadline("date", date=dt.date(2025, 12, 31))
    assert deadline_in("trong quý I năm 2026") == Deadline("date", date=dt.date(2026, 3, 31))
    assert deadline_in("tháng 6/2026") == Deadline("date", date=dt.date(2026, 6, 30))
    assert deadline_in("Hoàn thành trong năm 2025") == Deadline("date", date=dt.date(2025, 12, 31))


def test_recurring_days_compare_with_recurring_days_only() -> None:
    parent = deadline_in("hằng năm (trước ngày 15 tháng 11)")
    child = deadline_in("trước ngày 30/11 hằng năm")
    assert parent == Deadline("yearly", month_day=(11, 15))
    assert child is not None
    assert parent is not None
    assert child.later_than(parent) is True
    monthly = deadline_in("Định kỳ hàng tháng (trước ngày 16 hàng tháng)")
    assert monthly == Deadline("monthly", day=16)
    assert monthly is not None
    assert monthly.later_than(parent) is None
    assert deadline_in("Thường xuyên") is None
    assert deadline_in("hằng năm") is None


def test_a_citation_date_is_no_deadline() -> None:
    text = "Triển khai Nghị định số 200/2025/NĐ-CP ngày 09/7/2025 của Chính phủ"
    assert deadlines_stated(text) == []
    assert deadlines_stated("Báo cáo kết quả trước ngày 20/11 hằng năm về Sở") == [
        Deadline("yearly", month_day=(11, 20))
    ]


def test_a_report_due_monthly_half_yearly_and_yearly_is_late_when_any_of_its_dates_is() -> None:
    from app.review.periods import later_in_any

    # 2954/QĐ-UBND and a commune's plan
    parent = deadlines_stated(
        "Định kỳ hàng tháng (trước ngày 16 hàng tháng), 6 tháng (trước ngày 16/6), tổng kết năm "
        "(trước ngày 20/11 hàng năm) hoặc khi có yêu cầu báo cáo tình hình thực hiện Kế hoạch"
    )
    assert Deadline("monthly", day=16) in parent
    assert Deadline("yearly", month_day=(11, 20)) in parent
    child = deadlines_stated(
        "báo cáo định kỳ hằng tháng (trước ngày 20 hằng tháng), 6 tháng (trước ngày 15/6)"
    )
    assert later_in_any(child, parent)
    on_time = deadlines_stated("báo cáo hằng tháng (trước ngày 15 hằng tháng)")
    assert not later_in_any(on_time, parent)
    assert deadlines_stated("Tổ chức tuyên truyền") == []


def test_each_parent_date_is_held_against_the_childs_nearest_one() -> None:
    from app.review.periods import later_in_any

    parent = deadlines_stated("Báo cáo 6 tháng trước ngày 15/6/2026 và báo cáo năm trước ngày 05/12/2026")
    earlier = deadlines_stated("báo cáo 6 tháng trước ngày 10/6/2026 và báo cáo năm trước ngày 01/12/2026")
    later = deadlines_stated("báo cáo 6 tháng trước ngày 20/6/2026 và báo cáo năm trước ngày 01/12/2026")
    assert not later_in_any(earlier, parent)
    assert later_in_any(later, parent)
