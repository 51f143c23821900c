"""Officials and their titles as written, and who chaired the meeting."""
from __future__ import annotations

from loaders.people import find_chair, find_people, unique_people


def _chair(text: str, meeting_type: str = "giao_ban") -> str | None:
    mentions = find_people(text)
    hit = find_chair(text, mentions, unique_people(mentions), meeting_type)
    return hit.value[0] if hit else None


def test_titles_are_read_as_written_before_or_after_the_name():
    people = {h.value for h in find_people(
        "Phó Chủ tịch UBND tỉnh Vũ Văn Họa dự; ông Đoàn Thanh Bình, Phó Giám đốc phụ trách Sở TT&TT báo cáo.")}
    assert ("Vũ Văn Họa", "Phó Chủ tịch UBND tỉnh") in people
    assert ("Đoàn Thanh Bình", "Phó Giám đốc phụ trách Sở TT&TT") in people


def test_two_syllable_names_apostrophes_and_acting_titles():
    people = {h.value for h in find_people(
        "Ông A Kha, Giám đốc Sở; Phó Giám đốc Sở Điểu K'Rơ; Q. Giám đốc Sở KH&CN Lê Văn Bình; "
        "Phó Chủ tịch Thường trực UBND tỉnh Trần Văn Tâm.")}
    assert ("A Kha", "Giám đốc Sở") in people
    assert ("Điểu K'Rơ", "Phó Giám đốc Sở") in people
    assert ("Lê Văn Bình", "Q. Giám đốc Sở KH&CN") in people
    assert ("Trần Văn Tâm", "Phó Chủ tịch Thường trực UBND tỉnh") in people


def test_place_names_that_start_like_a_surname_are_not_people():
    assert find_people("Giám đốc Sở tỉnh Hà Tĩnh và huyện Hồng Dân.") == []


def test_the_same_person_in_two_tone_spellings_is_one_person():
    hits = find_people("Phó Chủ tịch Trần Văn Thuỷ phát biểu. Ông Trần Văn Thủy, Phó Chủ tịch UBND tỉnh kết luận.")
    assert len(unique_people(hits)) == 1


def test_chu_tri_beats_du_va_chi_dao():
    text = ("Đồng chí Trương Công Hiển, Phó Chủ tịch UBND tỉnh dự và chỉ đạo hội nghị; "
            "đồng chí Lê Hữu Phước, Giám đốc Sở chủ trì hội nghị.")
    assert _chair(text) == "Lê Hữu Phước"


def test_du_va_chi_dao_makes_the_chair_when_nobody_presides():
    assert _chair("Ông Hồ Văn Nghĩa, Phó Chủ tịch UBND tỉnh dự và phát biểu chỉ đạo.") == "Hồ Văn Nghĩa"


def test_co_chairs_give_the_first_named():
    text = ("Đồng chí Kiên Thị Sô Phi, Phó Trưởng Ban Tuyên giáo Tỉnh ủy và ông Nguyễn Văn A, "
            "Giám đốc Sở TT&TT đồng chủ trì hội nghị.")
    assert _chair(text) == "Kiên Thị Sô Phi"


def test_working_session_chair_is_the_visiting_leader():
    text = ("Ngày 16/3/2022, đồng chí Đỗ Thanh Tùng, Phó Chủ tịch UBND tỉnh Gia Lai đã có buổi làm việc với Sở. "
            "Báo cáo tại buổi làm việc, ông Nguyễn Hữu Quế, Giám đốc Sở TT&TT cho biết.")
    assert _chair(text, "lam_viec") == "Đỗ Thanh Tùng"


def test_assigning_the_lead_role_to_an_agency_is_not_presiding():
    text = ("Đoàn công tác do Thứ trưởng Đặng Quang Vinh làm Trưởng đoàn đã làm việc với Sở. "
            "Bà Lã Thị Thu Hà tiếp thu và giao Sở Thông tin và Truyền thông chủ trì tham mưu.")
    assert _chair(text, "lam_viec") == "Đặng Quang Vinh"


def test_conclusion_gives_the_chair_when_nobody_presides():
    text = "Kết luận buổi làm việc, Phó Chủ tịch UBND tỉnh Đỗ Thanh Tùng yêu cầu Sở hoàn thành Trung tâm IOC."
    assert _chair(text) == "Đỗ Thanh Tùng"


def test_a_management_system_name_is_not_a_chair_cue():
    text = "Ông Trần Đức Hậu, Giám đốc Sở đề xuất đầu tư Trung tâm giám sát, điều hành đô thị thông minh."
    assert _chair(text) is None


def test_ethnic_minority_surnames_start_names():
    names = {h.value[0] for h in find_people(
        "Giám đốc Sở Quàng Văn Chính chủ trì; Phó Giám đốc Sở Đèo Thị Mai, Trưởng phòng Cầm Seo Sứ, "
        "Chánh Văn phòng Vừ A Dính và Phó Chủ tịch UBND tỉnh Puih Giang dự.")}
    assert {"Quàng Văn Chính", "Đèo Thị Mai", "Cầm Seo Sứ", "Vừ A Dính", "Puih Giang"} <= names


def test_a_province_written_just_before_a_name_is_not_part_of_it():
    people = {h.value for h in find_people("Chủ tịch UBND tỉnh Kiên Giang Lê Mạnh Hiếu chủ trì hội nghị.")}
    assert people == {("Lê Mạnh Hiếu", "Chủ tịch UBND tỉnh Kiên Giang")}
    # A given name that looks like a province stays a name when no surname follows it.
    assert {h.value[0] for h in find_people("Phó Giám đốc Sở Hà Nam Khánh phát biểu.")} == {"Hà Nam Khánh"}


def test_a_full_stop_after_an_agency_acronym_ends_the_clause_of_the_chair_cue():
    text = ("Dự và chỉ đạo cuộc họp có ông Đặng Tiến Việt, Phó Giám đốc Sở TT&TT. Ông Nguyễn Công Thắng, "
            "Trưởng phòng Văn hóa và Thông tin huyện Bình Lục, Cụm trưởng chủ trì cuộc họp.")
    assert _chair(text) == "Nguyễn Công Thắng"
    assert _chair("Q. Giám đốc Sở Lê Văn An chủ trì cuộc họp.") == "Lê Văn An"
