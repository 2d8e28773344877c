-- hostile rule file for the tests: recurses without bound
local function f(n) return 1 + f(n + 1) end return f(1)
