-- bac-ninh.lua — Bắc Ninh after the 2025 reorganisation of provinces: Bắc Giang was merged
-- into it (OCOP.md §1, W37), and the district level ceased on 1/7/2025 (OCOP.md §1, §9.10).
-- OCOP.md states no OCOP plan, round, target, budget or support rule of the new province:
-- this file holds only what it does state, and notes for what is not known. Evaluation
-- itself needs nothing here: national.lua's routing for "148+1489" already has the commune
-- assess, no district, the province score and certify 3–4★, and ≥90 go to the central
-- level; rules_routing_on() gives no district level from 2025-07-01.
return {
  name = "Bắc Ninh",

  -- OCOP.md §1: "Bắc Giang part of Bắc Ninh" (W37)
  merged_from = { "bac-giang" },

  -- OCOP.md §1, §9.10: districts ceased on 1/7/2025 (W37); the reorganised province is
  -- taken to start the same day (the brief's date; OCOP.md gives no other)
  valid_from = "2025-07-01",

  references = {
    { number = "Nghị quyết của Quốc hội về sắp xếp đơn vị hành chính cấp tỉnh", -- OCOP.md §2
      date = "2025-06-12",
      what = "34 đơn vị hành chính cấp tỉnh; tỉnh Bắc Giang nhập vào tỉnh Bắc Ninh; cấp huyện "
        .. "chấm dứt hoạt động từ 01/7/2025",
      source = "OCOP.md §1, §2, §9.10 (W37)" },
  },

  notes = {
    -- OCOP.md §1 (W37)
    "Tỉnh Bắc Ninh sau sắp xếp năm 2025 gồm tỉnh Bắc Ninh cũ và tỉnh Bắc Giang (nguồn: "
      .. "OCOP.md §1, W37). Quy định của tỉnh Bắc Giang đến 30/6/2025 nằm trong tệp "
      .. "bac-giang.lua.",
    -- OCOP.md §5, §9.3 (W11, W12, W13)
    "Từ 01/7/2025 không còn cấp huyện; từ 06/7/2025 (QĐ 1489/QĐ-TTg) chỉ cấp tỉnh và trung "
      .. "ương đánh giá: UBND xã đánh giá sơ bộ và lập báo cáo, Hội đồng cấp tỉnh chấm điểm, "
      .. "UBND tỉnh công nhận 3 sao và 4 sao, sản phẩm từ 90 điểm đề nghị trung ương. Các quy "
      .. "định này lấy từ national.lua, tệp này không đặt lại.",
    -- OCOP.md §7.3 (⚠️ W24): the old Bắc Ninh's 2024 awards, a report of payments, not a rule
    "Tỉnh Bắc Ninh cũ, năm 2024: hỗ trợ 8 triệu đồng mỗi sản phẩm 3 sao, 10 triệu đồng mỗi sản "
      .. "phẩm 4 sao mới, 2 triệu đồng mỗi sản phẩm nâng hạng từ 3 lên 4 sao; 131 sản phẩm, "
      .. "1,08 tỷ đồng (OCOP.md §7.3, ⚠️ W24). Đây là số liệu chi trả của tỉnh cũ trước sắp xếp, "
      .. "không phải quy định của tỉnh mới, nên không ghi thành quy tắc hỗ trợ.",
    -- OCOP.md §7.3 (⚠️ W21)
    "Chính sách hỗ trợ của tỉnh Bắc Giang giai đoạn 2024–2025 (OCOP.md §7.3, ⚠️ W21) nằm trong "
      .. "bac-giang.lua; nguồn không nói chính sách này có còn áp dụng cho sản phẩm thuộc địa "
      .. "bàn Bắc Giang cũ sau 01/7/2025 hay không ❓.",
    -- OCOP.md §1, §9.10: nothing between 1/7 and 6/7/2025 is stated
    "Từ 01/7/2025 đến 05/7/2025 QĐ 148 còn hiệu lực nhưng cấp huyện đã chấm dứt: nguồn không "
      .. "nói sản phẩm được đánh giá thế nào trong mấy ngày này ❓.",
    -- OCOP.md §10: unknowns
    "Chưa biết (không có trong OCOP.md): kế hoạch OCOP, các đợt đánh giá, chỉ tiêu, kinh phí và "
      .. "chính sách hỗ trợ của tỉnh Bắc Ninh sau sắp xếp; cách đánh giá lại các sản phẩm 3 sao "
      .. "do UBND huyện công nhận trước 01/7/2025 ❓ (OCOP.md §10.6).",
    -- OCOP.md §9.10
    "Giấy chứng nhận cũ ghi tên huyện, tỉnh Bắc Giang không còn tồn tại: trang công khai cần "
      .. "hiện cả địa danh cũ và địa danh hiện nay (OCOP.md §9.10).",
  },
}
