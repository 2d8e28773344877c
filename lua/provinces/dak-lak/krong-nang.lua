-- krong-nang.lua — Krông Năng district (Đắk Lắk): the OCOP plan of 2020, KH 17/KH-UBND of
-- 10/02/2020 (S2, plans/002_4e8834379be2b545.txt; OCR without diacritics, restored here where
-- certain). Sections cited as "002 §…" are the plan's parts I–V (III.1 … III.9 the tasks).
--
-- The plan states no money figure (§IV names the funding sources only) and no reporting
-- deadline, so years[2020] has no budget and no reports: see the notes. Districts ceased as
-- a level of government on 1/7/2025 (OCOP.md §1, W37): the file is valid to 30/6/2025.

local KH = "KH 17/KH-UBND Krông Năng 2020" -- the plan key used in every source below
local TT08 = "khoản 12 Điều 1 Thông tư 08/2019/TT-BTC ngày 30/01/2019 của Bộ Tài chính"

-- 002 §II, §III.5: support goes to producers whose product the PROVINCIAL council rated 3★
-- or more; form, content and rates follow TT 08/2019 (caps not found: OCOP.md §7.1 ❓).
local function after_province_3star(items, note)
  return {
    min_stars = 3,            -- 002 §III.5.a: "đạt từ 3 sao trở lên"
    after_recognition = true, -- 002 §III.5.a: products already rated by the province
    recognised_by = "province", -- 002 §III.5.a: "cấp tỉnh đánh giá, xếp hạng"
    items = items,
    note = note .. " Đối tượng: cơ sở sản xuất có sản phẩm tham gia Chương trình OCOP được cấp "
      .. "tỉnh đánh giá, xếp hạng đạt từ 3 sao trở lên; hình thức, nội dung và mức chi theo "
      .. TT08 .. " (mức trần chưa tìm thấy ❓, OCOP.md §7.1). Sản phẩm 5 sao do trung ương công "
      .. "nhận không thuộc cách đọc “cấp tỉnh đánh giá, xếp hạng” ❓. Phòng Nông nghiệp và PTNT "
      .. "huyện thực hiện, trong năm 2020.",
    source = KH .. ", mục II và mục III.5",
  }
end

