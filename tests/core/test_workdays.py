from datetime import date

import pytest

from protocol_portal.core.workdays import add_working_days, is_working_day, working_days_between


def test_weekends_and_bank_holidays_are_not_working_days():
    assert not is_working_day(date(2026, 12, 25))  # Christmas Day
    assert not is_working_day(date(2026, 12, 26))  # Saturday
    assert not is_working_day(date(2026, 12, 28))  # Boxing Day substitute
    assert is_working_day(date(2026, 12, 29))


def test_add_working_days_skips_the_christmas_break():
    assert add_working_days(date(2026, 12, 23), 2) == date(2026, 12, 29)
    assert add_working_days(date(2026, 11, 20), 5) == date(2026, 11, 27)  # Friday + 5 = next Friday


def test_working_days_between_counts_and_is_signed():
    assert working_days_between(date(2026, 11, 20), date(2026, 11, 27)) == 5
    assert working_days_between(date(2026, 11, 27), date(2026, 11, 20)) == -5


def test_negative_days_rejected():
    with pytest.raises(ValueError):
        add_working_days(date(2026, 1, 1), -1)
