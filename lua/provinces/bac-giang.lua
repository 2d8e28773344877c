-- bac-giang.lua — Bắc Giang: the 2020 plan (S4: Kế hoạch 4130/KH-UBND of 19/11/2019,
-- shared/plans/004_…) and the support rules of 2024–2025 (OCOP.md §7.3). Only what
-- differs from national.lua. Merged into Bắc Ninh on 1/7/2025 (OCOP.md §1).
local plan = "KH 4130/KH-UBND Bắc Giang 2020"

return {
  name = "Bắc Giang",
  valid_to = "2025-06-30", -- OCOP.md §1: part of Bắc Ninh from 1/7/2025
  merged_into = "bac-ninh",
  references = {
    { number = "490/QĐ-TTg", date = "2018-05-07", what = "Chương trình OCOP giai đoạn 2018–2020",
      source = plan .. ", căn cứ (ngày đúng 07/5/2018: OCOP.md §1)" },
    { number = "975/QĐ-UBND", date = "2019-06-29",
      what = "Đề án Chương trình OCOP tỉnh Bắc Giang 2018–2020, định hướng 2030", source = plan .. ", căn cứ" },
  },
  years = {
    [2020] = {
      plan = { title = "Kế hoạch triển khai Chương trình “Mỗi xã một sản phẩm” tỉnh Bắc Giang năm 2020",
               number = "4130/KH-UBND", date = "2019-11-19", issuer = "UBND tỉnh Bắc Giang",
               signer = "Dương Văn Thái", source = plan },
      -- §II.7.2: two rounds per level, each "trước ngày …": no opening day is stated.
      rounds = {
        district = {
          { close = "2020-07-15", note = "Đợt 01: trước ngày 15/7/2020", source = plan .. ", mục II.7.2.a" }, -- 004 §II.7.2a
          { close = "2020-11-10", note = "Đợt 02: trước ngày 10/11/2020", source = plan .. ", mục II.7.2.a" }, -- 004 §II.7.2a
        },
        province = {
          { close = "2020-07-30", note = "Đợt 01: trước ngày 30/7/2020", source = plan .. ", mục II.7.2.b" }, -- 004 §II.7.2b
          { close = "2020-12-10", note = "Đợt 02: trước ngày 10/12/2020", source = plan .. ", mục II.7.2.b" }, -- 004 §II.7.2b
        },
      },
      calendar = {
        { what = "Tập huấn, bồi dưỡng cán bộ quản lý OCOP các cấp và chủ thể sản xuất",
          from = "2020-04-01", to = "2020-12-31", note = "Từ quý II/2020 đến quý IV/2020",
          source = plan .. ", mục II.2" }, -- 004 §II.2
        { what = "Xúc tiến thương mại và quảng bá sản phẩm (hội chợ triển lãm trong và ngoài tỉnh)",
          from = "2020-01-01", to = "2020-12-31", note = "Từ quý I/2020 đến quý IV/2020",
          source = plan .. ", mục II.4" }, -- 004 §II.4
        { what = "Hỗ trợ tiêu chuẩn hóa sản phẩm OCOP (nhãn hiệu, tem, truy xuất) cho sản phẩm đạt "
            .. "từ 3 sao năm 2019",
          from = "2020-04-01", to = "2020-12-31", note = "Từ quý II/2020 đến quý IV/2020",
          source = plan .. ", mục II.5.2" }, -- 004 §II.5.2
        { what = "Học tập kinh nghiệm ngoài tỉnh cho cán bộ quản lý (02 đợt)", who = "Sở NN&PTNT",
          from = "2020-04-01", to = "2020-09-30", source = plan .. ", mục II.3" }, -- 004 §II.3: quý II–III/2020
        { what = "Đăng ký, tiếp nhận ý tưởng sản phẩm (mỗi huyện 3–4 sản phẩm)", who = "OCOP cấp huyện",
          from = "2020-03-01", to = "2020-03-31", source = plan .. ", mục II.7.1" }, -- 004 §II.7.1
        { what = "Lễ công bố, trao chứng nhận và vinh danh sản phẩm", who = "UBND tỉnh",
          by = "2020-12-30", source = plan .. ", mục II.7.3" }, -- 004 §II.7.3
      },
      -- §III (kết thúc): 6-month report before 15/6; the year's report before 15/11.
      reports = {
        { what = "Báo cáo kết quả 6 tháng", every = "year", month = 6, day = 15,
          to = "Sở Nông nghiệp và PTNT (cơ quan Thường trực OCOP)", source = plan .. ", phần kết" },
        { what = "Báo cáo kết quả thực hiện năm", every = "year", month = 11, day = 15,
          to = "Sở Nông nghiệp và PTNT (cơ quan Thường trực OCOP)", source = plan .. ", phần kết" },
      },
      targets = { -- OCOP.md §9.8 (S4)
        { code = "ideas_per_district", label = "Ý tưởng sản phẩm mỗi huyện, thành phố", min = 3, max = 4,
          unit = "sản phẩm", per = "huyện", source = plan .. ", mục II.7.1" },
        { code = "products_consulted", label = "Sản phẩm được tư vấn phát triển", min = 27, max = 30,
          approx = true, unit = "sản phẩm", source = plan .. ", dự toán dòng I.5" },
        { code = "products_standardised", label = "Sản phẩm được hỗ trợ tiêu chuẩn hóa", min = 30,
          approx = true, unit = "sản phẩm", source = "OCOP.md §7.2, §9.8 (S4)" },
        { code = "officials_trained", label = "Lượt cán bộ quản lý được bồi dưỡng", min = 90, max = 100,
          approx = true, unit = "lượt người", source = plan .. ", mục II.2.1" }, -- 004 §II.2.1
        { code = "producers_trained", label = "Lượt chủ thể sản xuất được tập huấn", min = 180, max = 200,
          approx = true, unit = "lượt người", source = plan .. ", mục II.2.2" }, -- 004 §II.2.2
        { code = "study_tour_officials", label = "Lượt cán bộ học tập kinh nghiệm ngoài tỉnh (02 đợt)",
          min = 90, max = 100, approx = true, unit = "lượt người", source = plan .. ", mục II.3" }, -- 004 §II.3
        { code = "fairs_outside", label = "Hội chợ triển lãm ngoài tỉnh tham gia", min = 3, max = 4,
          approx = true, unit = "hội chợ", source = plan .. ", mục II.4" }, -- 004 §II.4
      },
      budget = {
        total = 5000000000, unit_in_plan = "đồng", source = plan .. ", Phụ lục dự toán kinh phí",
        lines = {
          { code = "I", label = "Kinh phí triển khai Chương trình OCOP tỉnh năm 2020", amount = 4000000000,
            owner = "Chi cục Phát triển nông thôn – Sở NN&PTNT", lines = {
              { code = "I.1", label = "Tuyên truyền về Chương trình OCOP", amount = 330000000 },
              { code = "I.2", label = "Tập huấn Chương trình OCOP (03 lớp)", amount = 523000000, lines = {
                  { code = "I.2.1", label = "Tập huấn chủ thể có sản phẩm OCOP (lớp 1, 90 học viên, 5 ngày)", amount = 208300000 },
                  { code = "I.2.2", label = "Tập huấn chủ thể có sản phẩm OCOP (lớp 2, 90 học viên, 5 ngày)", amount = 208300000 },
                  { code = "I.2.3", label = "Tập huấn cán bộ quản lý nhà nước (90 học viên, 5 ngày)", amount = 106400000 },
              } },
              { code = "I.3", label = "Học tập kinh nghiệm ngoài tỉnh (02 chuyến)", amount = 123500000 },
              { code = "I.4", label = "Xúc tiến thương mại, quảng bá sản phẩm", amount = 400000000 },
              { code = "I.5", label = "Tư vấn phát triển sản phẩm (khoảng 27–30 sản phẩm)", amount = 807000000 },
              { code = "I.6", label = "Hỗ trợ quản lý nhãn hiệu, thiết kế nhãn, in tem, giấy chứng nhận", amount = 1200000000 },
              { code = "I.7", label = "Tổ chức đánh giá sản phẩm cấp tỉnh năm 2020", amount = 295000000 },
              { code = "I.8", label = "Duy trì trang Website của Chương trình", amount = 55000000 },
              { code = "I.9", label = "Kiểm tra, hướng dẫn thực hiện Chương trình", amount = 52000000 },
              { code = "I.10", label = "Mua máy ảnh, máy tính phục vụ tuyên truyền, Website, tư vấn", amount = 44500000 },
              { code = "I.11", label = "Hỗ trợ xây dựng, nâng cấp điểm bán hàng, trung tâm OCOP", amount = 170000000 },
          } },
          { code = "II", label = "Kinh phí hỗ trợ các huyện, thành phố (bình quân 100 triệu đồng/huyện)",
            amount = 1000000000, owner = "UBND 10 huyện, thành phố" },
        },
      },
      support = {
        -- §II.6 and OCOP.md §7.2: standardisation (trademark, stamps, certificates, packaging)
        -- for products of 3★ or more; sales points without capital construction.
        trademark = { min_stars = 3, items = { "thiết kế, đăng ký nhãn hiệu", "in tem", "giấy chứng nhận", "bao bì" },
                      source = plan .. ", mục II.6; dự toán dòng I.6" },
        consulting = { source = plan .. ", dự toán dòng I.5" },
        trade_promotion = { source = plan .. ", dự toán dòng I.4" },
        training = { source = plan .. ", dự toán dòng I.2" },
        sales_point = { note = "Không có tính chất xây dựng cơ bản", source = plan .. ", mục II.6; dự toán dòng I.11" },
      },
      notes = { "Các đợt chỉ có hạn cuối (“trước ngày …”); kế hoạch không nêu ngày mở đợt." },
    },
    -- OCOP.md §7.3 (⚠️ W21): rewards per star, one-off, after the recognition decision.
    [2024] = {
      support = {
        star_reward = { after_recognition = true, once = true,
          amounts = { first = { [3] = 50000000, [4] = 150000000, [5] = 300000000 },
                      keep = { [3] = 20000000, [4] = 60000000 },
                      upgrade = { [4] = 150000000, [5] = 300000000 } },
          note = "Ngân sách tỉnh chi cho sản phẩm từ 4 sao", source = "OCOP.md §7.3 (Bắc Giang 2024–2025, W21)" },
      },
    },
    [2025] = {
      support = {
        star_reward = { after_recognition = true, once = true,
          amounts = { first = { [3] = 50000000, [4] = 150000000, [5] = 300000000 },
                      keep = { [3] = 20000000, [4] = 60000000 },
                      upgrade = { [4] = 150000000, [5] = 300000000 } },
          note = "Ngân sách tỉnh chi cho sản phẩm từ 4 sao", source = "OCOP.md §7.3 (Bắc Giang 2024–2025, W21)" },
      },
    },
  },
}
