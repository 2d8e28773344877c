-- A helper library for the loader's unit tests.
local M = {}
function M.trieu(n) return n * 1000000 end
return M
