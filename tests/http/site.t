#!/usr/bin/env bash
# tests/http/site.t — the public site as nginx serves it: `ocop serve` builds it at
# start-up over the demo seed and again, with no operator step, within a minute of a
# certificate issued (inserted here) or revoked (through /app/); the link checker finds
# every internal link and asset (here, under a sub-path, and over `ocop seed --synthetic
# 2000`), and fails on a broken site; QR codes decode to their verification page;
# unchanged files are kept, an incremental build renders nothing, the switch is atomic
# under requests; bad options are refused; a hostile story stays inert.
source "$(dirname "$0")/lib.sh"
export OCOP_TODAY=2025-08-01 # after the 2025 reform; the demo certificates have lapsed
CHECK="$ROOT/tests/http/linkcheck.sh"
start_server

# wait_for URL PATTERN SECONDS — polls until the page holds PATTERN; prints the seconds taken
wait_for() {
    local t0=$SECONDS
    while [ $((SECONDS - t0)) -le "$3" ]; do
        if curl -sf "$1" 2>/dev/null | grep -q -- "$2"; then echo $((SECONDS - t0)); return 0; fi
        sleep 1
    done
    return 1
}

# ---- built at start-up, served at / ----
if secs=$(wait_for "$BASE/" 'lang="vi"' 30); then
    ok "the site is built at start-up and served at / (${secs}s)"
else
    not_ok "the site is built at start-up and served at /" "$(cat "$HOME_DIR/log/site.log")"
fi
req "$BASE/"
check_eq "home: 200" "$R_STATUS" 200
check_has "home: Vietnamese" "$R_BODY" '<html lang="vi">'
check_has "home: a skip link to the main landmark" "$R_BODY" '<a class="skip" href="#main">'
check_has "home: main landmark" "$R_BODY" '<main id="main"'
check_has "home: the newest certificates" "$R_BODY" 'href="/san-pham/mat-ong-bac-ha-meo-vac/"'
req "$BASE/san-pham/mat-ong-bac-ha-meo-vac/"
check_eq "a product page: 200" "$R_STATUS" 200
check_has "names at certification" "$R_BODY" "Xã Pả Vi, Huyện Mèo Vạc, Tỉnh Hà Giang"
check_has "and today's names after the 2025 reform" "$R_BODY" "<dd>Xã Pả Vi, Tỉnh Tuyên Quang <span"
check_has "the product's story from content/products/" "$R_BODY" "hoa bạc hà dại"
check_has "a lapsed certificate shows as such" "$R_BODY" "HẾT HIỆU LỰC"
req "$BASE/khong-co-trang-nay"
check_eq "an unknown page: 404" "$R_STATUS" 404
check_has "with the site's 404 page" "$R_BODY" "Không tìm thấy trang"
req "$BASE/.ocop-site"
check_eq "the build manifest is not served" "$R_STATUS" 404
check "though it exists" test -e "$HOME_DIR/www/.ocop-site"
check_has "the search index is sent compressed" \
    "$(curl -s -o /dev/null -D - -H 'Accept-Encoding: gzip' "$BASE/tim-kiem/chi-muc.json")" "Content-Encoding: gzip"
check_lacks "but never an /app/ page (its CSRF token stays out of reach of BREACH)" \
    "$(curl -s -o /dev/null -D - -H 'Accept-Encoding: gzip' "$BASE/app/login")" "Content-Encoding"

# ---- a certificate appears, and a revocation in /app/ shows, with no command run ----
sql "INSERT INTO certificate (product_id, province, year, number, stars, issuer_level, issuer_area,
       regime, decision_no, decision_date, issued, valid_until)
     SELECT id, 'ha-giang', 2025, '0009/2025/HA-GIANG', 4, 'province', 'ha-giang', '148',
       '77/QĐ-UBND', '2025-05-10', '2025-05-10', '2028-05-09' FROM product WHERE slug = 'thit-bo-kho-lung-cu';
     INSERT INTO certificate (product_id, province, year, number, stars, issuer_level, issuer_area,
       regime, decision_no, decision_date, issued, valid_until)
     SELECT id, 'dak-lak', 2024, '0010/2024/DAK-LAK', 3, 'province', 'dak-lak', '148',
       '88/QĐ-UBND', '2024-03-01', '2024-03-01', '2027-02-28' FROM product WHERE slug = 'ca-phe-krong-nang';
     INSERT INTO certificate_event (certificate_id, kind, at, note)
     SELECT id, 'granted', 1746835200, decision_no FROM certificate WHERE number IN ('0009/2025/HA-GIANG', '0010/2024/DAK-LAK');"
if secs=$(wait_for "$BASE/xac-minh/0009-2025-ha-giang/" 'data-status="valid"' 70); then
    ok "a new certificate is on the site within a minute, no command run (${secs}s)"
