-- ha-tinh.lua — Hà Tĩnh: the OCOP plan of 2019 (S3, plans/003_5abe2af6181dff94.txt), a DRAFT
-- ("DỰ THẢO") of the provincial People's Committee without number, date or signer, that
-- implements QĐ 3292/QĐ-UBND (01/11/2018); and the 2019 star rewards that OCOP.md §7.3 reports
-- for Hà Tĩnh (⚠️ W23, QĐ 513/QĐ-UBND).
--
-- Sections of the plan cited as "003 §…": I.3 = targets (chỉ tiêu cụ thể), II.HĐn = the
-- plan's "HOẠT ĐỘNG n" of part II, III = funding. The plan states no money figure at all
-- (part III names the sources only), so years[2019] has no budget table: see the notes.
-- Hà Tĩnh kept its name and boundaries in the 2025 reorganisation (OCOP.md §1, W37), so the
-- file has no merged_into / valid_to.

local KH = "KH OCOP Hà Tĩnh 2019 (dự thảo)" -- the plan key used in every source below
local W23 = "OCOP.md §7.3 (⚠️ W23: QĐ 513/QĐ-UBND, thưởng sản phẩm OCOP năm 2019)"

return {
  name = "Hà Tĩnh",

  references = {
    -- 003 preamble, I.1: the provincial OCOP scheme the plan implements
    { number = "3292/QĐ-UBND", date = "2018-11-01",
      what = "Phê duyệt Đề án thực hiện “Mỗi xã một sản phẩm” tỉnh Hà Tĩnh giai đoạn 2018–2020, "
        .. "định hướng đến năm 2030 (Chương trình OCOP)",
      source = KH .. ", phần mở đầu và mục I.1" },
  },

  notes = {
    -- OCOP.md §1 (W37)
    "Tỉnh Hà Tĩnh giữ nguyên tên và địa giới khi sắp xếp đơn vị hành chính năm 2025; cấp huyện "
      .. "chấm dứt hoạt động từ 01/7/2025 (OCOP.md §1, W37; national.lua).",
  },

  years = {
    [2019] = {
      -- 003 title, preamble: a draft of the provincial People's Committee
      plan = {
        title = "Kế hoạch triển khai Đề án “Mỗi xã một sản phẩm” (OCOP) tỉnh Hà Tĩnh năm 2019",
        issuer = "Ủy ban nhân dân tỉnh Hà Tĩnh",
        status = "dự thảo", -- 003 header: "DỰ THẢO"
        date_text = "Không ghi ngày (bản dự thảo)",
        implements = "Quyết định số 3292/QĐ-UBND ngày 01/11/2018 của Ủy ban nhân dân tỉnh phê "
          .. "duyệt Đề án thực hiện “Mỗi xã một sản phẩm” tỉnh Hà Tĩnh giai đoạn 2018–2020, định "
          .. "hướng đến năm 2030",
        source = KH .. ", phần mở đầu",
        note = "Bản dự thảo: không có số văn bản, ngày ban hành, người ký. Các quy định dưới đây là "
          .. "nội dung dự thảo; văn bản chính thức (nếu có) có thể khác (OCOP.md §1, S3).",
      },

      -- 003 §II.HĐ6.3: district councils score in 08/2019, the provincial council finishes its
      -- evaluation and recognition in 10/2019. One round per level; no commune round.
      rounds = {
        district = {
          -- 003 §II.HĐ6.3 "Cấp huyện: ... đánh giá, chấm điểm ... trong tháng 8/2019"
          { open = "2019-08-01", close = "2019-08-31",
            note = "Hội đồng đánh giá và phân hạng sản phẩm cấp huyện đánh giá, chấm điểm trong "
              .. "tháng 8/2019 (có mời cấp tỉnh cùng tham dự); tổng hợp gửi hồ sơ, báo cáo về Hội "
              .. "đồng cấp tỉnh. QĐ 1048/QĐ-TTg chỉ có hiệu lực từ 21/8/2019: trước ngày đó kế "
              .. "hoạch dựa vào Bộ tiêu chí của tỉnh (Hoạt động 5) ❓.",
            source = KH .. ", mục II, Hoạt động 6.3" },
        },
        province = {
          -- 003 §II.HĐ6.3 "Cấp tỉnh: ... đánh giá, công nhận, phân hạng sản phẩm, hoàn thành
          -- trong tháng 10/2019"
          { open = "2019-10-01", close = "2019-10-31",
            note = "Hội đồng cấp tỉnh đánh giá, công nhận, phân hạng sản phẩm, hoàn thành trong "
              .. "tháng 10/2019; công bố, trao chứng nhận kết hợp Lễ tổng kết nông thôn mới năm "
              .. "2019 hoặc Hội chợ OCOP tỉnh lần thứ nhất. Kế hoạch chỉ nói “hoàn thành trong "
              .. "tháng 10/2019”: ngày mở đợt 01/10 là cách đọc tháng 10 là thời gian của đợt ❓.",
            source = KH .. ", mục II, Hoạt động 6.3" },
        },
      },

      calendar = {
        -- 003 §II.HĐ3.1: provincial kick-off conference, in 02/2019
        { what = "Hội nghị triển khai Đề án OCOP năm 2019 của tỉnh",
          who = "Ủy ban nhân dân tỉnh (Văn phòng Điều phối nông thôn mới tỉnh tham mưu)",
          from = "2019-02-01", to = "2019-02-28",
          source = KH .. ", mục II, Hoạt động 3.1" },
        -- 003 §II.HĐ2.1: steering committees of all levels consolidated, in 03/2019
        { what = "Kiện toàn Ban Chỉ đạo nông thôn mới các cấp gắn với Chương trình giảm nghèo bền "
            .. "vững, Chương trình OCOP",
          from = "2019-03-01", to = "2019-03-31",
          source = KH .. ", mục II, Hoạt động 2.1" },
        -- 003 §II.HĐ2.2: advisory apparatus of all levels, in 03/2019
        { what = "Hoàn thiện bộ máy tham mưu, giúp việc thực hiện Chương trình OCOP các cấp, bố "
            .. "trí đủ cán bộ chuyên trách",
          who = "Sở Nội vụ chủ trì, phối hợp Văn phòng Điều phối nông thôn mới tỉnh",
          from = "2019-03-01", to = "2019-03-31",
          source = KH .. ", mục II, Hoạt động 2.2" },
        -- 003 §II.HĐ2 (heading: "hoàn thành trong tháng 3/2019") and 2.3: helper teams
        { what = "Thành lập tổ giúp việc thực hiện Chương trình OCOP, cử cán bộ đầu mối tại các "
            .. "sở Nông nghiệp và PTNT, Công Thương, Khoa học và Công nghệ, Văn hóa Thể thao và "
            .. "Du lịch, Y tế",
          from = "2019-03-01", to = "2019-03-31",
          note = "Mục 2.3 không ghi thời hạn riêng; thời hạn lấy theo tiêu đề Hoạt động 2 "
            .. "(hoàn thành trong tháng 3/2019).",
          source = KH .. ", mục II, Hoạt động 2 và 2.3" },
        -- 003 §II.HĐ6.1.1: districts select products (with proposal forms), before 10/3/2019
        { what = "Cấp huyện xét chọn các sản phẩm có tiềm năng, lợi thế tham gia Chương trình "
            .. "(kèm phiếu đề xuất phát triển sản phẩm, có mời cấp tỉnh tham gia)",
          who = "Ủy ban nhân dân các huyện, thành phố, thị xã",
          by = "2019-03-10",
          source = KH .. ", mục II, Hoạt động 6.1.1" },
        -- 003 §II.HĐ3.2: district kick-off conferences, before 20/3/2019
        { what = "Hội nghị triển khai Đề án OCOP năm 2019 cấp huyện, khởi đầu chu trình đăng ký "
            .. "sản phẩm tham gia OCOP",
          who = "Ủy ban nhân dân các huyện, thành phố, thị xã",
          by = "2019-03-20",
          source = KH .. ", mục II, Hoạt động 3.2" },
        -- 003 §II.HĐ6.2: evaluation councils of province and districts, in 04/2019
        { what = "Thành lập Hội đồng đánh giá và phân hạng sản phẩm cấp tỉnh",
          who = "Văn phòng Điều phối nông thôn mới tỉnh tham mưu Ủy ban nhân dân tỉnh",
          from = "2019-04-01", to = "2019-04-30",
          note = "Chủ tịch Hội đồng: Phó Chủ tịch UBND tỉnh phụ trách; Phó Chủ tịch thường trực: "
            .. "Chánh Văn phòng Điều phối nông thôn mới tỉnh; Phó Chủ tịch: lãnh đạo các Sở Nông "
            .. "nghiệp và PTNT, Công Thương, Văn hóa Thể thao và Du lịch; thành viên: Văn phòng "
            .. "Điều phối NTM tỉnh, Sở Khoa học và Công nghệ, Sở Y tế, Hội Nông dân, Liên hiệp "
            .. "các Hội Khoa học kỹ thuật tỉnh… và chuyên gia theo lĩnh vực.",
          source = KH .. ", mục II, Hoạt động 6.2" },
        { what = "Thành lập Hội đồng đánh giá và phân hạng sản phẩm cấp huyện",
          who = "Văn phòng Điều phối nông thôn mới cấp huyện tham mưu Ủy ban nhân dân huyện",
          from = "2019-04-01", to = "2019-04-30",
          source = KH .. ", mục II, Hoạt động 6.2" },
        -- 003 §II.HĐ4.1: training of OCOP officials of all levels, before 31/5/2019
        { what = "Cụ thể hóa Bộ tài liệu Chương trình OCOP; đào tạo, tập huấn đội ngũ cán bộ tham "
            .. "mưu thực hiện Chương trình OCOP các cấp",
          who = "Trường Chính trị Trần Phú chủ trì, phối hợp Văn phòng Điều phối nông thôn mới tỉnh",
          by = "2019-05-31",
          source = KH .. ", mục II, Hoạt động 4.1" },
        -- 003 §II.HĐ7.1: first OCOP fair with the 3rd orange festival, in 11/2019
        { what = "Hội chợ OCOP lần thứ nhất gắn với Lễ hội cam và các sản phẩm nông nghiệp lần "
            .. "thứ ba",
          who = "Sở Công Thương chủ trì, phối hợp Văn phòng Điều phối nông thôn mới tỉnh",
          from = "2019-11-01", to = "2019-11-30",
          source = KH .. ", mục II, Hoạt động 7.1" },
      },

      targets = {
        -- 003 §I.3: "Có ít nhất 60 sản phẩm, dịch vụ tham gia Chương trình OCOP"
        { code = "products_entered", label = "Sản phẩm, dịch vụ tham gia Chương trình OCOP",
          min = 60, unit = "sản phẩm, dịch vụ", per = "tỉnh", source = KH .. ", mục I.3" },
        -- 003 §I.3: "tối thiểu 25 sản phẩm, dịch vụ được chứng nhận đạt chuẩn OCOP"
        { code = "products_certified", label = "Sản phẩm, dịch vụ được chứng nhận đạt chuẩn OCOP",
          min = 25, unit = "sản phẩm, dịch vụ", per = "tỉnh", source = KH .. ", mục I.3" },
        -- 003 §I.3: "(trong đó hoàn thiện và chuẩn hóa tối thiểu 20 sản phẩm, ...)"
        { code = "products_standardised",
          label = "Sản phẩm được hoàn thiện và chuẩn hóa (trong số sản phẩm được chứng nhận)",
          min = 20, unit = "sản phẩm", per = "tỉnh", source = KH .. ", mục I.3" },
        -- 003 §I.3: "(... phát triển mới tối thiểu 5 sản phẩm)"
        { code = "products_new", label = "Sản phẩm phát triển mới (trong số sản phẩm được chứng nhận)",
          min = 5, unit = "sản phẩm", per = "tỉnh", source = KH .. ", mục I.3" },
        -- 003 §I.3: "có ít nhất 10 sản phẩm được công nhận là sản phẩm OCOP đạt từ 3 sao trở lên"
        { code = "products_3star", label = "Sản phẩm được công nhận là sản phẩm OCOP đạt từ 3 sao trở lên",
          min = 10, unit = "sản phẩm", per = "tỉnh", source = KH .. ", mục I.3" },
        -- 003 §I.3: "Củng cố, nâng cấp tối thiểu 30 tổ chức kinh tế ... hiện có"
        { code = "orgs_upgraded",
          label = "Tổ chức kinh tế sản xuất, kinh doanh sản phẩm, dịch vụ hiện có được củng cố, "
            .. "nâng cấp thực hiện Chương trình OCOP",
          min = 30, unit = "tổ chức kinh tế", per = "tỉnh", source = KH .. ", mục I.3" },
        -- 003 §I.3: "Phát triển mới tối thiểu 10 tổ chức kinh tế tham gia chương trình OCOP"
        { code = "orgs_new", label = "Tổ chức kinh tế phát triển mới tham gia Chương trình OCOP",
          min = 10, unit = "tổ chức kinh tế", per = "tỉnh", source = KH .. ", mục I.3" },
        -- 003 §I.3: "100% cán bộ tham mưu ... và các tổ chức, cá nhân có sản phẩm ... được tập huấn"
        { code = "trained_pct",
          label = "Cán bộ tham mưu Chương trình OCOP các cấp và tổ chức, cá nhân có sản phẩm tham "
            .. "gia được tập huấn, đào tạo, hướng dẫn",
          min = 100, max = 100, unit = "%", per = "tỉnh", source = KH .. ", mục I.3" },
        -- 003 §I.3 and §II.HĐ8: "Hình thành 1-2 trung tâm hoặc điểm bán sản phẩm OCOP"
        { code = "sales_points", label = "Trung tâm hoặc điểm giới thiệu, bán sản phẩm OCOP",
          min = 1, max = 2, unit = "trung tâm/điểm", per = "tỉnh",
          source = KH .. ", mục I.3 và mục II, Hoạt động 8" },
        -- 003 §II.HĐ3.3: "Tổ chức 1-2 hội nghị ... kết nối đối tác, các nhà tài trợ"
        { code = "partner_conferences",
          label = "Hội nghị đẩy mạnh kết nối đối tác, nhà tài trợ hỗ trợ Chương trình OCOP của tỉnh",
          min = 1, max = 2, unit = "hội nghị", per = "tỉnh",
          source = KH .. ", mục II, Hoạt động 3.3" },
        -- 003 §II.HĐ3.3: "triển khai 1-2 chuyên đề của chương trình"
        { code = "thematic_sessions",
          label = "Chuyên đề của Chương trình (sản phẩm OCOP, bán hàng OCOP…), mời chuyên gia tư vấn",
          min = 1, max = 2, unit = "chuyên đề", per = "tỉnh",
          source = KH .. ", mục II, Hoạt động 3.3" },
        -- 003 §II.HĐ6.1.2: central pilot models: 03 tourism-linkage models
        { code = "central_models_tourism",
          label = "Mô hình điểm của Trung ương: mô hình liên kết phát triển du lịch địa phương gắn "
            .. "với Khu dân cư kiểu mẫu",
          min = 3, max = 3, unit = "mô hình", per = "tỉnh",
          source = KH .. ", mục II, Hoạt động 6.1.2" },
        -- 003 §II.HĐ6.1.2: central pilot model: 01 OCOP centre at Cửa Lò (Nghệ An)
        { code = "central_model_centre",
          label = "Mô hình điểm của Trung ương: trung tâm giới thiệu sản phẩm OCOP Hà Tĩnh tại điểm "
            .. "du lịch biển ngoài tỉnh (Cửa Lò, Nghệ An)",
          min = 1, max = 1, unit = "mô hình", per = "tỉnh",
          note = "Hoạt động 8.3 nhắc lại: hình thành một điểm giới thiệu, bán hàng OCOP Hà Tĩnh tại "
            .. "Khu du lịch biển Cửa Lò (Văn phòng Điều phối NTM tỉnh phối hợp Văn phòng Điều phối "
            .. "NTM Trung ương).",
          source = KH .. ", mục II, Hoạt động 6.1.2 và 8.3" },
        -- 003 §II.HĐ6.1.2: "xét chọn, xây dựng 10 mô hình điểm OCOP" (province)
        { code = "province_models", label = "Mô hình điểm OCOP cấp tỉnh",
          min = 10, max = 10, unit = "mô hình", per = "tỉnh",
          source = KH .. ", mục II, Hoạt động 6.1.2" },
        -- 003 §II.HĐ6.1.2: "3 mô hình/huyện, thành phố"
        { code = "district_models", label = "Mô hình điểm OCOP của mỗi huyện, thành phố",
          min = 3, max = 3, unit = "mô hình", per = "huyện, thành phố",
          source = KH .. ", mục II, Hoạt động 6.1.2" },
        -- 003 §II.HĐ6.1.2: "2 mô hình/thị xã"
        { code = "town_models", label = "Mô hình điểm OCOP của mỗi thị xã",
          min = 2, max = 2, unit = "mô hình", per = "thị xã",
          source = KH .. ", mục II, Hoạt động 6.1.2" },
        -- 003 §II.HĐ9: "Xúc tiến đầu tư 1-2 dự án ưu tiên"
        { code = "priority_projects",
          label = "Dự án ưu tiên thuộc Đề án OCOP giai đoạn 2018–2020 được xúc tiến đầu tư",
          min = 1, max = 2, unit = "dự án", per = "tỉnh", source = KH .. ", mục II, Hoạt động 9" },
        -- 003 §II.HĐ11.1: "nghiên cứu đề xuất 1-2 đề tài khoa học công nghệ về chương trình OCOP"
        { code = "science_topics", label = "Đề tài khoa học công nghệ về Chương trình OCOP được đề xuất",
          min = 1, max = 2, unit = "đề tài", per = "tỉnh",
          source = KH .. ", mục II, Hoạt động 11.1" },
      },

      -- 003 §II.HĐ13.1: monthly reports, producers → district by the 15th, district → province
      -- by the 20th ("trước ngày 15/20 hàng tháng")
      reports = {
        { what = "Báo cáo kết quả triển khai mô hình sản xuất sản phẩm OCOP, những khó khăn, vướng "
            .. "mắc (trước ngày 15 hàng tháng)",
          every = "month", day = 15,
          from = "Các tổ chức, cá nhân sản xuất sản phẩm OCOP",
          to = "Ban Chỉ đạo Chương trình OCOP các huyện, thị xã, thành phố",
          source = KH .. ", mục II, Hoạt động 13.1" },
        { what = "Báo cáo kết quả triển khai Chương trình trên địa bàn: thực trạng, điểm mạnh, khó "
            .. "khăn, vướng mắc (trước ngày 20 hàng tháng)",
          every = "month", day = 20,
          from = "Ủy ban nhân dân các huyện, thị xã, thành phố",
          to = "Ban Chỉ đạo Chương trình OCOP tỉnh",
          source = KH .. ", mục II, Hoạt động 13.1" },
      },

      support = {
        -- 003 §II.HĐ11.1: "Tổng hợp nhu cầu, hỗ trợ đăng ký sở hữu trí tuệ sản phẩm OCOP"
        trademark = {
          items = { "Đăng ký sở hữu trí tuệ sản phẩm OCOP (tổng hợp nhu cầu, hỗ trợ đăng ký)" },
          note = "Sở Khoa học và Công nghệ chủ trì. Kế hoạch không nêu mức hỗ trợ, hạng sao hay "
            .. "điều kiện nào khác.",
          source = KH .. ", mục II, Hoạt động 11.1" },
        -- 003 §II.HĐ11.1: "tư vấn hướng dẫn phát triển thương hiệu sản phẩm OCOP"; §II.HĐ6.1.1:
        -- districts "hướng dẫn tư vấn, hỗ trợ phát triển các sản phẩm"
        consulting = {
          items = { "Tư vấn, hướng dẫn phát triển thương hiệu sản phẩm OCOP",
                    "Cấp huyện chỉ đạo, hướng dẫn, tư vấn, hỗ trợ phát triển các sản phẩm được xét chọn" },
          note = "Kế hoạch không nêu mức hỗ trợ hay điều kiện.",
          source = KH .. ", mục II, Hoạt động 11.1 và 6.1.1" },
        -- 003 §II.HĐ4.2, 4.4, 4.5: training of producers and young entrepreneurs
        training = {
          items = { "Lớp tập huấn, hướng dẫn cho tổ chức, cá nhân có sản phẩm tham gia Chương trình OCOP",
                    "Lớp tập huấn cho thanh niên khởi nghiệp tham gia Chương trình OCOP (Tỉnh đoàn)",
                    "Lồng ghép nội dung OCOP vào đào tạo nghề cho lao động nông thôn" },
          note = "Kế hoạch không nêu mức hỗ trợ hay điều kiện.",
          source = KH .. ", mục II, Hoạt động 4.2–4.5" },
        -- 003 §II.HĐ7: fair, e-commerce site, promotion into supermarkets
        trade_promotion = {
          items = { "Hội chợ OCOP lần thứ nhất gắn với Lễ hội cam lần thứ ba",
                    "Trang thương mại điện tử giới thiệu và bán hàng OCOP",
                    "Xúc tiến sản phẩm OCOP vào trung tâm, siêu thị lớn (Coop Mart, Vin Mart…)" },
          note = "Sở Công Thương chủ trì. Kế hoạch nêu hoạt động, không nêu mức hỗ trợ cho từng sản phẩm.",
          source = KH .. ", mục II, Hoạt động 7" },
        -- OCOP.md §7.3 (⚠️ W23): 2019 rewards, 30 M VND per 3★ product and 50 M per 4★ product,
        -- 63 products, 1.93 bn VND in all (QĐ 513/QĐ-UBND). Not in the draft plan itself.
        star_reward = {
          min_stars = 3,
          after_recognition = true,
          recognised_by = "province", -- 1048: the provincial PC recognises 3★ and 4★ (OCOP.md §5)
          once = true,
          amounts = {
            first = { [3] = 30000000, [4] = 50000000 }, -- §7.3: 30 M (3★), 50 M (4★)
          },
          note = "Thưởng 30 triệu đồng mỗi sản phẩm 3 sao, 50 triệu đồng mỗi sản phẩm 4 sao (đợt 2 "
            .. "năm 2019: 63 sản phẩm, 1,93 tỷ đồng; QĐ 513/QĐ-UBND). Nguồn báo chí, không có trong "
            .. "kế hoạch dự thảo. “Một lần cho mỗi sản phẩm” và “sau quyết định công nhận của UBND "
            .. "tỉnh” là cách đọc mức “mỗi sản phẩm đạt 3 sao/4 sao” ❓; mức thưởng khi đánh giá lại "
            .. "hoặc nâng hạng không được nêu. Khoản thưởng chi năm 2020 cho sản phẩm công nhận năm "
            .. "2019 không được quy tắc năm 2019 bao quát (quy tắc theo năm của ngày chi).",
          source = W23 },
      },

      references = {
        -- OCOP.md §7.3 (⚠️ W23)
        { number = "513/QĐ-UBND",
          what = "Khen thưởng sản phẩm OCOP đạt 3 sao, 4 sao năm 2019 (đợt 2): 63 sản phẩm, 1,93 tỷ đồng",
          source = W23 },
      },

      notes = {
        -- 003 §III: funding sources only, no amounts
        "Kinh phí: trích từ nguồn ngân sách Trung ương, tỉnh thực hiện Chương trình Mỗi xã một sản "
          .. "phẩm; các huyện, thành phố, thị xã chủ động bố trí ngân sách địa phương. Kế hoạch "
          .. "không nêu con số nào, nên không có bảng kinh phí (nguồn: " .. KH .. ", mục III).",
        -- 003 §II.HĐ5
        "Văn phòng Điều phối NTM tỉnh tham mưu UBND tỉnh ban hành Bộ tiêu chí đánh giá, xếp hạng "
          .. "sản phẩm OCOP của tỉnh (nếu cần hoặc theo yêu cầu của Trung ương), chất lượng sản phẩm "
          .. "là chỉ tiêu hàng đầu, thang điểm cao (" .. KH .. ", mục II, Hoạt động 5). QĐ "
          .. "1048/QĐ-TTg có hiệu lực từ 21/8/2019, giữa đợt đánh giá cấp huyện tháng 8/2019 ❓.",
        -- 003 §II.HĐ1.5, HĐ7.2, HĐ13.2
        "Hệ thống thông tin dự kiến: website Chương trình OCOP (Văn phòng Điều phối NTM tỉnh), trang "
          .. "thương mại điện tử bán hàng OCOP (Sở Công Thương), phần mềm quản lý dữ liệu sản phẩm "
          .. "OCOP gắn với kiểm tra, giám sát toàn tỉnh (" .. KH .. ", mục II, Hoạt động 1.5, 7.2, "
          .. "13.2).",
        -- 003 §II.HĐ13.2
        "Kiểm soát, thanh tra: phát hiện vi phạm, không bảo đảm tiêu chuẩn thì đề xuất rút sao, giảm "
          .. "sao theo Bộ tiêu chí và xử lý theo quy định; hằng năm Ban Chỉ đạo xây dựng kế hoạch "
          .. "kiểm soát, thanh tra trình cấp có thẩm quyền (không ghi thời hạn) (" .. KH .. ", mục "
          .. "II, Hoạt động 13.2).",
        -- 003 §II.HĐ8, HĐ10, HĐ12: undated activities
        "Không ghi thời hạn: vận động đầu tư 1–2 trung tâm/điểm bán OCOP và quy chế quản lý (Sở Công "
          .. "Thương), gian hàng OCOP tại siêu thị, chợ Hà Tĩnh; tham quan học tập trong và ngoài "
          .. "nước; Liên minh HTX rà soát THT, HTX và lập kế hoạch tái cấu trúc (" .. KH .. ", mục "
          .. "II, Hoạt động 8, 10, 12).",
        -- 003 §II.HĐ1: communication, undated
        "Tuyên truyền (không ghi thời hạn): Báo Hà Tĩnh mở chuyên mục “Mỗi xã một sản phẩm”; Đài "
          .. "Phát thanh và Truyền hình tỉnh làm chuyên đề “Câu chuyện sản phẩm”; Ban Chỉ đạo nông "
          .. "thôn mới các cấp và các sở, ngành đưa OCOP vào chương trình họp hằng tháng, định kỳ ("
          .. KH .. ", mục II, Hoạt động 1).",
        -- 003 §II.HĐ6.1.1: provincial selection, undated
        "Cấp tỉnh: Văn phòng Điều phối NTM tỉnh thẩm định, xét chọn, đề xuất UBND tỉnh danh sách "
          .. "sản phẩm tham gia Chương trình OCOP năm 2019 (không ghi thời hạn; cấp huyện xét chọn "
          .. "trước 10/3/2019) (" .. KH .. ", mục II, Hoạt động 6.1.1).",
        -- 003 §II.HĐ11: quality control, undated
        "Sở Khoa học và Công nghệ hướng dẫn, kiểm tra việc dùng mẫu mã bao bì, kiểu dáng công nghiệp "
          .. "đã được cấp giấy chứng nhận; Sở Y tế định kỳ kiểm tra vệ sinh an toàn thực phẩm, tiêu "
          .. "chuẩn môi trường (không ghi kỳ hạn) (" .. KH .. ", mục II, Hoạt động 11).",
        -- 003 §II.HĐ2.2: staffing of the coordination office
        "Nhân sự tham mưu OCOP tại Văn phòng Điều phối NTM tỉnh: điều động cán bộ từ Sở Nông nghiệp "
          .. "và PTNT (lấy từ số tinh giản biên chế) (" .. KH .. ", mục II, Hoạt động 2.2).",
        -- OCOP.md §7.3 vs the plan
        "OCOP.md §7.3 nói các mức thưởng thuộc “đợt 2” năm 2019; kế hoạch dự thảo chỉ có một đợt "
          .. "đánh giá mỗi cấp (huyện 8/2019, tỉnh 10/2019) ❓.",
      },
    },
  },

  -- The plan's own arithmetic, and the reward figures of OCOP.md §7.3.
  selftest = function(rules)
    local y = rules.years[2019]
    local t = {}
    for _, x in ipairs(y.targets) do
      t[x.code] = x
    end
    -- 003 §I.3: 20 standardised + 5 new = 25 certified; 10 (≥3★) ≤ 25 ≤ 60 entered
    if t.products_standardised.min + t.products_new.min ~= t.products_certified.min then
      return false, "20 sản phẩm chuẩn hóa + 5 sản phẩm mới phải bằng 25 sản phẩm được chứng nhận"
    end
    if not (t.products_3star.min <= t.products_certified.min
        and t.products_certified.min <= t.products_entered.min) then
      return false, "chỉ tiêu 3 sao ≤ chỉ tiêu chứng nhận ≤ chỉ tiêu tham gia"
    end
    -- §7.3: 63 products for 1.93 bn VND at 30 M / 50 M: some split n3 + n4 = 63 must exist
    local a = y.support.star_reward.amounts.first
    local found = false
    for n4 = 0, 63 do
      if (63 - n4) * a[3] + n4 * a[4] == 1930000000 then
        found = true
      end
    end
    if not found then
      return false, "mức thưởng 30/50 triệu không khớp 63 sản phẩm, 1,93 tỷ đồng"
    end
    return true
  end,
}
