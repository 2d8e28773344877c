#!/usr/bin/env bash
# tests/http/cli.t — the operator's account commands against a running server:
# `ocop user add` (password on standard input; bad roles, areas, names and short
# passwords refused, nothing written), `ocop user passwd` (the old password and the
# user's sessions stop working), and `ocop init` on an existing database.
source "$(dirname "$0")/lib.sh"
start_server

users() { sql "SELECT count(*) FROM user"; }
before=$(users)
out=$(echo 'mot-mat-khau-dai' | "$OCOP" user add lan --role mayor --area ha-giang 2>&1); rc=$?
check_eq "an unknown role is refused" "$rc" 1
check_has "… naming the role" "$out" "unknown role 'mayor'"
out=$(echo 'mot-mat-khau-dai' | "$OCOP" user add lan --role district --area ha-giang/nowhere 2>&1); rc=$?
check_eq "an unknown area is refused" "$rc" 1
out=$(echo 'mot-mat-khau-dai' | "$OCOP" user add 'lan thi' --role district --area ha-giang 2>&1); rc=$?
check_eq "a username with a space is refused" "$rc" 1
out=$(echo 'ngan' | "$OCOP" user add lan --role district --area ha-giang 2>&1); rc=$?
check_eq "a password under 8 characters is refused" "$rc" 1
out=$("$OCOP" user add lan --role district 2>&1 </dev/null); rc=$?
check_eq "a missing --area is a usage error (2)" "$rc" 2
check_eq "none of the refused commands wrote a user" "$(users)" "$before"

out=$(echo 'mot-mat-khau-dai' | "$OCOP" user add lan --role district --area ha-giang/dong-van --name "Nguyễn Thị Lan"); rc=$?
check_eq "a valid user add succeeds" "$rc" 0
out=$(echo 'mot-mat-khau-khac' | "$OCOP" user add lan --role district --area ha-giang/dong-van 2>&1); rc=$?
check_eq "the same username twice is refused" "$rc" 1
login lan 'mot-mat-khau-dai'
check_eq "the new user logs in through nginx" "$R_STATUS" 303
req "$BASE/app/"
check_has "… and sees their district" "$R_BODY" "Huyện Đồng Văn"

echo 'mat-khau-moi-2025' | "$OCOP" user passwd lan >/dev/null
req -H 'Accept: application/json' "$BASE/app/"
check_eq "a password change ends the user's sessions" "$R_STATUS" 401
login lan 'mot-mat-khau-dai'
check_eq "the old password no longer works" "$R_STATUS" 401
login lan 'mat-khau-moi-2025'
check_eq "the new one does" "$R_STATUS" 303
out=$(echo 'mat-khau-moi-2025' | "$OCOP" user passwd nobody 2>&1); rc=$?
check_eq "passwd of an unknown user fails" "$rc" 1
check_eq "user changes are audited" "$(sql "SELECT count(*) FROM audit WHERE action IN ('user_add','user_passwd') AND object_id='lan'")" 2

out=$("$OCOP" init); rc=$?
check_eq "ocop init on an existing database is harmless" "$rc" 0
check_eq "… and keeps the data" "$(users)" "$((before + 1))"
out=$("$OCOP" frobnicate 2>&1); rc=$?
check_eq "an unknown command is a usage error" "$rc" 2
