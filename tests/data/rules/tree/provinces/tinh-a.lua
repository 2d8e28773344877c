-- A province for the loader's unit tests.
return {
  name = "Tỉnh A",
  support = {
    packaging = { min_stars = 3, max_codes_per_type_per_org = 2, max_amount = lib.tien.trieu(30),
                  after_recognition = true, source = "thử" },
  },
  years = {
    [2020] = {
      rounds = { district = { { close = "2020-06-30", source = "thử" },
                              { open = "2020-09-01", close = "2020-11-10", source = "thử" } },
                 province = { { open = "2020-07-01", close = "2020-12-10", source = "thử" } } },
      targets = { { code = "products_entered", label = "Sản phẩm tham gia", min = 60, source = "thử" } },
      reports = { { what = "Báo cáo tháng", every = "month", day = 15, source = "thử" } },
      budget = { total = 300000000, source = "thử", lines = {
        { code = "1", label = "Một", amount = 100000000 }, { code = "2", label = "Hai", amount = 200000000, lines = {
          { code = "2a", label = "Hai a", amount = 50000000 }, { code = "2b", label = "Hai b", amount = 150000000 } } } } },
      support = {
        star_reward = { amounts = { first = { [3] = 10000000, [4] = 20000000 } }, source = "thử" },
      },
    },
    [2025] = {
      rounds = { province = { { open = "2025-08-01", close = "2025-12-31", source = "thử" } } },
    },
  },
  support_allowed = function(req)
    if req.amount == 12345 then return false, "Số tiền thử bị từ chối" end
    if req.product.code == "KIEM-TRA-RULE" then
      -- req.rule: a copy of the category's declared fields, made on first use; req's
      -- metatable is locked
      if getmetatable(req) ~= false then return false, "metatable của req không bị khoá" end
      local r = req.rule
      if req.category == "star_reward" then
        if not r or r.amounts.first[3] ~= 10000000 or req.rule ~= r then return false, "req.rule sai" end
        r.amounts.first[3] = 1 -- changes this call's copy only
      end
    end
    return true
  end,
}
