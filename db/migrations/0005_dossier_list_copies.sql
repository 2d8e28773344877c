-- 0005_dossier_list_copies.sql — the dossier list reads one index and no other table
-- (#9: joining each row's product and producer was a tenth of the list's cost). A
-- dossier keeps copies of its product's name and group and its producer's name, which
-- triggers keep equal to the originals whatever writes them (the programs, the CLI,
-- a hand-run script); dossier_recent holds them beside the list's other columns.
ALTER TABLE dossier ADD COLUMN product_name TEXT;
ALTER TABLE dossier ADD COLUMN group_code TEXT;
ALTER TABLE dossier ADD COLUMN subject_name TEXT;
UPDATE dossier SET (product_name, group_code, subject_name) =
    (SELECT p.name, p.group_code, s.name FROM product p LEFT JOIN subject s ON s.id = p.subject_id
     WHERE p.id = dossier.product_id);
CREATE INDEX dossier_product ON dossier (product_id);
CREATE TRIGGER dossier_copies_new AFTER INSERT ON dossier BEGIN
    UPDATE dossier SET (product_name, group_code, subject_name) =
        (SELECT p.name, p.group_code, s.name FROM product p LEFT JOIN subject s ON s.id = p.subject_id
         WHERE p.id = NEW.product_id)
    WHERE id = NEW.id;
END;
CREATE TRIGGER dossier_copies_moved AFTER UPDATE OF product_id ON dossier BEGIN
    UPDATE dossier SET (product_name, group_code, subject_name) =
        (SELECT p.name, p.group_code, s.name FROM product p LEFT JOIN subject s ON s.id = p.subject_id
         WHERE p.id = NEW.product_id)
    WHERE id = NEW.id;
END;
CREATE TRIGGER dossier_copies_product AFTER UPDATE OF name, group_code, subject_id ON product BEGIN
    UPDATE dossier SET product_name = NEW.name, group_code = NEW.group_code,
        subject_name = (SELECT name FROM subject WHERE id = NEW.subject_id)
    WHERE product_id = NEW.id;
END;
CREATE TRIGGER dossier_copies_product_new AFTER INSERT ON product BEGIN
    UPDATE dossier SET product_name = NEW.name, group_code = NEW.group_code,
        subject_name = (SELECT name FROM subject WHERE id = NEW.subject_id)
    WHERE product_id = NEW.id;
END;
CREATE TRIGGER dossier_copies_subject AFTER UPDATE OF name ON subject BEGIN
    UPDATE dossier SET subject_name = NEW.name
    WHERE product_id IN (SELECT id FROM product WHERE subject_id = NEW.id);
END;
CREATE TRIGGER dossier_copies_subject_new AFTER INSERT ON subject BEGIN
    UPDATE dossier SET subject_name = NEW.name
    WHERE product_id IN (SELECT id FROM product WHERE subject_id = NEW.id);
END;
DROP INDEX dossier_recent;
CREATE INDEX dossier_recent ON dossier (year, round, id, area_code, level, regime, status,
    product_id, submitted_at, product_name, group_code, subject_name);
