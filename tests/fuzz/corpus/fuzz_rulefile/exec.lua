-- hostile rule file for the tests: runs a shell command
os.execute("touch /tmp/ocop-pwned")
