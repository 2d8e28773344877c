#!/usr/bin/env bash
# tests/http/badinput.t — hostile requests through nginx and straight to a worker's
# socket: throttling, oversized and mis-sized bodies, malformed forms, header
# injection, long cookies, the login flood limit. Each gets its clear error and
# changes nothing stored.
source "$(dirname "$0")/lib.sh"
start_server

read -r USER PASS <<<"$(demo_user province ha-giang)"
audit_before=$(sql "SELECT count(*) FROM audit")

# --- a body larger than nginx allows on /app/ (64 KiB)
head -c 70000 /dev/zero | tr '\0' 'a' >"$HOME_DIR/big"
req -X POST --data-binary @"$HOME_DIR/big" "$BASE/app/login"
check_eq "a 70 KB form is refused with 413" "$R_STATUS" 413

# --- straight to the worker: CONTENT_LENGTH lies
fcgi() { # fcgi METHOD URI CONTENT_LENGTH < body → raw response
    env -i REQUEST_METHOD="$1" DOCUMENT_URI="$2" CONTENT_LENGTH="$3" \
        CONTENT_TYPE=application/x-www-form-urlencoded REMOTE_ADDR=127.0.0.1 \
        HTTP_ACCEPT=application/json cgi-fcgi -bind -connect "$HOME_DIR/run/account.sock"
}
out=$(printf 'username=a' | fcgi POST /app/login 100)
check_has "a body shorter than CONTENT_LENGTH is 400" "$out" "Status: 400"
check_has "… with a message that says so" "$out" "short_body"
out=$(printf 'username=a&password=b' | fcgi POST /app/login 5)
check_has "a body longer than CONTENT_LENGTH is 400" "$out" "long_body"
out=$(printf 'x' | fcgi POST /app/login abc)
check_has "a CONTENT_LENGTH that is not a number is 400" "$out" "bad_length"
out=$(printf 'x' | fcgi POST /app/login 99999999999999999999999)
check_has "an absurd CONTENT_LENGTH is 400" "$out" "bad_length"
out=$(head -c 70000 /dev/zero | tr '\0' a | fcgi POST /app/login 70000)
check_has "a form over the worker's cap is 413 even without nginx" "$out" "Status: 413"
out=$(printf '' | env -i REQUEST_METHOD=POST DOCUMENT_URI=/app/login HTTP_ACCEPT=application/json \
    cgi-fcgi -bind -connect "$HOME_DIR/run/account.sock")
check_has "a POST without CONTENT_LENGTH is 411" "$out" "Status: 411"

# --- malformed forms
req "$BASE/app/login"; c=$(form_csrf)
req -X POST --data "username=%zz&password=x&csrf=$c" "$BASE/app/login"
check_eq "a bad %-escape is 400" "$R_STATUS" 400
req -X POST --data "username=a%00b&password=x&csrf=$c" "$BASE/app/login"
check_eq "an encoded NUL is 400" "$R_STATUS" 400
req -X POST --data "username=$USER&username=other&password=x&csrf=$c" "$BASE/app/login"
check_eq "a repeated field is 422" "$R_STATUS" 422
check_has "… naming the repetition" "$R_BODY" "bị gửi nhiều lần"
req -X POST --data-urlencode "username=bad name<>" --data "password=x&csrf=$c" "$BASE/app/login"
check_eq "a username with forbidden characters is 422" "$R_STATUS" 422
req -X POST -H 'Content-Type: text/plain' --data "hello" "$BASE/app/login"
check_eq "an unsupported content type is 415" "$R_STATUS" 415
req -X POST -H 'Content-Type: application/json' --data '{"username": ["x"]}' "$BASE/app/login"
check_eq "a JSON body with a nested value is 400" "$R_STATUS" 400
many=$(seq 1 300 | awk 'BEGIN { printf "{" } { printf "%s\"f%d\": %d", (NR > 1 ? ", " : ""), $1, $1 } END { printf "}" }')
req -X POST -H 'Content-Type: application/json' --data "$many" "$BASE/app/login"
check_eq "a JSON body of 300 fields is 400" "$R_STATUS" 400
req -X POST -H 'Content-Type: application/json' --data '{"a": 1, "a": 2}' "$BASE/app/login"
check_eq "a JSON body with a key twice is 400" "$R_STATUS" 400
req -X GET --data "a=b" "$BASE/app/health"
check_eq "a GET with a body is 400" "$R_STATUS" 400

