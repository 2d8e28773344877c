# certificate.tree.setup.sh — data for certificate.tree.test.mjs: a province official and
# a valid 4★ certificate of a product in district B.
tree_user can-bo-tinh province tinh-a "Cán bộ tỉnh A"
sqlite3 "$HOME_DIR/ocop.db" "
  INSERT INTO subject (id, kind, name, area_code, created_at) VALUES (910, 'cooperative', 'HTX Chè', 'tinh-a/huyen-b/xa-c', 0);
  INSERT INTO product (id, subject_id, name, slug, group_regime, group_code, area_code, created_at)
    VALUES (910, 910, 'Chè thử', 'che-thu', '1048', '1.1.1', 'tinh-a/huyen-b/xa-c', 0);
  INSERT INTO certificate (id, product_id, province, year, number, stars, issuer_level, issuer_area, regime,
      decision_no, decision_date, issued, valid_until)
    VALUES (910, 910, 'tinh-a', 2020, '0001/2020/TINH-A', 4, 'province', 'tinh-a', '1048', '12/QĐ-UBND',
      '2020-03-01', '2020-03-01', '2023-02-28');"
