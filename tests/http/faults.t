#!/usr/bin/env bash
# tests/http/faults.t — kill -9 a worker in the middle of an upload, 50 times, and in the
# middle of score saves, 50 times: afterwards the database passes integrity_check, every
# acknowledged write is there (each acknowledged upload has its row and its bytes, each
# acknowledged sheet its row), no row points at missing bytes, and no temp file is left.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/tree.sh"
tree_server
login can-bo-xa-e mat-khau-thu-can-bo-xa-e; CSRF=$(session_csrf)
sql "INSERT INTO subject (id, kind, name, area_code, created_at) VALUES (900, 'household', 'Hộ E', 'tinh-a/huyen-d/xa-e', 0);
     INSERT INTO product (id, subject_id, name, slug, group_regime, group_code, area_code, created_at)
       VALUES (900, 900, 'Chè E', 'che-e', '1048', '1.1.1', 'tinh-a/huyen-d/xa-e', 0);
     INSERT INTO dossier (id, product_id, province, area_code, year, level, round, regime, status, created_at) VALUES
       (900, 900, 'tinh-a', 'tinh-a/huyen-d/xa-e', 2020, 'district', 1, '1048', 'draft', 0),
       (901, 900, 'tinh-a', 'tinh-a/huyen-d/xa-e', 2020, 'province', 1, '1048', 'accepted', 0);"
{ printf '%%PDF-1.4\n'; head -c 6000000 /dev/urandom | base64 -w 0; printf '\n%%%%EOF\n'; } >"$HOME_DIR/big.pdf"
SHA=$(sha256sum "$HOME_DIR/big.pdf" | cut -c1-64)

# --- uploads
acked=0
for i in $(seq 1 50); do
    curl -s -o /dev/null -w '%{http_code}' -b "$JAR" -H 'Accept: application/json' -F "csrf=$CSRF" \
        -F "f_phieu_dang_ky=@$HOME_DIR/big.pdf" "$BASE/app/dossiers/900/files" >"$HOME_DIR/up.code" &
    up=$!
    sleep "0.0$((RANDOM % 10))"
    pkill -9 -P "$SERVER_PID" -f -n 'ocop-dossier.fcgi' 2>/dev/null # this server's only
    wait "$up"
    [ "$(cat "$HOME_DIR/up.code")" = 201 ] && acked=$((acked + 1))
done
echo "# uploads acknowledged while workers were killed: $acked of 50"
for _ in $(seq 1 50); do # the supervisor brings the workers back
    [ "$(curl -s -o /dev/null -w '%{http_code}' -b "$JAR" "$BASE/app/dossiers/900")" = 200 ] && break
    sleep 0.1
done
check_eq "every acknowledged upload has its row" "$(sql "SELECT count(*) FROM dossier_file WHERE dossier_id=900")" "$acked"
sleep 1.5
req -H 'Accept: application/json' -F "csrf=$CSRF" -F "f_phieu_dang_ky=@$HOME_DIR/big.pdf" "$BASE/app/dossiers/900/files"
check_eq "the next upload works" "$R_STATUS" 201
check "its bytes are stored whole" cmp -s "$HOME_DIR/files/${SHA:0:2}/$SHA" "$HOME_DIR/big.pdf"
check_eq "no row without its bytes" "$(sql "SELECT sha256 FROM dossier_file" | sort -u | while read -r h; do [ -f "$HOME_DIR/files/${h:0:2}/$h" ] || echo "$h"; done | wc -l)" 0
check_eq "no temp file left by the killed workers" "$(ls "$HOME_DIR/files/tmp" | wc -l)" 0

# --- score saves, one member per round
for i in $(seq 1 50); do
    sql "INSERT INTO user (username, full_name, role, area_code, password_hash, created_at)
         SELECT 'k$i', 'Thành viên $i', 'council', 'tinh-a', password_hash, 0 FROM user WHERE username = 'can-bo-xa';"
done
sql "INSERT INTO council (id, area_code, level, year, name, created_at) VALUES (900, 'tinh-a', 'province', 2020, 'HĐ', 0);
     INSERT INTO council_member (council_id, user_id, role) SELECT 900, id, 'member' FROM user WHERE username LIKE 'k%';"
now=$(date +%s)
ok_saves=""
for i in $(seq 1 50); do
    tok=$(printf 'faults%037d' "$i"); csrf=$(printf 'f%d' "$i" | sha256sum | cut -c1-64)
    sql "INSERT INTO session (token_hash, user_id, csrf, created_at, last_seen, expires_at)
         SELECT '$(printf %s "$tok" | sha256sum | cut -c1-64)', id, '$csrf', $now, $now, $((now + 3600)) FROM user WHERE username = 'k$i';"
    curl -s -o /dev/null -w '%{http_code}' -H "Cookie: ocop_session=$tok" --data-urlencode "csrf=$csrf" \
        -d action=submit -d c_A1=1 -d c_B1=$((i % 2)) -d c_C1=1 "$BASE/app/dossiers/901/score" >"$HOME_DIR/s.code" &
    s=$!
    sleep "0.00$((RANDOM % 10))"
    pkill -9 -P "$SERVER_PID" -f -n 'ocop-score.fcgi' 2>/dev/null
    wait "$s"
    [ "$(cat "$HOME_DIR/s.code")" = 303 ] && ok_saves="$ok_saves k$i"
done
echo "# score saves acknowledged while workers were killed: $(wc -w <<<"$ok_saves") of 50"
missing=0
for u in $ok_saves; do
    [ "$(sql "SELECT count(*) FROM score_sheet s JOIN council_member m ON m.id = s.member_id JOIN user u ON u.id = m.user_id WHERE u.username = '$u' AND s.status = 'submitted'")" = 1 ] || missing=$((missing + 1))
done
check_eq "every acknowledged sheet is stored" "$missing" 0
check_eq "every stored sheet is whole (3 items, the right total)" \
    "$(sql "SELECT count(*) FROM score_sheet s WHERE dossier_id = 901 AND (total <> (SELECT sum(points) FROM score_item i WHERE i.sheet_id = s.id) OR (SELECT count(*) FROM score_item i WHERE i.sheet_id = s.id) <> 3)")" 0
check_eq "the database passes integrity_check" "$(sql "PRAGMA integrity_check")" ok
check_eq "and its foreign keys hold" "$(sql "PRAGMA foreign_key_check" | wc -l)" 0
check_eq "the audit trail is intact" "$("$OCOP" audit verify)" "audit trail intact"
