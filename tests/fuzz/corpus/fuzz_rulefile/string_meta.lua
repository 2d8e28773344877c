-- hostile rule file for the tests: changes the string metatable
getmetatable("").__index = { upper = function() return "x" end }
