"""Dates: formats of real articles, publication stamps, the meeting date and its year, deadlines."""
from __future__ import annotations

from loaders import dates
from loaders.clean import clean
from loaders.hits import Hit


def _values(text: str) -> list[tuple]:
    return [h.value for h in dates.all_dates(text)]


def test_day_month_year_in_slashes_dashes_dots_and_words():
    assert _values("Ngày 19/10/2017, ngày 13-01-2021 và ngày 05.10.2020") == [
        (2017, 10, 19), (2021, 1, 13), (2020, 10, 5)]
    assert _values("Ngày 19 tháng 10 năm 2017, Sở họp") == [(2017, 10, 19)]


def test_day_and_month_without_a_year_need_a_time_word_before_them():
    assert _values("Sáng 30.12, Sở họp; Chiều 26-5 họp tiếp; Hôm qua (9-3) và hôm 12/3") == [
        (None, 12, 30), (None, 5, 26), (None, 3, 9), (None, 3, 12)]
    assert _values("Thứ Hai, 12/3/2018 Sở họp") == [(2018, 3, 12)]
    assert _values("đạt 3/4 chỉ tiêu") == []


def test_multi_day_events_give_their_first_day():
    assert _values("Ngày 24 và 25/5/2023, tại thành phố Tam Kỳ") == [(2023, 5, 24)]
    assert _values("Ngày 5-6/10, Sở tổ chức tập huấn") == [(None, 10, 5)]


def test_street_names_service_hours_and_ratios_are_not_dates():
    assert _values("trụ sở tại đường 27/4, phục vụ 24/7, triển khai tại 8/8 huyện, xếp thứ 9/63") == []


def test_us_stamps_with_am_pm_read_month_first():
    assert _values("(6/19/2019 4:45:53 PM)") == [(2019, 6, 19)]


def test_publication_stamp_under_the_title_in_its_many_forms():
    for stamp, iso in (("Cập nhật ngày: 20/10/2017 - 08:45", "2017-10-20"), ("(6/19/2019 4:45:53 PM)", "2019-06-19"),
                       ("Thứ ba, 12/03/2019 | 10:15", "2019-03-12"), ("Ngày 13-01-2021", "2021-01-13"),
                       ("27/05/2021 - 08:30", "2021-05-27")):
        text = f"Giao ban quý I năm 2019 của Sở\n{stamp}\nNgày 11/3/2019, Sở họp giao ban quý I."
        assert dates.publication_date(text, None, None).value == iso, stamp


def test_zero_padded_am_pm_stamp_in_the_title_line_is_day_first():
    text = ("Sở Thông tin và Truyền thông giao ban tháng 11/2018 (03/12/2018 10:10 AM)\n"
            "Chiều ngày 30/11/2018, Sở tổ chức họp giao ban.")
    assert dates.publication_date(text, None, None).value == "2018-12-03"


def test_metadata_publication_date_wins():
    assert dates.publication_date("Ngày 11/4/2017, Sở họp.", None, "2017-04-12").value == "2017-04-12"


def test_older_headline_dates_and_site_banners_are_not_the_stamp():
    c = clean("Thứ Ba, 10/09/2024 | English | Sơ đồ cổng\nChủ tịch UBND tỉnh làm việc với Sở\n"
              "Sáng 10/9/2024, đồng chí Phí Văn Đông, Chủ tịch UBND tỉnh Hà Nam làm việc với Sở.\n"
              "Các tin cũ hơn:\n- Giao ban tháng 8 (28/08/2024)")
    assert dates.publication_date(c.text, c.title, None) is None


def _md(text: str, pub: str | None = None, period: str | None = None) -> str | None:
    pub_hit = Hit(pub, 0, 0, "pub.meta", "meta", extra={"ymd": tuple(map(int, pub.split("-")))}) if pub else None
    hit = dates.meeting_date(text, 0, pub_hit, period, dates.year_context(None, text[:600], text))
    return hit.value if hit else None


def test_meeting_date_is_not_the_publication_stamp():
    text = "Tiêu đề\n( Cập nhật lúc: 26/05/2023 )\nNgày 24 và 25/5/2023, Sở tổ chức tập huấn."
    c = clean(text)
    pub = dates.publication_date(c.text, c.title, None)
    assert pub.value == "2023-05-26"
    assert dates.meeting_date(c.text, len(c.title), pub, None, None).value == "2023-05-24"


def test_meeting_date_takes_year_from_the_publication_stamp():
    assert _md("Chiều 26-5, ông Trần Quang Hiển làm việc với Sở.", pub="2021-05-27") == "2021-05-26"


def test_21_9_resolves_to_2020_with_a_january_2021_stamp():
    # Seed 004: published 13/01/2021 about a session on 21/9 of the previous year.
    assert _md("Ngày 21/9, Bí thư Tỉnh ủy làm việc với Sở.", pub="2021-01-13") == "2020-09-21"


def test_meeting_date_takes_year_from_reporting_period():
    # A year review held in January belongs to the next year; one on 30/12 to the same.
    assert _md("Ngày 16/1, Sở tổng kết công tác.", period="2008") == "2009-01-16"
    assert _md("Sáng 30.12, Sở TT&TT tổ chức hội nghị tổng kết.", period="2014") == "2014-12-30"


def test_meeting_date_takes_year_from_the_text_when_nothing_else_gives_it():
    text = "Ngày 21/9, Sở làm việc. Từ đầu năm 2020 đến nay, Sở đã triển khai nhiều nhiệm vụ đến năm 2025."
    assert _md(text) == "2020-09-21"


def test_relative_dates_count_from_the_stamp():
    assert _md("Sáng nay, Sở tổng kết năm 2025.", pub="2026-01-14") == "2026-01-14"
    assert _md("Hôm qua, Sở tổ chức hội nghị.", pub="2010-03-10") == "2010-03-09"


