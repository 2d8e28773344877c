-- hostile rule file for the tests: never ends, inside pcall
while true do pcall(function() while true do end end) end
