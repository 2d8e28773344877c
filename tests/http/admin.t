#!/usr/bin/env bash
# tests/http/admin.t — an administrator (every province; the area given at creation does
# not bound them) opens every page of /app/ that lists or shows things, on the demo data
# `ocop init` loads: each answers 200, and the producers and certificates of every
# province are listed.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/tree.sh"
tree_server
tree_user quan-tri admin tinh-a "Quản trị"
rm -f "$JAR"; login quan-tri mat-khau-thu-quan-tri
for path in / /subjects /subjects/new /dossiers /councils /certificates /score /targets /support /budget /rules/tinh-a; do
    req "$BASE/app$path"
    check_eq "$path: 200" "$R_STATUS" 200
done
n=$(sql 'SELECT count(*) FROM subject')
req "$BASE/app/subjects"
check_eq "every province's producers ($n)" "$(grep -o '<tr><td><a href="/app/subjects/' <<<"$R_BODY" | wc -l)" "$n"
n=$(sql 'SELECT count(*) FROM certificate')
req "$BASE/app/certificates"
check_eq "every province's certificates ($n)" "$(grep -o '<tr><td>[^<]*</td><td>' <<<"$R_BODY" | wc -l)" "$n"
check "there are some of each to see" test "$n" -gt 0
