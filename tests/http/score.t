#!/usr/bin/env bash
# tests/http/score.t — councils, score sheets and results through nginx and the real
# score program, on the small rules tree (its sheet: A1 0|40, B1 5|25, C1 0|35; a 4★
# gate on A1 ≥ 40): a district round under 1048 that forwards, a provincial round that
# certifies 4★ with a numbered certificate valid 36 months, the refusals (an option not
# on the sheet, an unknown criterion, a non-member, a conflicted member, a missing
# criterion, a double submission, scoring after the close, a chair-only action by a
# member, no CSRF), a spread that asks for re-scoring, the CSV export, and 50 members
# saving drafts at once.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/tree.sh"
tree_server
tree_user can-bo-tinh province tinh-a "Văn phòng OCOP tỉnh A"
for i in 1 2 3 4; do tree_user "tv$i" council tinh-a "Thành viên $i"; done
# One session per official for the whole test (nginx limits login POSTs per address).
as() {
    JAR="$HOME_DIR/jar-$1"
    if [ ! -f "$HOME_DIR/csrf-$1" ]; then
        login "$1" "mat-khau-thu-$1"
        session_csrf >"$HOME_DIR/csrf-$1"
    fi
    CSRF=$(cat "$HOME_DIR/csrf-$1")
}

# this test counts certificates: set the demo's aside
sql "DELETE FROM certificate_event; DELETE FROM certificate;"
# two accepted dossiers of one product: district and province level, 2020 round 1
sql "INSERT INTO subject (id, kind, name, area_code, created_at) VALUES (900, 'cooperative', 'HTX Thử', 'tinh-a/huyen-b/xa-c', 0);
     INSERT INTO product (id, subject_id, name, slug, group_regime, group_code, area_code, created_at)
       VALUES (900, 900, 'Mật ong thử', 'mat-ong-thu', '1048', '1.1.1', 'tinh-a/huyen-b/xa-c', 0),
              (901, 900, 'Chè thử', 'che-thu', '1048', '1.1.1', 'tinh-a/huyen-b/xa-c', 0);
     INSERT INTO dossier (id, product_id, province, area_code, year, level, round, regime, status, created_at) VALUES
       (900, 900, 'tinh-a', 'tinh-a/huyen-b/xa-c', 2020, 'district', 1, '1048', 'accepted', 0),
       (901, 900, 'tinh-a', 'tinh-a/huyen-b/xa-c', 2020, 'province', 1, '1048', 'accepted', 0),
       (902, 901, 'tinh-a', 'tinh-a/huyen-b/xa-c', 2020, 'province', 1, '1048', 'accepted', 0);"

# --- councils
as can-bo-xa
req -X POST --data-urlencode "csrf=$CSRF" -d area_code=tinh-a/huyen-b -d level=district -d year=2020 --data-urlencode "name=HĐ huyện B" "$BASE/app/councils"
check_eq "a commune official cannot set up a council: 403" "$R_STATUS" 403
as can-bo-huyen
req -X POST --data-urlencode "csrf=$CSRF" -d area_code=tinh-a/huyen-b -d level=district -d year=2020 --data-urlencode "name=Hội đồng huyện B 2020" "$BASE/app/councils"
check_eq "the district office sets up its council: 303" "$R_STATUS" 303
CD=$(loc_id)
req -X POST --data-urlencode "csrf=$CSRF" -d area_code=tinh-a/huyen-b -d level=district -d year=2020 --data-urlencode "name=Lần hai" "$BASE/app/councils"
check_eq "a second district council for the same year is 409" "$R_STATUS" 409
add() { req -X POST --data-urlencode "csrf=$CSRF" -d "username=$2" -d "role=$3" "$BASE/app/councils/$1/members"; }
add "$CD" tv1 chair; add "$CD" tv2 member; add "$CD" tv3 member
check_eq "members added: 303" "$R_STATUS" 303
add "$CD" tv2 chair
check_eq "a second chair (or a member twice) is 409" "$R_STATUS" 409
add "$CD" ai-do member
check_eq "an unknown account is 422" "$R_STATUS" 422
req "$BASE/app/councils"
check_has "the councils list names the level (not its code)" "$R_BODY" "Hội đồng huyện B 2020</a></td><td>huyện</td>"
req "$BASE/app/councils/$CD"
check_has "… so does the council's page" "$R_BODY" "Cấp huyện · năm 2020"
check_has "… and its members' roles" "$R_BODY" "— Chủ tịch</li>"

