-- A tiny sheet for the loader's unit tests.
return {
  regime = "1048", code = "thu-tuoi", name = "Phiếu thử", source = "thử", illustrative = true,
  applies_to = { "1.1.1" },
  parts = {
    { code = "A", name = "Phần A", max = 40, groups = { { name = "Nhóm A", criteria = {
      { code = "A1", name = "Tiêu chí A1", options = { { label = "thấp", points = 0 }, { label = "cao", points = 40 } } } } } } },
    { code = "B", name = "Phần B", max = 25, groups = { { name = "Nhóm B", criteria = {
      { code = "B1", name = "Tiêu chí B1", options = { { label = "thấp", points = 5 }, { label = "cao", points = 25 } } } } } } },
    { code = "C", name = "Phần C", max = 35, groups = { { name = "Nhóm C", criteria = {
      { code = "C1", name = "Tiêu chí C1", options = { { label = "thấp", points = 0 }, { label = "cao", points = 35 } } } } } } },
  },
  gates = { { star = 4, criterion = "A1", min = 40 } },
}