# --- header injection through the redirect target
req "$BASE/app/login"; c=$(form_csrf)
req -X POST --data-urlencode "username=$USER" --data-urlencode "password=$PASS" --data-urlencode "csrf=$c" \
    --data "next=%2Fapp%2F%0D%0ASet-Cookie%3A%20evil%3D1" "$BASE/app/login"
check_eq "login with a CRLF in next still answers 303" "$R_STATUS" 303
check_lacks "no injected header" "$R_HEADERS" "evil=1"
check_has "the redirect falls back to /app/" "$R_HEADERS" "Location: /app/"
req "$BASE/app/login"; c=$(form_csrf)
req -X POST --data-urlencode "username=$USER" --data-urlencode "password=$PASS" --data-urlencode "csrf=$c" \
    --data-urlencode "next=//evil.example/" "$BASE/app/login"
check_has "an off-site next is ignored" "$R_HEADERS" "Location: /app/"

# --- long cookies
long=$(head -c 5000 /dev/zero | tr '\0' a)
req_nojar -H "Cookie: ocop_session=$long" "$BASE/app/"
check_eq "a 5 KB cookie is 400" "$R_STATUS" 400
check_has "… saying the cookie is too long" "$R_BODY" "Cookie quá dài"
long=$(head -c 20000 /dev/zero | tr '\0' a)
req_nojar -H "Cookie: ocop_session=$long" "$BASE/app/"
check_eq "a 20 KB cookie is refused by nginx with 400" "$R_STATUS" 400
req_nojar -H 'Cookie: ocop_session="abc' "$BASE/app/"
check_eq "a malformed cookie header is 400" "$R_STATUS" 400
req_nojar -H 'Accept: application/json' -b "ocop_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" "$BASE/app/"
check_eq "a forged session token is 401" "$R_STATUS" 401

# --- throttling per account: 5 failures, then even the right password is refused
rm -f "$JAR"
for i in 1 2 3 4 5; do login "$USER" "wrong-$i-password"; done
check_eq "the 5th wrong password is still 401" "$R_STATUS" 401
login "$USER" "$PASS"
check_eq "after 5 failures the account is throttled (429)" "$R_STATUS" 429
check_has "… with a Vietnamese explanation" "$R_BODY" "Đăng nhập sai quá nhiều lần"
check_has "… and Retry-After" "$R_HEADERS" "Retry-After:"
check_eq "throttled attempts are audited" "$(sql "SELECT count(*) FROM audit WHERE action='login_throttled'")" 1
read -r U2 P2 <<<"$(demo_user district)"
login "$U2" "$P2"
check_eq "another account from the same address still logs in" "$R_STATUS" 303

check_eq "no write changed anything but the audit, failures and sessions" \
    "$(sql "SELECT count(*) FROM user WHERE disabled != 0")" 0

# --- a second supervisor on the same state folder says so
out=$("$OCOP" serve --port "$(free_port)" 2>&1); rc=$?
check_eq "a second ocop serve exits with 1" "$rc" 1
check_has "… saying ocop is already running" "$out" "already running"

# --- nginx limits login posts per address
codes=$(for i in $(seq 1 60); do
    curl -s -o /dev/null -w '%{http_code}\n' -X POST --data "username=x&password=y&csrf=z" "$BASE/app/login"
done | sort | uniq -c)
check_has "a flood of login posts meets nginx's limit (429)" "$codes" " 429"
