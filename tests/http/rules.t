#!/usr/bin/env bash
# tests/http/rules.t — the rules through the real server: the /app/rules page and its
# JSON, health, a rule edited while the server runs (in force on the next requests,
# every response wholly old or wholly new, none failing), and broken or hostile edits
# that leave the last good rules serving. Uses the small tree of tests/data/rules.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/tree.sh"
tree_rules
export OCOP_RULES_INTERVAL_MS=1
trap 'rm -rf "$RULES_DIR"; finish' EXIT
start_server
P="$RULES_DIR/provinces/tinh-a.lua"

# --- officials only
req "$BASE/app/rules/tinh-a"
check_eq "the rules page needs a session" "$R_STATUS" 303
read -r USER PASS <<<"$(demo_user province ha-giang)"
login "$USER" "$PASS"

req "$BASE/app/rules/tinh-a"
check_eq "GET /app/rules/tinh-a is 200" "$R_STATUS" 200
check_has "names the province" "$R_BODY" "Quy tắc đang áp dụng: Tỉnh A"
check_has "shows the round's closing day" "$R_BODY" "2020-11-10"
check_has "shows the rule file" "$R_BODY" "provinces/tinh-a.lua"
check_has "shows the budget total with separators" "$R_BODY" ">300.000.000<"
check_has "shows the support cap" "$R_BODY" "30.000.000"
check_has "shows the checklist" "$R_BODY" "Phương án sản xuất"
check_has "says the sheet is illustrative" "$R_BODY" "minh hoạ — không phải phiếu chính thức"
check_has "links the district" "$R_BODY" 'href="/app/rules/tinh-a/huyen-b"'
check_has "names each level in Vietnamese; a level that certifies nothing shows a dash, not 0–0★" \
    "$R_BODY" "<td>huyện</td>
<td>—</td><td>50 điểm</td>"
check_has "… and one that forwards nothing, not 0 points" "$R_BODY" "<td>trung ương</td>
<td>5–5★</td><td>—</td>"
check_lacks "no 0–0★ anywhere" "$R_BODY" "0–0★"
check_has "the checklist's levels by name" "$R_BODY" "<td>xã huyện tỉnh trung ương </td>"

req "$BASE/app/rules/tinh-a/huyen-b?year=2020"
check_eq "a district's page is 200" "$R_STATUS" 200
check_has "the district's own round" "$R_BODY" "2020-05-31"
check_has "the district's check period" "$R_BODY" "3 ngày làm việc"

req -H 'Accept: application/json' "$BASE/app/rules/tinh-a?year=2020"
check_eq "JSON: district round 2 closes 2020-11-10" \
    "$(jq -r '.years[0].rounds.district[1].close' <<<"$R_BODY")" 2020-11-10
check_eq "JSON: only the year asked for" "$(jq '.years | length' <<<"$R_BODY")" 1

# --- bad addresses and parameters
req "$BASE/app/rules/tinh-x"
check_eq "an unknown province is 404" "$R_STATUS" 404
req "$BASE/app/rules/..%2F..%2Fetc"
check_eq "a path in the code is 404" "$R_STATUS" 404
req "$BASE/app/rules/Tinh-A"
check_eq "a code with capitals is 404" "$R_STATUS" 404
req "$BASE/app/rules/tinh-a?year=abc"
check_eq "a year that is not a number is 400" "$R_STATUS" 400
check_has "and says why" "$R_BODY" "Năm phải là một số"
req "$BASE/app/rules/tinh-a?year=1999"
check_eq "a year out of range is 400" "$R_STATUS" 400

# --- health
req "$BASE/app/health"
check_eq "health is 200" "$R_STATUS" 200
check_eq "health reports the province's rules ok" "$(jq -r '.rules["tinh-a"]' <<<"$R_BODY")" ok

# --- an edit while requests run: each response is old or new, never a mix, never an error
fetch_pair() {
    curl -s -b "$JAR" -H 'Accept: application/json' -w '\t%{http_code}\n' "$BASE/app/rules/tinh-a?year=2020" |
        jq -r -R 'split("\t") as [$b, $s] | ($b | fromjson? // {}) as $j |
            "\($s) \($j.years[0].targets[0].min) \($j.years[0].rounds.district[1].close)"'
}
( for _ in $(seq 1 120); do fetch_pair; done >"$HOME_DIR/under-load" ) &
LOADER=$!
sleep 0.3
sed -e 's/min = 60/min = 70/' -e 's/close = "2020-11-10"/close = "2020-11-20"/' "$P" >"$P.new"
mv "$P.new" "$P"
wait "$LOADER"
check_eq "120 responses under load" "$(wc -l <"$HOME_DIR/under-load")" 120
check_eq "every response is 200 with the old or the new rules, never a mix" \
    "$(grep -cvE '^200 (60 2020-11-10|70 2020-11-20)$' "$HOME_DIR/under-load")" 0
check "some responses already had the old rules" grep -q '^200 60 2020-11-10$' "$HOME_DIR/under-load"
check_eq "the last response has the new rules" "$(tail -1 "$HOME_DIR/under-load")" "200 70 2020-11-20"

# --- a broken edit: the old rules keep serving; officials of the province see why
sed -i 's/min = 70/min = "bảy mươi"/' "$P"
req -H 'Accept: application/json' "$BASE/app/rules/tinh-a?year=2020"
check_eq "after a broken edit the page still answers" "$R_STATUS" 200
check_eq "with the last good rules" "$(jq '.years[0].targets[0].min' <<<"$R_BODY")" 70
check_eq "marked stale" "$(jq '.stale' <<<"$R_BODY")" true
check_has "the province office sees file:line" "$(jq -r '.last_error' <<<"$R_BODY")" \
    "provinces/tinh-a.lua:13: years[2020].targets[1].min: expected a whole number"
req "$BASE/app/health"
check_eq "health says stale, still 200" "$(jq -r '.rules["tinh-a"]' <<<"$R_BODY")/$R_STATUS" stale/200
check_lacks "health names no file" "$R_BODY" "tinh-a.lua"
check "the worker logged the problem with file:line" \
    grep -q 'provinces/tinh-a.lua:13: years\[2020\].targets\[1\].min' "$HOME_DIR"/log/*.log

# --- a hostile edit: refused, nothing run
cp "$ROOT/tests/data/rules/hostile/exec.lua" "$P"
req -H 'Accept: application/json' "$BASE/app/rules/tinh-a?year=2020"
check_eq "after a hostile edit the old rules still serve" "$(jq '.years[0].targets[0].min' <<<"$R_BODY")" 70
check "os.execute never ran" test ! -e /tmp/ocop-pwned
cp "$ROOT/tests/data/rules/hostile/loop.lua" "$P"
req -H 'Accept: application/json' "$BASE/app/rules/tinh-a?year=2020"
check_eq "an endless loop in a rule file: still answering with the old rules" \
    "$(jq '.years[0].targets[0].min' <<<"$R_BODY")/$R_STATUS" 70/200

# --- the fix is in force on the next request
cp "$ROOT/tests/data/rules/tree/provinces/tinh-a.lua" "$P"
req -H 'Accept: application/json' "$BASE/app/rules/tinh-a?year=2020"
check_eq "the repaired file is in force" "$(jq '.years[0].targets[0].min' <<<"$R_BODY")" 60
check_eq "and no longer stale" "$(jq '.stale' <<<"$R_BODY")" false
