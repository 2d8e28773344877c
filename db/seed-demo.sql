-- seed-demo.sql — DEMONSTRATION DATA ONLY, loaded by `ocop seed --demo` into an empty
-- database. Every row is marked demo = 1. The areas are real units named in the five
-- province plans (and the units they became after the 2025 reform); the producers and
-- products are invented but plausible, and named "(demo)". Validity dates of areas
-- start at 2019-01-01 (the programme years this system covers), not at each unit's
-- founding; districts and the merged provinces end on 2025-07-01.

INSERT INTO area (code, name, level, parent, valid_from, valid_to, successor, demo) VALUES
 ('tuyen-quang', 'Tỉnh Tuyên Quang', 'province', NULL, '2019-01-01', NULL, NULL, 1),
 ('bac-ninh', 'Tỉnh Bắc Ninh', 'province', NULL, '2019-01-01', NULL, NULL, 1),
 ('ha-giang', 'Tỉnh Hà Giang', 'province', NULL, '2019-01-01', '2025-07-01', 'tuyen-quang', 1),
 ('bac-giang', 'Tỉnh Bắc Giang', 'province', NULL, '2019-01-01', '2025-07-01', 'bac-ninh', 1),
 ('ha-tinh', 'Tỉnh Hà Tĩnh', 'province', NULL, '2019-01-01', NULL, NULL, 1),
 ('dak-lak', 'Tỉnh Đắk Lắk', 'province', NULL, '2019-01-01', NULL, NULL, 1),
 ('tinh-chua-ro', 'Tỉnh chưa rõ (giữ chỗ cho kế hoạch huyện năm 2021 không nêu tên)', 'province',
  NULL, '2019-01-01', NULL, NULL, 1);

-- Hà Giang: the 11 district-level units of 2020 (plan 000), a few communes.
INSERT INTO area (code, name, level, parent, valid_from, valid_to, demo) VALUES
 ('ha-giang/thanh-pho-ha-giang', 'Thành phố Hà Giang', 'district', 'ha-giang', '2019-01-01', '2025-07-01', 1),
 ('ha-giang/dong-van', 'Huyện Đồng Văn', 'district', 'ha-giang', '2019-01-01', '2025-07-01', 1),
 ('ha-giang/meo-vac', 'Huyện Mèo Vạc', 'district', 'ha-giang', '2019-01-01', '2025-07-01', 1),
 ('ha-giang/yen-minh', 'Huyện Yên Minh', 'district', 'ha-giang', '2019-01-01', '2025-07-01', 1),
 ('ha-giang/quan-ba', 'Huyện Quản Bạ', 'district', 'ha-giang', '2019-01-01', '2025-07-01', 1),
 ('ha-giang/bac-me', 'Huyện Bắc Mê', 'district', 'ha-giang', '2019-01-01', '2025-07-01', 1),
 ('ha-giang/vi-xuyen', 'Huyện Vị Xuyên', 'district', 'ha-giang', '2019-01-01', '2025-07-01', 1),
 ('ha-giang/bac-quang', 'Huyện Bắc Quang', 'district', 'ha-giang', '2019-01-01', '2025-07-01', 1),
 ('ha-giang/quang-binh', 'Huyện Quang Bình', 'district', 'ha-giang', '2019-01-01', '2025-07-01', 1),
 ('ha-giang/hoang-su-phi', 'Huyện Hoàng Su Phì', 'district', 'ha-giang', '2019-01-01', '2025-07-01', 1),
 ('ha-giang/xin-man', 'Huyện Xín Mần', 'district', 'ha-giang', '2019-01-01', '2025-07-01', 1),
 ('ha-giang/dong-van/lung-cu', 'Xã Lũng Cú', 'commune', 'ha-giang/dong-van', '2019-01-01', NULL, 1),
 ('ha-giang/dong-van/sung-la', 'Xã Sủng Là', 'commune', 'ha-giang/dong-van', '2019-01-01', NULL, 1),
 ('ha-giang/meo-vac/pa-vi', 'Xã Pả Vi', 'commune', 'ha-giang/meo-vac', '2019-01-01', NULL, 1),
 ('ha-giang/quan-ba/quyet-tien', 'Xã Quyết Tiến', 'commune', 'ha-giang/quan-ba', '2019-01-01', NULL, 1);

