# tests/http/tree.sh — sourced by tests that run the server on the small rules tree of
# tests/data/rules (province tinh-a; district huyen-b with its own round 2020-03-01..
# 05-31, a 3-working-day check period and low upload caps) on the day OCOP_TODAY.
# tree_rules before start_server; tree_people after it (areas and three officials,
# each with the password mat-khau-thu-<name>), or tree_server for the three steps;
# tree_dossier opens a dossier through the forms, as the signed-in official.
tree_rules() {
    RULES_DIR=$(mktemp -d /tmp/ocop-rules.XXXXXX)
    cp -R "$ROOT/tests/data/rules/tree/." "$RULES_DIR/"
    export OCOP_RULES="$RULES_DIR" OCOP_TODAY=${OCOP_TODAY:-2020-04-15}
}

# tree_server: the rules tree, the server on it (removed at exit) and its people: how
# most tests that use the tree begin.
tree_server() {
    tree_rules
    trap 'rm -rf "$RULES_DIR"; finish' EXIT
    start_server
    tree_people
}

tree_people() {
    sqlite3 "$HOME_DIR/ocop.db" "INSERT INTO area (code, name, level, parent, valid_from) VALUES
      ('tinh-a', 'Tỉnh A', 'province', NULL, '2019-01-01'),
      ('tinh-a/huyen-b', 'Huyện B', 'district', 'tinh-a', '2019-01-01'),
      ('tinh-a/huyen-b/xa-c', 'Xã C', 'commune', 'tinh-a/huyen-b', '2019-01-01'),
      ('tinh-a/huyen-d', 'Huyện D', 'district', 'tinh-a', '2019-01-01'),
      ('tinh-a/huyen-d/xa-e', 'Xã E', 'commune', 'tinh-a/huyen-d', '2019-01-01');"
    tree_user can-bo-xa commune tinh-a/huyen-b/xa-c "Cán bộ xã C"
    tree_user can-bo-huyen district tinh-a/huyen-b "Cán bộ huyện B"
    tree_user can-bo-xa-e commune tinh-a/huyen-d/xa-e "Cán bộ xã E"
}

tree_user() {
    echo "mat-khau-thu-$1" | "$OCOP" user add "$1" --role "$2" --area "$3" --name "$4" >/dev/null
}

# The id in the Location of the last 303 (/app/subjects/7 → 7).
loc_id() { sed -n 's|^Location: .*/\([0-9]*\)$|\1|p' <<<"$R_HEADERS"; }

# tree_dossier COMMUNE NAME: as the signed-in official (CSRF set), registers a household
# and its product NAME in that commune and opens a district dossier in the open round;
# sets S, P and D to their ids (empty when a step was refused).
tree_dossier() {
    req -X POST --data-urlencode "csrf=$CSRF" -d kind=household --data-urlencode "name=Hộ sản xuất $2" -d "area_code=$1" "$BASE/app/subjects"
    S=$(loc_id)
    req -X POST --data-urlencode "csrf=$CSRF" -d subject_id="$S" --data-urlencode "name=$2" -d group_code=1.1.1 -d "area_code=$1" "$BASE/app/products"
    P=$(loc_id)
    req -X POST --data-urlencode "csrf=$CSRF" -d product_id="$P" -d level=district "$BASE/app/dossiers"
    D=$(loc_id)
}
