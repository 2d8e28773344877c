#!/usr/bin/env bash
# tests/http/dossier.t — a product from registration to an accepted dossier through
# nginx and the real dossier program, with real multipart uploads into the store: the
# round window from the rules, the checklist, replacement and removal, submission, a
# return with its reason and an acceptance; every bad input refused with its message
# and nothing stored changed; a 100 MB upload with the worker's memory measured.
# Rules: the small tree of tests/data/rules (province tinh-a, district huyen-b with
# its own round 2020-03-01..05-31 and low upload caps), on the day OCOP_TODAY.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/tree.sh"
tree_rules
trap 'rm -rf "$RULES_DIR"; finish' EXIT
start_server
F="$HOME_DIR/upfiles"
mkdir -p "$F"

tree_people
as() { rm -f "$JAR"; login "$1" "mat-khau-thu-$1"; CSRF=$(session_csrf); }
count() { sql "SELECT count(*) FROM $*"; }
no_temp_files() { [ -z "$(ls -A "$HOME_DIR/files/tmp" 2>/dev/null)" ]; }

# test files: real PDFs and a PNG, and things that are not
mkpdf() { { printf '%%PDF-1.4\n%% %s\n' "$2"; head -c "${3:-2000}" /dev/zero | tr '\0' 'x'; printf '\n%%%%EOF\n'; } >"$F/$1"; }
mkpdf dang-ky.pdf "phieu dang ky"
mkpdf phuong-an.pdf "phuong an"
mkpdf phuong-an-2.pdf "phuong an, ban sua"
printf '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4" fill="red"/></svg>' >"$F/a.svg"
rsvg-convert "$F/a.svg" -o "$F/anh.png"
printf 'MZ\x90\x00 not a document' >"$F/virus.exe"
cp "$F/virus.exe" "$F/virus.pdf"
mkpdf big.pdf "qua lon" $((3 * 1024 * 1024))

tree_user quan-tri admin tinh-a "Quản trị"
as quan-tri
req "$BASE/app/subjects/new"
check_has "an administrator's producer form offers the areas of every province" "$R_BODY" \
    '<option value="tinh-a/huyen-d/xa-e">'

as can-bo-xa
# --- producers
req "$BASE/app/subjects/new"
check_eq "the producer form is 200" "$R_STATUS" 200
req -X POST --data-urlencode "csrf=$CSRF" -d kind=cooperative -d area_code=tinh-a/huyen-b/xa-c "$BASE/app/subjects"
check_eq "a producer without a name is 422" "$R_STATUS" 422
check_has "the form says which field" "$R_BODY" "Tên chủ thể"
check_has "the form keeps what was typed" "$R_BODY" 'value="tinh-a/huyen-b/xa-c" selected'
req -X POST --data-urlencode "csrf=$CSRF" -d kind=cooperative --data-urlencode "name=HTX Mật ong" -d area_code=tinh-a/huyen-d/xa-e "$BASE/app/subjects"
check_eq "a producer outside the official's area is 422" "$R_STATUS" 422
req -X POST --data-urlencode "csrf=$CSRF" -d kind=pirate --data-urlencode "name=HTX" -d area_code=tinh-a/huyen-b/xa-c "$BASE/app/subjects"
check_eq "an unknown kind is 422" "$R_STATUS" 422
check_eq "nothing stored by the refusals" "$(count "subject WHERE area_code LIKE 'tinh-a%'")" 0
req -X POST --data-urlencode "csrf=$CSRF" -d kind=cooperative --data-urlencode "name=HTX Mật ong Xã C" -d area_code=tinh-a/huyen-b/xa-c "$BASE/app/subjects"
check_eq "a producer is registered: 303" "$R_STATUS" 303
SUBJ=$(sed -n 's|^Location: /app/subjects/\([0-9]*\)$|\1|p' <<<"$R_HEADERS")
check "and sent to its page" test -n "$SUBJ"
req -X POST -d kind=cooperative -d name=X -d area_code=tinh-a/huyen-b/xa-c "$BASE/app/subjects"
check_eq "a write without the CSRF token is 403" "$R_STATUS" 403

