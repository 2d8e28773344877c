#!/usr/bin/env bash
# tests/http/fulldisk.t — a full disk through nginx and the real programs: the state
# folder on a small tmpfs, filled until a document no longer fits in the store and then
# until the database cannot grow. Each refusal is a clear 507 in Vietnamese; nothing is
# half stored (no file row, no temporary file, no stored bytes; every acknowledged
# write present, none of the refused ones); the database passes integrity_check; and
# once space is freed the same requests succeed.
# Where the machine cannot mount a tmpfs (not root), the document part runs with the
# dossier workers' file-size limit lowered instead (an injected write failure) and the
# database part cannot be done: the test says so.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/tree.sh"
tree_rules
MNT=$(mktemp -d /tmp/ocop-full.XXXXXX)
chmod 755 "$MNT"
if mount -t tmpfs -o size=40m,mode=755 tmpfs "$MNT" 2>/dev/null; then MOUNTED=1; else MOUNTED=; fi
cleanup() {
    finish
    local rc=$?
    rm -rf "$RULES_DIR"
    [ -n "$MOUNTED" ] && umount "$MNT"
    rmdir "$MNT" 2>/dev/null
    return $rc
}
trap cleanup EXIT
mkdir -m 755 "$MNT/state"
STATE_DIR=$MNT/state start_server
tree_people
as() { rm -f "$JAR"; login "$1" "mat-khau-thu-$1"; CSRF=$(session_csrf); }
F="$RULES_DIR/upfiles" # the test's own files (cookies, responses) live off the full disk
mkdir -p "$F"
JAR="$F/cookies"
req() { # lib.sh's req, with its scratch files off the full disk
    local h="$F/headers" b="$F/body"
    R_STATUS=$(curl -s -o "$b" -D "$h" -w '%{http_code}' -b "$JAR" -c "$JAR" "$@")
    R_HEADERS=$(tr -d '\r' <"$h")
    R_BODY=$(cat "$b")
}
count() { sql "SELECT count(*) FROM $*"; }
mkpdf() { { printf '%%PDF-1.4\n%% %s\n' "$2"; head -c "$3" /dev/urandom; printf '\n%%%%EOF\n'; } >"$F/$1"; }
avail() { df --output=avail -B1 "$MNT" | tail -1; }
# fill BYTES_LEFT: a filler file leaving about that much free
fill() { local n=$(($(avail) - $1)); [ "$n" -gt 0 ] && fallocate -l "$n" "$MNT/filler-$RANDOM"; }
unfill() { rm -f "$MNT"/filler-*; }

as can-bo-xa-e
tree_dossier tinh-a/huyen-d/xa-e "Chè shan tuyết"
check "a draft dossier to upload into" test -n "$D"
mkpdf doc.pdf "1 MB" $((1024 * 1024))
up() { req -H "Accept: application/json" -F "csrf=$CSRF" -F "f_phuong_an=@$F/doc.pdf" "$BASE/app/dossiers/$D/files"; }
stored_files() { find "$HOME_DIR/files" -mindepth 2 -type f | wc -l; }
files_before=$(count dossier_file)
stored_before=$(stored_files)

# --- a document that does not fit in the store
if [ -n "$MOUNTED" ]; then
    # nginx buffers the 1 MB body on the same disk first: leave room for that, not more
    fill $((1536 * 1024))
else
    echo "# no tmpfs here: the dossier workers' file-size limit is lowered instead"
    for pid in $(pgrep -P "$SERVER_PID" -f ocop-dossier.fcgi); do prlimit --pid "$pid" --fsize=262144; done
fi
up
check_eq "a document the disk cannot hold: 507" "$R_STATUS" 507
check_has "… saying the server is out of space" "$(jq -r .error.message <<<"$R_BODY")" "hết chỗ lưu trữ"
check_eq "… with no file row" "$(count dossier_file)" "$files_before"
check_eq "… no stored bytes" "$(stored_files)" "$stored_before"
check_eq "… and no temporary file left" "$(ls -A "$HOME_DIR/files/tmp" 2>/dev/null | wc -l)" 0

# --- the database cannot grow: producers registered one after another until refused
if [ -n "$MOUNTED" ]; then
    fill $((128 * 1024)) # room for a few rows, then none
    acked=0 refused=
    before=$(count subject)
    for i in $(seq 1 400); do
        req -H "Accept: application/json" -X POST --data-urlencode "csrf=$CSRF" -d kind=household --data-urlencode "name=Hộ số $i $(head -c 150 /dev/zero | tr '\0' x)" -d area_code=tinh-a/huyen-d/xa-e "$BASE/app/subjects"
        if [ "$R_STATUS" = 303 ]; then acked=$((acked + 1)); else refused=$R_STATUS; break; fi
    done
    check_eq "a write the database cannot hold: 507" "$refused" 507
    check "… after some were stored ($acked)" test "$acked" -gt 0
    check_has "… saying the server is out of space" "$(jq -r .error.message <<<"$R_BODY")" "hết chỗ lưu trữ"
    check_eq "every acknowledged producer is stored, the refused one is not" "$(count subject)" "$((before + acked))"
    check_eq "the database passes integrity_check on the full disk" "$(sql 'PRAGMA integrity_check')" ok
else
    echo "# no tmpfs here: the database-full part needs one and was not run"
fi

# --- space again: the same requests succeed
unfill
for pid in $(pgrep -P "$SERVER_PID" -f ocop-dossier.fcgi); do prlimit --pid "$pid" --fsize=unlimited; done
up
check_eq "with space again the document is stored: 201" "$R_STATUS" 201
check_eq "… one row, one stored file" "$(count dossier_file) $(stored_files)" "$((files_before + 1)) $((stored_before + 1))"
req -X POST --data-urlencode "csrf=$CSRF" -d kind=household --data-urlencode "name=Hộ sau cùng" -d area_code=tinh-a/huyen-d/xa-e "$BASE/app/subjects"
check_eq "… and a producer registered: 303" "$R_STATUS" 303
check_eq "the database passes integrity_check" "$(sql 'PRAGMA integrity_check')" ok
check_eq "and foreign_key_check" "$(sql 'PRAGMA foreign_key_check' | wc -l)" 0