-- Bắc Giang (plan 004): districts and a few communes.
INSERT INTO area (code, name, level, parent, valid_from, valid_to, demo) VALUES
 ('bac-giang/luc-ngan', 'Huyện Lục Ngạn', 'district', 'bac-giang', '2019-01-01', '2025-07-01', 1),
 ('bac-giang/luc-nam', 'Huyện Lục Nam', 'district', 'bac-giang', '2019-01-01', '2025-07-01', 1),
 ('bac-giang/yen-the', 'Huyện Yên Thế', 'district', 'bac-giang', '2019-01-01', '2025-07-01', 1),
 ('bac-giang/son-dong', 'Huyện Sơn Động', 'district', 'bac-giang', '2019-01-01', '2025-07-01', 1),
 ('bac-giang/tan-yen', 'Huyện Tân Yên', 'district', 'bac-giang', '2019-01-01', '2025-07-01', 1),
 ('bac-giang/luc-ngan/phuong-son', 'Xã Phượng Sơn', 'commune', 'bac-giang/luc-ngan', '2019-01-01', NULL, 1),
 ('bac-giang/luc-nam/bao-son', 'Xã Bảo Sơn', 'commune', 'bac-giang/luc-nam', '2019-01-01', NULL, 1);

-- Hà Tĩnh (plan 003).
INSERT INTO area (code, name, level, parent, valid_from, valid_to, demo) VALUES
 ('ha-tinh/vu-quang', 'Huyện Vũ Quang', 'district', 'ha-tinh', '2019-01-01', '2025-07-01', 1),
 ('ha-tinh/huong-son', 'Huyện Hương Sơn', 'district', 'ha-tinh', '2019-01-01', '2025-07-01', 1),
 ('ha-tinh/can-loc', 'Huyện Can Lộc', 'district', 'ha-tinh', '2019-01-01', '2025-07-01', 1),
 ('ha-tinh/nghi-xuan', 'Huyện Nghi Xuân', 'district', 'ha-tinh', '2019-01-01', '2025-07-01', 1),
 ('ha-tinh/vu-quang/duc-linh', 'Xã Đức Lĩnh', 'commune', 'ha-tinh/vu-quang', '2019-01-01', NULL, 1),
 ('ha-tinh/huong-son/son-kim-1', 'Xã Sơn Kim 1', 'commune', 'ha-tinh/huong-son', '2019-01-01', NULL, 1);

-- Đắk Lắk with Krông Năng district (plan 002).
INSERT INTO area (code, name, level, parent, valid_from, valid_to, demo) VALUES
 ('dak-lak/krong-nang', 'Huyện Krông Năng', 'district', 'dak-lak', '2019-01-01', '2025-07-01', 1),
 ('dak-lak/krong-nang/ea-toh', 'Xã Ea Tóh', 'commune', 'dak-lak/krong-nang', '2019-01-01', NULL, 1),
 ('dak-lak/krong-nang/phu-xuan', 'Xã Phú Xuân', 'commune', 'dak-lak/krong-nang', '2019-01-01', NULL, 1),
 ('dak-lak/krong-nang/ea-ho', 'Xã Ea Hồ', 'commune', 'dak-lak/krong-nang', '2019-01-01', NULL, 1),
 ('dak-lak/krong-nang/tam-giang', 'Xã Tam Giang', 'commune', 'dak-lak/krong-nang', '2019-01-01', NULL, 1);

-- The unnamed district of plan 001, under its placeholder province.
INSERT INTO area (code, name, level, parent, valid_from, valid_to, demo) VALUES
 ('tinh-chua-ro/huyen-chua-ro', 'Huyện chưa rõ (kế hoạch OCOP năm 2021 không nêu tên huyện)',
  'district', 'tinh-chua-ro', '2019-01-01', '2025-07-01', 1),
 ('tinh-chua-ro/huyen-chua-ro/xa-mau', 'Xã mẫu (giữ chỗ)', 'commune', 'tinh-chua-ro/huyen-chua-ro',
  '2019-01-01', NULL, 1);

