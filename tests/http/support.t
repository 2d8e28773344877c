#!/usr/bin/env bash
# tests/http/support.t — support payments checked by the province's rules through nginx
# and the real support program, on the small rules tree (tinh-a: packaging from 3★,
# after recognition, at most 2 product codes per type and organisation, 30 M VND per
# product; a 3★ first-recognition reward of 10 M; its own Lua rule refuses 12 345 VND;
# a 2020 budget of 300 M in lines 1, 2 = 2a + 2b): refusals with the rule's reason, a cap
# missed by 1 VND, bad amounts, roles, CSRF; the budget planned/paid/remaining per line;
# targets against the database; the exports.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/tree.sh"
OCOP_TODAY=2020-09-15 tree_server
tree_user can-bo-tinh province tinh-a "Văn phòng OCOP tỉnh A"
as() { JAR="$HOME_DIR/jar-$1"; [ -f "$HOME_DIR/csrf-$1" ] || { login "$1" "mat-khau-thu-$1"; session_csrf >"$HOME_DIR/csrf-$1"; }; CSRF=$(cat "$HOME_DIR/csrf-$1"); }

# one organisation with four products of one type (1.1.1); three certified 3★ on 2020-06-01
sql "INSERT INTO subject (id, kind, name, area_code, created_at) VALUES (900, 'cooperative', 'HTX Mật ong', 'tinh-a/huyen-b/xa-c', 0);
     INSERT INTO product (id, subject_id, name, slug, group_regime, group_code, area_code, created_at) VALUES
       (901, 900, 'Mật ong hoa nhãn', 'mat-ong-hoa-nhan', '1048', '1.1.1', 'tinh-a/huyen-b/xa-c', 0),
       (902, 900, 'Mật ong hoa vải', 'mat-ong-hoa-vai', '1048', '1.1.1', 'tinh-a/huyen-b/xa-c', 0),
       (903, 900, 'Mật ong hoa cà phê', 'mat-ong-hoa-ca-phe', '1048', '1.1.1', 'tinh-a/huyen-b/xa-c', 0),
       (904, 900, 'Sáp ong', 'sap-ong', '1048', '1.1.1', 'tinh-a/huyen-b/xa-c', 0);
     INSERT INTO dossier (id, product_id, province, area_code, year, level, round, regime, status, created_at) VALUES
       (901, 901, 'tinh-a', 'tinh-a/huyen-b/xa-c', 2020, 'province', 1, '1048', 'decided', 0);
     INSERT INTO certificate (product_id, dossier_id, province, year, number, stars, issuer_level, issuer_area, regime, decision_no, decision_date, issued, valid_until) VALUES
       (901, 901, 'tinh-a', 2020, '0001/2020/TINH-A', 3, 'province', 'tinh-a', '1048', '1/QĐ', '2020-06-01', '2020-06-01', '2023-05-31'),
       (902, NULL, 'tinh-a', 2020, '0002/2020/TINH-A', 3, 'province', 'tinh-a', '1048', '1/QĐ', '2020-06-01', '2020-06-01', '2023-05-31'),
       (903, NULL, 'tinh-a', 2020, '0003/2020/TINH-A', 3, 'province', 'tinh-a', '1048', '1/QĐ', '2020-06-01', '2020-06-01', '2023-05-31');"
pay() { # product category amount date [budget_line]
    req -X POST --data-urlencode "csrf=$CSRF" -d "product_id=$1" -d "category=$2" -d "amount=$3" \
        -d "decision_no=QĐ-$RANDOM" -d "decision_date=$4" ${5:+-d budget_line=$5} "$BASE/app/support"
}
paid() { sql "SELECT coalesce(sum(amount), 0) FROM support"; }

as can-bo-xa
req "$BASE/app/support?year=2020"
check_eq "a commune official may read the payments" "$R_STATUS" 200
pay 901 packaging 1000000 2020-07-01
check_eq "but not record one: 403" "$R_STATUS" 403

as can-bo-tinh
pay 901 packaging 10000000 2020-07-01 2a
check_eq "a payment the rules allow: 303" "$R_STATUS" 303
check_eq "stored" "$(paid)" 10000000
pay 901 packaging 20000001 2020-07-02
check_eq "20 000 001 more would pass the 30 M cap by 1 VND: 422" "$R_STATUS" 422
check_has "the rule's reason is given" "$R_BODY" "Vượt mức hỗ trợ tối đa 30000000 đồng/sản phẩm"
pay 901 packaging 20000000 2020-07-02 2b
check_eq "exactly up to the cap: 303" "$R_STATUS" 303
pay 904 packaging 1000000 2020-07-03
check_eq "a product not certified 3★: 422" "$R_STATUS" 422
check_has "because support starts at 3★" "$R_BODY" "Chỉ hỗ trợ sản phẩm đạt từ 3 sao"
pay 902 packaging 1000000 2020-05-15
check_eq "a payment dated before the recognition decision: 422" "$R_STATUS" 422
check_has "says so" "$R_BODY" "sau khi có quyết định công nhận"
pay 902 packaging 1000000 2020-07-03
check_eq "a second product code of the type: 303" "$R_STATUS" 303
pay 903 packaging 1000000 2020-07-03
check_eq "a third product code of the same type and organisation: 422" "$R_STATUS" 422
check_has "refused by the 2-codes rule" "$R_BODY" "tối đa 2 mã sản phẩm cho một loại sản phẩm"
pay 902 packaging 12345 2020-07-03
check_eq "the province's own Lua rule refuses 12 345: 422" "$R_STATUS" 422
check_has "in its words" "$R_BODY" "Số tiền thử bị từ chối"
pay 901 star_reward 10000000 2020-07-05
check_eq "the 3★ first-recognition reward: 303" "$R_STATUS" 303
pay 902 star_reward 10000001 2020-07-05
check_eq "1 VND over the reward: 422" "$R_STATUS" 422
pay 901 training 1000000 2020-07-05
check_eq "a category the plan does not fund: 422" "$R_STATUS" 422
before=$(paid)
for bad in -5 0 1.5 1e6 abc 1000000000000000 ""; do
    pay 902 packaging "$bad" 2020-07-03
    check_eq "amount '$bad' is refused with 422" "$R_STATUS" 422
