-- hostile rule file for the tests: loads a module
local os2 = require("os")
