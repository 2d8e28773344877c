-- hostile rule file for the tests: allocates without bound
local s = string.rep("x", 1 << 40)
