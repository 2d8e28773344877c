# score.tree.setup.sh — data for score.tree.test.mjs: an accepted district dossier of
# 2020 round 1 and its council, with the member tv1 (chair).
tree_user tv1 council tinh-a "Thành viên 1"
sqlite3 "$HOME_DIR/ocop.db" "
  INSERT INTO subject (id, kind, name, area_code, created_at) VALUES (900, 'cooperative', 'HTX Thử', 'tinh-a/huyen-b/xa-c', 0);
  INSERT INTO product (id, subject_id, name, slug, group_regime, group_code, area_code, created_at)
    VALUES (900, 900, 'Mật ong thử', 'mat-ong-thu', '1048', '1.1.1', 'tinh-a/huyen-b/xa-c', 0);
  INSERT INTO dossier (id, product_id, province, area_code, year, level, round, regime, status, created_at)
    VALUES (900, 900, 'tinh-a', 'tinh-a/huyen-b/xa-c', 2020, 'district', 1, '1048', 'accepted', 0);
  INSERT INTO council (id, area_code, level, year, name, created_at) VALUES (900, 'tinh-a/huyen-b', 'district', 2020, 'Hội đồng huyện B', 0);
  INSERT INTO council_member (council_id, user_id, role) SELECT 900, id, 'chair' FROM user WHERE username = 'tv1';"
