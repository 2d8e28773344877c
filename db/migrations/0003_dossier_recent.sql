-- 0003_dossier_recent.sql — the dossier lists show the newest rounds first (year, round,
-- then id, all descending): walked backwards, this index gives them in that order, where
-- SQLite sorted every list in a temporary tree (a quarter of the list's cost, #9).
CREATE INDEX dossier_recent ON dossier (year, round);
