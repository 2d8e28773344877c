-- A small national rules file for the loader's unit tests (not the real rules: see lua/).
return {
  name = "Toàn quốc (thử)",
  regimes = {
    { code = "1048", name = "QĐ 1048", decision = "1048/QĐ-TTg", from = "2019-08-21" },
    { code = "148", name = "QĐ 148", decision = "148/QĐ-TTg", from = "2023-02-24" },
    { code = "148+1489", name = "QĐ 148 sửa bởi 1489", decision = "1489/QĐ-TTg", from = "2025-07-06" },
  },
  star_bands = {
    { stars = 1, min = 0 }, { stars = 2, min = 30 }, { stars = 3, min = 50 },
    { stars = 4, min = 70 }, { stars = 5, min = 90 },
  },
  parts = { ["1048"] = { A = 40, B = 25, C = 35 }, ["148"] = { A = 40, B = 25, C = 35 } },
  routing = {
    ["1048"] = { district = { scores = true, forward_min = 50 },
                 province = { scores = true, certify_min = 3, certify_max = 4, forward_min = 90 },
                 central = { scores = true, certify_min = 5, certify_max = 5 } },
    ["148"] = { district = { scores = true, certify_min = 3, certify_max = 3, forward_min = 70 },
                province = { scores = true, certify_min = 4, certify_max = 4, forward_min = 90 },
                central = { scores = true, certify_min = 5, certify_max = 5 } },
    ["148+1489"] = { commune = { assesses = true },
                     province = { scores = true, certify_min = 3, certify_max = 4, forward_min = 90 },
                     central = { scores = true, certify_min = 5, certify_max = 5 } },
  },
  admin = { district_level_ends = "2025-07-01" },
  groups = {
    ["1048"] = { { code = "1", name = "Thực phẩm", children = {
                   { code = "1.1", name = "Nông sản tươi sống", children = {
                     { code = "1.1.1", name = "Rau, củ, quả, hạt tươi" } } } } } },
    ["148"] = { { code = "I", name = "Thực phẩm", children = {
                  { code = "I.1", name = "Sản phẩm từ rau, quả, hạt tươi" } } } },
  },
  certificate = { min_stars = 3, validity_months = 36 },
  council = { quorum_pct = 75, spread_max = 10, chair_required = true },
  samples = 5,
  uploads = { max_file_mb = 110, max_files = 20, max_total_mb = 200 },
  documents = {
    phieu_dang_ky = { name = "Phiếu đăng ký", mandatory = true, order = 1 },
    phuong_an = { name = "Phương án sản xuất", mandatory = true, order = 2, regimes = { "1048" } },
    bao_cao_xa = { name = "Báo cáo đánh giá của xã", mandatory = true, order = 3,
                   regimes = { "148+1489" }, levels = { "province" } },
    anh = { name = "Ảnh sản phẩm", order = 4, groups = { "1" } },
  },
  support_allowed = function(req) return true end,
  selftest = function(rules)
    if rules.certificate.validity_months ~= 36 then return false, "36 tháng" end
  end,
}