else
    not_ok "a new certificate is on the site within a minute, no command run" "$(tail -5 "$HOME_DIR/log/site.log")"
fi
check_has "and its product page lists it" "$(curl -s "$BASE/san-pham/thit-bo-kho-lung-cu/")" "0009/2025/HA-GIANG"
read -r U P <<<"$(demo_user province ha-giang)"
login "$U" "$P"
CSRF=$(session_csrf)
req -X POST --data-urlencode "csrf=$CSRF" -d status=revoked \
    --data-urlencode "reason=Sản phẩm ngừng sản xuất" --data-urlencode "decision_no=15/QĐ-UBND" \
    "$BASE/app/certificates/$(sql "SELECT id FROM certificate WHERE number = '0009/2025/HA-GIANG'")"
check_eq "the province revokes it in /app/: 303" "$R_STATUS" 303
if secs=$(wait_for "$BASE/xac-minh/0009-2025-ha-giang/" 'data-status="revoked"' 70); then
    ok "the verification page says REVOKED within a minute (${secs}s)"
else
    not_ok "the verification page says REVOKED within a minute" "$(tail -5 "$HOME_DIR/log/site.log")"
fi
req "$BASE/xac-minh/0009-2025-ha-giang/"
check_has "in large letters, in Vietnamese" "$R_BODY" '<p class="verdict status-revoked" id="verdict"><strong>ĐÃ BỊ THU HỒI</strong></p>'
check_has "with the reason" "$R_BODY" "Sản phẩm ngừng sản xuất — QĐ 15/QĐ-UBND"
check_has "the feed has the revocation" "$(curl -s "$BASE/tin-moi.atom")" "<title>Thu hồi giấy chứng nhận: Thịt bò khô Lũng Cú (demo) — 4 sao"
check "the feed is well-formed XML" xmllint --noout "$HOME_DIR/www/tin-moi.atom"
check "sitemap.xml is well-formed XML" xmllint --noout "$HOME_DIR/www/sitemap.xml"
check_has "the sitemap lists product pages by full URL" "$(cat "$HOME_DIR/www/sitemap.xml")" "<loc>$BASE/san-pham/ca-phe-krong-nang/</loc>"

# ---- QR codes decode to their verification page ----
rsvg-convert -w 400 -b white -o "$HOME_DIR/qr.png" "$HOME_DIR/www/xac-minh/0010-2024-dak-lak/qr.svg"
check_eq "the QR code decodes to the verification page" "$(zbarimg -q --raw "$HOME_DIR/qr.png" 2>/dev/null)" "$BASE/xac-minh/0010-2024-dak-lak/"
check_has "which says VALID" "$(curl -s "$BASE/xac-minh/0010-2024-dak-lak/")" "<strong>CÒN HIỆU LỰC</strong>"

# ---- search index: names, producers, each place once (search.js folds them; the
# browser test searches "mat ong") ----
idx="$HOME_DIR/www/tim-kiem/chi-muc.json"
hits=$(jq -r '.items[] | select(.[1] | startswith("Mật ong")) | .[1]' "$idx")
check_has "the index holds Mật ong bạc hà" "$hits" "Mật ong bạc hà Mèo Vạc (demo)"
check_eq "three honeys hold a certificate" "$(grep -c . <<<"$hits")" 3
check_eq "every item's place is in the index" \
    "$(jq '(.places | length) as $n | [.items[] | select(.[3] < 0 or .[3] >= $n)] | length' "$idx")" 0
check_eq "each place once" "$(jq '.places | length == (unique | length)' "$idx")" true

# ---- every internal link resolves; the checker catches a broken one ----
out=$(bash "$CHECK" "$HOME_DIR/www" / "$BASE")
check "every internal link and asset of the demo site resolves" test $? -eq 0
check_has "(the checker saw them)" "$out" " 0 broken"
cp -rL "$HOME_DIR/www" "$HOME_DIR/broken"
rm "$HOME_DIR/broken/san-pham/vai-thieu-luc-ngan/index.html" "$HOME_DIR/broken/assets/site.css"
out=$(bash "$CHECK" "$HOME_DIR/broken" / "$BASE")
check "the link checker fails on a broken copy" test $? -ne 0
check_has "naming the missing page" "$out" "-> ./san-pham/vai-thieu-luc-ngan/index.html"
check_has "and the missing asset" "$out" "-> ./assets/site.css"

