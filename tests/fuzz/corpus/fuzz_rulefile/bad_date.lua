-- hostile rule file for the tests: a date that does not exist
return {
  name = "Tỉnh sai ngày",
  years = { [2020] = { rounds = { province = {
    { open = "2020-02-30", close = "2020-03-10", source = "thử" },
  } } } },
}
