-- hostile rule file for the tests: dumps a function to bytecode
local b = string.dump(function() end)
