-- A district for the loader's unit tests.
return {
  name = "Huyện B",
  dossier_check_working_days = 3,
  uploads = { max_file_mb = 2, max_files = 3, max_total_mb = 5 },
  years = { [2020] = { rounds = { district = { { open = "2020-03-01", close = "2020-05-31", source = "thử huyện" } } } } },
  selftest = function(rules)
    assert(rules.years[2020].rounds.district[1].close == "2020-05-31")
  end,
}
