-- hostile rule file for the tests: a wrong type in a table
return {
  name = "Tỉnh sai kiểu",
  samples = "năm",
}