return {
  name = "Krông Năng",

  -- OCOP.md §1, §9.10 (W37): districts ceased on 1/7/2025
  valid_to = "2025-06-30",

  -- 002 §III.3.a: "Trong thời gian 03 ngày làm việc (kể từ ngày nhận hồ sơ), Phòng Nông
  -- nghiệp và PTNT kiểm tra thể thức, nội dung và hướng dẫn Cơ sở sản xuất hoàn thiện hồ sơ"
  dossier_check_working_days = 3,

  references = {
    -- 002 preamble: the district's OCOP plan 2018–2020
    { number = "66/KH-UBND", date = "2019-07-15",
      what = "UBND huyện Krông Năng triển khai Chương trình “Mỗi xã một sản phẩm” giai đoạn "
        .. "2018–2020 và định hướng đến năm 2030 trên địa bàn huyện",
      source = KH .. ", phần căn cứ" },
    -- 002 §III.2.a: the district evaluation council
    { number = "5188/QĐ-UBND", date = "2019-12-26",
      what = "UBND huyện Krông Năng thành lập Hội đồng tư vấn, đánh giá sản phẩm OCOP của huyện",
      source = KH .. ", mục III.2.a" },
  },

  notes = {
    -- OCOP.md §1, §9.10
    "Huyện Krông Năng chấm dứt hoạt động với tư cách cấp chính quyền từ 01/7/2025 (OCOP.md §1, "
      .. "W37); quy tắc của huyện áp dụng đến 30/6/2025.",
  },

  years = {
    [2020] = {
      -- 002 header and signature block
      plan = {
        title = "Kế hoạch triển khai Chương trình “Mỗi xã một sản phẩm” trên địa bàn huyện Krông "
          .. "Năng năm 2020",
        number = "17/KH-UBND",
        date = "2020-02-10", -- 002 header: "ngày 10 tháng 02 năm 2020"; signed 10/02/2020 16:24
        date_text = "Krông Năng, ngày 10 tháng 02 năm 2020",
        issuer = "Ủy ban nhân dân huyện Krông Năng",
        signer = "Châu Văn Lượm (KT. Chủ tịch; chữ ký số ngày 10/02/2020)",
        source = KH .. ", phần đầu và chữ ký",
        implements = "Kế hoạch số 66/KH-UBND ngày 15/7/2019 của UBND huyện Krông Năng; Quyết định "
          .. "số 1040/QĐ-UBND ngày 07/5/2019 và số 3696/QĐ-UBND ngày 12/12/2019 của UBND tỉnh Đắk "
          .. "Lắk; Quyết định số 490/QĐ-TTg của Thủ tướng Chính phủ",
        note = "Bản OCR không dấu; dấu tiếng Việt được khôi phục. Kế hoạch ghi QĐ 490/QĐ-TTg “ngày "
          .. "05/7/2019” (ở mục III.1 lại ghi “490/QĐ-UBND, ngày 07/05/2018”); ngày đúng là "
          .. "07/5/2018 (OCOP.md §1). Chữ ký số của cơ quan: 11/02/2020.",
      },

      -- 002 §III.4.c: district evaluation "Hoàn thành trong tháng 03/2020"; the plan gives no
      -- opening day (dossiers are received until 20/3/2020, §III.3.c), so open is left out.
      rounds = {
        district = {
          { close = "2020-03-31",
            note = "Hội đồng đánh giá, xếp hạng sản phẩm OCOP huyện đánh giá theo Bộ tiêu chí của "
              .. "QĐ 1048/QĐ-TTg (21/8/2019), hoàn thành trong tháng 03/2020. Sản phẩm đạt điểm "
              .. "tương đương 3 sao trở lên: Hội đồng phối hợp cơ sở hoàn thiện hồ sơ gửi Hội đồng "
              .. "cấp tỉnh; sản phẩm chưa đạt có thể nâng cấp, hoàn thiện để tham gia đợt tiếp "
              .. "theo (không ghi ngày). Kế hoạch không ghi ngày mở đợt.",
            source = KH .. ", mục III.4" },
        },
      },

      calendar = {
        -- 002 §III.1.c: steering system completed "trong tháng 2/2020"
        { what = "Hoàn thiện hệ thống chỉ đạo, thực hiện Chương trình OCOP: bổ sung nhiệm vụ cho Ban "
            .. "Chỉ đạo các Chương trình MTQG huyện; Phòng Nông nghiệp và PTNT là cơ quan tham "
            .. "mưu chuyên trách; Văn phòng Điều phối NTM huyện kiêm nhiệm; UBND các xã, thị trấn "
            .. "triển khai trên địa bàn",
          who = "UBND huyện Krông Năng; UBND các xã, thị trấn",
          from = "2020-02-01", to = "2020-02-29",
          source = KH .. ", mục III.1" },
        -- 002 §III.2.c: guidance and kick-off conference "Trong tháng 2/2020"
        { what = "Hội nghị hướng dẫn và triển khai thực hiện Chương trình OCOP trên địa bàn huyện",
          who = "Phòng Nông nghiệp và Phát triển nông thôn huyện",
          from = "2020-02-01", to = "2020-02-29",
          source = KH .. ", mục III.2" },
        -- 002 §III.3.c: registration, dossiers and samples "Hoàn thành trước ngày 20/03/2020"
        { what = "Đăng ký, tiếp nhận hồ sơ và mẫu sản phẩm tham gia đánh giá, xếp hạng sản phẩm "
            .. "OCOP (kiểm tra thể thức, nội dung trong 03 ngày làm việc, rồi kiểm tra tính hợp lệ "
            .. "và đề xuất Hội đồng cấp huyện đánh giá)",
          who = "Các cơ sở sản xuất nộp; Phòng Nông nghiệp và PTNT huyện tiếp nhận, kiểm tra",
          by = "2020-03-20",
          source = KH .. ", mục III.3" },
        -- 002 §III.5.d: support to ≥3★ producers "Trong năm 2020"
        { what = "Hỗ trợ các cơ sở sản xuất có sản phẩm được cấp tỉnh xếp hạng từ 3 sao trở lên",
          who = "Phòng Nông nghiệp và PTNT huyện",
          from = "2020-01-01", to = "2020-12-31",
          note = "Kế hoạch ghi “Trong năm 2020”.",
          source = KH .. ", mục III.5" },
        -- 002 §III.7: study tour, expected in Quảng Nam, "Năm 2020"
        { what = "Đoàn công tác học tập kinh nghiệm triển khai Chương trình OCOP (dự kiến tại tỉnh "
            .. "Quảng Nam)",
          who = "Phòng Nông nghiệp và PTNT chủ trì, cùng Hội đồng đánh giá, xếp hạng sản phẩm OCOP "
            .. "và Tổ giúp việc",
          from = "2020-01-01", to = "2020-12-31",
          note = "Kế hoạch ghi “Năm 2020”.",
          source = KH .. ", mục III.7" },
        -- 002 §III.8.b: communication "Năm 2020"
        { what = "Tuyên truyền về Chương trình OCOP: bản tin, phóng sự, bài viết phát sóng trên địa "
            .. "bàn huyện",
          who = "Các phòng, ban, ngành của huyện; UBND các xã, thị trấn; Đài Phát thanh và Truyền "
            .. "hình huyện",
          from = "2020-01-01", to = "2020-12-31",
          note = "Kế hoạch ghi “Năm 2020”.",
          source = KH .. ", mục III.8" },
        -- 002 §III.9.c: review conference "Trong tháng 11/2020"
        { what = "Hội nghị sơ kết, đánh giá Chương trình OCOP năm 2020 và phương hướng năm 2021",
          who = "Phòng Nông nghiệp và Phát triển nông thôn huyện",
          from = "2020-11-01", to = "2020-11-30",
          source = KH .. ", mục III.9" },
      },

      targets = {
        -- 002 §II: "phấn đấu năm 2020 có 1 – 3 sản phẩm được đánh giá và xếp hạng từ 3 sao trở lên"
        { code = "products_3star",
          label = "Sản phẩm hiện có được nâng cấp, hoàn thiện, đánh giá và xếp hạng từ 3 sao trở lên",
          min = 1, max = 3, unit = "sản phẩm", per = "huyện", source = KH .. ", mục II" },
        -- 002 §II: "Mỗi xã, thị trấn ... đề xuất ít nhất 1 sản phẩm"
        { code = "products_proposed",
          label = "Sản phẩm mỗi xã, thị trấn đề xuất để theo dõi, hỗ trợ trong Chương trình OCOP",
          min = 1, unit = "sản phẩm", per = "xã, thị trấn", source = KH .. ", mục II" },
      },

      -- 002 §II and §III.5: support for OCOP products rated ≥3★ by the province, in 2020
      support = {
        -- 002 §II: "Hỗ trợ hoàn thiện tem nhãn, mẫu mã bao bì"
        packaging = after_province_3star(
          { "Hoàn thiện tem nhãn", "Hoàn thiện mẫu mã bao bì" },
          "Mục tiêu: hỗ trợ hoàn thiện tem nhãn, mẫu mã bao bì."),
        -- 002 §II: "truy xuất nguồn gốc"
        certification = after_province_3star(
          { "Truy xuất nguồn gốc" },
          "Mục tiêu: hỗ trợ truy xuất nguồn gốc."),
        -- 002 §II: "công bố chất lượng" (filed under quality testing, the nearest category ❓)
        quality_test = after_province_3star(
          { "Công bố chất lượng sản phẩm" },
          "Mục tiêu: hỗ trợ công bố chất lượng (xếp vào nhóm kiểm định chất lượng, nhóm gần nhất ❓)."),
        -- 002 §II: "xúc tiến thương mại và các hoạt động liên quan"
        trade_promotion = after_province_3star(
          { "Xúc tiến thương mại và các hoạt động liên quan" },
          "Mục tiêu: hỗ trợ xúc tiến thương mại và các hoạt động liên quan; phối hợp tổ chức hội chợ, "
            .. "trưng bày sản phẩm OCOP theo kế hoạch của tỉnh (mục III.6)."),
      },

      references = {
        -- 002 preamble
        { number = "490/QĐ-TTg", date = "2018-05-07",
          what = "Phê duyệt Chương trình mỗi xã một sản phẩm giai đoạn 2018–2020 (kế hoạch ghi "
            .. "nhầm ngày 05/7/2019; mục III.1 viện dẫn điểm b khoản 6 Điều 1 về hệ thống chỉ đạo)",
          source = KH .. ", phần căn cứ và mục III.1" },
        -- 002 preamble
        { number = "2277/QĐ-BNN-VPĐP", date = "2017-06-05",
          what = "Bộ Nông nghiệp và PTNT phê duyệt đề cương đề án “Chương trình quốc gia mỗi xã một "
            .. "sản phẩm” giai đoạn 2017–2020, định hướng đến 2030 và bộ công cụ điều tra, khảo sát",
          source = KH .. ", phần căn cứ" },
        -- 002 §III.4.a: the criteria set used by the district council
        { number = "1048/QĐ-TTg", date = "2019-08-21",
          what = "Bộ tiêu chí đánh giá, xếp hạng sản phẩm OCOP dùng cho Hội đồng cấp huyện",
          source = KH .. ", mục III.4" },
        -- 002 §III.5.b: support content and rates
        { number = "08/2019/TT-BTC", date = "2019-01-30",
          what = "Khoản 12 Điều 1: hình thức, nội dung và mức chi hỗ trợ cơ sở sản xuất có sản phẩm "
            .. "đạt từ 3 sao trở lên",
          source = KH .. ", mục III.5" },
        -- 002 §IV: district steering-committee budget
        { number = "335/BC-UBND", date = "2019-12-09",
          what = "Báo cáo của UBND huyện Krông Năng về kinh phí hoạt động Ban Chỉ đạo các Chương "
            .. "trình MTQG huyện (một nguồn kinh phí OCOP năm 2020)",
          source = KH .. ", mục IV" },
      },

      notes = {
        -- 002 §IV
        "Kinh phí: vốn sự nghiệp Chương trình MTQG xây dựng nông thôn mới năm 2020 do UBND tỉnh "
          .. "phân bổ cho huyện tại QĐ 3696/QĐ-UBND (mục IV ghi ngày 12/12/2020, phần căn cứ ghi "
          .. "12/12/2019), kinh phí hoạt động Ban Chỉ đạo các Chương trình MTQG huyện (BC "
          .. "335/BC-UBND ngày 09/12/2019) và các nguồn huy động hợp pháp khác. Kế hoạch không nêu "
          .. "con số nào, nên không có bảng kinh phí (" .. KH .. ", mục IV).",
        -- 002 §III.6
        "Phối hợp Sở Nông nghiệp và PTNT hoặc cơ quan liên quan tổ chức hội chợ, trưng bày, giới "
          .. "thiệu sản phẩm OCOP (nếu có): thời gian “theo Kế hoạch của tỉnh”, không ghi ngày ("
          .. KH .. ", mục III.6).",
        -- 002 §V.1
        "Báo cáo: Phòng Nông nghiệp và PTNT thường xuyên theo dõi, kiểm tra, đánh giá và báo cáo Ban "
          .. "Chỉ đạo các Chương trình MTQG huyện; kế hoạch không ghi kỳ hạn báo cáo, nên không có "
          .. "mục reports (" .. KH .. ", mục V.1).",
        -- 002 §I.2, §V.6: who takes part
        "Cơ sở sản xuất tham gia: doanh nghiệp, hợp tác xã, tổ hợp tác, trang trại, hộ kinh doanh "
          .. "hoạt động trong lĩnh vực nông nghiệp và du lịch nông thôn; sản phẩm đã xếp hạng từ 3 "
          .. "sao phải duy trì hoặc nâng cao chất lượng theo Bộ tiêu chí (" .. KH .. ", mục I.2, "
          .. "V.6).",
        -- 002 §III.4.a vs national.lua
        "Cấp huyện chấm điểm, không công nhận hạng sao; sản phẩm đạt điểm tương đương 3 sao trở lên "
          .. "được đề nghị lên Hội đồng cấp tỉnh (khớp phân cấp của QĐ 1048 trong national.lua) ("
          .. KH .. ", mục III.4, V.3).",
      },
    },
  },
}
