-- hostile rule file for the tests: backtracks without bound
return string.rep("a", 200000):find(".-.-.-b")
