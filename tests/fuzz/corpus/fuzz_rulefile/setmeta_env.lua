-- hostile rule file for the tests: changes its environment's metatable
setmetatable(_ENV, { __index = function() return os end })
