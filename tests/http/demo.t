#!/usr/bin/env bash
# tests/http/demo.t — what `make run` shows, on the demo seed and the shipped rules, on
# its demo day (the Hà Tĩnh provincial round of 2019 open): a commune official takes a
# demo product to a submitted dossier with its documents; the province returns it with
# a reason, then accepts it; the province sets up a council of three; they score; the
# chair confirms; the product holds a numbered certificate with the right stars, issuer
# and expiry. Then the public health check and the rules page of every province.
source "$(dirname "$0")/lib.sh"
export OCOP_TODAY=$(sed -n 's/^DEMO_DAY ?= //p' "$ROOT/Makefile")
start_server
demo() { read -r u p <<<"$(awk -F'\t' -v n="$1" '$1 == n { print $1, $4 }' "$ROOT/db/demo-users.tsv")"
         JAR="$HOME_DIR/jar-$1"; [ -f "$HOME_DIR/csrf-$1" ] || { login "$u" "$p"; session_csrf >"$HOME_DIR/csrf-$1"; }
         CSRF=$(cat "$HOME_DIR/csrf-$1"); }
loc() { sed -n 's|^Location: .*/\([0-9]*\)$|\1|p' <<<"$R_HEADERS"; }
{ printf '%%PDF-1.4\n%% demo\n'; printf '\n%%%%EOF\n'; } >"$HOME_DIR/doc.pdf"
P=$(sql "SELECT id FROM product WHERE slug = 'cam-vu-quang'")

check_eq "the demo day is in the Hà Tĩnh provincial round of 2019" "$OCOP_TODAY" 2019-10-15
demo ht-commune
req -X POST --data-urlencode "csrf=$CSRF" -d product_id="$P" -d level=province "$BASE/app/dossiers"
check_eq "the commune opens a provincial dossier for Cam Vũ Quang" "$R_STATUS" 303
D=$(loc)
req -H 'Accept: application/json' "$BASE/app/dossiers/$D"
docs=$(jq -r '.checklist[] | select(.mandatory) | .code' <<<"$R_BODY")
check "the shipped checklist has mandatory documents" test -n "$docs"
args=(); for c in $docs; do args+=(-F "f_$c=@$HOME_DIR/doc.pdf"); done
req -H 'Accept: application/json' -F "csrf=$CSRF" "${args[@]}" "$BASE/app/dossiers/$D/files"
check_eq "every mandatory document uploaded at once" "$R_STATUS" 201
req -X POST --data-urlencode "csrf=$CSRF" "$BASE/app/dossiers/$D/submit"
check_eq "submitted" "$R_STATUS" 303
demo ht-province
req -X POST --data-urlencode "csrf=$CSRF" --data-urlencode "reason=Thiếu dấu trên phiếu đăng ký" "$BASE/app/dossiers/$D/return"
check_eq "the province returns it with a reason" "$R_STATUS" 303
demo ht-commune
req -X POST --data-urlencode "csrf=$CSRF" "$BASE/app/dossiers/$D/submit"
demo ht-province
req -X POST --data-urlencode "csrf=$CSRF" "$BASE/app/dossiers/$D/accept"
check_eq "then accepts it" "$(sql "SELECT status FROM dossier WHERE id=$D")" accepted

req -X POST --data-urlencode "csrf=$CSRF" -d area_code=ha-tinh -d level=province -d year=2019 --data-urlencode "name=Hội đồng OCOP tỉnh Hà Tĩnh 2019" "$BASE/app/councils"
C=$(loc)
for m in "ht-council chair" "ht-council2 member" "ht-council3 member"; do
    set -- $m
    req -X POST --data-urlencode "csrf=$CSRF" -d "username=$1" -d "role=$2" "$BASE/app/councils/$C/members"
done
check_eq "a council of three" "$(sql "SELECT count(*) FROM council_member WHERE council_id=$C")" 3

