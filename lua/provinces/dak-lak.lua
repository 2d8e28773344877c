-- dak-lak.lua — Đắk Lắk, the province of the Krông Năng district plan of 2020 (S2,
-- plans/002_4e8834379be2b545.txt; the district's rules are in dak-lak/krong-nang.lua).
-- OCOP.md holds no OCOP plan of the province itself: this file holds only what OCOP.md and
-- the district plan state about the province (its OCOP scheme and its 2020 budget decision),
-- and notes for what is not known. Everything else comes from national.lua.
--
-- Sources cited as "002 §…" are sections of the Krông Năng plan (KH 17/KH-UBND, 10/02/2020).

local KN = "KH 17/KH-UBND Krông Năng 2020" -- the plan key of S2

return {
  name = "Đắk Lắk",

  references = {
    -- 002 preamble: the provincial OCOP scheme 2018–2020
    { number = "1040/QĐ-UBND", date = "2019-05-07",
      what = "UBND tỉnh Đắk Lắk phê duyệt Đề án Chương trình Mỗi xã một sản phẩm giai đoạn "
        .. "2018–2020 trên địa bàn tỉnh Đắk Lắk",
      source = KN .. ", phần căn cứ" },
    -- 002 preamble and §IV: the 2020 state budget allocation (dated 12/12/2019 in the
    -- preamble, 12/12/2020 in §IV: see the note)
    { number = "3696/QĐ-UBND", date = "2019-12-12",
      what = "UBND tỉnh Đắk Lắk giao dự toán thu, chi ngân sách nhà nước năm 2020 (gồm vốn sự "
        .. "nghiệp Chương trình MTQG xây dựng nông thôn mới năm 2020 phân bổ cho các huyện)",
      source = KN .. ", phần căn cứ và mục IV" },
  },

  notes = {
    -- OCOP.md §1 (W37)
    "Sau sắp xếp đơn vị hành chính năm 2025, tỉnh Đắk Lắk giữ tên (theo OCOP.md §1, W37, có thể "
      .. "đã nhập thêm tỉnh Phú Yên ❓ — việc ghép cặp này không có trong các trích dẫn, nên tệp "
      .. "không ghi merged_from). Cấp huyện chấm dứt hoạt động từ 01/7/2025.",
    -- OCOP.md §1 (data-quality notes)
    "Kế hoạch huyện Krông Năng ghi QĐ 3696/QĐ-UBND ngày 12/12/2019 ở phần căn cứ và ngày "
      .. "12/12/2020 ở mục IV; ngày đúng là 12/12/2019 vì kế hoạch ký ngày 10/02/2020 (OCOP.md §1).",
    -- OCOP.md §9.6: the province's own rounds are not in any source
    "Chưa biết (không có trong OCOP.md): kế hoạch OCOP, các đợt đánh giá cấp tỉnh, chỉ tiêu, kinh "
      .. "phí và chính sách hỗ trợ của tỉnh Đắk Lắk. Kế hoạch Krông Năng 2020 chỉ nói hội chợ, "
      .. "trưng bày “theo Kế hoạch của tỉnh” (" .. KN .. ", mục III.6).",
  },
}
