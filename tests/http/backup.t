#!/usr/bin/env bash
# tests/http/backup.t — `ocop backup` while the server runs, and `ocop restore` after a
# lost state folder: the dossier rows, the audit chain and the stored documents come
# back byte for byte; a restore is refused while serving, and a damaged backup is refused.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/tree.sh"
tree_server
login can-bo-xa mat-khau-thu-can-bo-xa; CSRF=$(session_csrf)
{ printf '%%PDF-1.4\n'; head -c 300000 /dev/urandom | base64; printf '\n%%%%EOF\n'; } >"$HOME_DIR/doc.pdf"
req -X POST --data-urlencode "csrf=$CSRF" -d kind=household --data-urlencode "name=Hộ bà C" -d area_code=tinh-a/huyen-b/xa-c "$BASE/app/subjects"
S=$(sed -n 's|^Location: /app/subjects/\([0-9]*\)$|\1|p' <<<"$R_HEADERS")
req -X POST --data-urlencode "csrf=$CSRF" -d subject_id="$S" --data-urlencode "name=Mứt gừng" -d group_code=1.1.1 -d area_code=tinh-a/huyen-b/xa-c "$BASE/app/products"
P=$(sed -n 's|^Location: /app/products/\([0-9]*\)$|\1|p' <<<"$R_HEADERS")
req -X POST --data-urlencode "csrf=$CSRF" -d product_id="$P" -d level=district "$BASE/app/dossiers"
D=$(sed -n 's|^Location: /app/dossiers/\([0-9]*\)$|\1|p' <<<"$R_HEADERS")
req -H "Accept: application/json" -F "csrf=$CSRF" -F "f_phieu_dang_ky=@$HOME_DIR/doc.pdf" "$BASE/app/dossiers/$D/files"
check_eq "a document is uploaded" "$R_STATUS" 201
SHA=$(sha256sum "$HOME_DIR/doc.pdf" | cut -c1-64)
rows_before=$(sql "SELECT count(*) FROM audit")

BK="$HOME_DIR/backup.ocop"
check_has "a backup while serving" "$("$OCOP" backup "$BK")" "and 1 stored file(s)"
check "refuses to overwrite a file" sh -c "! '$OCOP' backup '$BK' 2>/dev/null"
check "restore refuses while ocop serve runs" sh -c "! '$OCOP' restore '$BK' 2>/dev/null"
stop_server

rm -rf "$HOME_DIR/files" "$HOME_DIR/ocop.db" "$HOME_DIR/ocop.db-wal" "$HOME_DIR/ocop.db-shm"
check_has "restore into the emptied state folder" "$("$OCOP" restore "$BK")" "and 1 stored file(s)"
check_eq "the dossier is back" "$(sql "SELECT status FROM dossier WHERE id=$D")" draft
check_eq "every audit row is back" "$(sql "SELECT count(*) FROM audit")" "$rows_before"
check_eq "the audit chain holds" "$("$OCOP" audit verify)" "audit trail intact"
check "the document is back byte for byte" cmp -s "$HOME_DIR/files/${SHA:0:2}/$SHA" "$HOME_DIR/doc.pdf"
check_eq "the database is intact" "$(sql "PRAGMA integrity_check")" ok
check_eq "no backup tables are left in it" "$(sql "SELECT count(*) FROM sqlite_master WHERE name LIKE 'backup_%'")" 0

cp "$BK" "$HOME_DIR/damaged.ocop"
sqlite3 "$HOME_DIR/damaged.ocop" "UPDATE backup_file SET bytes = zeroblob(length(bytes))"
rm -rf "$HOME_DIR/files"
check "a backup whose document does not match its hash is refused" \
    sh -c "! '$OCOP' restore '$HOME_DIR/damaged.ocop' 2>/dev/null"
printf 'not a backup' >"$HOME_DIR/junk.ocop"
check "a file that is not a backup is refused" sh -c "! '$OCOP' restore '$HOME_DIR/junk.ocop' 2>/dev/null"
check_eq "and the database was not touched by either" "$(sql "SELECT status FROM dossier WHERE id=$D")" draft
