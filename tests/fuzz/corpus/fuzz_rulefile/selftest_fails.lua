-- hostile rule file for the tests: its own selftest fails
return {
  name = "Tỉnh tự kiểm lỗi",
  selftest = function(rules)
    error("ngân sách không khớp")
  end,
}
