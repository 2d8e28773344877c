#!/usr/bin/env bash
# tests/http/valgrind.t — every FastCGI program under valgrind's memcheck (OCOP_VALGRIND=1
# makes `ocop serve` start its workers so), driven through nginx over each program's
# main paths: log in, the start page and the rules page, producers, products and a
# dossier with an upload and a download, refused inputs, a council's score sheet saved
# and its result, support payments and the budget and targets pages with their
# exports. After a clean stop each worker's report must show no invalid access, no use
# of uninitialised memory and no leak (definitely or indirectly lost).
# The sanitizer build (SANITIZE=1) cannot run under valgrind; ASan covers it there.
source "$(dirname "$0")/lib.sh"
if [ -n "${SANITIZE:-}" ]; then
    echo "# valgrind runs on the plain build; the sanitizer build is checked by ASan"
    echo "ok 1 - not applicable under ASan"
    echo "1..1"
    trap - EXIT
    exit 0
fi
source "$(dirname "$0")/tree.sh"
tree_rules
trap 'rm -rf "$RULES_DIR"; finish' EXIT
export OCOP_VALGRIND=1
WORKERS=1 START_TRIES=600 start_server
tree_people
tree_user can-bo-tinh province tinh-a "Văn phòng OCOP tỉnh A"
tree_user tv1 council tinh-a "Thành viên 1"
as() { JAR="$HOME_DIR/jar-$1"; [ -f "$JAR" ] || login "$1" "mat-khau-thu-$1"; CSRF=$(session_csrf); }
n=$(pgrep -P "$SERVER_PID" -f valgrind | wc -l)
check_eq "the four programs run under valgrind" "$n" 4

# --- account
as can-bo-xa
check "a login under valgrind, with its session's CSRF token" test -n "$CSRF"
req "$BASE/app/"
check_eq "the start page" "$R_STATUS" 200
req "$BASE/app/rules/tinh-a"
check_eq "the rules page" "$R_STATUS" 200
req "$BASE/app/health"
check_eq "health" "$R_STATUS" 200
req -X POST -d username=x -d password=y "$BASE/app/login"
check_eq "a login without its form token is refused" "$R_STATUS" 403

# --- dossier
tree_dossier tinh-a/huyen-b/xa-c "Mật ong bạc hà"
check "a producer, a product and a dossier" test -n "$S" -a -n "$P" -a -n "$D"
{ printf '%%PDF-1.4\n%% valgrind\n'; head -c 20000 /dev/zero | tr '\0' x; printf '\n%%%%EOF\n'; } >"$HOME_DIR/a.pdf"
req -H "Accept: application/json" -F "csrf=$CSRF" -F "f_phieu_dang_ky=@$HOME_DIR/a.pdf" "$BASE/app/dossiers/$D/files"
check_eq "an upload" "$R_STATUS" 201
FID=$(jq '.files[0].id' <<<"$R_BODY")
get() { curl -s -o /dev/null -w '%{http_code}' -b "$JAR" "$BASE/app/$1"; }
check_eq "a download" "$(get "dossiers/$D/files/$FID")" 200
printf 'MZ\x90\x00 not a document' >"$HOME_DIR/v.pdf"
req -H "Accept: application/json" -F "csrf=$CSRF" -F "f_phieu_dang_ky=@$HOME_DIR/v.pdf" "$BASE/app/dossiers/$D/files"
check_eq "an executable named .pdf is refused" "$R_STATUS" 415
req "$BASE/app/dossiers?status=draft"
check_eq "the dossier list" "$R_STATUS" 200
req "$BASE/app/dossiers/$D"
check_eq "the dossier page" "$R_STATUS" 200

# --- score: a council on an accepted dossier, a draft, a submission, the result
sql "INSERT INTO council (id, area_code, level, year, name, created_at) VALUES (900, 'tinh-a/huyen-b', 'district', 2020, 'Hội đồng', 0);
     INSERT INTO council_member (council_id, user_id, role) SELECT 900, id, 'chair' FROM user WHERE username = 'tv1';
     UPDATE dossier SET status = 'accepted' WHERE id = $D;"
as tv1
req "$BASE/app/score"
check_eq "a member's dossiers" "$R_STATUS" 200
req "$BASE/app/dossiers/$D/score"
check_eq "the score sheet" "$R_STATUS" 200
req -X POST --data-urlencode "csrf=$CSRF" -d action=draft -d c_A1=1 "$BASE/app/dossiers/$D/score"
check_eq "a draft saved" "$R_STATUS" 303
req -X POST --data-urlencode "csrf=$CSRF" -d action=draft -d c_Z9=0 "$BASE/app/dossiers/$D/score"
check_eq "an unknown criterion is refused" "$R_STATUS" 422
req "$BASE/app/dossiers/$D/result"
check_eq "the result page" "$R_STATUS" 200
req "$BASE/app/dossiers/$D/result.csv"
check_eq "the result as CSV" "$R_STATUS" 200

# --- support
as can-bo-tinh
for path in "support?year=2020" "budget?year=2020" "targets?year=2020" "support.csv?year=2020" "budget.xlsx?year=2020"; do
    check_eq "/app/$path" "$(get "$path")" 200
done
req -X POST --data-urlencode "csrf=$CSRF" -d product_id="$P" -d category=packaging -d amount=-5 -d decision_no=x -d decision_date=2020-07-03 "$BASE/app/support"
check_eq "a negative amount is refused" "$R_STATUS" 422

# --- the reports, after a clean stop
stop_server
for f in "$HOME_DIR"/log/valgrind-*.log; do
    name=${f##*/valgrind-}
    name=${name%-*}
    summary=$(grep -h 'ERROR SUMMARY' "$f" | tail -1)
    check_has "valgrind: $name has no error" "$summary" "ERROR SUMMARY: 0 errors"
    grep -q 'ERROR SUMMARY: 0 errors' "$f" || grep -v '^==[0-9]*== *$' "$f" | head -60 | sed 's/^/#   /'
    check "valgrind: $name checked for leaks" grep -q 'LEAK SUMMARY\|All heap blocks were freed' "$f"
    check "valgrind: $name leaks nothing" bash -c "! grep -Eq '(definitely|indirectly) lost: [1-9]' '$f'"
done
check_eq "a report per program" "$(ls "$HOME_DIR"/log/valgrind-*.log | wc -l)" 4
