from datetime import UTC, date, datetime

import pytest

from dateline.dates import from_iso, parse_bound, parse_timestamp, to_iso, zones
from dateline.errors import DateError


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("21 Feb 2022 10:24 PM BdST", datetime(2022, 2, 21, 16, 24, tzinfo=UTC)),
        ("Published: 21 Feb 2022 10:24 PM BdST", datetime(2022, 2, 21, 16, 24, tzinfo=UTC)),
        ("21 Feb 2022 10:24 AM BST", datetime(2022, 2, 21, 9, 24, tzinfo=UTC)),
        ("February 21, 2022 10:24 am EST", datetime(2022, 2, 21, 15, 24, tzinfo=UTC)),
        ("5 June 2021, 3:30 p.m. (EDT)", datetime(2021, 6, 5, 19, 30, tzinfo=UTC)),
        ("21 Feb 2022 22:24 MSK", datetime(2022, 2, 21, 19, 24, tzinfo=UTC)),
        ("21 Feb 2022 09:00 JST", datetime(2022, 2, 21, 0, 0, tzinfo=UTC)),
        ("21 Feb 2022 09:00 AEDT", datetime(2022, 2, 20, 22, 0, tzinfo=UTC)),
        ("21 Feb 2022 09:00 IST", datetime(2022, 2, 21, 3, 30, tzinfo=UTC)),
        ("2022-02-21T22:24:00+06:00", datetime(2022, 2, 21, 16, 24, tzinfo=UTC)),
        ("2022-02-21T16:24:00Z", datetime(2022, 2, 21, 16, 24, tzinfo=UTC)),
        ("Mon, 21 Feb 2022 16:24:00 +0000", datetime(2022, 2, 21, 16, 24, tzinfo=UTC)),
        ("2017-09-15 17:52", datetime(2017, 9, 15, 17, 52, tzinfo=UTC)),  # no zone: taken as UTC
        ("30 Jan 2013 03:43 AM", datetime(2013, 1, 30, 3, 43, tzinfo=UTC)),
        ("15 Sep 2015", date(2015, 9, 15)),
        ("2016-01-05", date(2016, 1, 5)),
        ("2017-09-15 00:00:00", date(2017, 9, 15)),  # scrapers pad a bare day with midnight
    ],
)
def test_reads_news_timestamps_to_utc(text: str, expected: object) -> None:
    assert parse_timestamp(text) == expected


def test_unknown_zone_keeps_the_day_and_says_why() -> None:
    with pytest.raises(DateError) as caught:
        parse_timestamp("21 Feb 2022 10:24 PM XYZ")
    assert "unknown time-zone abbreviation 'XYZ'" in str(caught.value)
    assert caught.value.date_only == date(2022, 2, 21)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 Jan 0001", date(1, 1, 1)),
        ("March 3, 0044", date(44, 3, 3)),
        ("Published: 21 February 0999 10:00 GMT", datetime(999, 2, 21, 10, 0, tzinfo=UTC)),
    ],
)
def test_a_year_written_in_four_digits_is_that_year(text: str, expected: object) -> None:
    # dateutil alone reads "0001" as 2001 and "0044" as 2044
    assert parse_timestamp(text) == expected


@pytest.mark.parametrize("text", ["", "garbage 2022", "Feb 31 2022", "next Tuesday", "29 Feb 0003"])
def test_unreadable_dates_raise(text: str) -> None:
    with pytest.raises(DateError):
        parse_timestamp(text)


def test_zone_table_covers_the_abbreviations_news_sites_print() -> None:
    for name in ["BDST", "BST", "GMT", "UTC", "EST", "EDT", "CST", "CDT", "PST", "PDT", "CET", "CEST", "IST", "MSK",
                 "JST", "AEST", "AEDT"]:  # fmt: skip
        assert name in zones()


def test_stored_form_round_trips() -> None:
    moment = datetime(2022, 2, 21, 16, 24, tzinfo=UTC)
    assert to_iso(moment) == "2022-02-21T16:24:00Z"
    assert from_iso(to_iso(moment)) == moment
    assert to_iso(date(2015, 9, 15)) == "2015-09-15"
    assert from_iso("2015-09-15") == date(2015, 9, 15)


def test_until_a_day_includes_that_whole_day() -> None:
    assert parse_bound("2022-02-21", end=True) == "2022-02-22"
    assert parse_bound("2022-02-21", end=False) == "2022-02-21"
    assert parse_bound("2022-02-21", end=True) > "2022-02-21T16:24:00Z"
