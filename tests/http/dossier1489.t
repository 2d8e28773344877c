#!/usr/bin/env bash
# tests/http/dossier1489.t — a dossier under QĐ 148 as amended by QĐ 1489 (from
# 2025-07-06): no district level any more, the province's round, and the commune's
# assessment report required before submission.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/tree.sh"
OCOP_TODAY=2025-09-01 tree_server
rm -f "$JAR"; login can-bo-xa mat-khau-thu-can-bo-xa; CSRF=$(session_csrf)
F="$HOME_DIR/up"; mkdir -p "$F"
{ printf '%%PDF-1.4\n'; head -c 500 /dev/zero | tr '\0' 'x'; printf '\n%%%%EOF\n'; } >"$F/a.pdf"

req -X POST --data-urlencode "csrf=$CSRF" -d kind=household --data-urlencode "name=Hộ bà C" -d area_code=tinh-a/huyen-b/xa-c "$BASE/app/subjects"
S=$(sed -n 's|^Location: /app/subjects/\([0-9]*\)$|\1|p' <<<"$R_HEADERS")
req "$BASE/app/products/new?subject=$S"
check_has "after 2023-02-24 the groups are those of QĐ 148" "$R_BODY" 'I.1 — Sản phẩm từ rau, quả, hạt tươi'
req -X POST --data-urlencode "csrf=$CSRF" -d subject_id="$S" --data-urlencode "name=Mứt gừng" -d group_code=I.1 -d area_code=tinh-a/huyen-b/xa-c "$BASE/app/products"
P=$(sed -n 's|^Location: /app/products/\([0-9]*\)$|\1|p' <<<"$R_HEADERS")
check_eq "the product is kept under the 148 classification" "$(sql "SELECT group_regime||' '||group_code FROM product WHERE id=$P")" "148 I.1"
req "$BASE/app/products/$P"
check_lacks "the district level is no longer offered" "$R_BODY" '<option value="district">'
req -X POST --data-urlencode "csrf=$CSRF" -d product_id="$P" -d level=district "$BASE/app/dossiers"
check_eq "a district dossier after 2025-07-01 is refused: 422" "$R_STATUS" 422
req -X POST --data-urlencode "csrf=$CSRF" -d product_id="$P" -d level=province "$BASE/app/dossiers"
check_eq "a province dossier in the 2025 round: 303" "$R_STATUS" 303
D=$(sed -n 's|^Location: /app/dossiers/\([0-9]*\)$|\1|p' <<<"$R_HEADERS")
check_eq "under regime 1489" "$(sql "SELECT regime FROM dossier WHERE id=$D")" 1489
req "$BASE/app/products/$P"
check_has "the product's page lists the dossier by its level's name" "$R_BODY" "Năm 2025, cấp tỉnh, đợt"
req "$BASE/app/dossiers/$D"
check_has "the dossier names its regime by the decisions" "$R_BODY" "· theo QĐ 148/QĐ-TTg sửa đổi bởi QĐ 1489/QĐ-TTg</p>"
req "$BASE/app/dossiers/$D"
check_has "the checklist includes the commune's report document" "$R_BODY" "Báo cáo đánh giá của xã"
check_has "and the report form" "$R_BODY" "Nguồn gốc nguyên liệu tại địa phương"
req -H "Accept: application/json" -F "csrf=$CSRF" -F "f_phieu_dang_ky=@$F/a.pdf" -F "f_bao_cao_xa=@$F/a.pdf" "$BASE/app/dossiers/$D/files"
check_eq "documents uploaded" "$R_STATUS" 201
req -X POST --data-urlencode "csrf=$CSRF" "$BASE/app/dossiers/$D/submit"
check_eq "no submission without the assessment report: 422" "$R_STATUS" 422
check_has "which says why" "$R_BODY" "báo cáo đánh giá của xã"
req -X POST --data-urlencode "csrf=$CSRF" --data-urlencode "raw_materials=Gừng trồng tại xã" --data-urlencode "labour=12 lao động của xã" "$BASE/app/dossiers/$D/assessment"
check_eq "an incomplete report is 422" "$R_STATUS" 422
check_eq "and not stored" "$(sql "SELECT count(*) FROM dossier_assessment")" 0
req -X POST --data-urlencode "csrf=$CSRF" --data-urlencode "raw_materials=Gừng trồng tại xã" --data-urlencode "labour=12 lao động của xã" --data-urlencode "idea=Công thức của gia đình" --data-urlencode "identity=Gừng núi đá" "$BASE/app/dossiers/$D/assessment"
check_eq "the report is saved: 303" "$R_STATUS" 303
req -X POST --data-urlencode "csrf=$CSRF" "$BASE/app/dossiers/$D/submit"
check_eq "now it can be submitted" "$(sql "SELECT status FROM dossier WHERE id=$D")" submitted
req -X POST --data-urlencode "csrf=$CSRF" --data-urlencode "raw_materials=x" --data-urlencode "labour=x" --data-urlencode "idea=x" --data-urlencode "identity=x" "$BASE/app/dossiers/$D/assessment"
check_eq "the report is frozen once submitted: 409" "$R_STATUS" 409
