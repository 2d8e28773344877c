-- huyen-chua-ro.lua — a stand-in for the district whose OCOP plan of 2021 names neither the
-- district nor its province (S1, plans/001_324697422bc50958.txt; OCR without diacritics,
-- header lost; OCOP.md §1, §10.5 ❓). Sections cited as "001 §…" are the plan's parts I–V
-- (II.1–II.6 the goals, III.2.1.1–III.2.4 the tasks, V.1–V.8 the duties).
--
-- The plan states no evaluation round with dates, no money figure ("Nội dung này sẽ có dự
-- toán riêng", §IV) and no reporting deadline: years[2021] has no rounds, budget or reports;
-- see the notes. Districts ceased as a level of government on 1/7/2025 (OCOP.md §1, W37).

local KH = "KH OCOP huyện chưa rõ 2021" -- the plan key used in every source below

return {
  name = "Huyện chưa rõ (kế hoạch 2021 không nêu tên)",
  placeholder = true,

  -- OCOP.md §1, §9.10 (W37): every district of the plans ceased on 1/7/2025
  valid_to = "2025-06-30",

  notes = {
    -- OCOP.md §1, §10.5
    "Huyện thay thế: kế hoạch OCOP năm 2021 (S1) mất phần đầu văn bản, không nêu tên huyện và "
      .. "tỉnh ❓ (OCOP.md §1, §10.5). Cấp huyện chấm dứt hoạt động từ 01/7/2025 (OCOP.md §1, W37).",
  },

  years = {
    [2021] = {
      -- 001 title, preamble, signature block
      plan = {
        title = "Kế hoạch triển khai Chương trình Mỗi xã một sản phẩm (OCOP) trên địa bàn huyện "
          .. "năm 2021",
        issuer = "Ủy ban nhân dân huyện (tên huyện không có trong văn bản)",
        signer = "KT. Chủ tịch, TM. Ủy ban nhân dân huyện (tên người ký không đọc được trong bản OCR)",
        date_text = "Không rõ: mất phần đầu văn bản; văn bản viện dẫn muộn nhất là Công văn "
          .. "1565/SNNPTNT-VPNTM ngày 26/5/2021",
        implements = "Công văn số 6384/BNN-VPĐP ngày 15/9/2020 của Bộ Nông nghiệp và PTNT hướng dẫn "
          .. "triển khai một số nội dung thuộc Chương trình OCOP; Công văn số 1565/SNNPTNT-VPNTM "
          .. "ngày 26/5/2021 của Sở Nông nghiệp và PTNT đôn đốc triển khai Chương trình OCOP năm "
          .. "2021 trên địa bàn tỉnh",
        source = KH .. ", phần căn cứ",
        note = "Bản OCR không dấu, mất số và ngày văn bản; dấu tiếng Việt được khôi phục. Kế hoạch "
          .. "dựa trên kết quả khảo sát tình hình sản xuất các sản phẩm trên địa bàn huyện.",
      },

      calendar = {
        -- 001 §V.6: communes send their 2021 OCOP plans "trước ngày 15/6/2021"
        { what = "UBND các xã, thị trấn rà soát, lựa chọn sản phẩm chủ lực, tiềm năng đăng ký tham "
            .. "gia và gửi kế hoạch triển khai Chương trình OCOP năm 2021 về UBND huyện (qua Phòng "
            .. "Nông nghiệp và PTNT)",
          who = "UBND các xã, thị trấn",
          by = "2021-06-15",
          source = KH .. ", mục V.6" },
        -- 001 §III.2.4: review conference "Dự kiến trong tháng 12/2021"
        { what = "Hội nghị sơ kết, đánh giá Chương trình OCOP năm 2021 và kế hoạch triển khai năm 2022",
          who = "Phòng Nông nghiệp và PTNT (đơn vị tham mưu)",
          from = "2021-12-01", to = "2021-12-31",
          note = "Kế hoạch ghi “Dự kiến trong tháng 12/2021”.",
          source = KH .. ", mục III.2.4" },
      },

      targets = {
        -- 001 §II.1: "Củng cố và tiếp tục duy trì 13 sản phẩm OCOP đã đạt chứng nhận 3 sao cấp
        -- tỉnh năm 2020"
        { code = "products_keep_3star",
          label = "Sản phẩm OCOP đã đạt chứng nhận 3 sao cấp tỉnh năm 2020 được củng cố, duy trì",
          min = 13, max = 13, unit = "sản phẩm", per = "huyện", source = KH .. ", mục II.1" },
        -- 001 §II.2: "Phát triển mới 04 sản phẩm, phấn đấu đạt chứng nhận OCOP 3 sao cấp tỉnh"
        { code = "products_new_3star",
          label = "Sản phẩm phát triển mới, phấn đấu đạt chứng nhận OCOP 3 sao cấp tỉnh năm 2021",
          min = 4, max = 4, unit = "sản phẩm", per = "huyện", source = KH .. ", mục II.2" },
        -- 001 §II.3: "Nâng cấp 02 sản phẩm đã đạt ... 3 sao cấp tỉnh năm 2020 đạt ... 4 sao"
        { code = "products_upgrade_4star",
          label = "Sản phẩm đã đạt 3 sao cấp tỉnh năm 2020 được nâng cấp đạt chứng nhận OCOP 4 sao "
            .. "cấp tỉnh năm 2021",
          min = 2, max = 2, unit = "sản phẩm", per = "huyện", source = KH .. ", mục II.3" },
        -- 001 §II.4: "Phấn đấu có tối thiểu 02 hợp tác xã có sản phẩm, tham gia Chương trình"
        { code = "coops_participating",
          label = "Hợp tác xã có sản phẩm tham gia Chương trình OCOP năm 2021",
          min = 2, unit = "hợp tác xã", per = "huyện", source = KH .. ", mục II.4" },
      },

      -- 001 §II.6 and §III.2.3 (the same list), §III.2.1.4, §III.2.1.6. No amount, no star
      -- condition: "Hỗ trợ các chủ thể có sản phẩm OCOP"; amounts in a separate estimate (§IV).
      support = {
        -- 001 §II.6, §III.2.3: "xây dựng, phát triển thương hiệu"
        trademark = {
          items = { "Xây dựng, phát triển thương hiệu" },
          note = "Kế hoạch không nêu mức hỗ trợ hay hạng sao; kinh phí có dự toán riêng (mục IV).",
          source = KH .. ", mục II.6 và III.2.3" },
        -- 001 §II.6, §III.2.3: "thiết kế nhãn mác, bao bì và mua bao bì sản phẩm"
        packaging = {
          items = { "Thiết kế nhãn mác", "Thiết kế bao bì", "Mua bao bì sản phẩm" },
          note = "Kế hoạch không nêu mức hỗ trợ hay hạng sao; kinh phí có dự toán riêng (mục IV).",
          source = KH .. ", mục II.6 và III.2.3" },
        -- 001 §II.6, §III.2.3: traceability, HACCP, C/O, ISO
        certification = {
          items = { "Truy xuất nguồn gốc",
                    "Chứng nhận quy trình sản xuất (HACCP)",
                    "Chứng nhận nguồn gốc hàng hóa (C/O)",
                    "Chứng nhận hệ thống tiêu chuẩn chất lượng (ISO)" },
          note = "Kế hoạch không nêu mức hỗ trợ hay hạng sao; kinh phí có dự toán riêng (mục IV).",
          source = KH .. ", mục II.6 và III.2.3" },
        -- 001 §II.6, §III.2.3 "hỗ trợ thực hiện chu trình OCOP"; §III.2.1.4: on-site guidance
        -- with the consultancy unit
        consulting = {
          items = { "Hỗ trợ thực hiện chu trình OCOP",
                    "Hướng dẫn, tư vấn, hỗ trợ trực tiếp tại thực địa cùng đơn vị tư vấn để triển "
                      .. "khai phương án kinh doanh" },
          note = "Kế hoạch không nêu mức hỗ trợ hay hạng sao; Phòng Nông nghiệp và PTNT lựa chọn "
            .. "đơn vị tư vấn (mục V.1).",
          source = KH .. ", mục II.6, III.2.1.4 và III.2.3" },
        -- 001 §II.6, §III.2.3 "hỗ trợ hoạt động xúc tiến thương mại"; §III.2.1.6
        trade_promotion = {
          items = { "Hoạt động xúc tiến thương mại, kết nối cung – cầu trên địa bàn huyện",
                    "Tham gia xúc tiến thương mại cấp tỉnh, Trung ương" },
          note = "Kế hoạch không nêu mức hỗ trợ hay hạng sao; Phòng Kinh tế – Hạ tầng chủ trì tổ "
            .. "chức (mục V.2).",
          source = KH .. ", mục II.6, III.2.1.6 và III.2.3" },
        -- 001 §III.2.1.4: "Hỗ trợ đào tạo nghề Chương trình OCOP cho các chủ thể"
        training = {
          items = { "Đào tạo nghề Chương trình OCOP cho các chủ thể" },
          note = "Kế hoạch không nêu mức hỗ trợ hay điều kiện.",
          source = KH .. ", mục III.2.1.4" },
      },

      references = {
        -- 001 preamble
        { number = "6384/BNN-VPĐP", date = "2020-09-15",
          what = "Bộ Nông nghiệp và PTNT hướng dẫn triển khai một số nội dung thuộc Chương trình "
            .. "mỗi xã một sản phẩm (OCOP)",
          source = KH .. ", phần căn cứ" },
        -- 001 preamble
        { number = "1565/SNNPTNT-VPNTM", date = "2021-05-26",
          what = "Sở Nông nghiệp và PTNT đôn đốc triển khai Chương trình OCOP năm 2021 trên địa bàn tỉnh",
          source = KH .. ", phần căn cứ" },
        -- 001 §III.1.2
        { number = "39/2018/NĐ-CP", date = "2018-03-11",
          what = "Điều 6: doanh nghiệp nhỏ và vừa được tham gia Chương trình OCOP",
          source = KH .. ", mục III.1.2" },
        -- 001 §III.2.1.3, §III.2.1.5
        { number = "1048/QĐ-TTg", date = "2019-08-21",
          what = "Phương án kinh doanh theo biểu mẫu số 3, Phụ lục 2; hồ sơ đánh giá, phân hạng sản phẩm",
          source = KH .. ", mục III.2.1.3 và III.2.1.5" },
        -- 001 §III.2.1.5, §III.2.2
        { number = "781/QĐ-TTg", date = "2020-06-08",
          what = "Chỉ tiêu tối thiểu phải đạt theo hạng sao; xã xác nhận tỷ lệ lao động, nguyên liệu "
            .. "địa phương",
          source = KH .. ", mục III.2.1.5 và III.2.2" },
      },

      notes = {
        -- 001 §IV
        "Kinh phí năm 2021 gồm vốn ngân sách nhà nước và nguồn đối ứng của các chủ thể tham gia; "
          .. "“Nội dung này sẽ có dự toán riêng”, nên không có bảng kinh phí (" .. KH .. ", mục IV).",
        -- 001 §III.2.2, §V.1
        "Đánh giá cấp huyện: UBND huyện thành lập Hội đồng căn cứ số hồ sơ đăng ký và thời vụ của sản "
          .. "phẩm; Phòng Nông nghiệp và PTNT tổ chức các kỳ đánh giá. Kế hoạch không ghi ngày đợt "
          .. "đánh giá nào, nên không có mục rounds (" .. KH .. ", mục III.2.2, V.1).",
        -- 001 §III.2.1.5, §III.2.2
        "Hội đồng cấp huyện đánh giá theo chỉ tiêu tối thiểu của QĐ 781/QĐ-TTg; hoàn thiện và chuyển "
          .. "hồ sơ, sản phẩm mẫu của sản phẩm đạt từ 50 đến 100 điểm đề nghị cấp tỉnh (khớp phân "
          .. "cấp QĐ 1048 trong national.lua) (" .. KH .. ", mục III.2.1.5, III.2.2).",
        -- 001 §III.1.2
        "Chủ thể tham gia: hợp tác xã, tổ hợp tác; hộ sản xuất có đăng ký kinh doanh; doanh nghiệp "
          .. "nhỏ và vừa theo Điều 6 NĐ 39/2018/NĐ-CP (" .. KH .. ", mục III.1.2).",
        -- 001 §III.1.1
        "Sản phẩm, dịch vụ theo 06 nhóm: thực phẩm; đồ uống; thảo dược; vải và may mặc; lưu niệm – "
          .. "nội thất – trang trí; dịch vụ du lịch nông thôn, bán hàng (" .. KH .. ", mục III.1.1).",
        -- 001 §I.1
        "Mục đích: duy trì và nâng hạng sản phẩm đã được công nhận từ 3 sao trở lên năm 2020, phấn "
          .. "đấu đạt 4 sao cấp tỉnh năm 2021 (" .. KH .. ", mục I.1).",
        -- 001 §II.5
        "Phát triển nguồn nhân lực: đào tạo, tập huấn cán bộ các xã, thị trấn về rà soát, hướng dẫn, "
          .. "hỗ trợ tổ chức, cá nhân tham gia (không ghi số lượng, thời gian) (" .. KH .. ", mục "
          .. "II.5; bản OCR in số mục là “3”).",
        -- 001 §V.6, §V.8
        "UBND xã xác nhận hồ sơ minh chứng của chủ thể (nguồn nguyên liệu, tỷ lệ lao động địa "
          .. "phương, cam kết môi trường, hợp đồng); sản phẩm đã đạt 3 sao cấp tỉnh phải dùng nhãn "
          .. "mác, logo, biểu trưng OCOP theo quy định (" .. KH .. ", mục V.6, V.8).",
      },
    },
  },

  -- The plan's own arithmetic: the 2 upgrades come from the 13 products kept at 3★.
  selftest = function(rules)
    local t = {}
    for _, x in ipairs(rules.years[2021].targets) do
      t[x.code] = x
    end
    if t.products_upgrade_4star.min > t.products_keep_3star.min then
      return false, "số sản phẩm nâng hạng 4 sao phải nằm trong 13 sản phẩm 3 sao năm 2020"
    end
    return true
  end,
}
