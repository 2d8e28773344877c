-- hostile rule file for the tests: hides work in a finalizer
setmetatable({}, { __gc = function() while true do end end })
