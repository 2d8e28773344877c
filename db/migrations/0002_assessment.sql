-- 0002_assessment.sql — the commune's assessment report that QĐ 1489/2025 adds to a
-- dossier (local origin of raw materials, local labour, origin of the idea, local
-- identity), one per dossier, kept with who wrote it and when.
CREATE TABLE dossier_assessment (
    dossier_id INTEGER PRIMARY KEY REFERENCES dossier (id),
    raw_materials TEXT NOT NULL CHECK (length(raw_materials) BETWEEN 1 AND 4000),
    labour TEXT NOT NULL CHECK (length(labour) BETWEEN 1 AND 4000),
    idea TEXT NOT NULL CHECK (length(idea) BETWEEN 1 AND 4000),
    identity TEXT NOT NULL CHECK (length(identity) BETWEEN 1 AND 4000),
    written_by INTEGER NOT NULL REFERENCES user (id),
    written_at INTEGER NOT NULL
);
