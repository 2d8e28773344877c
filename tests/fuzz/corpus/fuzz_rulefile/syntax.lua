-- hostile rule file for the tests: has a syntax error
return { name = "x" ,, }
