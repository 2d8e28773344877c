-- hostile rule file for the tests: a wrong typee
return {
  name = "Tá»‰nh saiœ kiá»ÿÿ_` Âamples =,
}