INSERT INTO subject (id, kind, name, registration_no, area_code, representative, demo, created_at) VALUES
 (1, 'cooperative', 'HTX Mật ong bạc hà Mèo Vạc (demo)', 'DEMO-HG-01', 'ha-giang/meo-vac/pa-vi', 'Vàng Mí Sính', 1, 0),
 (2, 'coop_group', 'Tổ hợp tác Tam giác mạch Sủng Là (demo)', 'DEMO-HG-02', 'ha-giang/dong-van/sung-la', 'Lò Thị Mai', 1, 0),
 (3, 'household', 'Hộ kinh doanh chè Shan tuyết Quyết Tiến (demo)', 'DEMO-HG-03', 'ha-giang/quan-ba/quyet-tien', 'Nguyễn Văn Thắng', 1, 0),
 (4, 'enterprise', 'Công ty TNHH Đặc sản Lũng Cú (demo)', 'DEMO-HG-04', 'ha-giang/dong-van/lung-cu', 'Phạm Thị Hoa', 1, 0),
 (5, 'cooperative', 'HTX Vải thiều Phượng Sơn (demo)', 'DEMO-BG-01', 'bac-giang/luc-ngan/phuong-son', 'Trần Văn Hải', 1, 0),
 (6, 'household', 'Hộ kinh doanh gà đồi Bảo Sơn (demo)', 'DEMO-BG-02', 'bac-giang/luc-nam/bao-son', 'Đỗ Thị Lan', 1, 0),
 (7, 'cooperative', 'HTX Cam Vũ Quang (demo)', 'DEMO-HT-01', 'ha-tinh/vu-quang/duc-linh', 'Lê Văn Minh', 1, 0),
 (8, 'enterprise', 'Công ty CP Dược liệu Sơn Kim (demo)', 'DEMO-HT-02', 'ha-tinh/huong-son/son-kim-1', 'Nguyễn Thị Thu', 1, 0),
 (9, 'cooperative', 'HTX Cà phê Ea Tóh (demo)', 'DEMO-DL-01', 'dak-lak/krong-nang/ea-toh', 'Y Bhiăn Niê', 1, 0),
 (10, 'farm', 'Trang trại bơ Phú Xuân (demo)', 'DEMO-DL-02', 'dak-lak/krong-nang/phu-xuan', 'Hoàng Văn Đức', 1, 0),
 (11, 'coop_group', 'Tổ hợp tác dệt thổ cẩm Ea Hồ (demo)', 'DEMO-DL-03', 'dak-lak/krong-nang/ea-ho', 'H Lan Êban', 1, 0),
 (12, 'household', 'Hộ kinh doanh mẫu (demo)', 'DEMO-X-01', 'tinh-chua-ro/huyen-chua-ro/xa-mau', 'Nguyễn Văn An', 1, 0);

-- Products across the six groups of Decision 148 (I food, II beverages, III herbal,
-- IV handicrafts, V ornamental, VI community tourism).
INSERT INTO product (subject_id, name, slug, group_regime, group_code, area_code, description, demo, created_at) VALUES
 (1, 'Mật ong bạc hà Mèo Vạc (demo)', 'mat-ong-bac-ha-meo-vac', '148', 'I.2.b', 'ha-giang/meo-vac/pa-vi', 'Mật ong từ hoa bạc hà trên cao nguyên đá.', 1, 0),
 (2, 'Bánh tam giác mạch (demo)', 'banh-tam-giac-mach', '148', 'I.3.b', 'ha-giang/dong-van/sung-la', 'Bánh làm từ bột hạt tam giác mạch.', 1, 0),
 (2, 'Rượu tam giác mạch (demo)', 'ruou-tam-giac-mach', '148', 'II.1.b', 'ha-giang/dong-van/sung-la', NULL, 1, 0),
 (3, 'Chè Shan tuyết Quản Bạ (demo)', 'che-shan-tuyet-quan-ba', '148', 'I.5.a', 'ha-giang/quan-ba/quyet-tien', NULL, 1, 0),
 (4, 'Thịt bò khô Lũng Cú (demo)', 'thit-bo-kho-lung-cu', '148', 'I.3.d', 'ha-giang/dong-van/lung-cu', NULL, 1, 0),
 (4, 'Du lịch cộng đồng Lũng Cú (demo)', 'du-lich-cong-dong-lung-cu', '148', 'VI.1', 'ha-giang/dong-van/lung-cu', NULL, 1, 0),
 (5, 'Vải thiều Lục Ngạn (demo)', 'vai-thieu-luc-ngan', '148', 'I.1.a', 'bac-giang/luc-ngan/phuong-son', NULL, 1, 0),
 (5, 'Vải sấy khô Lục Ngạn (demo)', 'vai-say-kho-luc-ngan', '148', 'I.3.c', 'bac-giang/luc-ngan/phuong-son', NULL, 1, 0),
 (6, 'Gà đồi Lục Nam (demo)', 'ga-doi-luc-nam', '148', 'I.1.b', 'bac-giang/luc-nam/bao-son', NULL, 1, 0),
 (6, 'Trứng gà đồi Bảo Sơn (demo)', 'trung-ga-doi-bao-son', '148', 'I.1.b', 'bac-giang/luc-nam/bao-son', NULL, 1, 0),
 (7, 'Cam Vũ Quang (demo)', 'cam-vu-quang', '148', 'I.1.a', 'ha-tinh/vu-quang/duc-linh', NULL, 1, 0),
 (7, 'Nước cam ép Vũ Quang (demo)', 'nuoc-cam-ep-vu-quang', '148', 'II.2.b', 'ha-tinh/vu-quang/duc-linh', NULL, 1, 0),
 (8, 'Cao dược liệu Sơn Kim (demo)', 'cao-duoc-lieu-son-kim', '148', 'III.1', 'ha-tinh/huong-son/son-kim-1', NULL, 1, 0),
 (8, 'Tinh dầu sả Hương Sơn (demo)', 'tinh-dau-sa-huong-son', '148', 'III.3', 'ha-tinh/huong-son/son-kim-1', NULL, 1, 0),
 (8, 'Xà phòng thảo dược Sơn Kim (demo)', 'xa-phong-thao-duoc-son-kim', '148', 'III.2', 'ha-tinh/huong-son/son-kim-1', NULL, 1, 0),
 (9, 'Cà phê Krông Năng (demo)', 'ca-phe-krong-nang', '148', 'I.6', 'dak-lak/krong-nang/ea-toh', NULL, 1, 0),
 (9, 'Cà phê rang xay Ea Tóh (demo)', 'ca-phe-rang-xay-ea-toh', '148', 'I.6', 'dak-lak/krong-nang/ea-toh', NULL, 1, 0),
 (10, 'Bơ sáp Phú Xuân (demo)', 'bo-sap-phu-xuan', '148', 'I.1.a', 'dak-lak/krong-nang/phu-xuan', NULL, 1, 0),
 (10, 'Lan rừng Krông Năng (demo)', 'lan-rung-krong-nang', '148', 'V.1', 'dak-lak/krong-nang/phu-xuan', NULL, 1, 0),
 (11, 'Thổ cẩm Ê Đê Ea Hồ (demo)', 'tho-cam-e-de-ea-ho', '148', 'IV.2', 'dak-lak/krong-nang/ea-ho', NULL, 1, 0),
 (11, 'Giỏ mây tre đan Ea Hồ (demo)', 'gio-may-tre-dan-ea-ho', '148', 'IV.1', 'dak-lak/krong-nang/ea-ho', NULL, 1, 0),
 (12, 'Bonsai mẫu (demo)', 'bonsai-mau', '148', 'V.2', 'tinh-chua-ro/huyen-chua-ro/xa-mau', NULL, 1, 0),
 (12, 'Nước mắm mẫu (demo)', 'nuoc-mam-mau', '148', 'I.4.a', 'tinh-chua-ro/huyen-chua-ro/xa-mau', NULL, 1, 0);

