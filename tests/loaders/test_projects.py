"""Projects, schemes, plans and systems: the name as written, its kind, the stage reported."""
from __future__ import annotations

from loaders.legal import find_legal_refs
from loaders.projects import find_projects, project_key


def _projects(text: str) -> list[tuple]:
    return [h.value for h in find_projects(text, find_legal_refs(text))]


def test_a_project_name_runs_to_the_end_of_its_noun_phrase_with_its_stage():
    got = _projects("Trình UBND tỉnh xin chủ trương đầu tư dự án Trung tâm kỹ thuật an toàn mạng trong đó có "
                    "hạng mục xây dựng mạng diện rộng tỉnh;")
    assert ("dự án Trung tâm kỹ thuật an toàn mạng", "du_an", "submitted") in got
    assert ("mạng diện rộng tỉnh", "mang", "proposed") in got


def test_commas_inside_a_name_and_the_acronym_after_it_are_kept():
    got = _projects("Sở đã đưa vào vận hành Trung tâm Giám sát, điều hành đô thị thông minh (IOC), "
                    "kết nối Nền tảng tích hợp, chia sẻ dữ liệu cấp tỉnh (LGSP).")
    names = [g[0] for g in got]
    assert "Trung tâm Giám sát, điều hành đô thị thông minh (IOC)" in names
    assert "Nền tảng tích hợp, chia sẻ dữ liệu cấp tỉnh (LGSP)" in names


def test_a_plan_keeps_its_horizon_and_later_short_mentions_are_the_same_plan():
    got = _projects("UBND tỉnh phê duyệt Đề án Chuyển đổi số tỉnh Đắk Nông giai đoạn 2020 - 2025, định hướng "
                    "đến năm 2030. Sở tiếp tục triển khai Đề án Chuyển đổi số tỉnh.")
    assert got == [("Đề án Chuyển đổi số tỉnh Đắk Nông giai đoạn 2020 - 2025, định hướng đến năm 2030",
                     "de_an", "under_way")]


def test_de_an_06_is_a_project_not_a_legal_reference():
    assert _projects("Sở phối hợp triển khai Đề án 06 về phát triển ứng dụng dữ liệu dân cư.") == [
        ("Đề án 06", "de_an", "under_way")]


def test_a_quoted_title_is_the_name():
    got = _projects("Sở hoàn thiện Tờ trình thông qua Đề án “Xây dựng chính quyền điện tử tỉnh Hậu Giang "
                    "giai đoạn 2020 - 2025” dự trình HĐND tỉnh.")
    assert got[0][0] == "Đề án Xây dựng chính quyền điện tử tỉnh Hậu Giang giai đoạn 2020 - 2025"


def test_two_systems_joined_by_va_are_two_projects_but_a_regulation_about_both_is_one():
    assert [g[0] for g in _projects("Sở vận hành hệ thống một cửa điện tử và Cổng dịch vụ công của tỉnh.")] == [
        "hệ thống một cửa điện tử", "Cổng dịch vụ công của tỉnh"]
    assert [g[0] for g in _projects("Ban hành Quy chế Một cửa điện tử và Cổng dịch vụ công.")] == [
        "Quy chế Một cửa điện tử và Cổng dịch vụ công"]


def test_agencies_and_generic_phrases_are_not_projects():
    assert _projects("Trung tâm Công nghệ thông tin và Truyền thông phối hợp Sở Kế hoạch và Đầu tư.") == []
    assert _projects("Các hệ thống thông tin của tỉnh hoạt động ổn định theo kế hoạch đề ra.") == []
    assert _projects("Sở chú trọng ứng dụng CNTT trong các cơ quan nhà nước; để an toàn thông tin.") == []


def test_the_same_project_across_articles_has_one_key():
    assert project_key("Cổng thông tin điện tử tỉnh") == project_key("Cổng thông tin điện tử của tỉnh")
    assert project_key("Dự án Trung tâm tích hợp dữ liệu tỉnh Hậu Giang") == project_key(
        "dự án xây dựng Trung tâm tích hợp dữ liệu tỉnh Hậu Giang")
    assert project_key("Cổng dịch vụ công") != project_key("Cổng Dịch vụ công quốc gia")


def test_a_plan_title_runs_past_its_commas_to_its_horizon():
    names = [v[0] for v in _projects("Các nhiệm vụ thuộc Đề án sắp xếp, phát triển các cơ quan báo chí tỉnh Nam Định "
                                     "đến năm 2025 đang được triển khai.")]
    assert names == ["Đề án sắp xếp, phát triển các cơ quan báo chí tỉnh Nam Định đến năm 2025"]
    # A comma followed by a new clause still ends the name.
    assert [v[0] for v in _projects("Sở hoàn thành Kế hoạch chuyển đổi số tỉnh, phấn đấu đến năm 2025 có 80% hồ sơ.")] == [
        "Kế hoạch chuyển đổi số tỉnh"]


def test_set_pairs_after_a_comma_stay_in_the_name():
    names = [v[0] for v in _projects("Sở nâng cấp Hệ thống camera giám sát an ninh, trật tự và giao thông tỉnh Nam Định.")]
    assert names == ["Hệ thống camera giám sát an ninh, trật tự và giao thông tỉnh Nam Định"]


def test_a_national_strategy_is_a_plan_and_hướng_tới_does_not_end_its_name():
    names = [v[0] for v in _projects("Quyết định 942/QĐ-TTg phê duyệt Chiến lược phát triển Chính phủ điện tử hướng tới "
                                     "Chính phủ số giai đoạn 2021 - 2025, định hướng đến năm 2030, Sở đã triển khai.")]
    assert names == ["Chiến lược phát triển Chính phủ điện tử hướng tới Chính phủ số giai đoạn 2021 - 2025, "
                     "định hướng đến năm 2030"]
    assert _projects("Sở triển khai các nhiệm vụ mang tính chiến lược nhằm thúc đẩy chuyển đổi số.") == []


def test_community_technology_teams_are_a_project_only_when_named_with_a_capital():
    assert [v[0] for v in _projects("Toàn tỉnh đã thành lập 651 Tổ công nghệ số cộng đồng ở thôn, bon.")] == [
        "Tổ công nghệ số cộng đồng"]
    assert _projects("Toàn tỉnh đã thành lập 320 tổ công nghệ số cộng đồng tại các thôn.") == []


def test_a_system_moved_to_ipv6_ends_before_sang():
    assert _projects("Sở chuyển đổi các hệ thống thông tin sang IPv6.") == []


def test_a_capital_after_a_semicolon_names_a_regulation():
    names = [v[0] for v in _projects("Sở đang xây dựng: Kế hoạch ngầm hóa mạng cáp; Quy chế Một cửa điện tử và Cổng dịch vụ công; "
                                     "cập nhật Bộ TTHC.")]
    assert "Quy chế Một cửa điện tử và Cổng dịch vụ công" in names


def test_a_completion_set_as_a_task_is_not_reported_as_completed():
    assert _projects("Giám đốc yêu cầu phải hoàn thành Hệ thống một cửa điện tử trước ngày 30/6.")[0][2] == "under_way"
    assert _projects("Đơn vị đang lắp đặt Hệ thống một cửa điện tử, dự kiến hoàn thành trong quý I.")[0][2] == "under_way"
    assert _projects("Sở đã hoàn thành Hệ thống một cửa điện tử.")[0][2] == "completed"
