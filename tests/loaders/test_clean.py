"""Cleaning: furniture, stamps, bylines and captions kept apart from the stored body text."""
from __future__ import annotations

from loaders.clean import clean, is_stamp_line


def test_date_stamp_lines_are_recognised_in_their_many_forms():
    for line in ("Cập nhật ngày: 20/10/2017 08:15", "27/05/2021 - 08:30", "(03/12/2018 10:10 AM)",
                 "Thứ ba, 12/03/2019 | 10:15", "Ngày 13-01-2021", "(6/19/2019 4:45:53 PM)",
                 "Đăng ngày: 10/04/2023 | Lượt xem: 215", "Thứ hai, 19/01/2009 | 09:12 GMT+7",
                 "( Cập nhật lúc: 26/05/2023 )", "Cập nhật lúc 15:20 ngày 06/04/2010",
                 "Đăng lúc: 08:30 12/03/2019", "Ngày 12 tháng 3 năm 2019",
                 # "bảy" folds to "bay", which begins with "ba": the weekday must be whole.
                 "Thứ bảy, 25/07/2015 | 09:09 GMT+7", "Thứ năm, 3/9/2020"):
        assert is_stamp_line(line), line


def test_a_sentence_with_a_date_is_not_a_stamp():
    assert not is_stamp_line("Ngày 19/10/2017, Sở tổ chức họp giao ban.")
    assert not is_stamp_line("Giao ban tháng 10/2017")


def test_title_detection_skips_date_stamp_lines():
    c = clean("Cập nhật ngày: 20/10/2017 08:15\nSỞ TT&TT GIAO BAN THÁNG 10 NĂM 2017\n"
              "Ngày 19 tháng 10 năm 2017, Sở Thông tin và Truyền thông tỉnh Hậu Giang tổ chức họp "
              "giao ban định kỳ nhằm đánh giá kết quả thực hiện nhiệm vụ tháng 10.")
    assert c.title == "SỞ TT&TT GIAO BAN THÁNG 10 NĂM 2017"


def test_title_detection_skips_mastheads_breadcrumbs_and_counters():
    c = clean("BÁO BẠC LIÊU ĐIỆN TỬ\nTin tức - Sự kiện > Hoạt động cơ sở\nLượt truy cập: 215.466\n"
              "Giao ban Cụm thi đua số 2 sáu tháng đầu năm 2015\n"
              "Ngày 24/7/2015, tại hội trường UBND huyện Năm Căn, Sở TT&TT tổ chức giao ban Cụm thi đua "
              "số 2 gồm các huyện Năm Căn, Ngọc Hiển nhằm đánh giá kết quả công tác.")
    assert c.title == "Giao ban Cụm thi đua số 2 sáu tháng đầu năm 2015"
    assert "BÁO BẠC LIÊU ĐIỆN TỬ" in c.chrome and "Lượt truy cập" in c.chrome
    assert "BÁO BẠC LIÊU" not in c.text


def test_a_lead_that_opens_with_hom_nay_is_not_taken_for_a_visit_counter():
    c = clean("Tổng kết năm 2020\nHôm nay, Sở tổ chức hội nghị tổng kết năm 2020 với sự tham dự của "
              "lãnh đạo tỉnh và các sở, ngành.")
    assert c.text.startswith("Tổng kết năm 2020\nHôm nay, Sở")


def test_older_headline_lists_and_footers_go_to_chrome():
    c = clean("Giao ban tháng 9\nSở họp giao ban ngày 21/9/2011 đánh giá kết quả công tác.\n"
              "Các tin khác:\n- Hội thảo ứng dụng phần mềm (15/09/2011)\nCơ quan chủ quản: Sở TT&TT")
    assert "15/09/2011" not in c.text and "15/09/2011" in c.chrome
    assert "Cơ quan chủ quản" in c.chrome


def test_an_inline_tin_da_dua_list_is_split_off_the_last_paragraph():
    c = clean("Tiêu đề bài viết về giao ban\nNội dung cuộc họp được tổ chức tốt. Tin đã đưa: Hội nghị A (02/02/2010)")
    assert c.text.endswith("Nội dung cuộc họp được tổ chức tốt.")
    assert "02/02/2010" in c.chrome


def test_repeated_lead_paragraphs_are_collapsed():
    lead = ("Ngày 12 tháng 3 năm 2010, đồng chí Nguyễn Trọng Thừa, Chủ tịch UBND tỉnh Hải Dương đã có "
            "buổi làm việc với Sở Thông tin và Truyền thông.")
    c = clean(f"Chủ tịch UBND tỉnh làm việc với Sở TT&TT\n{lead}\n{lead}\nNội dung khác của bài.")
    assert c.text.count(lead) == 1 and c.duplicate_paragraphs == 1


def test_byline_and_photo_captions_are_kept_apart_from_the_body():
    c = clean("Tiêu đề về giao ban của Sở\nNgày 26/5, ông Trần Quang Hiển, Bí thư Tỉnh ủy làm việc với Sở.\n"
              "Ảnh: Bí thư Tỉnh ủy Trần Quang Hiển phát biểu tại buổi làm việc\nThanh Hà")
    assert c.byline == "Thanh Hà"
    assert c.captions == ["Ảnh: Bí thư Tỉnh ủy Trần Quang Hiển phát biểu tại buổi làm việc"]
    assert "Thanh Hà" not in c.text and "Ảnh:" not in c.text


def test_a_page_title_with_the_site_name_prefers_the_headline_in_the_body():
    c = clean("Phó Chủ tịch UBND tỉnh làm việc với Sở\nNgày 14/8/2012, ông Huỳnh Tấn Lực, Phó Chủ tịch UBND "
              "tỉnh Đồng Nai đã có buổi làm việc với Sở Thông tin và Truyền thông.",
              title="Phó Chủ tịch UBND tỉnh làm việc với Sở | Cổng thông tin điện tử tỉnh Đồng Nai")
    assert c.title == "Phó Chủ tịch UBND tỉnh làm việc với Sở"


def test_cleaning_normalises_decomposed_unicode_and_invisible_characters():
    import unicodedata

    c = clean(unicodedata.normalize("NFD", "Sở Thông tin\u200b và Truyền thông họp giao ban tháng 9."))
    assert c.text == "Sở Thông tin và Truyền thông họp giao ban tháng 9."