def test_document_and_effective_dates_are_not_the_meeting_date():
    text = ("Thực hiện Thông tư số 81/2017/TT-BTC ngày 09/8/2017 của Bộ Tài chính, từ ngày 01/7/2025 "
            "các xã vận hành; sáng 19/10/2017 Sở họp giao ban.")
    assert _md(text) == "2017-10-19"


def _deadlines(text: str, meeting=(2020, 9, 21)) -> list[tuple[str, str]]:
    return [(h.extra["text"], h.value) for h in dates.find_deadlines(text, meeting, meeting[0])]


def test_deadlines_resolve_per_the_corpus_conventions():
    text = ("Sở hoàn thành trước 30-9, báo cáo trước 15/10/2020, triển khai trước tháng 10; "
            "hoàn thành trong quý IV/2020 và trong kỳ họp cuối năm 2020.")
    assert _deadlines(text) == [("trước 30-9", "2020-09-30"), ("trước 15/10/2020", "2020-10-15"),
                                ("trước tháng 10", "2020-10"), ("hoàn thành trong quý IV/2020", "2020-12-31"),
                                ("trong kỳ họp cuối năm 2020", "2020")]


def test_a_deadline_without_a_year_rolls_into_the_next_year_when_before_the_meeting():
    assert _deadlines("báo cáo trước ngày 15/1", meeting=(2014, 12, 30)) == [("trước ngày 15/1", "2015-01-15")]


def test_retrospective_periods_and_projections_are_not_deadlines():
    assert _deadlines("Trong quý I, Sở đã cấp 9 giấy phép; dự kiến hoàn thành trong tháng 9/2025.") == []


def test_before_tet_resolves_to_the_eve_of_the_lunar_new_year():
    assert _deadlines("hoàn thành trước Tết Nguyên đán Tân Sửu", meeting=(2021, 2, 1)) == [
        ("trước Tết Nguyên đán Tân Sửu", "2021-02-11")]


def test_due_last_day_of_a_month_and_a_year():
    import datetime as dt

    assert dates.due_last_day("2024-02") == dt.date(2024, 2, 29)
    assert dates.due_last_day("2017") == dt.date(2017, 12, 31)


def test_zero_padded_am_pm_stamp_is_day_first_even_when_the_other_reading_is_nearer():
    # 02/04/2018 is 2 April; read month first (4 February) it would sit nearer the meeting.
    text = ("Hội nghị tổng kết công tác năm 2017 (02/04/2018 06:34 PM)\n"
            "Sáng 9/1/2018, Sở Thông tin và Truyền thông tổ chức hội nghị tổng kết.")
    assert dates.publication_date(text, None, None).value == "2018-04-02"


def test_an_unpadded_am_pm_stamp_on_the_meeting_day_keeps_its_day_first_reading():
    text = "Sơ kết công tác 6 tháng đầu năm 2022 (11/7/2022 3:07 PM)\nChiều 11/7/2022, Sở tổ chức hội nghị sơ kết."
    assert dates.publication_date(text, None, None).value == "2022-07-11"


def test_the_lead_date_on_the_line_after_the_stamp_is_the_meeting_date():
    text = "Tiêu đề\nNgày đăng: 02/05/2017\nNgày 2 tháng 5 năm 2017, Giám đốc Sở chủ trì cuộc họp giao ban."
    c = clean(text)
    pub = dates.publication_date(c.text, c.title, None)
    assert dates.meeting_date(c.text, len(c.title), pub, None, None).value == "2017-05-02"


def test_a_headline_ending_in_an_agency_symbol_does_not_make_the_lead_date_a_document_date():
    text = "Chủ tịch UBND tỉnh làm việc với Sở TT-TT\nNgày 9/1/2018, Chủ tịch UBND tỉnh làm việc với Sở."
    assert dates.meeting_date(text, text.index("\n"), None, None, None).value == "2018-01-09"
    assert _md("Theo Quyết định số 12/QĐ-UBND ngày 9/1/2018, Sở triển khai.") is None


def test_a_meeting_over_days_across_a_month_starts_on_its_first_day():
    assert _md("Từ ngày 28/2 đến ngày 1/3/2017, Sở tổ chức tập huấn.") == "2017-02-28"
    assert _md("Từ ngày 30/12 đến ngày 2/1/2018, Sở tổ chức hội nghị.") == "2017-12-30"
    assert _md("Từ ngày 01/7/2025, Sở triển khai mô hình mới.") is None


def test_24_july_is_a_date_after_a_day_word_and_round_the_clock_otherwise():
    assert _values("Ngày 24/7, Sở tổ chức giao ban") == [(None, 7, 24)]
    assert _values("Tổng đài hỗ trợ 24/7 cho người dân") == []


def test_a_period_told_in_a_report_or_an_award_is_no_deadline():
    assert _deadlines("Theo báo cáo, trong tháng 8, các cơ quan báo chí đã đăng 300 tin, bài.") == []
    assert _deadlines("Dịp này, Sở đã trao Giấy khen cho 14 tập thể có thành tích xuất sắc trong năm 2020.") == []
    assert _deadlines("Sở đã đề nghị các đơn vị hoàn thành trong năm 2020.") == [("hoàn thành trong năm 2020", "2020")]


def test_a_quarter_in_a_list_of_tasks_set_in_december_is_next_years():
    text = ("Kết luận, Giám đốc yêu cầu các phòng hoàn thành Hệ thống một cửa điện tử trước 12/3; "
            "bảo đảm kỹ thuật cho các cuộc họp trực tuyến của Tỉnh ủy trong quý I.")
    assert ("trong quý I", "2021-03-31") in _deadlines(text, meeting=(2020, 12, 25))