# each member aims at about 80 points on the sheet the rules give (highest option that fits)
for m in ht-council ht-council2 ht-council3; do
    demo "$m"
    req -H 'Accept: application/json' "$BASE/app/dossiers/$D/score"
    form=$(jq -r --argjson aim 80 '[.sheet.parts[].groups[].criteria[]] as $cs |
        ([$cs[] | [.options[].points] | min] | add) as $base |
        reduce $cs[] as $c ({t: $base, f: []};
          . as $acc | ([$c.options[].points] | min) as $lo |
          ([$c.options[] | select(.points - $lo <= $aim - $acc.t)] | max_by(.points)) as $o |
          {t: ($acc.t + $o.points - $lo), f: ($acc.f + ["c_\($c.code)=\($o.index)"])}) | .f | join("&")' <<<"$R_BODY")
    req -X POST --data-urlencode "csrf=$CSRF" -d action=submit -d "$form" "$BASE/app/dossiers/$D/score"
done
check_eq "three sheets submitted" "$(sql "SELECT count(*) FROM score_sheet WHERE dossier_id=$D AND status='submitted'")" 3
demo ht-council
req -H 'Accept: application/json' "$BASE/app/dossiers/$D/result"
check_eq "mean 80: under 1048 the province certifies 4★" "$(jq -r '"\(.mean) \(.stars) \(.decision)"' <<<"$R_BODY")" "80 4 certify"
req -X POST --data-urlencode "csrf=$CSRF" --data-urlencode "decision_no=1500/QĐ-UBND" -d decision_date=2019-10-30 "$BASE/app/dossiers/$D/result"
check_eq "the chair confirms" "$R_STATUS" 303
check_eq "a numbered 4★ certificate of the province, valid 36 months" \
    "$(sql "SELECT number||' '||stars||' '||issuer_level||' '||valid_until FROM certificate WHERE dossier_id=$D")" \
    "0001/2019/HA-TINH 4 province 2022-10-29"

req "$BASE/app/health"
check_eq "health: every shipped province's rules are loaded" "$(jq -r '[.rules[]] | unique | join(",")' <<<"$R_BODY")" ok
for p in $(jq -r '.rules | keys[]' <<<"$R_BODY"); do
    req "$BASE/app/rules/$p"
    check_eq "the rules page of $p" "$R_STATUS" 200
done

# --- support on the demo: the Hà Giang office and the 2-codes rule of its 2020 plan
demo hg-province
pay() { req -X POST --data-urlencode "csrf=$CSRF" -d "product_id=$(sql "SELECT id FROM product WHERE slug = '$1'")" \
        -d category=packaging -d amount=15000000 -d "decision_no=QĐ-$1" -d decision_date=2020-11-02 -d budget_line=II.2 "$BASE/app/support"; }
pay mat-ong-bac-ha-meo-vac
check_eq "Hà Giang pays packaging for a 3★ honey" "$R_STATUS" 303
pay mat-ong-bac-ha-hu-nho-meo-vac
check_eq "and for a second honey of the same cooperative" "$R_STATUS" 303
pay mat-ong-hoa-rung-meo-vac
check_eq "a third honey code of that cooperative is refused" "$R_STATUS" 422
check_has "with the rule's reason" "$R_BODY" "tối đa 2 mã sản phẩm cho một loại sản phẩm"
req -H 'Accept: application/json' "$BASE/app/budget?year=2020"
check_eq "the budget page: the plan's total and what was paid" "$(jq -r '"\(.budget.total_text) \(.budget.paid_text)"' <<<"$R_BODY")" "23.690.000.000 30.000.000"
check_eq "per line: 13,640 M planned for starred products, 30 M paid, the rest left" \
    "$(jq -r '.budget.lines[] | select(.code == "II.2") | "\(.planned_text) \(.paid_text) \(.remaining_text)"' <<<"$R_BODY")" \
    "13.640.000.000 30.000.000 13.610.000.000"
req "$BASE/app/targets?year=2020"
check_has "the dashboard shows the plan's target" "$R_BODY" "Sản phẩm đạt từ 3 sao"
req -H 'Accept: application/json' "$BASE/app/budget?year=2020"
check_eq "and what was paid per district" "$(jq -r '.districts[] | "\(.name) \(.paid_text)"' <<<"$R_BODY")" "Huyện Mèo Vạc 30.000.000"
