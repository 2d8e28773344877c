-- hostile rule file for the tests: loads precompiled code
local f = load("\27Lua\84\0")