# --- the district round (1048: the district scores and forwards ≥ 50)
sheet() { # as USER, dossier, action, A1 B1 C1 option indexes (empty = unchosen)
    as "$1"
    req -X POST --data-urlencode "csrf=$CSRF" -d "action=$3" ${4:+-d c_A1=$4} ${5:+-d c_B1=$5} ${6:+-d c_C1=$6} "$BASE/app/dossiers/$2/score"
}
as tv4
req "$BASE/app/dossiers/900/score"
check_eq "a council user outside this council cannot open the sheet: 403" "$R_STATUS" 403
as tv1
req "$BASE/app/dossiers/900/score"
check_eq "the chair opens the sheet: 200" "$R_STATUS" 200
check_has "the sheet comes from the rules" "$R_BODY" "Tiêu chí A1"
check_has "… and says it is not scored yet" "$R_BODY" 'data-status="new">chưa chấm</strong>'
check_has "the sheet says it is illustrative" "$R_BODY" "phiếu minh hoạ"
req "$BASE/app/score"
check_has "the member's work list gives the role by name" "$R_BODY" "<small>(Chủ tịch)</small>"
check_has "… and the sheet's state" "$R_BODY" "<td>chưa chấm</td>"
sheet tv1 900 draft 1 "" ""
check_eq "a partial draft is saved: 303" "$R_STATUS" 303
req -H 'Accept: application/json' "$BASE/app/dossiers/900/score"
check_eq "the draft keeps its choice" "$(jq '.total' <<<"$R_BODY")" 40
sheet tv1 900 submit 1 "" ""
check_eq "submitting with a criterion missing is 422" "$R_STATUS" 422
check_has "naming it" "$R_BODY" "B1"
sheet tv1 900 draft 7 0 0
check_eq "an option not on the sheet is 422" "$R_STATUS" 422
as tv1; req -X POST --data-urlencode "csrf=$CSRF" -d action=draft -d c_Z9=0 "$BASE/app/dossiers/900/score"
check_eq "an unknown criterion is 422" "$R_STATUS" 422
as tv1; req -X POST -d action=draft -d c_A1=1 "$BASE/app/dossiers/900/score"
check_eq "no CSRF token: 403" "$R_STATUS" 403
sheet tv1 900 submit 1 1 0
check_eq "the chair submits 65: 303" "$R_STATUS" 303
sheet tv1 900 submit 1 1 1
check_eq "a second submission is 409" "$R_STATUS" 409
sheet tv2 900 submit 0 1 1
sheet tv3 900 draft 0 0 0
as tv3
req -X POST --data-urlencode "csrf=$CSRF" --data-urlencode "note=Người nhà của chủ thể" "$BASE/app/dossiers/900/conflict"
check_eq "a member declares a conflict: 303" "$R_STATUS" 303
req "$BASE/app/dossiers/900/score"
check_eq "a conflicted member can no longer open the sheet" "$R_STATUS" 403
req "$BASE/app/dossiers/900/result"
check_eq "nor see the others' scores" "$R_STATUS" 403
sheet tv3 900 submit 1 1 1
check_eq "nor score" "$R_STATUS" 403
as tv2
req -X POST --data-urlencode "csrf=$CSRF" "$BASE/app/dossiers/900/result"
check_eq "a member cannot confirm the result: 403" "$R_STATUS" 403
as tv1
req -H 'Accept: application/json' "$BASE/app/dossiers/900/result"
check_eq "the chair sees 2 sheets counted of 2 eligible" "$(jq -r '"\(.counted)/\(.eligible)"' <<<"$R_BODY")" 2/2
check_eq "mean 62.5 (65 and 60)" "$(jq '.mean' <<<"$R_BODY")" 62.5
check_eq "under 1048 the district forwards it" "$(jq -r '.decision' <<<"$R_BODY")" forward
check_eq "the conflict is on the result" "$(jq -r '.members[2].conflict_note' <<<"$R_BODY")" "Người nhà của chủ thể"
req "$BASE/app/dossiers/900/result"
check_has "the result page names the level and the decision it is scored under" "$R_BODY" "· cấp huyện · đợt 1 · theo QĐ 1048/QĐ-TTg</p>"
check_has "… and each member's role and sheet by name" "$R_BODY" "<td>Thành viên 2</td><td>Thành viên</td><td>đã nộp</td>"
req "$BASE/app/dossiers/900/result.csv"
check_eq "the CSV export is 200" "$R_STATUS" 200
check_has "as CSV" "$R_HEADERS" "Content-Type: text/csv; charset=utf-8"
check_eq "with a BOM for Excel" "$(head -c 3 <<<"$R_BODY" | od -An -tx1 | tr -d ' ')" efbbbf
check_has "one row per member" "$R_BODY" '"Thành viên 2","member","submitted",60,0,25,35'
check_has "then the mean" "$R_BODY" '"Điểm trung bình",,,62.50'
check_has "and the conclusion" "$R_BODY" '"Kết luận",,,"'
req -X POST --data-urlencode "csrf=$CSRF" "$BASE/app/dossiers/900/result"
check_eq "the chair confirms: 303" "$R_STATUS" 303
check_eq "the dossier is decided: forwarded" "$(sql "SELECT d.status||' '||r.decision FROM dossier d JOIN result r ON r.dossier_id=d.id WHERE d.id=900")" "decided forward"
sheet tv2 900 draft 0 0 0
check_eq "scoring after the close is 409" "$R_STATUS" 409
check_eq "no certificate at the district under 1048" "$(sql "SELECT count(*) FROM certificate")" 0

