#!/usr/bin/env bash
# tests/http/pager.t — the officials' long lists come in pages of 100 (cgi/lib/pager.h):
# the dossiers of a district with 230 of them, its 230 producers and 150 certificates.
# Every row on exactly one page, newest first; the links before and after keep the
# filters and nothing else of the query; a page past the end is empty, not an error;
# a bad page number is refused; the JSON answer has the same pages.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/tree.sh"
tree_server

s="BEGIN;"
for i in $(seq 1 230); do
    n=$(printf %03d "$i") k=$((5000 + i))
    s+="INSERT INTO subject (id, kind, name, area_code, created_at) VALUES ($k, 'household', 'Chủ thể $n', 'tinh-a/huyen-b/xa-c', 0);
        INSERT INTO product (id, subject_id, name, slug, group_regime, group_code, area_code, created_at)
          VALUES ($k, $k, 'Sản phẩm $n', 'san-pham-$n', '1048', '1.1.1', 'tinh-a/huyen-b/xa-c', 0);
        INSERT INTO dossier (id, product_id, province, area_code, year, level, round, regime, status, created_at)
          VALUES ($((1000 + i)), $k, 'tinh-a', 'tinh-a/huyen-b/xa-c', 2020, 'district', 1, '1048', 'accepted', 0);"
    [ "$i" -le 150 ] && s+="INSERT INTO certificate (product_id, province, year, number, stars, issuer_level, regime,
          decision_no, decision_date, issued, valid_until) VALUES ($k, 'tinh-a', 2019, 'GCN-$n', 3, 'district', '1048',
          'QĐ-1', '2019-06-01', '2019-06-01', '2022-06-0$((i % 9 + 1))');"
done
store() { sqlite3 -bail "$HOME_DIR/ocop.db" <<<"$s COMMIT;"; }
check "the district's 230 dossiers, producers and 150 certificates stored" store
rm -f "$JAR"; login can-bo-huyen mat-khau-thu-can-bo-huyen

rows() { grep -o '<tr><td><a href="/app/dossiers/[0-9]*"' <<<"$R_BODY" | grep -o '[0-9]*'; }

# --- the dossiers: 100, 100, 30
req "$BASE/app/dossiers"
check_eq "page 1 is 200" "$R_STATUS" 200
check_eq "page 1 has 100 dossiers" "$(rows | wc -l)" 100
check_eq "… the newest first" "$(rows | head -1)" 1230
check_has "it says which of them" "$R_BODY" "Hồ sơ 1–100, mới nhất trước."
check_has "a link to page 2" "$R_BODY" '<a rel="next" href="/app/dossiers?page=2">'
check_lacks "no link before the first page" "$R_BODY" 'rel="prev"'
p1=$(rows)
req "$BASE/app/dossiers?page=2"
check_eq "page 2 has 100 dossiers" "$(rows | wc -l)" 100
check_has "a link back to the list's own address" "$R_BODY" '<a rel="prev" href="/app/dossiers">'
check_has "… and on to page 3" "$R_BODY" '<a rel="next" href="/app/dossiers?page=3">'
p2=$(rows)
req "$BASE/app/dossiers?page=3"
check_eq "page 3 has the last 30" "$(rows | wc -l)" 30
check_has "it says which" "$R_BODY" "Hồ sơ 201–230"
check_lacks "no link past the last page" "$R_BODY" 'rel="next"'
check_eq "… the oldest last" "$(rows | tail -1)" 1001
all=$(printf '%s\n%s\n%s\n' "$p1" "$p2" "$(rows)")
check_eq "every dossier on exactly one page" "$(sort -u <<<"$all" | wc -l) $(wc -l <<<"$all")" "230 230"

req "$BASE/app/dossiers?page=9"
check_eq "a page past the end is 200" "$R_STATUS" 200
check_has "… and says it is empty" "$R_BODY" "Trang này không có hồ sơ."
check_has "… with the way back" "$R_BODY" '<a rel="prev" href="/app/dossiers?page=8">'

# --- the filters go with the links; nothing else does
req "$BASE/app/dossiers?status=accepted&area=tinh-a/huyen-b&foo=%3Cscript%3E"
check_has "the filters are kept, encoded, in their declared order" "$R_BODY" \
    'href="/app/dossiers?status=accepted&amp;area=tinh-a%2Fhuyen-b&amp;page=2"'
check_lacks "an undeclared parameter is not" "$R_BODY" "foo="
req "$BASE/app/dossiers?status=accepted&area=tinh-a%2Fhuyen-b&page=2"
check_eq "the link's page is the filtered list's" "$(rows | head -1)" 1130
req "$BASE/app/dossiers?status=draft"
check_lacks "a list on one page has no page links" "$R_BODY" 'class="pager"'

# --- bad page numbers
for bad in 0 -1 abc 1.5 100001; do
    req "$BASE/app/dossiers?page=$bad"
    check_eq "page=$bad is 400" "$R_STATUS" 400
done
check_has "the message names the field" "$R_BODY" "Trang"
req "$BASE/app/dossiers?page="
check_eq "an empty page (as a form sends it) is the first" "$(rows | head -1) $R_STATUS" "1230 200"
req "$BASE/app/dossiers?page=1&page=2"
check_eq "two pages at once is 400" "$R_STATUS" 400
check_eq "none of it changed anything" "$(sql "SELECT count(*) FROM dossier WHERE area_code = 'tinh-a/huyen-b/xa-c'")" 230

# --- the same pages in JSON
req -H 'Accept: application/json' "$BASE/app/dossiers?page=3"
check_eq "JSON: 30 dossiers on page 3" "$(jq '.dossiers | length' <<<"$R_BODY")" 30
check_eq "JSON: count is the page's" "$(jq .count <<<"$R_BODY")" 30
check_eq "JSON: the page" "$(jq -c '.page' <<<"$R_BODY")" \
    '{"number":3,"from":201,"to":230,"more":true,"prev":"/app/dossiers?page=2"}'
req -H 'Accept: application/json' "$BASE/app/dossiers"
check_eq "JSON: the first page links to the second" "$(jq -r '.page.next' <<<"$R_BODY")" \
    "/app/dossiers?page=2"

# --- the producers and the certificates
req "$BASE/app/subjects?page=3"
check_eq "producers: page 3 has 30" "$(grep -o '<tr><td><a href="/app/subjects/' <<<"$R_BODY" | wc -l)" 30
check_has "… in name order" "$R_BODY" '>Chủ thể 201</a>'
check_has "… back to page 2" "$R_BODY" '<a rel="prev" href="/app/subjects?page=2">'
req "$BASE/app/subjects?page=x"
check_eq "producers: a bad page is 400" "$R_STATUS" 400
req "$BASE/app/certificates?expiring=3650"
check_eq "certificates: 100 on the first page" "$(grep -o '<td>GCN-[0-9]*</td>' <<<"$R_BODY" | wc -l)" 100
check_has "… the filter kept in the link" "$R_BODY" \
    '<a rel="next" href="/app/certificates?expiring=3650&amp;page=2">'
req "$BASE/app/certificates?expiring=3650&page=2"
check_eq "certificates: the other 50 on page 2" "$(grep -o '<td>GCN-[0-9]*</td>' <<<"$R_BODY" | wc -l)" 50
req "$BASE/app/certificates?page=0"
check_eq "certificates: page 0 is 400" "$R_STATUS" 400
