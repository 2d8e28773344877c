-- hostile rule file for the tests: never ends
while true do end
