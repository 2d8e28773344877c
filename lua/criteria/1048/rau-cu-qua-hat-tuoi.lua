-- rau-cu-qua-hat-tuoi.lua — the QĐ 1048/QĐ-TTg score sheet of the sub-group "Rau, củ, quả,
-- hạt tươi" (fresh vegetables, tubers, fruit and nuts; 1048 group code 1.1.1), transcribed
-- criterion by criterion from OCOP.md §3.2. OCOP.md took it from a third-party database
-- dump (C1, Nov 2020, ⚠️): each part sums exactly to the official maxima 35/25/40, checked
-- by hand in OCOP.md and by the loader here. The labels are Vietnamese renderings of
-- OCOP.md's English summaries, not the official wording (the official form itself was not
-- seen); where OCOP.md gives no label, the option is named by its level only.
-- Star gates: the fragments of QĐ 781's minimum requirements per star that OCOP.md §3.4
-- gives for part C, mapped onto this sheet's criteria (see each gate's note).
return {
  regime = "1048",
  code = "1048-rau-cu-qua-hat-tuoi",
  name = "Phiếu đánh giá sản phẩm phân nhóm Rau, củ, quả, hạt tươi (QĐ 1048/QĐ-TTg)",
  source = "OCOP.md §3.2 (phiếu chấm QĐ 1048/QĐ-TTg, Phụ lục III, phân nhóm Rau, củ, quả, hạt "
    .. "tươi, theo bản sao của bên thứ ba C1 ⚠️); tiêu chí tối thiểu theo hạng sao: OCOP.md "
    .. "§3.4 (QĐ 781/QĐ-TTg, ⚠️ W14)",
  illustrative = false,
  applies_to = { "1.1.1" }, -- national.lua groups["1048"]: 1.1.1 Rau, củ, quả, hạt tươi
  note = "Điểm từng phương án và tổng các phần (35/25/40) khớp quy định; lời các phương án là "
    .. "bản dịch tóm tắt, không phải nguyên văn phiếu chính thức. Các ngưỡng tối thiểu theo hạng "
    .. "sao do QĐ 781/QĐ-TTg bổ sung từ 08/6/2020 và chỉ có một phần (OCOP.md §3.4).",

  parts = {
    {
      code = "A",
      name = "Phần A: Sản phẩm và sức mạnh cộng đồng",
      max = 35, -- OCOP.md §3.1, §3.2: A total 35
      groups = {
        {
          name = "Tổ chức sản xuất",
          criteria = {
            { code = "A1.1", name = "Nguồn nguyên liệu trong tỉnh", -- §3.2: max 3
              options = {
                { label = "Dưới 50% nguyên liệu từ trong tỉnh", points = 1 },
                { label = "Từ 50% đến dưới 75%", points = 2 },
                { label = "Từ 75% đến 100%", points = 3 },
              } },
            { code = "A1.2", name = "Gia tăng giá trị", -- §3.2: max 3
              options = {
                { label = "Chỉ phân loại", points = 0 },
                { label = "Rửa, làm sạch", points = 1 },
                { label = "Trồng trọt công nghệ cao và sơ chế", points = 2 },
                { label = "Trồng trọt công nghệ cao, sơ chế và bảo quản", points = 3 },
              } },
            { code = "A1.3", name = "Năng lực sản xuất đáp ứng yêu cầu phân phối", -- §3.2: max 4
              options = {
                { label = "Quy mô nhỏ", points = 1 },
                { label = "Quy mô vừa", points = 2 },
                { label = "Quy mô lớn", points = 3 },
                { label = "Quy mô lớn, có khả năng xuất khẩu", points = 4 },
              } },
            { code = "A1.4", name = "Liên kết sản xuất", -- §3.2: max 2
              options = {
                { label = "Không có liên kết hoặc liên kết không rõ ràng", points = 0 },
                { label = "Liên kết chặt chẽ, trong tỉnh", points = 1 },
                { label = "Liên kết chuỗi chặt chẽ, quy mô lớn hoặc với hộ nghèo", points = 2 },
              } },
            { code = "A1.5", name = "Bảo vệ môi trường trong quá trình sản xuất", -- §3.2: max 5
              options = {
                { label = "Có quan tâm đến môi trường", points = 1 },
                { label = "Có đánh giá tác động/kế hoạch bảo vệ môi trường nhưng chưa theo quy "
                  .. "định hiện hành", points = 2 },
                { label = "Có đánh giá tác động/kế hoạch bảo vệ môi trường theo quy định",
                  points = 3 },
                { label = "Theo quy định và có minh chứng áp dụng", points = 4 },
                { label = "Theo quy định, có minh chứng áp dụng và tái sử dụng phụ phẩm",
                  points = 5 },
              } },
            { code = "A1.6", name = "Sử dụng năng lượng sạch, công nghệ thân thiện môi trường",
              -- §3.2: max 1
              options = {
                { label = "Không", points = 0 },
                { label = "Có", points = 1 },
              } },
          },
        },
        {
          name = "Phát triển sản phẩm",
          criteria = {
            { code = "A2.1", name = "Nguồn gốc ý tưởng sản phẩm", -- §3.2: max 3
              options = {
                { label = "Sản phẩm thay nhãn", points = 0 },
                { label = "Sản phẩm sao chép có cải tiến", points = 1 },
                { label = "Ý tưởng mới của chủ thể", points = 2 },
                { label = "Ý tưởng của chủ thể, bảo tồn truyền thống địa phương", points = 3 },
              } },
            { code = "A2.2", name = "Tính hoàn thiện của bao bì", -- §3.2: max 3
              options = {
                { label = "Bao bì đơn giản, nhãn chưa đầy đủ", points = 0 },
                { label = "Bao bì đơn giản, nhãn đầy đủ", points = 1 },
                { label = "Như trên và có truy xuất nguồn gốc", points = 2 },
                { label = "Như trên và có bảo hộ nhãn hiệu/kiểu dáng", points = 3 },
              } },
            { code = "A2.3", name = "Kiểu dáng bao bì", -- §3.2: max 2
              options = {
                { label = "Không tiện lợi, không hấp dẫn", points = 0 },
                { label = "Tiện lợi hoặc hấp dẫn", points = 1 },
                { label = "Tiện lợi, hấp dẫn, sang trọng", points = 2 },
              } },
          },
        },
        {
          name = "Sức mạnh cộng đồng",
          criteria = {
            { code = "A3.1", name = "Loại hình tổ chức sản xuất, kinh doanh", -- §3.2: max 3
              options = {
                { label = "Hộ gia đình, tổ hợp tác, công ty TNHH một thành viên, doanh nghiệp tư "
                  .. "nhân", points = 1 },
                { label = "Công ty TNHH hai thành viên trở lên, công ty cổ phần có vốn của cộng "
                  .. "đồng địa phương dưới 51%", points = 2 },
                { label = "Hợp tác xã (Luật Hợp tác xã 2012), công ty cổ phần có vốn của cộng "
                  .. "đồng địa phương từ 51%", points = 3 },
              } },
            { code = "A3.2", name = "Vai trò của cộng đồng trong quản lý", -- §3.2: max 2
              note = "Nguồn còn nêu một lựa chọn 0/1 điểm về việc giám đốc/chủ cơ sở có phải "
                .. "người địa phương; cách kết hợp với hai mức dưới đây chưa rõ ❓ (OCOP.md §3.2).",
              options = {
                { label = "Dưới 50% cán bộ quản lý chủ chốt là người địa phương", points = 1 },
                { label = "Từ 50% là người địa phương, hoặc có phụ nữ địa phương trong số cán bộ "
                  .. "quản lý chủ chốt", points = 2 },
              } },
            { code = "A3.3", name = "Sử dụng lao động địa phương", -- §3.2: max 1
              options = {
                { label = "Dưới 50% lao động là người địa phương", points = 0 },
                { label = "Từ 50% là người địa phương, hoặc thu nhập từ mức bình quân nông thôn "
                  .. "mới địa phương", points = 1 },
              } },
            { code = "A3.4", name = "Tăng trưởng sản xuất, kinh doanh", -- §3.2: max 1
              options = {
                { label = "Doanh thu tăng dưới 10%", points = 0 },
                { label = "Doanh thu tăng từ 10%", points = 1 },
              } },
            { code = "A3.5", name = "Kế toán", -- §3.2: max 2
              options = {
                { label = "Không có kế toán hoặc kế toán thời vụ", points = 0 },
                { label = "Có kế toán thường xuyên", points = 1 },
                { label = "Có hệ thống kế toán", points = 2 },
              } },
          },
        },
      },
    },
    {
      code = "B",
      name = "Phần B: Khả năng tiếp thị",
      max = 25, -- OCOP.md §3.1, §3.2: B total 25
      groups = {
        {
          name = "Tiếp thị",
          criteria = {
            { code = "B1.1", name = "Khu vực phân phối chính", -- §3.2: max 5
              options = {
                { label = "Trong huyện", points = 1 },
                { label = "Ngoài huyện, dưới 5 đại lý", points = 2 },
                { label = "Ngoài huyện, từ 5 đại lý", points = 3 },
                { label = "Quốc tế", points = 5 },
              } },
            { code = "B1.2", name = "Tổ chức phân phối", -- §3.2: max 5
              options = {
                { label = "Không có người phụ trách", points = 0 },
                { label = "Có người phụ trách", points = 1 },
                { label = "Có bộ phận phụ trách", points = 3 },
                { label = "Có bộ phận phụ trách và ứng dụng công nghệ thông tin trong quản lý",
                  points = 5 },
              } },
            { code = "B1.3", name = "Quảng bá sản phẩm", -- §3.2: max 5
              options = {
                { label = "Không có hoạt động quảng bá", points = 0 },
                { label = "Có một số hoạt động quảng bá", points = 1 },
                { label = "Nhiều hoạt động, có trang web, tham gia hội chợ trong tỉnh", points = 2 },
                { label = "Như trên và tham gia hội chợ ngoài tỉnh", points = 3 },
                { label = "Như trên và tham gia hội chợ quốc tế", points = 5 },
              } },
          },
        },
        {
          name = "Câu chuyện sản phẩm",
          criteria = {
            { code = "B2.1", name = "Câu chuyện về sản phẩm", -- §3.2: max 5
              options = {
                { label = "Không có hoặc không có tài liệu", points = 0 },
                { label = "Có tờ rơi", points = 1 },
                { label = "Có câu chuyện thành văn bản", points = 2 },
                { label = "Câu chuyện trên nhãn hoặc tờ rơi", points = 3 },
                { label = "Như trên và trên trang web", points = 4 },
                { label = "Như trên và có hình ảnh, đoạn phim", points = 5 },
              } },
            { code = "B2.2", name = "Tri thức, bản sắc địa phương", -- §3.2: max 3
              options = {
                { label = "Giống sản phẩm nơi khác", points = 0 },
                { label = "Có thay đổi một phần", points = 1 },
                { label = "Có câu chuyện riêng", points = 2 },
                { label = "Câu chuyện riêng thể hiện bản sắc địa phương", points = 3 },
              } },
            { code = "B2.3", name = "Cấu trúc câu chuyện", -- §3.2: max 2
              options = {
                { label = "Đơn giản", points = 1 },
                { label = "Có đủ các thành phần", points = 2 },
              } },
          },
        },
      },
    },
    {
      code = "C",
      name = "Phần C: Chất lượng sản phẩm",
      max = 40, -- OCOP.md §3.1, §3.2: C total 40
      groups = {
        {
          name = "Chất lượng cảm quan",
          criteria = {
            { code = "C1.1", name = "Độ đồng đều về kích thước, hình dạng", -- §3.2: max 2
              options = {
                { label = "Không đồng đều", points = 0 },
                { label = "Chấp nhận được", points = 1 },
                { label = "Đồng đều", points = 2 },
              } },
            { code = "C1.2", name = "Màu sắc, độ chín", -- §3.2: max 8
              options = {
                { label = "Không phù hợp", points = 0 },
                { label = "Chấp nhận được", points = 1 },
                { label = "Khá phù hợp", points = 3 },
                { label = "Phù hợp", points = 5 },
                { label = "Rất phù hợp", points = 8 },
              } },
            { code = "C1.3", name = "Mùi, vị", -- §3.2: max 3
              options = {
                { label = "Kém", points = 0 },
                { label = "Trung bình", points = 1 },
                { label = "Khá", points = 2 },
                { label = "Tốt", points = 3 },
              } },
            { code = "C1.4", name = "Độ nguyên vẹn, sạch sẽ", -- §3.2: max 3, levels unlabelled
              note = "OCOP.md §3.2 chỉ ghi các mức 0 · 1 · 2 · 3, không có lời mô tả.",
              options = {
                { label = "Mức 0", points = 0 },
                { label = "Mức 1", points = 1 },
                { label = "Mức 2", points = 2 },
                { label = "Mức 3", points = 3 },
              } },
            { code = "C1.5", name = "Cấu trúc, cách sắp xếp", -- §3.2: max 2
              options = {
                { label = "Kém", points = 0 },
                { label = "Trung bình", points = 1 },
                { label = "Tốt", points = 2 },
              } },
          },
        },
        {
          name = "Dinh dưỡng",
          criteria = {
            { code = "C2.1", name = "Chỉ tiêu dinh dưỡng trên phiếu kiểm nghiệm", -- §3.2: max 2
              options = {
                { label = "Không có", points = 0 },
                { label = "Có 1–2 chỉ tiêu", points = 1 },
                { label = "Có trên 2 chỉ tiêu", points = 2 },
              } },
          },
        },
        {
          name = "Tính độc đáo",
          criteria = {
            { code = "C3.1", name = "Tính độc đáo", -- §3.2: max 5
              options = {
                { label = "Bình thường", points = 0 },
                { label = "Khá độc đáo", points = 1 },
                { label = "Độc đáo", points = 3 },
                { label = "Rất độc đáo", points = 5 },
              } },
          },
        },
        {
          name = "Công bố chất lượng",
          criteria = {
            { code = "C4.1", name = "Hồ sơ tiêu chuẩn, công bố chất lượng", -- §3.2: max 2
              options = {
                { label = "Không có", points = 0 },
                { label = "Có tiêu chuẩn sản phẩm", points = 1 },
                { label = "Có tiêu chuẩn sản phẩm và hồ sơ công bố", points = 2 },
              } },
            { code = "C4.2", name = "Kiểm tra an toàn thực phẩm định kỳ", -- §3.2: max 3
              options = {
                { label = "Không kiểm tra", points = 0 },
                { label = "Kết quả không đạt", points = 1 },
                { label = "Đạt, nhưng chưa đầy đủ chỉ tiêu", points = 2 },
                { label = "Đạt, đầy đủ chỉ tiêu", points = 3 },
              } },
          },
        },
        {
          name = "Đảm bảo chất lượng",
          criteria = {
            { code = "C5.1", name = "Hệ thống đảm bảo chất lượng", -- §3.2: max 5
              options = {
                { label = "Không có", points = 0 },
                { label = "Có kế hoạch kiểm soát chất lượng", points = 1 },
                { label = "Có hồ sơ ghi chép theo lô", points = 2 },
                { label = "Có cả kế hoạch kiểm soát chất lượng và ghi chép theo lô", points = 3 },
                { label = "Chứng nhận VietGAP, GlobalGAP hoặc hữu cơ", points = 4 },
                { label = "Chứng nhận an toàn thực phẩm cho xuất khẩu", points = 5 },
              } },
          },
        },
        {
          name = "Cơ hội thị trường toàn cầu",
          criteria = {
            { code = "C6.1", name = "Khả năng tiếp cận thị trường", -- §3.2: max 5
              options = {
                { label = "Thị trường trong khu vực", points = 1 },
                { label = "Thị trường ngoài khu vực", points = 3 },
                { label = "Thị trường tiêu chuẩn cao (Hoa Kỳ, Nhật Bản, EU)", points = 5 },
              } },
          },
        },
      },
    },
  },

  -- OCOP.md §3.4 (QĐ 781, Mục 6 Phụ lục II; ⚠️ W14): minimum requirements of part C. The
  -- mapping of each requirement onto a criterion and a point level is this file's reading.
  gates = {
    { star = 2, criterion = "C4.1", min = 1, -- §3.4: C 2★ quality-declaration dossier
      note = "2 sao: có hồ sơ công bố chất lượng (hiểu là ít nhất có tiêu chuẩn sản phẩm).",
      source = "OCOP.md §3.4 (QĐ 781/QĐ-TTg, ⚠️ W14)" },
    { star = 3, criterion = "C4.1", min = 2, -- §3.4: C 3★ declared product standard per law
      note = "3 sao: tiêu chuẩn sản phẩm được công bố theo quy định.",
      source = "OCOP.md §3.4 (QĐ 781/QĐ-TTg, ⚠️ W14)" },
    { star = 3, criterion = "C5.1", min = 1, -- §3.4: C 3★ groups 1–4 internal control plan
      note = "3 sao (nhóm 1–4): có kế hoạch kiểm soát nội bộ gắn với truy xuất nguồn gốc "
        .. "(hiểu là ít nhất có kế hoạch kiểm soát chất lượng) ❓.",
      source = "OCOP.md §3.4 (QĐ 781/QĐ-TTg, ⚠️ W14)" },
    { star = 4, criterion = "C3.1", min = 3, -- §3.4: C 4★ uniqueness, regional character
      note = "4 sao: thêm tính độc đáo, chất lượng đặc trưng vùng miền (hiểu là mức \"Độc đáo\" "
        .. "trở lên); phần còn lại của yêu cầu bị cắt trong nguồn ❓.",
      source = "OCOP.md §3.4 (QĐ 781/QĐ-TTg, ⚠️ W14)" },
  },
}