# --- the provincial round: certifies 3–4★
as can-bo-tinh
req -X POST --data-urlencode "csrf=$CSRF" -d area_code=tinh-a -d level=province -d year=2020 --data-urlencode "name=Hội đồng tỉnh A 2020" "$BASE/app/councils"
CP=$(loc_id)
add "$CP" tv1 chair; add "$CP" tv2 member; add "$CP" tv4 member
sheet tv1 901 submit 1 0 1
sheet tv2 901 submit 1 0 1
sheet tv4 901 submit 1 1 1
as tv1
req -H 'Accept: application/json' "$BASE/app/dossiers/901/result"
check_eq "spread 20 > 10: the members must re-score" "$(jq -r '.decision' <<<"$R_BODY")" rescore
req -X POST --data-urlencode "csrf=$CSRF" -d decision_no=1/QĐ-UBND -d decision_date=2020-12-20 "$BASE/app/dossiers/901/result"
check_eq "no confirming while the spread is too wide: 409" "$R_STATUS" 409
req -X POST --data-urlencode "csrf=$CSRF" "$BASE/app/dossiers/901/rescore"
check_eq "the chair asks for re-scoring" "$(sql "SELECT group_concat(status) FROM score_sheet WHERE dossier_id=901")" "draft,draft,draft"
sheet tv4 901 submit 1 0 1
sheet tv1 901 submit 1 0 1
sheet tv2 901 submit 1 0 1
as tv1
req -H 'Accept: application/json' "$BASE/app/dossiers/901/result"
check_eq "mean 80: band 4, the A1 gate holds, the province certifies 4★" \
    "$(jq -r '"\(.mean) \(.band) \(.stars) \(.decision)"' <<<"$R_BODY")" "80 4 4 certify"
req -X POST --data-urlencode "csrf=$CSRF" "$BASE/app/dossiers/901/result"
check_eq "certifying needs the decision's number and date: 422" "$R_STATUS" 422
req -X POST --data-urlencode "csrf=$CSRF" --data-urlencode "decision_no=123/QĐ-UBND" -d decision_date=2020-12-20 "$BASE/app/dossiers/901/result"
check_eq "confirmed: 303" "$R_STATUS" 303
check_eq "a numbered 4★ certificate by the province, valid 36 months" \
    "$(sql "SELECT number||' '||stars||' '||issuer_level||' '||regime||' '||issued||' '||valid_until FROM certificate")" \
    "0001/2020/TINH-A 4 province 1048 2020-12-20 2023-12-19"

# a second product, scored in the same round: numbered next
for u in tv1 tv2 tv4; do sheet $u 902 submit 1 0 1; done
as tv1
req -X POST --data-urlencode "csrf=$CSRF" --data-urlencode "decision_no=124/QĐ-UBND" -d decision_date=2020-12-21 "$BASE/app/dossiers/902/result"
check_eq "the next certificate of the province and year is 0002" "$(sql "SELECT number FROM certificate WHERE dossier_id=902")" 0002/2020/TINH-A