done
pay 902 packaging 1000 2020-02-30
check_eq "a date that does not exist is 422" "$R_STATUS" 422
pay 902 packaging 1000 2020-07-03 9z
check_eq "a budget line the plan does not have is 422" "$R_STATUS" 422
req -X POST -d product_id=902 -d category=packaging -d amount=1000 -d decision_no=x -d decision_date=2020-07-03 "$BASE/app/support"
check_eq "no CSRF token: 403" "$R_STATUS" 403
check_eq "nothing stored by any refusal" "$(paid)" "$before"

# --- the budget: planned against paid, per line, parents included
req -H 'Accept: application/json' "$BASE/app/budget?year=2020"
check_eq "line 2a: 50 M planned, 10 M paid, 40 M left" "$(jq -r '.budget.lines[] | select(.code=="2a") | "\(.planned_text) \(.paid_text) \(.remaining_text)"' <<<"$R_BODY")" "50.000.000 10.000.000 40.000.000"
check_eq "line 2 includes its sub-lines" "$(jq -r '.budget.lines[] | select(.code=="2") | .paid_text' <<<"$R_BODY")" "30.000.000"
check_eq "the total of the plan, and all paid" "$(jq -r '"\(.budget.total_text) \(.budget.paid_text)"' <<<"$R_BODY")" "300.000.000 41.000.000"
req "$BASE/app/budget?year=2021"
check_has "a year without a budget says so" "$R_BODY" "không nêu kinh phí"

# --- targets against the database, and deadlines
req -H 'Accept: application/json' "$BASE/app/targets?year=2020"
check_eq "products entered: 1 of at least 60" "$(jq -r '.targets[0] | "\(.have) \(.min) \(.met)"' <<<"$R_BODY")" "1 60 false"
check_eq "the monthly report falls due on the 15th" "$(jq -r '.reports[0].due' <<<"$R_BODY")" 2020-09-15
req "$BASE/app/targets?year=2020"
check_has "drawn as a bar chart in SVG" "$R_BODY" '<svg width="200" height="28" role="img"'
req "$BASE/app/targets?year=20x0"
check_eq "a bad year is 400" "$R_STATUS" 400

# --- an organisation with more payments than the rules can weigh: refused, not half-checked
sql "INSERT INTO subject (id, kind, name, area_code, created_at) VALUES (950, 'cooperative', 'HTX Nhiều khoản', 'tinh-a/huyen-b/xa-c', 0);
     INSERT INTO product (id, subject_id, name, slug, group_regime, group_code, area_code, created_at) VALUES
       (950, 950, 'Chè nhiều khoản', 'che-nhieu-khoan', '1048', '1.1.1', 'tinh-a/huyen-b/xa-c', 0);
     INSERT INTO certificate (product_id, province, year, number, stars, issuer_level, issuer_area, regime, decision_no, decision_date, issued, valid_until) VALUES
       (950, 'tinh-a', 2020, '0950/2020/TINH-A', 3, 'province', 'tinh-a', '1048', '9/QĐ', '2020-06-01', '2020-06-01', '2023-05-31');
     WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10001)
     INSERT INTO support (product_id, subject_id, province, year, category, amount, decision_no, decision_date, recorded_at)
       SELECT 950, 950, 'tinh-a', 2019, 'training', 1, 'cũ-' || i, '2019-12-01', 0 FROM n;"
before=$(sql "SELECT count(*) FROM support")
pay 950 packaging 1000 2020-07-04
check_eq "more than 10,000 earlier payments: 422" "$R_STATUS" 422
check_has "… saying the limits cannot be checked" "$R_BODY" "hơn 10.000 khoản hỗ trợ"
check_eq "… and nothing recorded" "$(sql "SELECT count(*) FROM support")" "$before"
sql "DELETE FROM support WHERE subject_id = 950 AND decision_no = 'cũ-1'"
pay 950 packaging 1000 2020-07-04
check_eq "with exactly 10,000 the rules weigh them all: 303" "$R_STATUS" 303

# --- exports
req "$BASE/app/support.csv?year=2020"
check_eq "CSV of the payments" "$(head -c 3 <<<"$R_BODY" | od -An -tx1 | tr -d ' ')" efbbbf
check_has "with the amounts" "$R_BODY" ',10000000,"2a"'
curl -s -b "$JAR" -o "$HOME_DIR/b.xlsx" "$BASE/app/budget.xlsx?year=2020"
check_eq "the budget as an Excel workbook" "$(head -c 2 "$HOME_DIR/b.xlsx")" PK
check "which holds the sheet" sh -c "unzip -p '$HOME_DIR/b.xlsx' xl/sharedStrings.xml | grep -q 'Hai a'"
