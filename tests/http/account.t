#!/usr/bin/env bash
# tests/http/account.t — logging in and out through nginx and the real account
# program: success, failure, throttling, logout, CSRF, JSON negotiation, 404/405,
# and the audit rows each step leaves.
source "$(dirname "$0")/lib.sh"
start_server

read -r USER PASS <<<"$(demo_user province ha-giang)"
check "a demo province user exists for ha-giang" test -n "$USER"

# --- the login form
req "$BASE/app/login"
check_eq "GET /app/login is 200" "$R_STATUS" 200
check_has "login page is Vietnamese HTML" "$R_BODY" '<html lang="vi">'
check_has "login form posts username, password and csrf" "$R_BODY" 'name="password"'
check_has "login CSRF cookie is HttpOnly and SameSite=Strict" "$R_HEADERS" "ocop_login="
check_has "security headers: CSP" "$R_HEADERS" "Content-Security-Policy: default-src 'self'"
check_has "security headers: nosniff" "$R_HEADERS" "X-Content-Type-Options: nosniff"
check_has "security headers: frame-ancestors" "$R_HEADERS" "frame-ancestors 'none'"
check_has "security headers: Referrer-Policy" "$R_HEADERS" "Referrer-Policy: same-origin"

# --- a wrong password
login "$USER" "wrong-password-123"
check_eq "wrong password is 401" "$R_STATUS" 401
check_has "wrong password says so in Vietnamese" "$R_BODY" "Tên đăng nhập hoặc mật khẩu không đúng"
check_lacks "no session cookie after a failure" "$R_HEADERS" "ocop_session="
check_eq "the failure is audited" "$(sql "SELECT count(*) FROM audit WHERE action='login_failed' AND object_id='$USER'")" 1

# --- an unknown user gets the same answer
login "nobody-here" "whatever-123"
check_eq "unknown user is 401 too" "$R_STATUS" 401

# --- success
login "$USER" "$PASS"
check_eq "right password answers 303" "$R_STATUS" 303
check_has "303 goes to /app/" "$R_HEADERS" "Location: /app/"
cookie=$(grep -i '^Set-Cookie: ocop_session=' <<<"$R_HEADERS")
check_has "session cookie is HttpOnly" "$cookie" "HttpOnly"
check_has "session cookie is SameSite=Strict" "$cookie" "SameSite=Strict"
check_lacks "no Secure flag over plain http" "$cookie" "Secure"
token=$(sed -n 's/.*ocop_session=\([^;]*\);.*/\1/p' <<<"$cookie")
check_eq "session token is 43 base64url chars (256 bits)" "${#token}" 43
check_eq "only the token's hash is stored" \
    "$(sql "SELECT count(*) FROM session WHERE token_hash = '$token'")" 0
check_eq "the login is audited" "$(sql "SELECT count(*) FROM audit WHERE action='login'")" 1

req "$BASE/app/"
check_eq "start page is 200 when logged in" "$R_STATUS" 200
check_has "start page names the area" "$R_BODY" "ha-giang"
check_has "start page lists what waits" "$R_BODY" "Việc đang chờ"

# --- a new token at each login (no fixation)
login "$USER" "$PASS"
cookie2=$(grep -i '^Set-Cookie: ocop_session=' <<<"$R_HEADERS" | sed -n 's/.*ocop_session=\([^;]*\);.*/\1/p')
check "a second login issues a new token" test -n "$cookie2" -a "$cookie2" != "$token"
check_eq "the old session was ended by the new login" \
    "$(curl -s -o /dev/null -w '%{http_code}' -H 'Accept: application/json' -b "ocop_session=$token" "$BASE/app/")" 401

# --- JSON negotiation
req -H 'Accept: application/json' "$BASE/app/"
check_eq "JSON start page is 200" "$R_STATUS" 200
check_has "JSON content type" "$R_HEADERS" "Content-Type: application/json"
check_has "JSON body names the user" "$R_BODY" "\"username\":\"$USER\""
req -H 'Accept: application/json' "$BASE/app/no-such-page"
check_eq "JSON 404" "$R_STATUS" 404
check_has "JSON error object" "$R_BODY" '"error":{'

