-- national.lua — the national OCOP rules every province starts from: the three
-- evaluation regimes (QĐ 1048/2019, QĐ 148/2023, QĐ 148 as amended by QĐ 1489/2025), the
-- star bands, the part maxima of the score sheets, who scores, certifies and forwards at
-- each level under each regime, the product groups of 1048 and 148 with their codes, the
-- certificate, council and sample rules, the base dossier checklist, the default
-- support_allowed, and the end of the district level.
--
-- Every fact comes from the domain brief OCOP.md (shared/OCOP.md beside this repository) (section cited on the line,
-- with its confidence mark: ✅ solid, ⚠️ single secondary source, ❓ uncertain). The full
-- legal texts of 1048, 781, 148 and 1489 were not available to the brief: what it could not
-- establish is said in the notes, never filled in.
--
-- Only this file may set regimes, star_bands, parts, routing, groups and admin (F_NAT).

-- Ministries (names as in OCOP.md §4.1–§4.2; the 2023 texts still said "Nông nghiệp và
-- Phát triển nông thôn", merged since into "Nông nghiệp và Môi trường" — OCOP.md §4.1).
local NN = "Bộ Nông nghiệp và Phát triển nông thôn"
local NN_NAY = "Bộ Nông nghiệp và Phát triển nông thôn (nay là Bộ Nông nghiệp và Môi trường)"
local CT = "Bộ Công Thương"
local YT = "Bộ Y tế"
local VH = "Bộ Văn hóa, Thể thao và Du lịch"
local KH = "Bộ Khoa học và Công nghệ"

local ref_148 = "QĐ 148/QĐ-TTg, Phụ lục I (OCOP.md §4.1: cây phân loại theo C2 ⚠️, nhánh I.1–I.3 "
  .. "khớp trích dẫn Phụ lục I ✅)"
local ref_1048 = "QĐ 1048/QĐ-TTg, Phụ lục I (OCOP.md §4.2: danh mục theo C1 ⚠️)"

return {
  name = "Toàn quốc",

  -- OCOP.md §2 and §9.1: the regimes by date. 1048 from 21/8/2019 (✅ W1,W3,W4), amended by
  -- 781 on 08/6/2020 (✅ W14,W15); 148 from 24/02/2023, replacing 1048 and 781 (✅ W1,W2,W7);
  -- 1489 of 06/7/2025, effective the same day, amends Annex II of 148 (✅ W11,W12,W13).
  regimes = {
    {
      code = "1048",
      name = "Bộ tiêu chí và quy trình đánh giá, phân hạng sản phẩm OCOP theo QĐ 1048/QĐ-TTg",
      decision = "1048/QĐ-TTg",
      from = "2019-08-21", -- OCOP.md §2: QĐ 1048/QĐ-TTg, 21/8/2019
      signed = "2019-08-21",
      note = "6 ngành; phiếu chấm A 35 / B 25 / C 40 (OCOP.md §2, §3.1). QĐ 781/QĐ-TTg "
        .. "(08/6/2020) sửa các phụ lục: đổi tên nhóm du lịch, thêm yêu cầu tối thiểu theo "
        .. "hạng sao (OCOP.md §2, §3.4).",
      amendments = {
        { decision = "781/QĐ-TTg", from = "2020-06-08", -- OCOP.md §2: QĐ 781, 08/6/2020
          note = "Sửa Phụ lục của QĐ 1048: đổi tên nhóm dịch vụ du lịch; thêm Mục 6 Phụ lục II "
            .. "— tiêu chí tối thiểu theo hạng sao (trừ dịch vụ du lịch cộng đồng)." },
      },
    },
    {
      code = "148",
      name = "Bộ tiêu chí và quy trình đánh giá, phân hạng sản phẩm OCOP theo QĐ 148/QĐ-TTg",
      decision = "148/QĐ-TTg",
      from = "2023-02-24", -- OCOP.md §2: QĐ 148/QĐ-TTg, 24/02/2023
      signed = "2023-02-24",
      note = "Thay thế QĐ 1048 và QĐ 781; 6 nhóm sản phẩm; phiếu chấm A 40 / B 25 / C 35; "
        .. "cấp huyện công nhận 3 sao (OCOP.md §2).",
    },
    {
      code = "148+1489",
      name = "QĐ 148/QĐ-TTg được sửa đổi bởi QĐ 1489/QĐ-TTg (đánh giá hai cấp: tỉnh và "
        .. "trung ương)",
      decision = "148/QĐ-TTg",
      from = "2025-07-06", -- OCOP.md §2: QĐ 1489/QĐ-TTg, 06/7/2025, hiệu lực cùng ngày
      signed = "2023-02-24",
      note = "Bộ tiêu chí của QĐ 148 giữ nguyên; QĐ 1489 sửa Phụ lục II (quy trình): chỉ cấp "
        .. "tỉnh và trung ương đánh giá, cấp xã đánh giá sơ bộ (OCOP.md §2, §5).",
      amendments = {
        { decision = "1489/QĐ-TTg", from = "2025-07-06", -- OCOP.md §2
          note = "Ký và có hiệu lực ngày 06/7/2025; sửa Phụ lục II của QĐ 148." },
      },
    },
  },

  -- OCOP.md §3.3 and §9.2: the band of the average total score (✅ for 1048; the same bands
  -- are presented for 148, ⚠️ W6; 1489 still forwards "≥90 points", W12).
  star_bands = {
    { stars = 1, min = 0 },  -- §3.3: 1★ < 30
    { stars = 2, min = 30 }, -- §3.3: 2★ 30–49
    { stars = 3, min = 50 }, -- §3.3: 3★ 50–69
    { stars = 4, min = 70 }, -- §3.3: 4★ 70–89
    { stars = 5, min = 90 }, -- §3.3: 5★ 90–100
  },

  -- OCOP.md §3.1: part maxima (✅ W1,W2,W3,W42). 148+1489 uses 148's sheets.
  parts = {
    ["1048"] = { A = 35, B = 25, C = 40 }, -- §3.1: 1048 A 35 / B 25 / C 40
    ["148"] = { A = 40, B = 25, C = 35 },  -- §3.1: 148 A 40 / B 25 / C 35
  },

  -- OCOP.md §5 and §9.3: who does what at each level. forward_min = the lowest mean that
  -- goes on to the next level; certify_min..certify_max = the stars the level recognises.
  routing = {
    ["1048"] = {
      -- §5: commune registers ideas/products, confirms local labour and raw material (✅ S0,S1)
      commune = {
        issuer = "Ủy ban nhân dân xã",
        role = "Đăng ký ý tưởng sản phẩm, sản phẩm; xác nhận lao động và nguyên liệu địa "
          .. "phương; không chấm điểm, không công nhận.",
      },
      -- §5: district council scores, forwards 50–100 to the province (✅ W8,W9,S0,S1,S2)
      district = {
        scores = true,
        forward_min = 50,
        issuer = "Ủy ban nhân dân huyện",
        role = "Hội đồng cấp huyện đánh giá, chấm điểm; sản phẩm đạt từ 50 điểm (tương đương "
          .. "3 sao trở lên) được đề nghị lên cấp tỉnh; cấp huyện không công nhận hạng sao.",
      },
      -- §5: provincial PC certifies 3★ and 4★, forwards 90–100 to central (✅ W8,W9,S0)
      province = {
        scores = true,
        certify_min = 3,
        certify_max = 4,
        forward_min = 90,
        issuer = "Ủy ban nhân dân tỉnh",
        role = "Hội đồng cấp tỉnh đánh giá, phân hạng; Ủy ban nhân dân tỉnh công nhận sản phẩm "
          .. "3 sao và 4 sao; sản phẩm đạt từ 90 điểm được đề nghị đánh giá cấp trung ương.",
      },
      -- §5: national council (MARD via the Central NTM Coordination Office): 5★ (✅ S0,W31)
      central = {
        scores = true,
        certify_min = 5,
        certify_max = 5,
        issuer = NN,
        role = "Hội đồng cấp trung ương (qua Văn phòng Điều phối nông thôn mới Trung ương) "
          .. "đánh giá, công nhận sản phẩm OCOP quốc gia 5 sao.",
      },
    },
    ["148"] = {
      -- §5: commune as under 1048
      commune = {
        issuer = "Ủy ban nhân dân xã",
        role = "Đăng ký ý tưởng sản phẩm, sản phẩm; xác nhận lao động và nguyên liệu địa "
          .. "phương; không chấm điểm, không công nhận.",
      },
      -- §5: district PC certifies 3★, forwards 70–100 (✅ W10,W28,W7)
      district = {
        scores = true,
        certify_min = 3,
        certify_max = 3,
        forward_min = 70,
        issuer = "Ủy ban nhân dân huyện",
        role = "Hội đồng cấp huyện đánh giá, phân hạng; Ủy ban nhân dân huyện công nhận sản "
          .. "phẩm 3 sao; sản phẩm đạt từ 70 điểm được đề nghị lên cấp tỉnh.",
      },
      -- §5: province certifies 4★, forwards ≥90 (✅ W7,W10)
      province = {
        scores = true,
        certify_min = 4,
        certify_max = 4,
        forward_min = 90,
        issuer = "Ủy ban nhân dân tỉnh",
        role = "Hội đồng cấp tỉnh đánh giá, phân hạng; Ủy ban nhân dân tỉnh công nhận sản phẩm "
          .. "4 sao; sản phẩm đạt từ 90 điểm được đề nghị đánh giá cấp trung ương.",
      },
      -- §5: 5★ at central level, as under 1048 (✅ W7)
      central = {
        scores = true,
        certify_min = 5,
        certify_max = 5,
        issuer = NN,
        role = "Hội đồng cấp trung ương đánh giá, công nhận sản phẩm OCOP quốc gia 5 sao.",
      },
    },
    ["148+1489"] = {
      -- §5: commune preliminary assessment of 4 criteria, commune assessment report,
      -- dossier format check, written request to the province (✅ W11)
      commune = {
        assesses = true,
        issuer = "Chủ tịch Ủy ban nhân dân xã",
        role = "Đánh giá sơ bộ nguồn gốc địa phương của sản phẩm, nguyên liệu; lao động địa "
          .. "phương; nguồn gốc ý tưởng; bản sắc, tri thức địa phương. Chủ tịch UBND xã họp, "
          .. "ban hành báo cáo đánh giá của xã, kiểm tra hình thức hồ sơ và gửi văn bản đề "
          .. "nghị lên tỉnh.",
      },
      -- §5: district abolished (✅ W11,W12,W13); districts ceased on 1/7/2025 (§1, W37)
      district = {
        abolished = true,
        role = "Không còn cấp huyện: cấp huyện chấm dứt hoạt động từ 01/7/2025 và QĐ 1489 "
          .. "chỉ quy định đánh giá ở cấp tỉnh và trung ương.",
      },
      -- §5: provincial council (with an advisory team) certifies 3★ and 4★ (✅ W11,W13);
      -- ≥90 to central (§9.3, W12)
      province = {
        scores = true,
        certify_min = 3,
        certify_max = 4,
        forward_min = 90,
        issuer = "Ủy ban nhân dân tỉnh",
        role = "Hội đồng cấp tỉnh (có tổ tư vấn giúp việc) đánh giá, phân hạng; Ủy ban nhân dân "
          .. "tỉnh công nhận sản phẩm 3 sao và 4 sao; sản phẩm đạt từ 90 điểm được đề nghị "
          .. "đánh giá cấp trung ương.",
      },
      -- §5: the Ministry of Agriculture and Environment evaluates ≥90-point products (✅ W12)
      central = {
        scores = true,
        certify_min = 5,
        certify_max = 5,
        issuer = "Bộ Nông nghiệp và Môi trường",
        role = "Bộ Nông nghiệp và Môi trường đánh giá sản phẩm đạt từ 90 điểm, công nhận sản "
          .. "phẩm OCOP quốc gia 5 sao.",
      },
    },
  },

  -- OCOP.md §1 and §9.10: all districts ceased as government levels on 1/7/2025 (✅ W37).
  admin = {
    district_level_ends = "2025-07-01",
    note = "Nghị quyết của Quốc hội ngày 12/6/2025: 34 đơn vị hành chính cấp tỉnh; cấp huyện "
      .. "chấm dứt hoạt động từ 01/7/2025 (OCOP.md §2, §9.10; W37).",
  },

  -- OCOP.md §4.1 (148) and §4.2 (1048): product groups as trees. 148 codes are the
  -- annex's row labels (nhóm I–VI → nhóm số → phân nhóm chữ); 1048 codes here are
  -- ngành.nhóm.phân nhóm, with the groups numbered within their industry (C1 numbers the
  -- groups 1–16 across industries: the note of each group gives that number).
  groups = {
    ["148"] = {
      { code = "I", name = "Thực phẩm", note = ref_148, children = { -- §4.1: I THỰC PHẨM
        { code = "I.1", name = "Nông sản tươi sống", children = {
          { code = "I.1.a", name = "Rau, củ, quả, hạt tươi", ministry = NN_NAY },
          { code = "I.1.b", name = "Thịt, thủy sản, trứng, sữa tươi", ministry = NN_NAY },
        } },
        { code = "I.2", name = "Nông sản thô, sơ chế", children = {
          { code = "I.2.a", name = "Gạo, ngũ cốc, hạt khác", ministry = NN_NAY },
          { code = "I.2.b", name = "Mật ong, các loại mật khác, nông sản thực phẩm khác",
            ministry = NN_NAY },
        } },
        { code = "I.3", name = "Thực phẩm chế biến", children = {
          { code = "I.3.a", name = "Thực phẩm chế biến nhanh", ministry = CT },
          { code = "I.3.b", name = "Thực phẩm chế biến từ gạo, ngũ cốc",
            ministry = NN_NAY .. "; " .. CT },
          { code = "I.3.c", name = "Thực phẩm chế biến từ rau, quả, hạt", ministry = NN_NAY },
          { code = "I.3.d", name = "Thực phẩm chế biến từ thịt, trứng, sữa, thủy sản, mật ong…",
            ministry = NN_NAY .. "; " .. CT },
        } },
        { code = "I.4", name = "Gia vị", children = {
          { code = "I.4.a", name = "Tương, nước mắm, gia vị dạng lỏng", ministry = NN_NAY },
          { code = "I.4.b", name = "Gia vị khác", ministry = NN_NAY },
        } },
        { code = "I.5", name = "Chè", children = {
          { code = "I.5.a", name = "Chè tươi và chè chế biến", ministry = NN_NAY },
          { code = "I.5.b", name = "Sản phẩm dạng trà từ thực vật khác", ministry = NN_NAY },
        } },
        { code = "I.6", name = "Cà phê, ca cao", ministry = NN_NAY },
      } },
      { code = "II", name = "Đồ uống", note = ref_148, children = { -- §4.1: II ĐỒ UỐNG
        { code = "II.1", name = "Đồ uống có cồn", children = {
          { code = "II.1.a", name = "Rượu trắng", ministry = CT },
          { code = "II.1.b", name = "Đồ uống có cồn khác", ministry = CT },
        } },
        { code = "II.2", name = "Đồ uống không cồn", children = {
          { code = "II.2.a", name = "Nước khoáng thiên nhiên, nước uống đóng chai", ministry = YT },
          { code = "II.2.b", name = "Đồ uống không cồn khác", ministry = CT },
        } },
      } },
      { code = "III", name = "Dược liệu và sản phẩm từ dược liệu", note = ref_148, children = {
        -- §4.1: III DƯỢC LIỆU & SP TỪ DƯỢC LIỆU
        { code = "III.1", name = "Thực phẩm chức năng, thuốc dược liệu, thuốc y học cổ truyền",
          ministry = YT },
        { code = "III.2", name = "Mỹ phẩm có thành phần từ dược liệu", ministry = YT },
        { code = "III.3", name = "Tinh dầu và dược liệu khác", ministry = YT .. "; " .. CT },
      } },
      { code = "IV", name = "Thủ công mỹ nghệ", note = ref_148, children = { -- §4.1: IV
        { code = "IV.1", name = "Thủ công mỹ nghệ gia dụng, trang trí",
          ministry = CT .. "; " .. NN_NAY },
        { code = "IV.2", name = "Sản phẩm dệt, may", ministry = CT },
      } },
      { code = "V", name = "Sinh vật cảnh", note = ref_148, children = { -- §4.1: V
        { code = "V.1", name = "Hoa", ministry = NN_NAY },
        { code = "V.2", name = "Cây cảnh", ministry = NN_NAY },
        { code = "V.3", name = "Động vật cảnh", ministry = NN_NAY },
      } },
      { code = "VI", name = "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch",
        note = ref_148, children = { -- §4.1: VI
          { code = "VI.1", name = "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch",
            ministry = VH .. "; " .. NN_NAY },
        } },
    },
    ["1048"] = {
      { code = "1", name = "Thực phẩm", note = ref_1048, children = { -- §4.2: ngành 1
        { code = "1.1", name = "Thực phẩm tươi sống", note = "Nhóm 1 theo C1.", children = {
          { code = "1.1.1", name = "Rau, củ, quả, hạt tươi", ministry = NN },
          { code = "1.1.2", name = "Thịt, trứng, sữa tươi", ministry = NN },
        } },
        { code = "1.2", name = "Thực phẩm thô, sơ chế", note = "Nhóm 2 theo C1.", children = {
          { code = "1.2.1", name = "Gạo, ngũ cốc", ministry = NN },
          { code = "1.2.2", name = "Mật ong, các loại mật khác", ministry = NN },
        } },
        { code = "1.3", name = "Thực phẩm chế biến", note = "Nhóm 3 theo C1.", children = {
          { code = "1.3.1", name = "Thực phẩm chế biến nhanh", ministry = CT },
          { code = "1.3.2", name = "Chế biến từ gạo, ngũ cốc", ministry = NN },
          { code = "1.3.3", name = "Chế biến từ rau, quả", ministry = NN },
          { code = "1.3.4", name = "Chế biến từ thịt, trứng, sữa", ministry = NN },
          { code = "1.3.5", name = "Chế biến từ cá, thủy sản", ministry = NN },
        } },
        { code = "1.4", name = "Gia vị", note = "Nhóm 4 theo C1.", children = {
          { code = "1.4.1", name = "Tương, nước mắm", ministry = NN },
          { code = "1.4.2", name = "Gia vị khác", ministry = NN },
        } },
        { code = "1.5", name = "Chè", note = "Nhóm 5 theo C1.", children = {
          { code = "1.5.1", name = "Chè tươi, chè chế biến", ministry = NN },
          { code = "1.5.2", name = "Các sản phẩm khác từ chè", ministry = NN },
        } },
        { code = "1.6", name = "Cà phê, ca cao", note = "Nhóm 6 theo C1.", ministry = NN },
      } },
      { code = "2", name = "Đồ uống", note = ref_1048, children = { -- §4.2: ngành 2
        { code = "2.1", name = "Đồ uống có cồn", note = "Nhóm 7 theo C1.", children = {
          { code = "2.1.1", name = "Rượu trắng", ministry = CT },
          { code = "2.1.2", name = "Đồ uống có cồn khác", ministry = CT },
        } },
        { code = "2.2", name = "Đồ uống không cồn", note = "Nhóm 8 theo C1.", children = {
          { code = "2.2.1", name = "Nước khoáng, nước tinh lọc", ministry = YT },
          { code = "2.2.2", name = "Đồ uống không cồn khác", ministry = CT },
        } },
      } },
      { code = "3", name = "Thảo dược", note = ref_1048, children = { -- §4.2: ngành 3
        { code = "3.1", name = "Thực phẩm chức năng, thuốc dược liệu, thuốc y học cổ truyền",
          note = "Nhóm 9 theo C1.", ministry = YT },
        { code = "3.2", name = "Mỹ phẩm", note = "Nhóm 10 theo C1.", ministry = YT },
        { code = "3.3", name = "Trang thiết bị, dụng cụ y tế", note = "Nhóm 11 theo C1.",
          ministry = YT },
        { code = "3.4", name = "Thảo dược khác", note = "Nhóm 12 theo C1.", ministry = YT },
      } },
      { code = "4", name = "Lưu niệm, nội thất, trang trí", note = ref_1048, children = {
        -- §4.2: ngành 4; ministry per C1 ❓
        { code = "4.1", name = "Thủ công mỹ nghệ trang trí", note = "Nhóm 13 theo C1; bộ chủ "
          .. "trì theo C1, chưa kiểm chứng ❓.", ministry = KH },
        { code = "4.2", name = "Thủ công mỹ nghệ gia dụng", note = "Nhóm 14 theo C1; bộ chủ "
          .. "trì theo C1, chưa kiểm chứng ❓.", ministry = KH },
      } },
      { code = "5", name = "Vải và may mặc", note = ref_1048, children = { -- §4.2: ngành 5
        { code = "5.1", name = "Vải, may mặc", note = "Nhóm 15 theo C1.", ministry = CT },
      } },
      { code = "6", name = "Dịch vụ du lịch nông thôn, bán hàng", note = ref_1048, children = {
        -- §4.2: ngành 6; group 16 renamed by 781 (✅ W14,W15)
        { code = "6.1", name = "Du lịch cộng đồng và điểm du lịch", ministry = VH,
          note = "Nhóm 16 theo C1. Tên theo QĐ 1048 là \"Dịch vụ du lịch – truyền thống – "
            .. "lễ hội\"; QĐ 781/QĐ-TTg (08/6/2020) đổi thành \"Du lịch cộng đồng và điểm du "
            .. "lịch\"." },
      } },
    },
  },

  -- OCOP.md §3.3 and §5: only 3★–5★ get a certificate and the logo (✅ S0,S1,W8);
  -- valid 36 months from issue (✅ W8,W30,W43,W44).
  certificate = {
    min_stars = 3,
    validity_months = 36,
    note = "Giấy chứng nhận có hiệu lực 36 tháng kể từ ngày cấp (OCOP.md §5). Sau QĐ 1489 "
      .. "chưa thấy thay đổi, chưa kiểm chứng ❓ (OCOP.md §10.6).",
  },

  -- OCOP.md §3.5: quorum ≥ 75% (3/4) of members with the chair present; at most 10 points
  -- between members' totals (⚠️ W20, Tây Ninh council regulation, 1048 era).
  council = {
    quorum_pct = 75,
    spread_max = 10,
    chair_required = true,
    note = "Theo quy chế hội đồng của Tây Ninh (thời QĐ 1048): họp khi có ít nhất 75% (3/4) "
      .. "thành viên và chủ tịch hội đồng; điểm của các thành viên chênh nhau không quá 10 "
      .. "điểm, nếu vượt thì thảo luận và chấm lại; điểm sản phẩm là trung bình cộng (OCOP.md "
      .. "§3.5, ⚠️ W20). Tỉnh có thể quy định khác.",
  },

  -- OCOP.md §6.1 and §9.9: 5 units of product samples, except services (✅ W16).
  samples = 5,

  -- Caps on one upload of dossier documents (not an OCOP rule: the system's defaults,
  -- matched to nginx.conf's 220 MB body limit on the upload location).
  uploads = {
    max_file_mb = 110,
    max_files = 20,
    max_total_mb = 200,
    note = "Giới hạn kỹ thuật của hệ thống cho một lần tải tài liệu hồ sơ, không phải quy "
      .. "định OCOP; tỉnh có thể đặt khác.",
  },

  -- OCOP.md §6 and §9.5: the base dossier checklist. groups lists group-code prefixes of
  -- either regime (1048 "1"…"6", 148 "I"…"VI"); except_groups likewise.
  documents = {
    -- §6.1 #1, §9.5: registration form (Form 01 new product / Form 02 existing product)
    phieu_dang_ky = {
      name = "Phiếu đăng ký ý tưởng sản phẩm hoặc sản phẩm (Mẫu 01 với sản phẩm mới, Mẫu 02 "
        .. "với sản phẩm đã có)",
      mandatory = true,
      order = 10,
      note = "OCOP.md §6.1 mục 1, §9.5 (✅ W16, W17). Số mẫu theo QĐ 1048; mẫu của QĐ 148 "
        .. "chưa thấy trong nguồn ❓.",
    },
    -- §6.1 #2, §9.5: business plan, Form 03 (also S1: "biểu mẫu số 3, Phụ lục 2, QĐ 1048")
    phuong_an_kinh_doanh = {
      name = "Phương án, kế hoạch sản xuất kinh doanh (Mẫu 03)",
      mandatory = true,
      order = 20,
      note = "OCOP.md §6.1 mục 2, §9.5 (✅ W16, W17, S1).",
    },
    -- §6.1 #3, §9.5: description of the organisation, Form 04
    mo_ta_to_chuc = {
      name = "Bản mô tả bộ máy tổ chức của chủ thể (Mẫu 04: địa chỉ, sơ đồ tổ chức, sự tham "
        .. "gia của cộng đồng, nhân sự kế toán, tình hình tiếp thị, phương án bảo vệ môi "
        .. "trường)",
      mandatory = true,
      order = 30,
      note = "OCOP.md §6.1 mục 3, §9.5 (✅ W16, W17; nội dung mẫu theo ⚠️ W18).",
    },
    -- §6.1 #4, §9.5: business registration, notarised copy, for registered entities
    dang_ky_kinh_doanh = {
      name = "Giấy chứng nhận đăng ký kinh doanh (bản sao có chứng thực)",
      mandatory = true,
      order = 40,
      note = "Bắt buộc với chủ thể có đăng ký kinh doanh (OCOP.md §6.1 mục 4, §9.5).",
    },
    -- §6.1 #5, §9.5: 5 product samples, not for services (services: site visit, §3.5)
    mau_san_pham = {
      name = "Sản phẩm mẫu (5 đơn vị sản phẩm)",
      mandatory = true,
      order = 50,
      except_groups = { "6", "VI" },
      note = "OCOP.md §6.1 mục 5, §9.5 (✅ W16; S1, S2 cũng yêu cầu mẫu kèm hồ sơ). Không áp "
        .. "dụng với dịch vụ du lịch: hội đồng khảo sát thực địa tại điểm trước khi chấm "
        .. "(OCOP.md §3.5, ⚠️ W19).",
    },
    -- §3.1, §6.3, §9.5: the applicant's self-assessment report under 148 (⚠️ W7, "yes ❓")
    bao_cao_tu_danh_gia = {
      name = "Báo cáo tự đánh giá sản phẩm của chủ thể",
      mandatory = true,
      order = 60,
      regimes = { "148", "148+1489" },
      note = "QĐ 148 yêu cầu chủ thể nộp báo cáo tự đánh giá (OCOP.md §3.1, §6.3; ⚠️ W7). "
        .. "Danh mục hồ sơ chính thức của QĐ 148 chưa tìm thấy; tính bắt buộc chưa kiểm chứng "
        .. "❓ (OCOP.md §9.5, §10.3).",
    },
    -- §5, §6.3, §9.5: the 1489 commune assessment report (✅ W11)
    bao_cao_danh_gia_cua_xa = {
      name = "Báo cáo đánh giá của Ủy ban nhân dân xã (đánh giá sơ bộ: nguồn gốc địa phương "
        .. "của sản phẩm và nguyên liệu, lao động địa phương, nguồn gốc ý tưởng sản phẩm, bản "
        .. "sắc và tri thức địa phương)",
      mandatory = true,
      order = 70,
      regimes = { "148+1489" },
      levels = { "province", "central" },
      note = "Do Chủ tịch UBND xã ban hành sau cuộc họp đánh giá sơ bộ; là một phần hồ sơ gửi "
        .. "lên tỉnh (OCOP.md §5, §6.3, §9.5; ✅ W11).",
    },
    -- §5: under 1489 the commune sends a written request to the province (✅ W11)
    van_ban_de_nghi_cua_xa = {
      name = "Văn bản đề nghị đánh giá, phân hạng của Ủy ban nhân dân xã gửi tỉnh",
      mandatory = true,
      order = 80,
      regimes = { "148+1489" },
      levels = { "province" },
      note = "OCOP.md §5 (✅ W11).",
    },
    -- §6.2: district → province under 1048: cover letter and council minutes (✅ W17)
    to_trinh_cua_huyen = {
      name = "Văn bản đề nghị đánh giá, phân hạng cấp tỉnh của Ủy ban nhân dân huyện",
      mandatory = true,
      order = 90,
      regimes = { "1048" },
      levels = { "province" },
      note = "OCOP.md §6.2 (✅ W17). Với QĐ 148 (huyện đề nghị sản phẩm từ 70 điểm) hồ sơ "
        .. "chuyển cấp chưa thấy trong nguồn ❓.",
    },
    bien_ban_hoi_dong_huyen = {
      name = "Biên bản họp Hội đồng đánh giá, phân hạng sản phẩm cấp huyện",
      mandatory = true,
      order = 100,
      regimes = { "1048" },
      levels = { "province" },
      note = "OCOP.md §6.2 (✅ W17).",
    },
    -- §6.2: province → central, request for national evaluation of 90–100-point products
    de_nghi_cap_trung_uong = {
      name = "Văn bản của tỉnh đề nghị đánh giá, phân hạng cấp quốc gia (sản phẩm đạt từ 90 "
        .. "điểm)",
      mandatory = true,
      order = 110,
      levels = { "central" },
      note = "OCOP.md §6.2 (⚠️ W17, S0: nội dung chi tiết bị cắt), §5.",
    },
    -- §6.1 #6, §9.5: production / food-safety eligibility, food and beverage groups
    du_dieu_kien_san_xuat = {
      name = "Giấy chứng nhận đủ điều kiện sản xuất, cơ sở đủ điều kiện an toàn thực phẩm "
        .. "(bản sao có chứng thực)",
      mandatory = false,
      order = 200,
      groups = { "1", "2", "I", "II" },
      note = "Tài liệu minh chứng (OCOP.md §6.1 mục 6, §9.5).",
    },
    -- §6.1 #7, §9.5: quality declaration, standard, lab reports; goods (a gate at 3★, §3.4)
    cong_bo_chat_luong = {
      name = "Hồ sơ công bố chất lượng, tiêu chuẩn sản phẩm; phiếu kiểm nghiệm chỉ tiêu an toàn "
        .. "thực phẩm theo tiêu chuẩn công bố",
      mandatory = false,
      order = 210,
      except_groups = { "6", "VI" },
      note = "Tài liệu minh chứng; yêu cầu tối thiểu cho hạng 3 sao theo QĐ 781 (OCOP.md §6.1 "
        .. "mục 7, §9.5, §3.4).",
    },
    -- §6.1 #8, §9.5: barcode, traceability stamp, QR
    ma_vach_truy_xuat = {
      name = "Mã số mã vạch, tem truy xuất nguồn gốc, mã QR",
      mandatory = false,
      order = 220,
      note = "Tài liệu minh chứng (OCOP.md §6.1 mục 8, §9.5).",
    },
    -- §6.1 #8, §9.5: trademark, geographical indication, design protection
    so_huu_tri_tue = {
      name = "Giấy chứng nhận sở hữu trí tuệ: nhãn hiệu, chỉ dẫn địa lý, kiểu dáng công nghiệp",
      mandatory = false,
      order = 230,
      note = "Tài liệu minh chứng (OCOP.md §6.1 mục 8, §9.5).",
    },
    -- §6.1 #9, §9.5: raw-material origin, linkage contracts (the commune confirms, S1)
    nguon_goc_nguyen_lieu = {
      name = "Minh chứng nguồn gốc nguyên liệu, hợp đồng liên kết chuỗi (có xác nhận của xã)",
      mandatory = false,
      order = 240,
      note = "Tài liệu minh chứng; xã xác nhận nguyên liệu, lao động địa phương, hợp đồng liên "
        .. "kết (OCOP.md §6.1 mục 9, §9.5; ✅ S1).",
    },
    -- §6.1 #9, §9.5: environmental commitment or plan, and evidence
    bao_ve_moi_truong = {
      name = "Cam kết, kế hoạch hoặc giấy xác nhận bảo vệ môi trường và minh chứng thực hiện",
      mandatory = false,
      order = 250,
      note = "Tài liệu minh chứng (OCOP.md §6.1 mục 9, §9.5).",
    },
    -- §6.1 #10, §9.5: QMS certificates (VietGAP, ISO, HACCP, organic), QC activities
    quan_ly_chat_luong = {
      name = "Chứng nhận hệ thống quản lý chất lượng (VietGAP, ISO, HACCP, hữu cơ…), hoạt động "
        .. "kiểm soát chất lượng",
      mandatory = false,
      order = 260,
      note = "Tài liệu minh chứng (OCOP.md §6.1 mục 10, §9.5).",
    },
    -- §6.1 #10, §9.5: accounting records
    ke_toan = {
      name = "Minh chứng hoạt động kế toán của chủ thể",
      mandatory = false,
      order = 270,
      note = "Tài liệu minh chứng (OCOP.md §6.1 mục 10, §9.5).",
    },
    -- §6.1 #11, §9.5: market development, promotion and trade fairs
    phat_trien_thi_truong = {
      name = "Minh chứng phát triển thị trường, quảng bá, tham gia hội chợ, triển lãm",
      mandatory = false,
      order = 280,
      note = "Tài liệu minh chứng (OCOP.md §6.1 mục 11, §9.5).",
    },
    -- §6.1 #12, §9.5: product story, QC plan, production records
    cau_chuyen_san_pham = {
      name = "Câu chuyện sản phẩm (văn bản; trên nhãn, tờ rơi, trang web, hình ảnh, video); kế "
        .. "hoạch kiểm soát chất lượng, hồ sơ ghi chép sản xuất",
      mandatory = false,
      order = 290,
      note = "Tài liệu minh chứng (OCOP.md §6.1 mục 12, §9.5).",
    },
    -- §6.1 #14, §9.5: label and packaging images (implied by the criteria ❓)
    nhan_bao_bi = {
      name = "Hình ảnh nhãn và bao bì sản phẩm",
      mandatory = false,
      order = 300,
      except_groups = { "6", "VI" },
      note = "Suy ra từ các tiêu chí về bao bì, nhãn; không có nguyên văn trong các trích dẫn "
        .. "❓ (OCOP.md §6.1 mục 14, §9.5).",
    },
    -- §6.1 #13, §9.5: awards (optional)
    giai_thuong = {
      name = "Giải thưởng, bình chọn của tổ chức uy tín trong nước, quốc tế",
      mandatory = false,
      order = 310,
      note = "Không bắt buộc (OCOP.md §6.1 mục 13, §9.5).",
    },
  },

  -- The default rule for support payments: the declared caps of each category (support,
  -- years[Y].support) are checked in C first; this function is the last word and, here,
  -- allows whatever those caps allow. A province overrides it only for a rule the data
  -- cannot express. req = {category=, amount=, date="YYYY-MM-DD", year=,
  -- product={code, type, org, group, stars, prev_stars, recognised_by, recognised},
  -- history={{product, type, org, category, amount, date}, …}, rule={the category's fields}};
  -- return true, or false and a reason in Vietnamese.
  support_allowed = function(req)
    return true
  end,

  -- Checks this file's own data against the province's effective rules.
  selftest = function(rules)
    local levels = { "commune", "district", "province", "central" }
    local band = {}
    for _, b in ipairs(rules.star_bands) do
      band[b.stars] = b.min
    end
    if band[1] ~= 0 then
      return false, "hạng 1 sao phải bắt đầu từ 0 điểm"
    end
    for s = 2, 5 do
      if not band[s] or band[s] <= band[s - 1] then
        return false, "ngưỡng điểm phải tăng dần theo hạng sao"
      end
    end
    for code, p in pairs(rules.parts) do
      if p.A + p.B + p.C ~= 100 then
        return false, "tổng điểm các phần của " .. code .. " phải là 100"
      end
    end
    local last = ""
    for _, g in ipairs(rules.regimes) do
      if g.from <= last then
        return false, "các chế độ đánh giá phải theo thứ tự thời gian"
      end
      last = g.from
      local rt = rules.routing[g.code]
      if not rt then
        return false, "thiếu phân cấp của " .. g.code
      end
      -- every level that forwards sends the band of the lowest star the next certifying
      -- level recognises; the certified stars of all levels cover min_stars..5 once each
      local covered = {}
      for i, lv in ipairs(levels) do
        local r = rt[lv]
        if r and not r.abolished then
          for s = r.certify_min or 0, r.certify_max or -1 do
            if s >= 1 then
              if covered[s] then
                return false, g.code .. ": hạng " .. s .. " sao được công nhận ở hai cấp"
              end
              covered[s] = lv
            end
          end
          if r.forward_min then
            local nxt
            for k = i + 1, #levels do
              local n = rt[levels[k]]
              if n and not n.abolished and (n.certify_min or 0) > 0 then
                nxt = n
                break
              end
            end
            if not nxt or band[nxt.certify_min] ~= r.forward_min then
              return false, g.code .. ": ngưỡng chuyển cấp của " .. lv
                .. " không khớp hạng sao của cấp trên"
            end
          end
        end
      end
      for s = 1, 5 do
        if (s >= rules.certificate.min_stars) ~= (covered[s] ~= nil) then
          return false, g.code .. ": hạng " .. s .. " sao phải được công nhận đúng một cấp"
        end
      end
    end
    if not (rules.routing["148+1489"].district or {}).abolished then
      return false, "QĐ 1489: không còn cấp huyện"
    end
    if not (rules.routing["148+1489"].commune or {}).assesses then
      return false, "QĐ 1489: cấp xã đánh giá sơ bộ"
    end
    return true
  end,

  references = {
    { number = "490/QĐ-TTg", date = "2018-05-07", -- OCOP.md §2 (the correct date, §1)
      what = "Phê duyệt Chương trình mỗi xã một sản phẩm giai đoạn 2018–2020; chu trình OCOP "
        .. "thường niên", source = "OCOP.md §2" },
    { number = "1048/QĐ-TTg", date = "2019-08-21", -- OCOP.md §2
      what = "Bộ tiêu chí đánh giá, phân hạng sản phẩm OCOP (6 ngành; A 35 / B 25 / C 40)",
      source = "OCOP.md §2" },
    { number = "781/QĐ-TTg", date = "2020-06-08", -- OCOP.md §2
      what = "Sửa đổi phụ lục QĐ 1048: đổi tên nhóm du lịch, tiêu chí tối thiểu theo hạng sao",
      source = "OCOP.md §2, §3.4" },
    { number = "919/QĐ-TTg", date = "2022-08-01", -- OCOP.md §2 (⚠️ W32)
      what = "Chương trình OCOP giai đoạn 2021–2025", source = "OCOP.md §2" },
    { number = "148/QĐ-TTg", date = "2023-02-24", -- OCOP.md §2
      what = "Bộ tiêu chí và quy trình đánh giá, phân hạng sản phẩm OCOP (thay QĐ 1048, 781; "
        .. "A 40 / B 25 / C 35)", source = "OCOP.md §2" },
    { number = "1489/QĐ-TTg", date = "2025-07-06", -- OCOP.md §2
      what = "Sửa Phụ lục II QĐ 148: chỉ cấp tỉnh và trung ương đánh giá; cấp xã đánh giá sơ "
        .. "bộ", source = "OCOP.md §2, §5" },
    { number = "43/2017/TT-BTC", -- OCOP.md §2, §7.1 (date not given)
      what = "Quản lý, sử dụng kinh phí sự nghiệp thực hiện Chương trình nông thôn mới, gồm hỗ "
        .. "trợ OCOP", source = "OCOP.md §2, §7.1" },
    { number = "08/2019/TT-BTC", date = "2019-01-30", -- OCOP.md §2
      what = "Sửa đổi TT 43/2017/TT-BTC; khoản 12 Điều 1: nội dung và mức hỗ trợ (mức trần "
        .. "chưa tìm thấy ❓)", source = "OCOP.md §2, §7.1" },
    { number = "53/2022/TT-BTC", date = "2022-08-12", -- OCOP.md §2 (⚠️ W25)
      what = "Điều 13: chi cho OCOP trong Chương trình nông thôn mới 2021–2025",
      source = "OCOP.md §2, §7.1" },
    { number = "Nghị quyết của Quốc hội về sắp xếp đơn vị hành chính cấp tỉnh", -- §2 (W37)
      date = "2025-06-12",
      what = "34 đơn vị hành chính cấp tỉnh; cấp huyện chấm dứt hoạt động từ 01/7/2025",
      source = "OCOP.md §2, §9.10" },
  },

  notes = {
    "Các ngưỡng hạng sao giống nhau dưới QĐ 1048 và QĐ 148 (✅ với 1048, ⚠️ với 148; OCOP.md "
      .. "§3.3).",
    "Sản phẩm không đạt tiêu chí tối thiểu (QĐ 781) hoặc tiêu chí bắt buộc (QĐ 148) của một "
      .. "hạng sao thì không được hạng đó dù đủ điểm; nội dung tiêu chí bắt buộc của QĐ 148 "
      .. "chưa tìm thấy ❓ (OCOP.md §3.3, §3.4).",
    "Giấy chứng nhận 3 sao do cấp huyện cấp trước 01/7/2025 được đánh giá lại thế nào sau khi "
      .. "bỏ cấp huyện: chưa rõ ❓ (OCOP.md §10.6).",
    "Chủ thể được đăng ký đánh giá, đánh giá lại, nâng hạng liên tục theo kế hoạch địa "
      .. "phương; sau 36 tháng phải đánh giá lại hoặc mất quyền dùng biểu trưng, hạng sao "
      .. "(OCOP.md §5).",
  },
}