as can-bo-tinh
req "$BASE/app/certificates"
check_has "the province lists its certificates" "$R_BODY" "0001/2020/TINH-A"
check_has "as expired by today's date (2020-04-15 is before issue: still valid), said in Vietnamese" "$R_BODY" "<td>còn hiệu lực"
check_has "… issued by the province (the level's name, not its code)" "$R_BODY" "<td>tỉnh</td>"
CERT2=$(sql "SELECT id FROM certificate WHERE dossier_id=902")
check_has "the province is offered the form that revokes or reduces it" "$R_BODY" "action=\"/app/certificates/$CERT2\""
req -H 'Accept: application/json' "$BASE/app/certificates"
check_eq "the JSON keeps the codes beside the labels" \
    "$(jq -r '[.certificates[] | select(.id == '"$CERT2"') | .status, .status_label, .issuer_level, .issuer_level_label] | join("|")' <<<"$R_BODY")" \
    "valid|còn hiệu lực|province|tỉnh"
req "$BASE/app/certificates?expiring=abc"
check_eq "a bad filter is 400" "$R_STATUS" 400
# what the form sends, refused: each field missing or wrong, and nothing changes
CERT_STATE="SELECT status||'|'||coalesce(status_reason,'')||'|'||(SELECT count(*) FROM certificate_event e WHERE e.certificate_id=c.id) FROM certificate c WHERE id=$CERT2"
before=$(sql "$CERT_STATE")
req -X POST --data-urlencode "csrf=$CSRF" -d status=revoked --data-urlencode "decision_no=9/QĐ-UBND" "$BASE/app/certificates/$CERT2"
check_eq "a revocation without its reason is 422" "$R_STATUS" 422
check_has "… naming the field" "$R_BODY" "Lý do"
req -X POST --data-urlencode "csrf=$CSRF" -d status=revoked --data-urlencode "reason=Vi phạm" "$BASE/app/certificates/$CERT2"
check_eq "… without the decision's number, 422" "$R_STATUS" 422
req -X POST --data-urlencode "csrf=$CSRF" -d status=valid --data-urlencode "reason=Vi phạm" --data-urlencode "decision_no=9/QĐ-UBND" "$BASE/app/certificates/$CERT2"
check_eq "… with a change that is not revoke or reduce, 422" "$R_STATUS" 422
req -X POST --data-urlencode "csrf=$CSRF" -d status=revoked --data-urlencode "reason=Vi phạm" --data-urlencode "decision_no=$(printf 'x%.0s' $(seq 1 65))" "$BASE/app/certificates/$CERT2"
check_eq "… with a decision number over 64 characters, 422" "$R_STATUS" 422
as can-bo-huyen
req -X POST --data-urlencode "csrf=$CSRF" -d status=revoked --data-urlencode "reason=Vi phạm" --data-urlencode "decision_no=9/QĐ-UBND" "$BASE/app/certificates/$CERT2"
check_eq "… by a district official, 403" "$R_STATUS" 403
as can-bo-tinh
check_eq "… and the certificate is as it was" "$(sql "$CERT_STATE")" "$before"
req -X POST --data-urlencode "csrf=$CSRF" -d status=revoked --data-urlencode "reason=Vi phạm an toàn thực phẩm" --data-urlencode "decision_no=9/QĐ-UBND" "$BASE/app/certificates/$CERT2"
check_eq "the province revokes a certificate: 303" "$R_STATUS" 303
check_eq "revoked, with its reason and an event" "$(sql "SELECT c.status||'|'||(SELECT kind FROM certificate_event e WHERE e.certificate_id=c.id ORDER BY id DESC LIMIT 1) FROM certificate c WHERE dossier_id=902")" "revoked|revoked"
req "$BASE/app/certificates"
check_has "the list says it is revoked, with the reason" "$R_BODY" "<td>đã thu hồi <small>Vi phạm an toàn thực phẩm — QĐ 9/QĐ-UBND</small>"
check_lacks "… and offers no form for it any more" "$R_BODY" "action=\"/app/certificates/$CERT2\""
as can-bo-huyen
req "$BASE/app/certificates"
check_has "a district official sees the certificates of the district's products" "$R_BODY" "0001/2020/TINH-A"
check_lacks "… with no form to revoke them" "$R_BODY" "action=\"/app/certificates/"
as can-bo-tinh

# --- 50 members saving drafts at once through nginx
sql "INSERT INTO council (id, area_code, level, year, name, created_at) VALUES (950, 'tinh-a/huyen-d', 'district', 2020, 'Hội đồng đông', 0);
     INSERT INTO dossier (id, product_id, province, area_code, year, level, round, regime, status, created_at)
       VALUES (950, 901, 'tinh-a', 'tinh-a/huyen-d/xa-e', 2020, 'district', 1, '1048', 'accepted', 0);"
