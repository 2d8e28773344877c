-- hostile rule file for the tests: a field the schema does not know
return {
  name = "Tỉnh lạ",
  thresholds = { district = 50 },
}