# --- products
req "$BASE/app/products/new?subject=$SUBJ"
check_has "the product form offers the 1048 groups of 2020" "$R_BODY" '1.1.1 — Rau, củ, quả, hạt tươi'
check_has "… naming the decision they come from" "$R_BODY" "(phân nhóm theo QĐ 1048/QĐ-TTg)"
req -X POST --data-urlencode "csrf=$CSRF" -d subject_id="$SUBJ" --data-urlencode "name=Mật ong bạc hà" -d group_code=9.9 -d area_code=tinh-a/huyen-b/xa-c "$BASE/app/products"
check_eq "a group outside the classification is 422" "$R_STATUS" 422
check_has "and says so" "$R_BODY" "Nhóm sản phẩm không có trong bộ phân nhóm"
req -X POST --data-urlencode "csrf=$CSRF" -d subject_id="$SUBJ" --data-urlencode "name=Mật ong bạc hà" -d group_code=1.1.1 -d area_code=tinh-a/huyen-b/xa-c "$BASE/app/products"
check_eq "a product is registered: 303" "$R_STATUS" 303
PROD=$(sed -n 's|^Location: /app/products/\([0-9]*\)$|\1|p' <<<"$R_HEADERS")
check_eq "its slug comes from its name" "$(sql "SELECT slug FROM product WHERE id=$PROD")" mat-ong-bac-ha

# --- opening a dossier: only in an open round
req -X POST --data-urlencode "csrf=$CSRF" -d product_id="$PROD" -d level=province "$BASE/app/dossiers"
check_eq "no provincial round on 2020-04-15: 409" "$R_STATUS" 409
check_has "the refusal gives the round's dates" "$R_BODY" "Đợt 1: từ 2020-07-01 đến hết 2020-12-10"
req -X POST --data-urlencode "csrf=$CSRF" -d product_id="$PROD" -d level=district "$BASE/app/dossiers"
check_eq "a district dossier in the district's own round: 303" "$R_STATUS" 303
D=$(sed -n 's|^Location: /app/dossiers/\([0-9]*\)$|\1|p' <<<"$R_HEADERS")
check_eq "in round 1 of 2020 under 1048" "$(sql "SELECT year||'/'||round||'/'||regime||'/'||status FROM dossier WHERE id=$D")" "2020/1/1048/draft"
req -X POST --data-urlencode "csrf=$CSRF" -d product_id="$PROD" -d level=district "$BASE/app/dossiers"
check_eq "a second dossier in the same round is 409" "$R_STATUS" 409
req "$BASE/app/dossiers/$D"
check_has "the checklist shows what is missing" "$R_BODY" "Còn thiếu 2 tài liệu bắt buộc"
check_has "the 3-working-day check period is known" "$R_BODY" "Danh mục tài liệu"

