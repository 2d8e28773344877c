-- 0004_dossier_recent_covering.sql — the dossier list reads every column it shows of a
-- dossier from its ordering index, so a page of forty no longer looks each dossier up
-- in the table (a twentieth of the list's cost, #9). The id comes third, before the
-- shown columns, to keep the newest-first order within a round.
DROP INDEX dossier_recent;
CREATE INDEX dossier_recent ON dossier (year, round, id, area_code, level, regime, status,
    product_id, submitted_at);
