-- ha-giang.lua — Hà Giang: the 2020 plan (S0, shared/plans/000_…, OCR without diacritics:
-- the number and day of the plan are garbled, "6?/KH-UBND", "?0/02/2020"). Only what
-- differs from national.lua. Merged into Tuyên Quang on 1/7/2025 (OCOP.md §1).
local plan = "KH OCOP Hà Giang 2020"

-- §9.1: packaging and label design and printing, and quality testing, are paid only after
-- the province recognised the product at 3★ or more, for at most 2 product codes per
-- product type per economic organisation.
local after_province_3star = function(what)
  return { min_stars = 3, after_recognition = true, recognised_by = "province",
           max_codes_per_type_per_org = 2, items = what,
           note = "Tối đa không quá 02 mã sản phẩm/loại sản phẩm/tổ chức kinh tế; mức hỗ trợ theo "
             .. "TT 08/2019/TT-BTC và NQ 09/2019/NQ-HĐND",
           source = plan .. ", mục II.9.1" } -- 000 §II.9.1
end

return {
  name = "Hà Giang",
  valid_to = "2025-06-30", -- OCOP.md §1: part of Tuyên Quang from 1/7/2025
  merged_into = "tuyen-quang",
  references = {
    { number = "09/2019/NQ-HĐND", date = "2019-07-19",
      what = "Chính sách hỗ trợ liên kết sản xuất và tiêu thụ sản phẩm nông nghiệp tỉnh Hà Giang",
      source = plan .. ", căn cứ; mục II.9.2" },
    { number = "500/QĐ-UBND", date = "2018-03-22", what = "Chương trình OCOP tỉnh Hà Giang",
      source = plan .. ", căn cứ" },
    { number = "51/QĐ-UBND", date = "2020-01-09", what = "Tổ công tác liên ngành OCOP",
      source = plan .. ", phụ lục kinh phí dòng I.4" },
    { number = "389/QĐ-UBND", date = "2019-03-12",
      what = "Giao kinh phí hỗ trợ phát triển sản phẩm OCOP cho các tổ chức kinh tế năm 2019",
      source = plan .. ", mục IV.5" },
    { number = "61/KH-UBND", what = "Kế hoạch OCOP tỉnh Hà Giang năm 2019", source = plan .. ", mục IV.5" },
    { number = "2369/QĐ-UBND", date = "2019-11-22", what = "Điều chỉnh QĐ 389/QĐ-UBND",
      source = plan .. ", mục IV.5" },
  },
  years = {
    [2020] = {
      plan = { title = "Kế hoạch thực hiện Chương trình Mỗi xã một sản phẩm (OCOP) tỉnh Hà Giang năm 2020",
               number = "6?/KH-UBND", date_text = "?0/02/2020", issuer = "UBND tỉnh Hà Giang",
               signer = "Nguyễn Minh Tiến (Phó Chủ tịch)", source = plan,
               note = "Số và ngày của kế hoạch bị nhòe trong bản quét (OCOP.md §1)." },
      -- §II.5.2, §II.5.3: each round is a month.
      rounds = {
        district = {
          { open = "2020-05-01", close = "2020-05-31", note = "Lần 1: tháng 5/2020", source = plan .. ", mục II.5.2" },
          { open = "2020-09-01", close = "2020-09-30", note = "Lần 2: tháng 9/2020", source = plan .. ", mục II.5.2" },
        },
        province = {
          { open = "2020-06-01", close = "2020-06-30", note = "Lần 1: tháng 6/2020", source = plan .. ", mục II.5.3" },
          { open = "2020-10-01", close = "2020-10-31", note = "Lần 2: tháng 10/2020", source = plan .. ", mục II.5.3" },
        },
      },
      calendar = {
        { what = "Kiện toàn bộ máy chỉ đạo OCOP: nhiệm vụ của Ban chỉ đạo NTM và Văn phòng điều phối "
            .. "cấp huyện, Hội đồng đánh giá sản phẩm cấp huyện; mỗi xã phân công 01 công chức",
          who = "UBND cấp huyện, cấp xã", from = "2020-01-01", to = "2020-06-30",
          note = "Trong quý I-II/2020", source = plan .. ", mục II.1" }, -- 000 §II.1
        { what = "Đoàn công tác học tập kinh nghiệm thực hiện Chương trình OCOP tại các tỉnh",
          who = "Sở Nông nghiệp và PTNT", from = "2020-03-01", to = "2020-03-31",
          note = "Cuối quý I/2020", source = plan .. ", mục II.3" }, -- 000 §II.3
        { what = "Hội nghị triển khai Chương trình OCOP từ cấp huyện đến cấp xã và các chủ thể kinh tế",
          who = "UBND các huyện, thành phố", from = "2020-01-01", to = "2020-03-31",
          note = "Trong quý I/2020", source = plan .. ", mục IV.5" }, -- 000 §IV, UBND các huyện
        { what = "Hoàn thiện hồ sơ đề nghị Hội đồng đánh giá cấp tỉnh cho các sản phẩm của tổ chức "
            .. "kinh tế được giao kinh phí tại QĐ 389/QĐ-UBND (KH 61/KH-UBND năm 2019, điều chỉnh "
            .. "tại QĐ 2369/QĐ-UBND) chưa được Hội đồng cấp huyện gửi hồ sơ hoặc chưa đủ điều kiện "
            .. "cấp chứng nhận",
          who = "UBND các huyện, thành phố", by = "2020-05-30", note = "Trước ngày 30/5/2020",
          source = plan .. ", mục IV.5" }, -- 000 §IV, UBND các huyện
        { what = "Tổ chức đăng ký, tiếp nhận phiếu ý tưởng sản phẩm", who = "UBND cấp xã",
          from = "2020-03-01", to = "2020-03-31", source = plan .. ", mục II.5.1" }, -- 000 §II.5.1
        { what = "Đợt 1 hoàn thiện hồ sơ đánh giá cấp tỉnh", who = "Cấp huyện",
          from = "2020-05-01", to = "2020-05-31", source = plan .. ", mục II.2" },
        { what = "Đợt 2 hoàn thiện hồ sơ đánh giá cấp tỉnh", who = "Cấp huyện",
          from = "2020-09-01", to = "2020-09-30", source = plan .. ", mục II.2" },
        { what = "Xúc tiến thương mại (Lễ hội hoa Tam giác mạch)", who = "Sở Công Thương",
          from = "2020-10-01", to = "2020-12-31", source = plan .. ", mục II.7" },
        { what = "Hội nghị sơ kết, đánh giá, cấp giấy chứng nhận", who = "Sở Nông nghiệp và PTNT",
          from = "2020-12-01", to = "2020-12-31", source = plan .. ", mục II.8" },
      },
      budget = {
        total = 23690000000, unit_in_plan = "triệu đồng", source = plan .. ", Phụ lục tổng hợp kinh phí",
        lines = {
          { code = "I", label = "Kinh phí hỗ trợ Ban chỉ đạo cấp tỉnh", amount = 2900000000, lines = {
            { code = "I.1", label = "Hỗ trợ ban chỉ đạo cấp tỉnh", amount = 150000000, owner = "Sở NN&PTNT", when = "Năm 2020" },
            { code = "I.2", label = "Hội nghị tổ chức thi và đánh giá, phân hạng sản phẩm OCOP", amount = 250000000, owner = "Sở NN&PTNT", when = "Tháng 6 và tháng 10" },
            { code = "I.3", label = "Xúc tiến thương mại", amount = 1000000000, owner = "Sở Công Thương", when = "Quý IV năm 2020" },
            { code = "I.4", label = "Tổ công tác liên ngành (QĐ 51/QĐ-UBND ngày 09/01/2020)", amount = 250000000, owner = "Sở NN&PTNT", when = "Năm 2020" },
            { code = "I.5", label = "Hội nghị tổng kết, lễ vinh danh, in giấy chứng nhận sản phẩm từ 3 sao", amount = 200000000, owner = "Sở NN&PTNT", when = "Tháng 12/2020" },
            { code = "I.6", label = "Hội nghị đối tác OCOP tỉnh Hà Giang", amount = 100000000, owner = "Sở NN&PTNT", when = "Quý III năm 2020" },
            { code = "I.7", label = "Thông tin tuyên truyền địa phương và trung ương", amount = 250000000, owner = "Sở NN&PTNT", when = "Năm 2020" },
            { code = "I.8", label = "Học tập kinh nghiệm ngoài tỉnh", amount = 200000000, owner = "Sở NN&PTNT", when = "Quý I năm 2020" },
            { code = "I.9", label = "Hỗ trợ HTX đi quảng bá sản phẩm OCOP thường niên", amount = 150000000, owner = "Sở NN&PTNT", when = "Năm 2020" },
            { code = "I.10", label = "Phát triển tổ chức kinh tế", amount = 100000000, owner = "Sở NN&PTNT", when = "Năm 2020" },
            { code = "I.11", label = "Giám sát, đánh giá thường xuyên", amount = 50000000, owner = "Sở NN&PTNT", when = "Năm 2020" },
            { code = "I.12", label = "Thuê tư vấn", amount = 200000000, owner = "Sở NN&PTNT", when = "Năm 2020" },
          } },
          { code = "II", label = "Kinh phí hỗ trợ cấp huyện và hỗ trợ trực tiếp sản phẩm", amount = 20790000000, lines = {
            { code = "II.1", label = "Hỗ trợ ban chỉ đạo cấp huyện", amount = 7150000000, lines = {
              { code = "II.1.a", label = "Hội nghị, tập huấn, tư vấn, tuyên truyền, triển khai chu trình OCOP cấp huyện, xã", amount = 5500000000, owner = "UBND các huyện, thành phố", when = "Quý I và quý II" },
              { code = "II.1.b", label = "Hội nghị tổ chức thi và đánh giá phân hạng sản phẩm cấp huyện", amount = 550000000, owner = "UBND các huyện, thành phố", when = "Tháng 5 và tháng 9" },
              { code = "II.1.c", label = "Hỗ trợ ban chỉ đạo cấp huyện", amount = 1100000000, owner = "UBND các huyện, thành phố", when = "Năm 2020" },
            } },
            { code = "II.2", label = "Hỗ trợ sản phẩm đạt từ 3 sao năm 2020 (mỗi huyện dự kiến 10 sản phẩm)", amount = 13640000000, owner = "Các huyện", when = "Năm 2020" },
          } },
        },
      },
      support = {
        packaging = after_province_3star({ "thiết kế, in ấn bao bì", "nhãn hàng hóa" }),
        quality_test = after_province_3star({ "kiểm định chất lượng sản phẩm" }),
      },
      targets = {
        { code = "products_3star", label = "Sản phẩm đạt từ 3 sao (mỗi huyện dự kiến 10 sản phẩm)", min = 10,
          approx = true, unit = "sản phẩm", per = "huyện", source = plan .. ", phụ lục kinh phí dòng II.2" },
      },
      notes = {
        "Sản phẩm đạt 90–100 điểm ở cấp tỉnh được chuyển hồ sơ lên Trung ương đánh giá 5 sao (mục II.6), năm 2020–2021.",
        "Sản phẩm đạt từ 3 sao bắt buộc in logo OCOP và hạng sao lên bao bì.",
      },
    },
  },
}
