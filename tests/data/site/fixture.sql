-- fixture.sql — the small fixed database of tests/unit/test_site.c (golden output in
-- golden/). Two provinces, the first merged into the second on 2025-07-01; five products,
-- four with certificates: valid 5 stars with a photo, revoked, lapsed by date (with an
-- older one), reduced; one with none (not on the site). Names carry HTML to be escaped.
INSERT INTO area (code, name, level, parent, valid_from, valid_to, successor) VALUES
 ('tinh-b', 'Tỉnh Bình Minh', 'province', NULL, '2019-01-01', NULL, NULL),
 ('tinh-a', 'Tỉnh An Hòa', 'province', NULL, '2019-01-01', '2025-07-01', 'tinh-b'),
 ('tinh-a/huyen-c', 'Huyện Cát Tiên', 'district', 'tinh-a', '2019-01-01', '2025-07-01', NULL),
 ('tinh-a/huyen-c/xa-d', 'Xã Đông Sơn', 'commune', 'tinh-a/huyen-c', '2019-01-01', NULL, NULL),
 ('tinh-b/huyen-e', 'Huyện Ea Súp', 'district', 'tinh-b', '2019-01-01', '2025-07-01', NULL),
 ('tinh-b/huyen-e/xa-f', 'Xã Phú Lộc', 'commune', 'tinh-b/huyen-e', '2019-01-01', NULL, NULL);

INSERT INTO subject (id, kind, name, area_code, created_at) VALUES
 (1, 'cooperative', 'HTX Ong mật Đông Sơn', 'tinh-a/huyen-c/xa-d', 0),
 (2, 'household', 'Cơ sở "Ánh" <b>Phú Lộc</b>', 'tinh-b/huyen-e/xa-f', 0);

INSERT INTO product (id, subject_id, name, slug, group_regime, group_code, area_code, description, created_at) VALUES
 (1, 1, 'Mật ong bạc hà', 'mat-ong-bac-ha', '148', 'I.2.b', 'tinh-a/huyen-c/xa-d', 'Mật ong từ hoa bạc hà.', 0),
 (2, 1, 'Chè Shan tuyết', 'che-shan-tuyet', '148', 'I.5.a', 'tinh-a/huyen-c/xa-d', NULL, 0),
 (3, 2, 'Nước mắm <script>alert(1)</script>', 'nuoc-mam', '148', 'I.4.a', 'tinh-b/huyen-e/xa-f', NULL, 0),
 (4, 2, 'Thổ cẩm Phú Lộc', 'tho-cam-phu-loc', '1048', '5', 'tinh-b/huyen-e/xa-f', NULL, 0),
 (5, 2, 'Bánh chưa công nhận', 'banh-chua-cong-nhan', '148', 'I.3.b', 'tinh-b/huyen-e/xa-f', NULL, 0);

INSERT INTO certificate (id, product_id, province, year, number, stars, issuer_level, issuer_area, regime, decision_no, decision_date, issued, valid_until, status, status_reason) VALUES
 (1, 1, 'tinh-a', 2024, '0001/2024/TINH-A', 5, 'central', NULL, '148', '12/QĐ-BNN', '2024-05-02', '2024-05-02', '2027-05-01', 'valid', NULL),
 (2, 2, 'tinh-a', 2023, '0002/2023/TINH-A', 4, 'province', 'tinh-a', '148', '34/QĐ-UBND', '2023-06-01', '2023-06-01', '2026-05-31', 'revoked', 'Ngừng sản xuất — QĐ 99/QĐ-UBND'),
 (3, 3, 'tinh-b', 2019, '0003/2019/TINH-B', 3, 'province', 'tinh-b', '1048', '56/QĐ-UBND', '2019-11-20', '2019-11-20', '2022-11-19', 'expired', 'hết thời hạn hiệu lực'),
 (4, 3, 'tinh-b', 2022, '0004/2022/TINH-B', 3, 'province', 'tinh-b', '1048', '78/QĐ-UBND', '2022-11-25', '2022-11-25', '2025-11-24', 'valid', NULL),
 (5, 4, 'tinh-b', 2021, '0005/2021/TINH-B', 4, 'province', 'tinh-b', '1048', '90/QĐ-UBND', '2021-03-15', '2021-03-15', '2024-03-14', 'reduced', 'Không còn đạt tiêu chí 4 sao — QĐ 91/QĐ-UBND');

INSERT INTO certificate_event (id, certificate_id, kind, at, note) VALUES
 (1, 1, 'granted', 1714608000, '12/QĐ-BNN'),
 (2, 2, 'granted', 1685577600, '34/QĐ-UBND'),
 (3, 2, 'revoked', 1722470400, 'Ngừng sản xuất — QĐ 99/QĐ-UBND'),
 (4, 3, 'granted', 1574208000, '56/QĐ-UBND'),
 (5, 3, 'expired', 1668902400, 'hết thời hạn hiệu lực'),
 (6, 4, 'renewed', 1669334400, '78/QĐ-UBND'),
 (7, 5, 'granted', 1615766400, '90/QĐ-UBND'),
 (8, 5, 'reduced', 1640995200, 'Không còn đạt tiêu chí 4 sao — QĐ 91/QĐ-UBND');

-- The photo's bytes (a 1×1 PNG) are written by the test into the file store.
INSERT INTO photo (product_id, sha256, caption, public) VALUES
 (1, '7f0aaa1f8f3be2281dc46a3c6d8e631c8065d2df6688f6f4994617d71de9d0cf', 'Hũ mật ong bạc hà', 1),
 (1, '0000000000000000000000000000000000000000000000000000000000000000', 'Ảnh nội bộ', 0);