# --- uploads, refused
up() { req -H "Accept: application/json" "$@" "$BASE/app/dossiers/$D/files"; }
files_before=$(count dossier_file)
up -F "f_phieu_dang_ky=@$F/dang-ky.pdf"
check_eq "an upload without the CSRF token is 403" "$R_STATUS" 403
up -F "f_phieu_dang_ky=@$F/dang-ky.pdf" -F "csrf=$CSRF"
check_eq "a CSRF token after the file is 403" "$R_STATUS" 403
up -F "csrf=$CSRF" -F "f_bang_khen=@$F/dang-ky.pdf"
check_eq "a document type not in the checklist is 422" "$R_STATUS" 422
up -F "csrf=$CSRF" -F "f_phieu_dang_ky=@$F/virus.pdf"
check_eq "an executable named .pdf is 415" "$R_STATUS" 415
check_has "and the message names the file" "$R_BODY" "virus.pdf"
up -F "csrf=$CSRF" -F "f_phieu_dang_ky=@$F/big.pdf"
check_eq "a file over the district's 2 MB cap is 413" "$R_STATUS" 413
up -F "csrf=$CSRF" -F "f_anh=@$F/anh.png" -F "f_anh=@$F/anh.png" -F "f_anh=@$F/anh.png" -F "f_anh=@$F/anh.png"
check_eq "more files than the cap of 3 is 413" "$R_STATUS" 413
up -F "csrf=$CSRF" -F "f_phieu_dang_ky=@/dev/null;filename="
check_eq "nothing chosen is 422" "$R_STATUS" 422
up -H "Content-Type: multipart/form-data; boundary=XyZ" --data-binary $'--XyZ\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n'"$CSRF"$'\r\n--XyZ\r\nContent-Disposition: form-data; name="f_phieu_dang_ky"; filename="a.pdf"\r\n\r\n%PDF-1.4 cut short'
check_eq "a body without its closing boundary is 400" "$R_STATUS" 400
up -d "csrf=$CSRF"
check_eq "a form that is not multipart is 415" "$R_STATUS" 415
check_eq "no row from any refused upload" "$(count dossier_file)" "$files_before"
check "no temp file left behind" no_temp_files

# --- uploads, accepted (two files at once; a hostile name kept as text only)
up -F "csrf=$CSRF" -F "f_phieu_dang_ky=@$F/dang-ky.pdf;filename=../../etc/phiếu đăng ký.pdf" -F "f_phuong_an=@$F/phuong-an.pdf"
check_eq "two documents in one upload: 201 for JSON" "$R_STATUS" 201
check_eq "both listed" "$(jq '.files | length' <<<"$R_BODY")" 2
check_eq "the name is kept without its path" "$(jq -r '.files[0].name' <<<"$R_BODY")" "etcphiếu đăng ký.pdf"
SHA=$(sha256sum "$F/dang-ky.pdf" | cut -c1-64)
check "stored under its SHA-256" test -f "$HOME_DIR/files/${SHA:0:2}/$SHA"
check "no temp file left behind" no_temp_files
req "$BASE/app/dossiers/$D"
check_has "the checklist is complete" "$R_BODY" "Đủ tài liệu bắt buộc"
FID=$(sql "SELECT id FROM dossier_file WHERE dossier_id=$D AND doc_type='phuong_an'")

# --- download
h=$(mktemp); curl -s -b "$JAR" -D "$h" -o "$F/got.pdf" "$BASE/app/dossiers/$D/files/$FID"
check_has "a download is an attachment" "$(tr -d '\r' <"$h")" "Content-Disposition: attachment"
check_has "with the stored type" "$(tr -d '\r' <"$h")" "Content-Type: application/pdf"
check "the same bytes come back" cmp -s "$F/got.pdf" "$F/phuong-an.pdf"
req "$BASE/_files/${SHA:0:2}/$SHA"
check_eq "the store is not reachable directly" "$R_STATUS" 404

# --- replace and remove, before submission
req -H "Accept: application/json" -F "csrf=$CSRF" -F "file=@$F/phuong-an-2.pdf" "$BASE/app/dossiers/$D/files/$FID/replace"
check_eq "a replacement: 201" "$R_STATUS" 201
check_eq "the old version stays, marked replaced" "$(sql "SELECT replaced_by IS NOT NULL FROM dossier_file WHERE id=$FID")" 1
req -H "Accept: application/json" -F "csrf=$CSRF" -F "file=@$F/phuong-an-2.pdf" "$BASE/app/dossiers/$D/files/$FID/replace"
check_eq "replacing a replaced version is 409" "$R_STATUS" 409
up -F "csrf=$CSRF" -F "f_anh=@$F/anh.png"
ANH=$(sql "SELECT id FROM dossier_file WHERE dossier_id=$D AND doc_type='anh'")
req -X POST --data-urlencode "csrf=$CSRF" "$BASE/app/dossiers/$D/files/$ANH/remove"
check_eq "removing a document: 303" "$R_STATUS" 303
check_eq "kept, marked removed" "$(sql "SELECT removed FROM dossier_file WHERE id=$ANH")" 1