# --- 404 and 405
req "$BASE/app/no-such-page"
check_eq "unknown page is 404" "$R_STATUS" 404
check_has "404 message in Vietnamese" "$R_BODY" "Không tìm thấy trang yêu cầu"
req -X POST --data "x=1" "$BASE/app/health"
check_eq "POST to a GET-only page is 405" "$R_STATUS" 405
check_has "405 names the allowed methods" "$R_HEADERS" "Allow: GET, HEAD"
req -X DELETE "$BASE/app/"
check_eq "an unsupported method is 405" "$R_STATUS" 405

# --- CSRF on writes
csrf=$(session_csrf)
check_eq "session CSRF token is 64 hex chars" "${#csrf}" 64
req -X POST --data "" "$BASE/app/logout"
check_eq "logout without a CSRF token is 403" "$R_STATUS" 403
check_has "CSRF refusal says why" "$R_BODY" "CSRF"
req -X POST --data "csrf=$(printf '0%.0s' $(seq 64))" "$BASE/app/logout"
check_eq "logout with a wrong CSRF token is 403" "$R_STATUS" 403
req -H 'Accept: application/json' "$BASE/app/"
check_eq "still logged in after refused logouts" "$R_STATUS" 200

# --- logout
req -X POST --data "csrf=$csrf" "$BASE/app/logout"
check_eq "logout answers 303" "$R_STATUS" 303
check_has "logout goes to the login page" "$R_HEADERS" "Location: /app/login"
check_eq "the logout is audited" "$(sql "SELECT count(*) FROM audit WHERE action='logout'")" 1
check_eq "the session row is gone" "$(sql "SELECT count(*) FROM session")" 0
req "$BASE/app/"
check_eq "after logout the start page redirects to login" "$R_STATUS" 303
check_has "redirect keeps where to come back" "$R_HEADERS" "Location: /app/login?next=/app/"
req -H 'Accept: application/json' "$BASE/app/"
check_eq "after logout JSON clients get 401" "$R_STATUS" 401

# --- login CSRF
req -X POST --data-urlencode "username=$USER" --data-urlencode "password=$PASS" "$BASE/app/login"
check_eq "login without a CSRF token is 403" "$R_STATUS" 403
req "$BASE/app/login"
req -X POST --data-urlencode "username=$USER" --data-urlencode "password=$PASS" \
    --data-urlencode "csrf=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" "$BASE/app/login"
check_eq "login with a CSRF token that is not the cookie's is 403" "$R_STATUS" 403

# --- the audit chain is intact
check_eq "every audit row links to the previous one" \
    "$(sql "SELECT count(*) FROM audit a JOIN audit b ON b.id = (SELECT max(id) FROM audit WHERE id < a.id) WHERE a.prev_hash != b.hash")" 0

# --- health
req "$BASE/app/health"
check_eq "health is 200" "$R_STATUS" 200
check_has "health says ok" "$R_BODY" '"status":"ok"'

# --- the audit trail verifies, and an edited row is found
out=$("$OCOP" audit verify); rc=$?
check_eq "ocop audit verify passes on the untouched trail" "$rc" 0
# a row deleted by hand, in a copy of the state folder
COPY="$HOME_DIR/copy"
mkdir -p "$COPY"
sqlite3 "$HOME_DIR/ocop.db" ".backup '$COPY/ocop.db'"
sqlite3 "$COPY/ocop.db" "DELETE FROM audit WHERE id = (SELECT id FROM audit ORDER BY id LIMIT 1 OFFSET 1)"
out=$(OCOP_HOME="$COPY" "$OCOP" audit verify 2>&1); rc=$?
check_eq "ocop audit verify fails after a row is deleted by hand" "$rc" 1
check_has "… and says where" "$out" "broken at row"
sql "UPDATE audit SET action = 'login' WHERE action = 'logout'"
out=$("$OCOP" audit verify); rc=$?
check_eq "ocop audit verify fails after a row is edited by hand" "$rc" 1
check_has "… and names the row" "$out" "broken at row"