-- Two more honeys of the Mèo Vạc cooperative (the same product type, I.2.b) and 2020
-- provincial certificates for its three honeys and two other products: the demo of the
-- support rules (Hà Giang pays at most 2 product codes per type per organisation).
INSERT INTO product (id, subject_id, name, slug, group_regime, group_code, area_code, description, demo, created_at) VALUES
 (101, 1, 'Mật ong bạc hà hũ nhỏ Mèo Vạc (demo)', 'mat-ong-bac-ha-hu-nho-meo-vac', '148', 'I.2.b', 'ha-giang/meo-vac/pa-vi', NULL, 1, 0),
 (102, 1, 'Mật ong hoa rừng Mèo Vạc (demo)', 'mat-ong-hoa-rung-meo-vac', '148', 'I.2.b', 'ha-giang/meo-vac/pa-vi', NULL, 1, 0);
INSERT INTO certificate (product_id, province, year, number, stars, issuer_level, issuer_area, regime, decision_no, decision_date, issued, valid_until) VALUES
 ((SELECT id FROM product WHERE slug = 'mat-ong-bac-ha-meo-vac'), 'ha-giang', 2020, '0001/2020/HA-GIANG', 3, 'province', 'ha-giang', '1048', '1234/QĐ-UBND (demo)', '2020-10-15', '2020-10-15', '2023-10-14'),
 (101, 'ha-giang', 2020, '0002/2020/HA-GIANG', 3, 'province', 'ha-giang', '1048', '1234/QĐ-UBND (demo)', '2020-10-15', '2020-10-15', '2023-10-14'),
 (102, 'ha-giang', 2020, '0003/2020/HA-GIANG', 3, 'province', 'ha-giang', '1048', '1234/QĐ-UBND (demo)', '2020-10-15', '2020-10-15', '2023-10-14'),
 ((SELECT id FROM product WHERE slug = 'che-shan-tuyet-quan-ba'), 'ha-giang', 2020, '0004/2020/HA-GIANG', 4, 'province', 'ha-giang', '1048', '1234/QĐ-UBND (demo)', '2020-10-15', '2020-10-15', '2023-10-14'),
 ((SELECT id FROM product WHERE slug = 'vai-thieu-luc-ngan'), 'bac-giang', 2020, '0001/2020/BAC-GIANG', 4, 'province', 'bac-giang', '1048', '567/QĐ-UBND (demo)', '2020-12-20', '2020-12-20', '2023-12-19');
INSERT INTO certificate_event (certificate_id, kind, at, note)
 SELECT id, 'granted', 1602720000, decision_no FROM certificate;
