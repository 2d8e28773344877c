-- hostile rule file for the tests: a province setting what only national.lua may
return {
  name = "Tỉnh vượt quyền",
  star_bands = { { stars = 1, min = 0 } },
}
