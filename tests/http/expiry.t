#!/usr/bin/env bash
# tests/http/expiry.t — expiry is applied by `ocop serve` itself, at start-up and then
# daily, with no operator step: on a day after the demo certificates' validity, serving
# marks them expired, each with its event, and the lists show them so.
source "$(dirname "$0")/lib.sh"
export OCOP_TODAY=2024-01-01
start_server
for _ in $(seq 1 50); do
    [ "$(sql "SELECT count(*) FROM certificate WHERE status = 'valid'")" = 0 ] && break
    sleep 0.1
done
check_eq "every demo certificate past its validity is expired" "$(sql "SELECT group_concat(DISTINCT status) FROM certificate")" expired
check_eq "each with its event" "$(sql "SELECT count(*) FROM certificate_event WHERE kind = 'expired'")" "$(sql "SELECT count(*) FROM certificate")"
check_has "the task's log says so" "$(cat "$HOME_DIR/log/certificates.log")" "5 certificate(s) expired"
read -r U P <<<"$(demo_user province ha-giang)"
login "$U" "$P"
req "$BASE/app/certificates"
check_has "the province's list shows them expired, said in Vietnamese" "$R_BODY" "<td>hết hạn"
check_lacks "and none valid" "$R_BODY" "<td>còn hiệu lực"
