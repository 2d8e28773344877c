-- mac-dinh.lua — the DEFAULT score sheet of the QĐ 148/QĐ-TTg regime (also used under
-- 148 as amended by 1489), for every sub-group that has no sheet of its own. It is
-- ILLUSTRATIVE, NOT the official sheet: OCOP.md found no 148 sheet with option points
-- (§3.2, §10.1). Only the part maxima (A 40 / B 25 / C 35, OCOP.md §3.1) and the criteria
-- groups of each part (§3.1) are official. The criteria follow what OCOP.md reports of
-- 148's changes (§3.1, ⚠️ W7, W40): points for women's and ethnic-minority participation,
-- for local materials and labour, more weight on standards, less on sensory quality. The
-- option points are plausible, not the decision's. No star gates: 148's mandatory criteria
-- were not found (OCOP.md §3.4).
local function opts(list)
  local out = {}
  for i = 1, #list, 2 do
    out[#out + 1] = { label = list[i], points = list[i + 1] }
  end
  return out
end

return {
  regime = "148",
  code = "148-mac-dinh",
  name = "Phiếu mặc định QĐ 148 (minh hoạ — không phải phiếu chính thức)",
  source = "Điểm tối đa các phần: OCOP.md §3.1 (QĐ 148/QĐ-TTg: A 40 / B 25 / C 35). Tiêu chí "
    .. "và điểm từng mức: minh hoạ, soạn theo OCOP.md §3.1 (nội dung các phần, thay đổi của QĐ "
    .. "148 theo ⚠️ W7, W40); không phải phiếu chính thức.",
  illustrative = true,
  default = true,
  note = "MINH HOẠ — KHÔNG PHẢI PHIẾU CHẤM CHÍNH THỨC. Chưa tìm được phiếu chấm của QĐ 148 có "
    .. "điểm từng mức (OCOP.md §3.2, §10.1). Dùng cho các phân nhóm chưa có phiếu riêng; chỉ "
    .. "điểm tối đa của từng phần (40/25/35) đúng quy định. Kết quả chấm bằng phiếu này không "
    .. "thay cho phiếu theo Phụ lục của QĐ 148/QĐ-TTg.",

  parts = {
    {
      code = "A",
      name = "Phần A: Sản phẩm và sức mạnh cộng đồng",
      max = 40, -- OCOP.md §3.1
      groups = {
        {
          name = "Tổ chức sản xuất",
          criteria = {
            { code = "A1.1", name = "Sử dụng nguyên liệu địa phương",
              options = opts({ "Không rõ nguồn gốc hoặc chủ yếu ngoài tỉnh", 0, "Dưới 50%", 1,
                "Từ 50% đến dưới 75%", 3, "Từ 75% trở lên", 5 }) },
            { code = "A1.2", name = "Gia tăng giá trị",
              options = opts({ "Sơ chế đơn giản", 0, "Có sơ chế, chế biến", 1, "Chế biến sâu", 2,
                "Chế biến sâu và bảo quản tốt", 3 }) },
            { code = "A1.3", name = "Năng lực sản xuất đáp ứng yêu cầu phân phối",
              options = opts({ "Quy mô nhỏ", 1, "Quy mô vừa", 2, "Quy mô lớn", 3,
                "Quy mô lớn, có khả năng xuất khẩu", 4 }) },
            { code = "A1.4", name = "Liên kết sản xuất",
              options = opts({ "Không có", 0, "Có liên kết", 1, "Liên kết chặt chẽ", 2,
                "Liên kết chuỗi chặt chẽ, quy mô lớn hoặc với hộ nghèo", 3 }) },
            { code = "A1.5", name = "Bảo vệ môi trường",
              options = opts({ "Chưa có", 0, "Có cam kết, kế hoạch", 1, "Theo quy định", 2,
                "Có minh chứng áp dụng", 3, "Như trên và tái sử dụng phụ phẩm", 4 }) },
            { code = "A1.6", name = "Năng lượng sạch, công nghệ thân thiện môi trường",
              options = opts({ "Không", 0, "Có", 1 }) },
          },
        },
        {
          name = "Phát triển sản phẩm",
          criteria = {
            { code = "A2.1", name = "Nguồn gốc ý tưởng sản phẩm",
              options = opts({ "Thay nhãn", 0, "Sao chép có cải tiến", 1, "Ý tưởng mới", 2,
                "Ý tưởng mới, bảo tồn truyền thống địa phương", 3 }) },
            { code = "A2.2", name = "Tính hoàn thiện của bao bì, hình thức sản phẩm",
              options = opts({ "Đơn giản, thông tin chưa đầy đủ", 0, "Thông tin đầy đủ", 1,
                "Có truy xuất nguồn gốc", 2, "Có bảo hộ nhãn hiệu, kiểu dáng", 3 }) },
            { code = "A2.3", name = "Kiểu dáng, tính hấp dẫn",
              options = opts({ "Chưa hấp dẫn", 0, "Tiện lợi hoặc hấp dẫn", 1,
                "Tiện lợi, hấp dẫn, sang trọng", 2 }) },
          },
        },
        {
          name = "Sức mạnh cộng đồng",
          criteria = {
            { code = "A3.1", name = "Loại hình tổ chức",
              options = opts({ "Hộ gia đình, tổ hợp tác, doanh nghiệp tư nhân", 1,
                "Công ty, vốn cộng đồng địa phương dưới 51%", 2,
                "Hợp tác xã hoặc vốn cộng đồng địa phương từ 51%", 3 }) },
            { code = "A3.2", name = "Vai trò của cộng đồng trong quản lý",
              options = opts({ "Dưới 50% quản lý là người địa phương", 1,
                "Từ 50% quản lý là người địa phương", 2 }) },
            { code = "A3.3", name = "Sử dụng lao động địa phương",
              options = opts({ "Dưới 25%", 0, "Từ 25% đến dưới 50%", 1, "Từ 50% đến dưới 75%", 2,
                "Từ 75% trở lên", 3 }) },
            { code = "A3.4", name = "Phụ nữ, đồng bào dân tộc thiểu số tham gia",
              options = opts({ "Không có", 0, "Có tham gia lao động", 1,
                "Có tham gia quản lý", 2 }) },
            { code = "A3.5", name = "Tăng trưởng sản xuất, kinh doanh",
              options = opts({ "Dưới 10%", 0, "Từ 10% trở lên", 1 }) },
            { code = "A3.6", name = "Kế toán",
              options = opts({ "Không có hệ thống kế toán", 0, "Có hệ thống kế toán", 1 }) },
          },
        },
      },
    },
    {
      code = "B",
      name = "Phần B: Khả năng tiếp thị",
      max = 25, -- OCOP.md §3.1
      groups = {
        {
          name = "Tiếp thị",
          criteria = {
            { code = "B1.1", name = "Khu vực phân phối chính",
              options = opts({ "Trong xã, huyện", 1, "Trong tỉnh", 2, "Ngoài tỉnh", 3,
                "Quốc tế", 5 }) },
            { code = "B1.2", name = "Tổ chức phân phối",
              options = opts({ "Không có người phụ trách", 0, "Có người phụ trách", 1,
                "Có bộ phận phụ trách", 3, "Có bộ phận và thương mại điện tử", 5 }) },
            { code = "B1.3", name = "Quảng bá",
              options = opts({ "Không có", 0, "Một số hoạt động", 1, "Có trang web, hội chợ trong "
                .. "tỉnh", 2, "Hội chợ ngoài tỉnh", 3, "Hội chợ quốc tế", 5 }) },
          },
        },
        {
          name = "Câu chuyện sản phẩm",
          criteria = {
            { code = "B2.1", name = "Câu chuyện sản phẩm",
              options = opts({ "Không có", 0, "Tờ rơi", 1, "Thành văn bản", 2,
                "Trên nhãn hoặc tờ rơi", 3, "Trên trang web", 4, "Có hình ảnh, đoạn phim", 5 }) },
            { code = "B2.2", name = "Tri thức, bản sắc địa phương",
              options = opts({ "Giống nơi khác", 0, "Thay đổi một phần", 1, "Câu chuyện riêng", 2,
                "Thể hiện bản sắc địa phương", 3 }) },
            { code = "B2.3", name = "Cấu trúc câu chuyện",
              options = opts({ "Đơn giản", 1, "Đủ các thành phần", 2 }) },
          },
        },
      },
    },
    {
      code = "C",
      name = "Phần C: Chất lượng sản phẩm",
      max = 35, -- OCOP.md §3.1
      groups = {
        {
          name = "Chất lượng cảm quan, dinh dưỡng, tính độc đáo",
          criteria = {
            { code = "C1.1", name = "Đặc tính cảm quan hoặc chất lượng dịch vụ",
              options = opts({ "Không phù hợp", 0, "Chấp nhận được", 1, "Tốt", 3, "Rất tốt", 5 }) },
            { code = "C1.2", name = "Dinh dưỡng, công dụng được kiểm chứng",
              options = opts({ "Không có", 0, "1–2 chỉ tiêu", 1, "Trên 2 chỉ tiêu", 2 }) },
            { code = "C1.3", name = "Tính độc đáo",
              options = opts({ "Bình thường", 0, "Khá độc đáo", 1, "Độc đáo", 3,
                "Rất độc đáo", 5 }) },
          },
        },
        {
          name = "Tiêu chuẩn sản phẩm",
          criteria = {
            { code = "C2.1", name = "Tiêu chuẩn, công bố chất lượng",
              options = opts({ "Không có", 0, "Có tiêu chuẩn", 1, "Tiêu chuẩn và hồ sơ công bố", 2,
                "Công bố và ghi đầy đủ trên nhãn", 3 }) },
            { code = "C2.2", name = "Kiểm tra chất lượng, an toàn định kỳ",
              options = opts({ "Không kiểm tra", 0, "Không đạt", 1, "Đạt, chưa đủ chỉ tiêu", 2,
                "Đạt, đủ chỉ tiêu", 3 }) },
            { code = "C2.3", name = "Truy xuất nguồn gốc",
              options = opts({ "Không có", 0, "Ghi chép thủ công", 1, "Tem truy xuất", 2,
                "Hệ thống truy xuất điện tử", 3 }) },
            { code = "C2.4", name = "Hệ thống quản lý chất lượng",
              options = opts({ "Không có", 0, "Kế hoạch kiểm soát", 1, "Ghi chép theo lô", 2,
                "Kế hoạch và ghi chép", 3, "Chứng nhận VietGAP, ISO, HACCP, hữu cơ…", 4,
                "Chứng nhận cho xuất khẩu", 5 }) },
            { code = "C2.5", name = "Sở hữu trí tuệ",
              options = opts({ "Chưa đăng ký", 0, "Đã nộp đơn", 1, "Có nhãn hiệu", 3,
                "Có nhãn hiệu và chỉ dẫn địa lý hoặc kiểu dáng", 4 }) },
          },
        },
        {
          name = "Khả năng xuất khẩu và phân phối quốc tế",
          criteria = {
            { code = "C3.1", name = "Khả năng xuất khẩu",
              options = opts({ "Chưa có", 0, "Đáp ứng thị trường khu vực", 1,
                "Đã xuất khẩu", 3, "Xuất khẩu thị trường tiêu chuẩn cao", 5 }) },
          },
        },
      },
    },
  },
}
