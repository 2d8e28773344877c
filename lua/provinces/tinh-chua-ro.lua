-- tinh-chua-ro.lua — a stand-in province for the district OCOP plan of 2021 (S1,
-- plans/001_324697422bc50958.txt), whose text names neither its district nor its province
-- (OCOP.md §1, §10.5 ❓). The district's rules are in tinh-chua-ro/huyen-chua-ro.lua; this
-- file only gives that district a province to sit in, and says why. It sets no rule: the
-- effective rules of the stand-in province are national.lua's.
return {
  name = "Tỉnh chưa rõ (kế hoạch 2021 không nêu tên)",
  placeholder = true,

  notes = {
    -- OCOP.md §1 (S1 row) and §10.5
    "Tỉnh thay thế: kế hoạch OCOP năm 2021 của một huyện (S1, OCOP.md §1) mất phần đầu văn bản "
      .. "và không nêu tên huyện, tên tỉnh ❓ (OCOP.md §10.5). Tệp này chỉ để huyện đó có chỗ "
      .. "trong cây quy tắc; khi biết tên thì chuyển quy tắc của huyện sang tệp của tỉnh thật.",
    -- 001 preamble: what the text does say about its province
    "Văn bản chỉ cho biết: Sở Nông nghiệp và PTNT tỉnh ban hành Công văn 1565/SNNPTNT-VPNTM ngày "
      .. "26/5/2021 đôn đốc triển khai Chương trình OCOP năm 2021 trên địa bàn tỉnh; năm 2020 "
      .. "huyện có 13 sản phẩm được cấp tỉnh chứng nhận 3 sao (KH OCOP huyện chưa rõ 2021, phần "
      .. "căn cứ và mục II).",
  },
}
