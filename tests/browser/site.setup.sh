# tests/browser/site.setup.sh — data of site.test.mjs (sourced by run.sh after the server
# started): a valid certificate for the Mèo Vạc honey and a revoked one for the Ea Hồ
# brocade, then the site built at once (the test does not wait for the supervisor's tick).
sql "INSERT INTO certificate (product_id, province, year, number, stars, issuer_level, issuer_area,
       regime, decision_no, decision_date, issued, valid_until)
     SELECT id, 'tuyen-quang', 2025, '0031/2025/TUYEN-QUANG', 4, 'province', 'tuyen-quang', '1489',
       '31/QĐ-UBND', '2025-10-01', '2025-10-01', '2028-09-30' FROM product WHERE slug = 'mat-ong-bac-ha-meo-vac';
     INSERT INTO certificate (product_id, province, year, number, stars, issuer_level, issuer_area,
       regime, decision_no, decision_date, issued, valid_until, status, status_reason)
     SELECT id, 'dak-lak', 2024, '0007/2024/DAK-LAK', 3, 'province', 'dak-lak', '148',
       '7/QĐ-UBND', '2024-03-01', '2024-03-01', '2027-02-28', 'revoked', 'Nhãn sai sự thật — QĐ 70/QĐ-UBND'
     FROM product WHERE slug = 'tho-cam-e-de-ea-ho';
     INSERT INTO certificate_event (certificate_id, kind, at, note)
     SELECT id, CASE status WHEN 'revoked' THEN 'revoked' ELSE 'renewed' END, 1759276800, decision_no
     FROM certificate WHERE number IN ('0031/2025/TUYEN-QUANG', '0007/2024/DAK-LAK');" ||
    { echo "Bail out! setup failed"; exit 1; }
"$OCOP" site build --site-url "$BASE" >/dev/null || { echo "Bail out! site build failed"; exit 1; }
