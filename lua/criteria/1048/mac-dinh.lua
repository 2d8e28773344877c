-- mac-dinh.lua — the DEFAULT score sheet of the QĐ 1048/QĐ-TTg regime, used for every
-- sub-group that has no sheet of its own. It is ILLUSTRATIVE, NOT the official sheet: only
-- the part maxima (A 35 / B 25 / C 40, OCOP.md §3.1) and the criteria groups (OCOP.md §3.1,
-- §9.1) are official; the criteria and option points below are a plausible generic sheet
-- modelled on the one official sheet OCOP.md has (§3.2, fresh produce), so that products
-- of other sub-groups can be scored in a demo or until their real sheet (Annex III of
-- 1048) is transcribed into criteria/1048/. No star gates: none can be stated for it.
local function opts(list)
  local out = {}
  for i = 1, #list, 2 do
    out[#out + 1] = { label = list[i], points = list[i + 1] }
  end
  return out
end

return {
  regime = "1048",
  code = "1048-mac-dinh",
  name = "Phiếu mặc định QĐ 1048 (minh hoạ — không phải phiếu chính thức)",
  source = "Điểm tối đa các phần: OCOP.md §3.1 (QĐ 1048/QĐ-TTg: A 35 / B 25 / C 40). Tiêu chí "
    .. "và điểm từng mức: minh hoạ, soạn theo cấu trúc của OCOP.md §3.1, §3.2, §9.1; không phải "
    .. "phiếu chính thức.",
  illustrative = true,
  default = true,
  note = "MINH HOẠ — KHÔNG PHẢI PHIẾU CHẤM CHÍNH THỨC. Dùng cho các phân nhóm chưa có phiếu "
    .. "riêng; chỉ điểm tối đa của từng phần (35/25/40) đúng quy định. Kết quả chấm bằng phiếu "
    .. "này không thay cho phiếu theo Phụ lục III của QĐ 1048/QĐ-TTg.",

  parts = {
    {
      code = "A",
      name = "Phần A: Sản phẩm và sức mạnh cộng đồng",
      max = 35, -- OCOP.md §3.1
      groups = {
        {
          name = "Tổ chức sản xuất",
          criteria = {
            { code = "A1.1", name = "Nguồn nguyên liệu địa phương",
              options = opts({ "Dưới 50% nguyên liệu từ trong tỉnh", 1, "Từ 50% đến dưới 75%", 2,
                "Từ 75% trở lên", 3 }) },
            { code = "A1.2", name = "Gia tăng giá trị (mức sơ chế, chế biến)",
              options = opts({ "Sơ chế đơn giản", 0, "Có sơ chế, chế biến", 1,
                "Chế biến sâu", 2, "Chế biến sâu và bảo quản tốt", 3 }) },
            { code = "A1.3", name = "Năng lực sản xuất đáp ứng yêu cầu phân phối",
              options = opts({ "Quy mô nhỏ", 1, "Quy mô vừa", 2, "Quy mô lớn", 3,
                "Quy mô lớn, có khả năng xuất khẩu", 4 }) },
            { code = "A1.4", name = "Liên kết sản xuất",
              options = opts({ "Không có hoặc không rõ ràng", 0, "Liên kết chặt chẽ trong tỉnh", 1,
                "Liên kết chuỗi chặt chẽ, quy mô lớn", 2 }) },
            { code = "A1.5", name = "Bảo vệ môi trường",
              options = opts({ "Có quan tâm", 1, "Có kế hoạch nhưng chưa theo quy định", 2,
                "Có kế hoạch theo quy định", 3, "Theo quy định, có minh chứng áp dụng", 4,
                "Như trên và tái sử dụng phụ phẩm", 5 }) },
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
                "Từ 50% là người địa phương hoặc có phụ nữ tham gia quản lý", 2 }) },
            { code = "A3.3", name = "Lao động địa phương",
              options = opts({ "Dưới 50%", 0, "Từ 50% trở lên", 1 }) },
            { code = "A3.4", name = "Tăng trưởng sản xuất, kinh doanh",
              options = opts({ "Dưới 10%", 0, "Từ 10% trở lên", 1 }) },
            { code = "A3.5", name = "Kế toán",
              options = opts({ "Không có hoặc thời vụ", 0, "Thường xuyên", 1,
                "Có hệ thống kế toán", 2 }) },
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
              options = opts({ "Trong huyện", 1, "Ngoài huyện, dưới 5 đại lý", 2,
                "Ngoài huyện, từ 5 đại lý", 3, "Quốc tế", 5 }) },
            { code = "B1.2", name = "Tổ chức phân phối",
              options = opts({ "Không có người phụ trách", 0, "Có người phụ trách", 1,
                "Có bộ phận phụ trách", 3, "Có bộ phận và ứng dụng công nghệ thông tin", 5 }) },
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
      max = 40, -- OCOP.md §3.1
      groups = {
        {
          name = "Chất lượng cảm quan hoặc chất lượng dịch vụ",
          criteria = {
            { code = "C1.1", name = "Đặc tính cảm quan chung hoặc chất lượng dịch vụ",
              options = opts({ "Không phù hợp", 0, "Chấp nhận được", 1, "Khá", 3, "Tốt", 5,
                "Rất tốt", 8 }) },
            { code = "C1.2", name = "Hình thức, độ đồng đều",
              options = opts({ "Kém", 0, "Trung bình", 1, "Khá", 2, "Tốt", 4 }) },
            { code = "C1.3", name = "Mùi, vị hoặc trải nghiệm",
              options = opts({ "Kém", 0, "Trung bình", 1, "Khá", 2, "Tốt", 3 }) },
            { code = "C1.4", name = "Độ hoàn thiện, sạch sẽ",
              options = opts({ "Kém", 0, "Trung bình", 1, "Khá", 2, "Tốt", 3 }) },
          },
        },
        {
          name = "Dinh dưỡng, công dụng",
          criteria = {
            { code = "C2.1", name = "Chỉ tiêu dinh dưỡng hoặc công dụng được kiểm chứng",
              options = opts({ "Không có", 0, "1–2 chỉ tiêu", 1, "Trên 2 chỉ tiêu", 2 }) },
          },
        },
        {
          name = "Tính độc đáo",
          criteria = {
            { code = "C3.1", name = "Tính độc đáo",
              options = opts({ "Bình thường", 0, "Khá độc đáo", 1, "Độc đáo", 3,
                "Rất độc đáo", 5 }) },
          },
        },
        {
          name = "Tiêu chuẩn sản phẩm",
          criteria = {
            { code = "C4.1", name = "Tiêu chuẩn, công bố chất lượng",
              options = opts({ "Không có", 0, "Có tiêu chuẩn", 1, "Tiêu chuẩn và hồ sơ công bố",
                2 }) },
            { code = "C4.2", name = "Kiểm tra chất lượng, an toàn định kỳ",
              options = opts({ "Không kiểm tra", 0, "Không đạt", 1, "Đạt, chưa đủ chỉ tiêu", 2,
                "Đạt, đủ chỉ tiêu", 3 }) },
            { code = "C4.3", name = "Đảm bảo chất lượng",
              options = opts({ "Không có", 0, "Kế hoạch kiểm soát", 1, "Ghi chép theo lô", 2,
                "Kế hoạch và ghi chép", 3, "Chứng nhận hệ thống quản lý chất lượng", 4,
                "Chứng nhận cho xuất khẩu", 5 }) },
          },
        },
        {
          name = "Khả năng xuất khẩu",
          criteria = {
            { code = "C5.1", name = "Cơ hội thị trường",
              options = opts({ "Trong khu vực", 1, "Ngoài khu vực", 3, "Thị trường tiêu chuẩn cao",
                5 }) },
          },
        },
      },
    },
  },
}
