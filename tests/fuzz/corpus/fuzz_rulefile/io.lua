-- hostile rule file for the tests: opens a file
local f = io.open("/etc/passwd")