for i in $(seq 1 50); do
    sql "INSERT INTO user (username, full_name, role, area_code, password_hash, created_at)
         SELECT 'm$i', 'Thành viên đông $i', 'council', 'tinh-a', password_hash, 0 FROM user WHERE username = 'tv1';
         INSERT INTO council_member (council_id, user_id, role) SELECT 950, id, 'member' FROM user WHERE username = 'm$i';"
done
# sessions made in the database: the login form is rate-limited per address by nginx
now=$(date +%s)
for i in $(seq 1 50); do
    tok=$(printf 'concurrent%033d' "$i")
    csrf=$(printf 'csrf%d' "$i" | sha256sum | cut -c1-64)
    sql "INSERT INTO session (token_hash, user_id, csrf, created_at, last_seen, expires_at)
         SELECT '$(printf %s "$tok" | sha256sum | cut -c1-64)', id, '$csrf', $now, $now, $((now + 3600))
         FROM user WHERE username = 'm$i';"
    printf '127.0.0.1\tFALSE\t/\tFALSE\t0\tocop_session\t%s\n' "$tok" >"$HOME_DIR/jar$i"
    echo "$HOME_DIR/jar$i $csrf" >"$HOME_DIR/ready$i"
done
for i in $(seq 1 50); do
    read -r j c <"$HOME_DIR/ready$i"
    curl -s -o /dev/null -w '%{http_code}\n' -b "$j" --data-urlencode "csrf=$c" -d action=draft -d c_A1=1 -d c_B1=$((i % 2)) "$BASE/app/dossiers/950/score" >"$HOME_DIR/code$i" &
    pids="$pids $!"
done
wait $pids
check_eq "50 drafts at once: every one answered 303" "$(cat "$HOME_DIR"/code* | sort | uniq -c | awk '{print $1" "$2}')" "50 303"
check_eq "and all 50 are stored with their totals" "$(sql "SELECT count(*)||' '||sum(total) FROM score_sheet WHERE dossier_id=950")" "50 $((25 * 45 + 25 * 65))"

# --- expiry, applied by the daily command
check_eq "nothing expires before the end of validity" "$(OCOP_TODAY=2023-12-19 "$OCOP" certificates expire)" "0 certificate(s) expired"
check_eq "the day after, the 4★ certificate expires" "$(OCOP_TODAY=2023-12-20 "$OCOP" certificates expire)" "1 certificate(s) expired"
check_eq "with its event" "$(sql "SELECT c.status||'|'||e.kind FROM certificate c JOIN certificate_event e ON e.certificate_id=c.id AND e.kind='expired' WHERE c.dossier_id=901")" "expired|expired"
check_eq "running it again changes nothing" "$(OCOP_TODAY=2024-01-01 "$OCOP" certificates expire)" "0 certificate(s) expired"
check_eq "the audit chain still holds" "$("$OCOP" audit verify)" "audit trail intact"

# --- re-evaluation: a new dossier from the last one, the previous scores beside
sql "INSERT INTO dossier_file (dossier_id, doc_type, original_name, sha256, size, mime, uploaded_at)
     VALUES (901, 'phieu_dang_ky', 'phieu.pdf', '$(printf x | sha256sum | cut -c1-64)', 1, 'application/pdf', 0);"
as can-bo-xa
req -X POST --data-urlencode "csrf=$CSRF" -d product_id=900 -d level=district "$BASE/app/dossiers"
check_eq "a new dossier for a product with a decided one: 303" "$R_STATUS" 303
DN=$(loc_id)
check_eq "it points to the last decided one (the provincial 4★)" "$(sql "SELECT previous_id FROM dossier WHERE id=$DN")" 901
check_eq "and starts with its documents" "$(sql "SELECT doc_type||' '||original_name FROM dossier_file WHERE dossier_id=$DN")" "phieu_dang_ky phieu.pdf"
sql "UPDATE dossier SET status = 'accepted' WHERE id = $DN"
as tv1
req "$BASE/app/dossiers/$DN/score"
check_has "the sheet shows the last result" "$R_BODY" "lần trước trung bình 80"
check_has "and each criterion's last mean" "$R_BODY" "tối đa 35; lần trước 35"