# --- other officials
as can-bo-xa-e
req "$BASE/app/dossiers/$D"
check_eq "an official of another commune cannot see it" "$R_STATUS" 404
req "$BASE/app/dossiers/$D/files/$FID"
check_eq "nor download its documents" "$R_STATUS" 404

# --- submit, return, accept
as can-bo-xa
req -X POST --data-urlencode "csrf=$CSRF" "$BASE/app/dossiers/$D/accept"
check_eq "the commune cannot accept its own dossier" "$R_STATUS" 403
req -X POST --data-urlencode "csrf=$CSRF" "$BASE/app/dossiers/$D/submit"
check_eq "submitted: 303" "$R_STATUS" 303
up -F "csrf=$CSRF" -F "f_anh=@$F/anh.png"
check_eq "no upload after submission: 409" "$R_STATUS" 409
as can-bo-huyen
req "$BASE/app/dossiers/$D"
check_has "the district sees it to check" "$R_BODY" "Tiếp nhận hồ sơ"
check_has "with the check deadline" "$R_BODY" "hạn kiểm tra 3 ngày làm việc"
req -X POST --data-urlencode "csrf=$CSRF" "$BASE/app/dossiers/$D/return"
check_eq "a return without a reason is 422" "$R_STATUS" 422
req -X POST --data-urlencode "csrf=$CSRF" --data-urlencode "reason=Thiếu chữ ký trên phiếu đăng ký" "$BASE/app/dossiers/$D/return"
check_eq "returned with a reason: 303" "$R_STATUS" 303
as can-bo-xa
req "$BASE/app/dossiers/$D"
check_has "the commune sees the reason" "$R_BODY" "Thiếu chữ ký trên phiếu đăng ký"
up -F "csrf=$CSRF" -F "f_phieu_dang_ky=@$F/dang-ky.pdf"
check_eq "a returned dossier takes documents again" "$R_STATUS" 201
req -X POST --data-urlencode "csrf=$CSRF" "$BASE/app/dossiers/$D/submit"
check_eq "resubmitted" "$(sql "SELECT status FROM dossier WHERE id=$D")" submitted
as can-bo-huyen
req "$BASE/app/"
check_lacks "not overdue on the day it came" "$R_BODY" 'href="/app/dossiers/'"$D"'">Mật ong'
sql "UPDATE dossier SET submitted_at = strftime('%s', '2020-04-08') WHERE id = $D"
req "$BASE/app/"
check_has "3 working days after Wed 8/4 is Mon 13/4: overdue on the 15th, on the start page" \
    "$R_BODY" 'href="/app/dossiers/'"$D"'">Mật ong bạc hà</a> — hạn 2020-04-13'
req -X POST --data-urlencode "csrf=$CSRF" "$BASE/app/dossiers/$D/accept"
check_eq "accepted: 303" "$R_STATUS" 303
req "$BASE/app/dossiers/$D"
check_has "history: the return" "$R_BODY" "Trả lại hồ sơ"
check_has "history: the acceptance, by whom" "$R_BODY" "Tiếp nhận hồ sơ — Cán bộ huyện B"
req -X POST --data-urlencode "csrf=$CSRF" "$BASE/app/dossiers/$D/accept"
check_eq "accepting twice is 409" "$R_STATUS" 409

