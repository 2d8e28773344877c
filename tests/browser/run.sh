#!/usr/bin/env bash
# tests/browser/run.sh TEST.mjs — starts the real server (as the HTTP tests do), installs
# playwright-core from npm when missing, and runs one browser test against Debian's
# chromium. The test prints TAP; screenshots go to tests/artifacts/.
set -u
here=$(cd "$(dirname "$0")" && pwd)
if [ ! -d "$here/node_modules/playwright-core" ]; then
    (cd "$here" && npm ci --no-audit --no-fund --silent) || { echo "not ok - npm ci failed"; exit 1; }
fi
source "$here/../http/lib.sh"
source "$here/../http/tree.sh"
trap - EXIT
# A test named *.tree.test.mjs runs on the small rules tree with its officials.
case "$1" in *.tree.test.mjs) tree_rules ;; esac
start_server
case "$1" in *.tree.test.mjs) tree_people ;; esac
# A test may bring its own data: NAME.setup.sh next to NAME.test.mjs.
if [ -f "${1%.test.mjs}.setup.sh" ]; then source "${1%.test.mjs}.setup.sh"; fi
export BASE DEMO_USERS="$ROOT/db/demo-users.tsv" ARTIFACTS="$ROOT/tests/artifacts"
node "$1"
rc=$?
stop_server
rm -rf "$HOME_DIR" "${RULES_DIR:-}"
exit $rc