# ---- unchanged files kept, incremental, atomic switch, old builds pruned ----
before_target=$(readlink "$HOME_DIR/www")
before_inode=$(stat -c %i "$HOME_DIR/www/san-pham/vai-thieu-luc-ngan/index.html")
out=$("$OCOP" site build --site-url "$BASE" 2>&1)
check_has "a full build with nothing changed writes nothing" "$out" " 0 written"
check "and switches to a new build" test "$(readlink "$HOME_DIR/www")" != "$before_target"
check_eq "whose unchanged files are the same files" "$(stat -c %i "$HOME_DIR/www/san-pham/vai-thieu-luc-ngan/index.html")" "$before_inode"
out=$("$OCOP" site build --incremental --site-url "$BASE" 2>&1)
n=$(sed -n 's/.*(\([0-9]*\) rendered.*/\1/p' <<<"$out")
check "an incremental build renders only the files not made from templates ($n)" test "${n:-99}" -le 6
check_eq "the current and the previous build are kept, no more" "$(ls -d "$HOME_DIR"/www.[0-9]* | wc -l)" 2
( for _ in 1 2 3 4 5; do "$OCOP" site build --site-url "$BASE" >/dev/null 2>&1; done ) &
builder=$!
bad=0
for i in $(seq 1 150); do
    for u in / /san-pham/mat-ong-bac-ha-meo-vac/ /assets/site.css; do
        s=$(curl -s -o /dev/null -w '%{http_code}' "$BASE$u")
        [ "$s" = 200 ] || bad=$((bad + 1))
    done
done
wait "$builder"
check_eq "450 requests while 5 builds switch: every one 200" "$bad" 0

# ---- options ----
"$OCOP" site build --base-url x/ >/dev/null 2>&1
check_eq "a base URL that is not /…/ is refused" "$?" 1
"$OCOP" site build --site-url 'javascript:alert(1)' >/dev/null 2>&1
check_eq "a site URL that is not http(s)://host is refused" "$?" 1
"$OCOP" site frob >/dev/null 2>&1
check_eq "an unknown subcommand is a usage error" "$?" 2
mkdir -p "$HOME_DIR/mine" && echo keep >"$HOME_DIR/mine/keep.txt"
"$OCOP" site build --out "$HOME_DIR/mine" >/dev/null 2>&1
check_eq "a folder that no build made is refused" "$?" 1
check_eq "and left alone" "$(cat "$HOME_DIR/mine/keep.txt")" keep

# ---- under a sub-path ----
"$OCOP" site build --out "$HOME_DIR/sub" --base-url /ocop/ --site-url https://ocop.example.vn >/dev/null 2>&1
out=$(bash "$CHECK" "$HOME_DIR/sub" /ocop/ https://ocop.example.vn)
check "under /ocop/ every link resolves and none leaves the sub-path" test $? -eq 0
check_lacks "no link to the root" "$(cat "$HOME_DIR/sub/index.html")" 'href="/assets'

# ---- a hostile story in the state folder stays inert ----
mkdir -p "$HOME_DIR/content/products"
printf 'Câu chuyện.\n\n<script>alert(1)</script>\n\n[x](javascript:alert(2)) <img src=x onerror=alert(3)>\n' \
    >"$HOME_DIR/content/products/mat-ong-hoa-rung-meo-vac.md"
"$OCOP" site build --site-url "$BASE" >/dev/null 2>&1
req "$BASE/san-pham/mat-ong-hoa-rung-meo-vac/"
check_has "the state folder's story is shown" "$R_BODY" "Câu chuyện."
check_lacks "its script is not" "$R_BODY" "<script>alert"
check_lacks "nor its javascript: link" "$R_BODY" 'href="javascript:'
check_lacks "nor its event attribute" "$R_BODY" "<img src=x onerror"

# ---- over `ocop seed --synthetic 2000` ----
SYN="$HOME_DIR/syn"
OCOP_HOME="$SYN" "$OCOP" init >/dev/null && OCOP_HOME="$SYN" "$OCOP" seed --synthetic 2000 >/dev/null
check_eq "seed --synthetic 2000 adds 2000 certified products" "$(sqlite3 "$SYN/ocop.db" "SELECT count(DISTINCT product_id) FROM certificate")" 2000
check "with every status" test "$(sqlite3 "$SYN/ocop.db" "SELECT count(DISTINCT status) FROM certificate")" = 4
OCOP_HOME="$SYN" "$OCOP" site build --site-url https://ocop.example.vn >"$HOME_DIR/syn.out" 2>&1
check "the site builds over it" grep -q "2000 products" "$HOME_DIR/syn.out"
check_eq "one page per product" "$(find "$SYN/www/san-pham" -name index.html | wc -l)" 2000
check_has "with its story" "$(cat "$SYN/www/san-pham/mat-ong-hoa-rung-tan-lap-1/index.html")" "Dữ liệu tổng hợp"
out=$(bash "$CHECK" "$SYN/www" / https://ocop.example.vn)
check "every link of the synthetic site resolves" test $? -eq 0
check_has "(the checker saw them)" "$out" " 0 broken"
