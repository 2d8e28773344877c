#!/usr/bin/env bash
# tests/http/cli.t — the operator's account commands against a running server:
# `ocop user add` (password on standard input; bad roles, areas, names and short
# passwords refused, nothing written), `ocop user passwd` (the old password and the
# user's sessions stop working), `ocop init` on an existing database, and on one at an
# older schema version: backed up first (refused when it cannot be), then migrated.
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
check_lacks "… and, with nothing to migrate, takes no backup" "$out" "backed up"
out=$("$OCOP" frobnicate 2>&1); rc=$?
check_eq "an unknown command is a usage error" "$rc" 2

# --- migrations at start, a backup first: a state folder left at schema version 1,
# migrated to the newest of db/migrations
LATEST=$(ls "$ROOT"/db/migrations/ | sed -n 's/^0*\([0-9][0-9]*\)_.*\.sql$/\1/p' | sort -n | tail -1)
OLD="$HOME_DIR/old-state"
mkdir -p "$OLD"
sqlite3 "$OLD/ocop.db" ".read $ROOT/db/migrations/0001_initial.sql" "PRAGMA user_version = 1;
    INSERT INTO area (code, name, level, parent, valid_from) VALUES ('tinh-cu', 'Tỉnh Cũ', 'province', NULL, '2019-01-01');"
touch "$OLD/backups" # a file where the backup folder should be: no backup can be written
out=$(OCOP_HOME="$OLD" "$OCOP" init 2>&1); rc=$?
check_eq "no backup possible: the migration is refused" "$rc" 1
check_has "… saying why" "$out" "was not migrated to version $LATEST: no backup could be written"
check_eq "… and the database stays at version 1" "$(sqlite3 "$OLD/ocop.db" 'PRAGMA user_version')" 1
rm "$OLD/backups"
out=$(OCOP_HOME="$OLD" "$OCOP" init 2>&1); rc=$?
check_eq "ocop init migrates an old database" "$rc" 0
check_has "… after backing it up" "$out" "database backed up before migrating from version 1 to $LATEST"
BK=$(ls "$OLD"/backups/before-v$LATEST-*.ocop-backup 2>/dev/null | head -1)
check "… into backups/" test -s "$BK"
check_eq "the database is at version $LATEST, its data kept" \
    "$(sqlite3 "$OLD/ocop.db" "SELECT (SELECT user_version FROM pragma_user_version)||' '||name FROM area WHERE code='tinh-cu'")" "$LATEST Tỉnh Cũ"
check_eq "the backup holds version 1 (the database only)" \
    "$(sqlite3 "$BK" "SELECT (SELECT user_version FROM pragma_user_version)||' '||(SELECT value FROM backup_meta WHERE key='files')")" "1 none"
out=$(OCOP_HOME="$OLD" "$OCOP" restore "$BK" 2>&1); rc=$?
check_eq "ocop restore takes the state back to before the migration" \
    "$rc $(sqlite3 "$OLD/ocop.db" "SELECT (SELECT user_version FROM pragma_user_version)||' '||name FROM area WHERE code='tinh-cu'")" "0 1 Tỉnh Cũ"
