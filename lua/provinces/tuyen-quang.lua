-- tuyen-quang.lua — Tuyên Quang after the 2025 reorganisation of provinces: Hà Giang was
-- merged into it (OCOP.md §1, W37), and the district level ceased on 1/7/2025 (OCOP.md §1,
-- §9.10). OCOP.md states no OCOP plan, round, target, budget or support rule of the new
-- province: this file holds only what it does state, and notes for what is not known.
-- Evaluation itself needs nothing here: national.lua's routing for "148+1489" already has
-- the commune assess, no district, the province score and certify 3–4★, and ≥90 go to the
-- central level; rules_routing_on() gives no district level from 2025-07-01.
return {
  name = "Tuyên Quang",

  -- OCOP.md §1: "Hà Giang is now part of Tuyên Quang" (W37)
  merged_from = { "ha-giang" },

  -- OCOP.md §1, §9.10: districts ceased on 1/7/2025 (W37); the reorganised province is
  -- taken to start the same day (the brief's date; OCOP.md gives no other)
  valid_from = "2025-07-01",

  references = {
    { number = "Nghị quyết của Quốc hội về sắp xếp đơn vị hành chính cấp tỉnh", -- OCOP.md §2
      date = "2025-06-12",
      what = "34 đơn vị hành chính cấp tỉnh; tỉnh Hà Giang nhập vào tỉnh Tuyên Quang; cấp huyện "
        .. "chấm dứt hoạt động từ 01/7/2025",
      source = "OCOP.md §1, §2, §9.10 (W37)" },
  },

  notes = {
    -- OCOP.md §1 (W37)
    "Tỉnh Tuyên Quang sau sắp xếp năm 2025 gồm tỉnh Tuyên Quang cũ và tỉnh Hà Giang (nguồn: "
      .. "OCOP.md §1, W37). Quy định của tỉnh Hà Giang đến 30/6/2025 nằm trong tệp ha-giang.lua; "
      .. "tỉnh Tuyên Quang cũ không có kế hoạch OCOP nào trong các nguồn.",
    -- OCOP.md §5, §9.3 (W11, W12, W13)
    "Từ 01/7/2025 không còn cấp huyện; từ 06/7/2025 (QĐ 1489/QĐ-TTg) chỉ cấp tỉnh và trung "
      .. "ương đánh giá: UBND xã đánh giá sơ bộ và lập báo cáo, Hội đồng cấp tỉnh chấm điểm, "
      .. "UBND tỉnh công nhận 3 sao và 4 sao, sản phẩm từ 90 điểm đề nghị trung ương. Các quy "
      .. "định này lấy từ national.lua, tệp này không đặt lại.",
    -- OCOP.md §1, §9.10: nothing between 1/7 and 6/7/2025 is stated
    "Từ 01/7/2025 đến 05/7/2025 QĐ 148 còn hiệu lực nhưng cấp huyện đã chấm dứt: nguồn không "
      .. "nói sản phẩm được đánh giá thế nào trong mấy ngày này ❓.",
    -- OCOP.md §10: unknowns
    "Chưa biết (không có trong OCOP.md): kế hoạch OCOP, các đợt đánh giá, chỉ tiêu, kinh phí và "
      .. "chính sách hỗ trợ của tỉnh Tuyên Quang sau sắp xếp; chính sách hỗ trợ của tỉnh Hà "
      .. "Giang cũ có còn áp dụng hay không; cách đánh giá lại các sản phẩm 3 sao do UBND huyện "
      .. "công nhận trước 01/7/2025 ❓ (OCOP.md §10.6).",
    -- OCOP.md §9.10
    "Giấy chứng nhận cũ ghi tên huyện, tỉnh Hà Giang không còn tồn tại: trang công khai cần "
      .. "hiện cả địa danh cũ và địa danh hiện nay (OCOP.md §9.10).",
  },
}
