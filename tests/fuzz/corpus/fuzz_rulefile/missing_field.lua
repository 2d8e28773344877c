-- hostile rule file for the tests: a required field missing
return {
  name = "Tỉnh thiếu trường",
  years = {
    [2020] = {
      rounds = { district = { { open = "2020-03-01", source = "thử" } } },
    },
  },
}