# --- the list and its filters
req "$BASE/app/dossiers?status=accepted&year=2020"
check_has "the list filters by status and year" "$R_BODY" "Mật ong bạc hà"
req "$BASE/app/dossiers?status=draft"
check_lacks "and leaves out the rest" "$R_BODY" "Mật ong bạc hà"
req "$BASE/app/dossiers?area=tinh-a/huyen-b"
check_has "the area filter takes the units under the area" "$R_BODY" "Mật ong bạc hà"
check_has "each row names its commune" "$R_BODY" "<td>Xã C</td>"
check_has "… its level by name, not by code, and its status" "$R_BODY" "<td>2020 / huyện / 1</td><td>Đã tiếp nhận</td>"
req -H 'Accept: application/json' "$BASE/app/dossiers?area=tinh-a/huyen-b"
check_eq "… in JSON too, beside its code" \
    "$(jq -r '[.dossiers[] | .area_code + "=" + .area_name] | unique | join(",")' <<<"$R_BODY")" \
    "tinh-a/huyen-b/xa-c=Xã C"
check_eq "… and the level's and status's names beside theirs" \
    "$(jq -r '[.dossiers[] | .level + "=" + .level_label + " " + .status + "=" + .status_label] | unique | join(",")' <<<"$R_BODY")" \
    "district=huyện accepted=Đã tiếp nhận"
req "$BASE/app/dossiers?area=tinh-a/huyen"
check_lacks "… and only those: a code that merely starts the same is another area" "$R_BODY" "Mật ong bạc hà"
req "$BASE/app/dossiers?group=1.1"
check_has "the group filter takes the groups under it (1.1 holds 1.1.1)" "$R_BODY" "Mật ong bạc hà"
req "$BASE/app/dossiers?group=1.1.1"
check_has "… and the group itself" "$R_BODY" "Mật ong bạc hà"
req "$BASE/app/dossiers?group=1._"
check_lacks "… with no wildcard in it (1._ is not 1.1)" "$R_BODY" "Mật ong bạc hà"
req "$BASE/app/dossiers?year=abc"
check_eq "a bad filter is 400" "$R_STATUS" 400

# --- 100 MB through nginx, with the worker's memory measured
as can-bo-xa-e
req -X POST --data-urlencode "csrf=$CSRF" -d kind=household --data-urlencode "name=Hộ ông E" -d area_code=tinh-a/huyen-d/xa-e "$BASE/app/subjects"
S2=$(sed -n 's|^Location: /app/subjects/\([0-9]*\)$|\1|p' <<<"$R_HEADERS")
req -X POST --data-urlencode "csrf=$CSRF" -d subject_id="$S2" --data-urlencode "name=Chè shan tuyết" -d group_code=1.1.1 -d area_code=tinh-a/huyen-d/xa-e "$BASE/app/products"
P2=$(sed -n 's|^Location: /app/products/\([0-9]*\)$|\1|p' <<<"$R_HEADERS")
req -X POST --data-urlencode "csrf=$CSRF" -d product_id="$P2" -d level=district "$BASE/app/dossiers"
D2=$(sed -n 's|^Location: /app/dossiers/\([0-9]*\)$|\1|p' <<<"$R_HEADERS")
mkpdf huge.pdf "100 MB" $((100 * 1024 * 1024))
req -H "Accept: application/json" -F "csrf=$CSRF" -F "f_phuong_an=@$F/huge.pdf" "$BASE/app/dossiers/$D2/files"
check_eq "a 100 MB document through nginx: 201" "$R_STATUS" 201
check_eq "stored whole" "$(jq '.files[0].size' <<<"$R_BODY")" "$(stat -c %s "$F/huge.pdf")"
peak=0
for pid in $(pgrep -P "$SERVER_PID" -f 'ocop-dossier.fcgi'); do
    kb=$(awk '/^VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null)
    [ -n "$kb" ] && [ "$kb" -gt "$peak" ] && peak=$kb
done
echo "# dossier worker peak resident memory: ${peak} kB"
if [ -n "${SANITIZE:-}" ]; then ok "memory not measured under sanitizers"; else
check "the dossier workers' peak resident memory stayed under 16 MB" test "$peak" -gt 0 -a "$peak" -lt 16384; fi
rm -f "$F/huge.pdf"
