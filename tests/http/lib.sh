# tests/http/lib.sh — shared by the HTTP tests (*.t, bash): starts the real thing
# (`bin/ocop serve`: nginx plus the FastCGI workers) on a free loopback port with a
# fresh state folder holding the demo seed, and prints TAP. Source it, then call
# start_server; the server is stopped and the folder removed on exit.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
OCOP="${OCOP_BIN:-$ROOT/bin}/ocop"
export OCOP_SHARE="$ROOT"
T_N=0
T_FAIL=0
SERVER_PID=
HOME_DIR=
PORT=
BASE=
JAR=

ok() { T_N=$((T_N + 1)); echo "ok $T_N - $1"; }
not_ok() {
    T_N=$((T_N + 1)); T_FAIL=$((T_FAIL + 1)); echo "not ok $T_N - $1"
    [ -n "${2:-}" ] && printf '%s\n' "$2" | head -20 | sed 's/^/#   /'
}
# check NAME COMMAND…: ok when the command succeeds.
check() { local name=$1; shift; if "$@"; then ok "$name"; else not_ok "$name"; fi; }
# check_eq NAME GOT WANT
check_eq() {
    if [ "$2" == "$3" ]; then ok "$1"; else not_ok "$1" "got: $2
want: $3"; fi
}
# check_has NAME HAYSTACK NEEDLE
check_has() {
    if [[ "$2" == *"$3"* ]]; then ok "$1"; else not_ok "$1" "missing: $3
in: ${2:0:600}"; fi
}
check_lacks() {
    if [[ "$2" != *"$3"* ]]; then ok "$1"; else not_ok "$1" "unexpected: $3"; fi
}

free_port() {
    local p
    for _ in $(seq 1 50); do
        p=$((20000 + RANDOM % 12000)) # under Linux's ephemeral ports (32768-): none of them is a client's
        if ! (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null; then echo $p; return; fi
    done
    return 1
}

# demo_user ROLE [AREA-PREFIX] → "username password" of the first demo user with that role.
demo_user() {
    awk -F'\t' -v r="$1" -v a="${2:-}" '!/^#/ && $2 == r && index($3, a) == 1 { print $1, $4; exit }' \
        "$ROOT/db/demo-users.tsv"
}

start_server() {
    HOME_DIR=${STATE_DIR:-$(mktemp -d /tmp/ocop-test.XXXXXX)} # STATE_DIR: an empty folder of the test's
    chmod 755 "$HOME_DIR"
    export OCOP_HOME="$HOME_DIR"
    "$OCOP" init >/dev/null && "$OCOP" seed --demo >/dev/null || { echo "Bail out! seed failed"; exit 1; }
    JAR="$HOME_DIR/cookies"
    for _ in 1 2 3 4 5; do # another program may take the free port first: pick again
        PORT=$(free_port)
        BASE="http://127.0.0.1:$PORT"
        "$OCOP" serve --port "$PORT" --workers "${WORKERS:-2}" >"$HOME_DIR/serve.out" 2>&1 &
        SERVER_PID=$!
        for _ in $(seq 1 "${START_TRIES:-100}"); do # tenths of a second
            if curl -s -o /dev/null "$BASE/app/health"; then return 0; fi
            kill -0 "$SERVER_PID" 2>/dev/null || break
            sleep 0.1
        done
        grep -q 'already in use' "$HOME_DIR/serve.out" || break
        wait "$SERVER_PID" 2>/dev/null
    done
    echo "Bail out! server did not start"; cat "$HOME_DIR/serve.out" "$HOME_DIR"/log/*.log 2>/dev/null | tail -30
    exit 1
}

stop_server() {
    if [ -n "$SERVER_PID" ]; then
        kill -TERM "$SERVER_PID" 2>/dev/null
        wait "$SERVER_PID" 2>/dev/null
        SERVER_PID=
    fi
}

finish() {
    stop_server
    if [ -n "$HOME_DIR" ]; then
        # Under SANITIZE=1 the workers report leaks and undefined behaviour in their logs.
        san=$(grep -h -A40 -E 'ERROR: (Address|Leak)Sanitizer|LeakSanitizer has encountered a fatal error|runtime error:' "$HOME_DIR"/log/*.log 2>/dev/null)
        if [ -n "$san" ]; then not_ok "no sanitizer report in the workers' logs" "$san"; else ok "no sanitizer report in the workers' logs"; fi
    fi
    [ -n "$HOME_DIR" ] && rm -rf "$HOME_DIR"
    echo "1..$T_N"
    [ "$T_FAIL" -eq 0 ]
}
trap 'finish' EXIT

# req ARGS… → runs curl with the cookie jar; prints "STATUS" then headers then body to files.
# Sets R_STATUS, R_HEADERS, R_BODY.
req() {
    local h b
    h=$(mktemp "$HOME_DIR/h.XXXXXX"); b=$(mktemp "$HOME_DIR/b.XXXXXX")
    R_STATUS=$(curl -s -o "$b" -D "$h" -w '%{http_code}' -b "$JAR" -c "$JAR" "$@")
    R_HEADERS=$(tr -d '\r' <"$h")
    R_BODY=$(cat "$b")
    rm -f "$h" "$b"
}

# req_nojar ARGS… — like req, without the cookie jar (for hand-made Cookie headers).
req_nojar() {
    local saved=$JAR
    JAR=/dev/null
    req "$@"
    JAR=$saved
}

# The CSRF token of the page's main form (the last hidden csrf field: the header's
# logout form comes first when someone is signed in).
form_csrf() { sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' <<<"$R_BODY" | tail -1; }

# login USER PASS: fetches the form, posts it; leaves the response in R_*.
login() {
    req "$BASE/app/login"
    local c; c=$(form_csrf)
    req -X POST --data-urlencode "username=$1" --data-urlencode "password=$2" \
        --data-urlencode "csrf=$c" "$BASE/app/login"
}

# The session's CSRF token, from the JSON of the start page.
session_csrf() {
    req -H 'Accept: application/json' "$BASE/app/"
    sed -n 's/.*"csrf": *"\([0-9a-f]*\)".*/\1/p' <<<"$R_BODY"
}

sql() { sqlite3 "$HOME_DIR/ocop.db" "$@"; }
