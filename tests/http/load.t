#!/usr/bin/env bash
# tests/http/load.t — 50 officials at once through nginx for LOAD_SECONDS (60): each
# browses the dossier list and its dossier, uploads a document and saves a score
# draft, over and over. No answer may be a 5xx (or no answer), and every acknowledged
# write must be in the database afterwards.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/tree.sh"
tree_rules
trap 'rm -rf "$RULES_DIR"; finish' EXIT
WORKERS=4 start_server
tree_people
SECONDS_RUN=${LOAD_SECONDS:-60}
N=50
sql "INSERT INTO subject (id, kind, name, area_code, created_at) VALUES (900, 'household', 'Hộ tải', 'tinh-a/huyen-d/xa-e', 0);
     INSERT INTO council (id, area_code, level, year, name, created_at) VALUES (900, 'tinh-a', 'province', 2020, 'HĐ tải', 0);"
now=$(date +%s)
for i in $(seq 1 $N); do
    sql "INSERT INTO user (username, full_name, role, area_code, password_hash, created_at)
           SELECT 'load$i', 'Cán bộ $i', 'council', 'tinh-a', password_hash, 0 FROM user WHERE username = 'can-bo-xa-e';
         INSERT INTO council_member (council_id, user_id, role) SELECT 900, id, 'member' FROM user WHERE username = 'load$i';
         INSERT INTO product (id, subject_id, name, slug, group_regime, group_code, area_code, created_at)
           VALUES ($((1000 + i)), 900, 'Sản phẩm $i', 'san-pham-tai-$i', '1048', '1.1.1', 'tinh-a/huyen-d/xa-e', 0);
         INSERT INTO dossier (id, product_id, province, area_code, year, level, round, regime, status, created_at) VALUES
           ($((1000 + i)), $((1000 + i)), 'tinh-a', 'tinh-a/huyen-d/xa-e', 2020, 'district', 1, '1048', 'draft', 0),
           ($((2000 + i)), $((1000 + i)), 'tinh-a', 'tinh-a/huyen-d/xa-e', 2020, 'province', 1, '1048', 'accepted', 0);
         INSERT INTO session (token_hash, user_id, csrf, created_at, last_seen, expires_at)
           SELECT '$(printf 'load%039d' "$i" | sha256sum | cut -c1-64)', id, '$(printf l%d "$i" | sha256sum | cut -c1-64)',
                  $now, $now, $((now + 7200)) FROM user WHERE username = 'load$i';"
done
sql "UPDATE user SET role = 'commune', area_code = 'tinh-a' WHERE username LIKE 'load%'" # browse and upload too
{ printf '%%PDF-1.4\n'; head -c 50000 /dev/zero | tr '\0' 'y'; printf '\n%%%%EOF\n'; } >"$HOME_DIR/doc.pdf"

official() { # i: loops until the deadline; one line per request: "CODE KIND"
    local i=$1 tok csrf end=$(( $(date +%s) + SECONDS_RUN )) k=0
    tok=$(printf 'load%039d' "$i"); csrf=$(printf l%d "$i" | sha256sum | cut -c1-64)
    local c=(-s -o /dev/null -w '%{http_code}' -H "Cookie: ocop_session=$tok")
    while [ "$(date +%s)" -lt "$end" ]; do
        k=$((k + 1))
        echo "$(curl "${c[@]}" "$BASE/app/dossiers") list"
        echo "$(curl "${c[@]}" "$BASE/app/dossiers/$((1000 + i))") page"
        echo "$(curl "${c[@]}" -H 'Accept: application/json' -F "csrf=$csrf" -F "f_anh=@$HOME_DIR/doc.pdf;filename=anh-$k.pdf" "$BASE/app/dossiers/$((1000 + i))/files") upload"
        echo "$(curl "${c[@]}" --data-urlencode "csrf=$csrf" -d action=draft -d "c_A1=$((k % 2))" "$BASE/app/dossiers/$((2000 + i))/score") save$((k % 2))"
    done >"$HOME_DIR/load$i.out"
}
pids=""
for i in $(seq 1 $N); do official "$i" & pids="$pids $!"; done
wait $pids
cat "$HOME_DIR"/load*.out >"$HOME_DIR/all.out"
total=$(wc -l <"$HOME_DIR/all.out")
echo "# $total requests by $N officials in ${SECONDS_RUN}s: $(awk '{print $1}' "$HOME_DIR/all.out" | sort | uniq -c | tr '\n' ' ')"
check "hundreds of requests were made" test "$total" -gt 400
check_eq "no 5xx and no request without an answer" "$(grep -cvE '^(200|201|303) ' "$HOME_DIR/all.out")" 0
if grep -qvE '^(200|201|303) ' "$HOME_DIR/all.out"; then # what failed, and what the workers said
    grep -vE '^(200|201|303) ' "$HOME_DIR/all.out" | sort | uniq -c | sed 's/^/#   /'
    grep -h -E ' (error|warn):' "$HOME_DIR"/log/*.log 2>/dev/null | tail -20 | sed 's/^/#   /'
fi
check_eq "every acknowledged upload is stored" "$(grep -c '^201 upload' "$HOME_DIR/all.out")" \
    "$(sql "SELECT count(*) FROM dossier_file WHERE dossier_id BETWEEN 1001 AND $((1000 + N))")"
lost=0
for i in $(seq 1 $N); do # the last acknowledged draft of each official is what is stored
    last=$(grep -E '^303 save' "$HOME_DIR/load$i.out" | tail -1 | sed 's/^303 save//')
    want=$([ "$last" = 1 ] && echo 40 || echo 0)
    [ -z "$last" ] || [ "$(sql "SELECT total FROM score_sheet WHERE dossier_id = $((2000 + i))")" = "$want" ] || lost=$((lost + 1))
done
check_eq "every official's last acknowledged draft is the stored one" "$lost" 0
check_eq "the database passes integrity_check" "$(sql "PRAGMA integrity_check")" ok
