-- schema.sql — the full current schema of ocop's database (var/ocop.db).
-- A fresh install runs this file; an existing database is brought here by the
-- numbered files in migrations/ (tests/unit/test_db.c checks that both agree).
-- Times are seconds since the epoch (INTEGER); calendar dates are 'YYYY-MM-DD'
-- text; money is whole VND. Round dates, thresholds, caps and checklists are not
-- here: they come from the Lua rules.

-- The administrative tree, with history: the 2025 reform ended districts and merged
-- provinces, while old certificates still name them.
CREATE TABLE area (
    code TEXT PRIMARY KEY CHECK (code GLOB '[a-z0-9]*' AND code NOT GLOB '*[^a-z0-9/-]*'),
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    level TEXT NOT NULL CHECK (level IN ('province', 'district', 'commune')),
    parent TEXT REFERENCES area (code),
    valid_from TEXT NOT NULL CHECK (date(valid_from) IS valid_from),
    valid_to TEXT CHECK (valid_to IS NULL OR date(valid_to) IS valid_to),
    successor TEXT REFERENCES area (code),
    demo INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),
    CHECK ((level = 'province') = (parent IS NULL)),
    CHECK (valid_to IS NULL OR valid_to > valid_from)
);
CREATE INDEX area_parent ON area (parent);

CREATE TABLE user (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE CHECK (length(username) BETWEEN 1 AND 64),
    full_name TEXT NOT NULL CHECK (length(full_name) BETWEEN 1 AND 200),
    role TEXT NOT NULL CHECK (role IN ('commune', 'district', 'province', 'council', 'admin')),
    area_code TEXT NOT NULL REFERENCES area (code),
    password_hash TEXT NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    created_at INTEGER NOT NULL
);

CREATE TABLE session (
    id INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
    user_id INTEGER NOT NULL REFERENCES user (id) ON DELETE CASCADE,
    csrf TEXT NOT NULL CHECK (length(csrf) = 64),
    created_at INTEGER NOT NULL,
    last_seen INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    ip TEXT NOT NULL DEFAULT '',
    user_agent TEXT NOT NULL DEFAULT ''
);
CREATE INDEX session_user ON session (user_id);

-- Failed logins of the last day, for throttling per account and per address.
CREATE TABLE login_failure (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL,
    ip TEXT NOT NULL,
    at INTEGER NOT NULL
);
CREATE INDEX login_failure_user ON login_failure (username, at);
CREATE INDEX login_failure_ip ON login_failure (ip, at);

-- Who did what, when, to which object. Each row carries the hash of the previous
-- row (`ocop audit verify`).
CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    user_id INTEGER REFERENCES user (id),
    action TEXT NOT NULL,
    object_type TEXT,
    object_id TEXT,
    detail TEXT, -- JSON, written by audit_log()
    ip TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL CHECK (length(hash) = 64)
);
CREATE INDEX audit_object ON audit (object_type, object_id);

-- Producers (chủ thể).
CREATE TABLE subject (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('cooperative', 'coop_group', 'household', 'enterprise',
                                       'farm')),
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
    registration_no TEXT,
    area_code TEXT NOT NULL REFERENCES area (code),
    address TEXT,
    phone TEXT,
    representative TEXT,
    demo INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),
    created_at INTEGER NOT NULL,
    created_by INTEGER REFERENCES user (id)
);
CREATE INDEX subject_area ON subject (area_code);

CREATE TABLE product (
    id INTEGER PRIMARY KEY,
    subject_id INTEGER NOT NULL REFERENCES subject (id),
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
    slug TEXT NOT NULL UNIQUE CHECK (slug GLOB '[a-z0-9]*' AND slug NOT GLOB '*[^a-z0-9-]*'),
    group_regime TEXT NOT NULL CHECK (group_regime IN ('1048', '148')),
    group_code TEXT NOT NULL CHECK (length(group_code) BETWEEN 1 AND 16),
    area_code TEXT NOT NULL REFERENCES area (code),
    description TEXT,
    demo INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),
    created_at INTEGER NOT NULL,
    created_by INTEGER REFERENCES user (id)
);
CREATE INDEX product_subject ON product (subject_id);
CREATE INDEX product_area ON product (area_code);

-- An evaluation dossier: draft → submitted → returned | accepted → scored → decided.
-- The last line holds the copies of 0005 as SQLite writes columns that ALTER TABLE
-- added, so that a new database and a migrated one keep the same text.
CREATE TABLE dossier (
    id INTEGER PRIMARY KEY,
    product_id INTEGER NOT NULL REFERENCES product (id),
    province TEXT NOT NULL REFERENCES area (code),
    area_code TEXT NOT NULL REFERENCES area (code),
    year INTEGER NOT NULL CHECK (year BETWEEN 2018 AND 2100),
    level TEXT NOT NULL CHECK (level IN ('commune', 'district', 'province', 'central')),
    round INTEGER NOT NULL CHECK (round BETWEEN 1 AND 12),
    regime TEXT NOT NULL CHECK (regime IN ('1048', '148', '1489')),
    status TEXT NOT NULL DEFAULT 'draft'
        CHECK (status IN ('draft', 'submitted', 'returned', 'accepted', 'scored', 'decided')),
    previous_id INTEGER REFERENCES dossier (id),
    return_reason TEXT,
    created_at INTEGER NOT NULL,
    created_by INTEGER REFERENCES user (id),
    submitted_at INTEGER,
    submitted_by INTEGER REFERENCES user (id),
    checked_at INTEGER,
    checked_by INTEGER REFERENCES user (id),
    decided_at INTEGER
, product_name TEXT, group_code TEXT, subject_name TEXT);
CREATE UNIQUE INDEX dossier_one_open ON dossier (product_id, province, year, level, round)
    WHERE status NOT IN ('decided');
CREATE INDEX dossier_list ON dossier (province, year, round, level, status);
CREATE INDEX dossier_area ON dossier (area_code, status);
-- the lists' order, newest round first (walked backwards), holding every column the
-- dossier list shows so that it never reads a table (0004, 0005)
CREATE INDEX dossier_recent ON dossier (year, round, id, area_code, level, regime, status,
    product_id, submitted_at, product_name, group_code, subject_name);
-- The copies of a dossier's product name and group and producer name, kept equal to
-- the originals by whatever writes them (0005).
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

-- Documents of a dossier; bytes in var/files/<2 hex>/<sha256>. A replaced version
-- stays, pointing at its replacement.
CREATE TABLE dossier_file (
    id INTEGER PRIMARY KEY,
    dossier_id INTEGER NOT NULL REFERENCES dossier (id),
    doc_type TEXT NOT NULL CHECK (length(doc_type) BETWEEN 1 AND 64),
    original_name TEXT NOT NULL CHECK (length(original_name) <= 255),
    sha256 TEXT NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
    size INTEGER NOT NULL CHECK (size > 0),
    mime TEXT NOT NULL,
    uploaded_by INTEGER REFERENCES user (id),
    uploaded_at INTEGER NOT NULL,
    replaced_by INTEGER REFERENCES dossier_file (id),
    removed INTEGER NOT NULL DEFAULT 0 CHECK (removed IN (0, 1))
);
CREATE INDEX dossier_file_dossier ON dossier_file (dossier_id, doc_type);
CREATE INDEX dossier_file_sha ON dossier_file (sha256);

CREATE TABLE council (
    id INTEGER PRIMARY KEY,
    area_code TEXT NOT NULL REFERENCES area (code),
    level TEXT NOT NULL CHECK (level IN ('district', 'province', 'central')),
    year INTEGER NOT NULL CHECK (year BETWEEN 2018 AND 2100),
    name TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (area_code, level, year)
);

CREATE TABLE council_member (
    id INTEGER PRIMARY KEY,
    council_id INTEGER NOT NULL REFERENCES council (id),
    user_id INTEGER NOT NULL REFERENCES user (id),
    role TEXT NOT NULL CHECK (role IN ('chair', 'member', 'secretary')),
    UNIQUE (council_id, user_id)
);
CREATE UNIQUE INDEX council_one_chair ON council_member (council_id) WHERE role = 'chair';

CREATE TABLE conflict (
    id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES council_member (id),
    dossier_id INTEGER NOT NULL REFERENCES dossier (id),
    declared_by INTEGER NOT NULL REFERENCES user (id),
    declared_at INTEGER NOT NULL,
    note TEXT,
    UNIQUE (member_id, dossier_id)
);

CREATE TABLE score_sheet (
    id INTEGER PRIMARY KEY,
    dossier_id INTEGER NOT NULL REFERENCES dossier (id),
    member_id INTEGER NOT NULL REFERENCES council_member (id),
    sheet_code TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted')),
    total INTEGER NOT NULL DEFAULT 0 CHECK (total BETWEEN 0 AND 100),
    updated_at INTEGER NOT NULL,
    submitted_at INTEGER,
    UNIQUE (dossier_id, member_id)
);
CREATE INDEX score_sheet_member ON score_sheet (member_id, status);

CREATE TABLE score_item (
    sheet_id INTEGER NOT NULL REFERENCES score_sheet (id) ON DELETE CASCADE,
    criterion TEXT NOT NULL,
    option TEXT NOT NULL,
    points INTEGER NOT NULL CHECK (points BETWEEN 0 AND 100),
    note TEXT,
    PRIMARY KEY (sheet_id, criterion)
) WITHOUT ROWID;

CREATE TABLE result (
    id INTEGER PRIMARY KEY,
    dossier_id INTEGER NOT NULL UNIQUE REFERENCES dossier (id),
    mean REAL NOT NULL,
    spread INTEGER NOT NULL,
    quorum_ok INTEGER NOT NULL CHECK (quorum_ok IN (0, 1)),
    band INTEGER NOT NULL CHECK (band BETWEEN 1 AND 5),
    stars INTEGER NOT NULL CHECK (stars BETWEEN 0 AND 5),
    gates TEXT, -- JSON: failed gates per star
    decision TEXT NOT NULL
        CHECK (decision IN ('certify', 'forward', 'not_reached', 'fail', 'no_quorum', 'rescore')),
    confirmed_by INTEGER REFERENCES user (id),
    confirmed_at INTEGER
);

CREATE TABLE certificate (
    id INTEGER PRIMARY KEY,
    product_id INTEGER NOT NULL REFERENCES product (id),
    dossier_id INTEGER REFERENCES dossier (id),
    province TEXT NOT NULL REFERENCES area (code),
    year INTEGER NOT NULL,
    number TEXT NOT NULL UNIQUE,
    stars INTEGER NOT NULL CHECK (stars BETWEEN 3 AND 5),
    issuer_level TEXT NOT NULL CHECK (issuer_level IN ('district', 'province', 'central')),
    issuer_area TEXT REFERENCES area (code),
    regime TEXT NOT NULL CHECK (regime IN ('1048', '148', '1489')),
    decision_no TEXT NOT NULL,
    decision_date TEXT NOT NULL CHECK (date(decision_date) IS decision_date),
    issued TEXT NOT NULL CHECK (date(issued) IS issued),
    valid_until TEXT NOT NULL CHECK (date(valid_until) IS valid_until AND valid_until > issued),
    status TEXT NOT NULL DEFAULT 'valid' CHECK (status IN ('valid', 'expired', 'revoked', 'reduced')),
    status_reason TEXT,
    status_decision TEXT,
    UNIQUE (province, year, number)
);
CREATE INDEX certificate_product ON certificate (product_id);
CREATE INDEX certificate_status ON certificate (status, valid_until);

CREATE TABLE certificate_event (
    id INTEGER PRIMARY KEY,
    certificate_id INTEGER NOT NULL REFERENCES certificate (id),
    kind TEXT NOT NULL CHECK (kind IN ('granted', 'renewed', 'reduced', 'expired', 'revoked')),
    at INTEGER NOT NULL,
    note TEXT
);
CREATE INDEX certificate_event_at ON certificate_event (at);

CREATE TABLE support (
    id INTEGER PRIMARY KEY,
    product_id INTEGER NOT NULL REFERENCES product (id),
    subject_id INTEGER NOT NULL REFERENCES subject (id),
    province TEXT NOT NULL REFERENCES area (code),
    year INTEGER NOT NULL,
    category TEXT NOT NULL,
    amount INTEGER NOT NULL CHECK (typeof(amount) = 'integer' AND amount > 0),
    budget_line TEXT,
    decision_no TEXT NOT NULL,
    decision_date TEXT NOT NULL CHECK (date(decision_date) IS decision_date),
    recorded_by INTEGER REFERENCES user (id),
    recorded_at INTEGER NOT NULL
);
CREATE INDEX support_product ON support (product_id);
CREATE INDEX support_province ON support (province, year, budget_line);

CREATE TABLE photo (
    id INTEGER PRIMARY KEY,
    product_id INTEGER NOT NULL REFERENCES product (id),
    sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
    caption TEXT,
    public INTEGER NOT NULL DEFAULT 0 CHECK (public IN (0, 1))
);
CREATE INDEX photo_product ON photo (product_id);

-- The commune's assessment report of QĐ 1489/2025 (migration 0002).
CREATE TABLE dossier_assessment (
    dossier_id INTEGER PRIMARY KEY REFERENCES dossier (id),
    raw_materials TEXT NOT NULL CHECK (length(raw_materials) BETWEEN 1 AND 4000),
    labour TEXT NOT NULL CHECK (length(labour) BETWEEN 1 AND 4000),
    idea TEXT NOT NULL CHECK (length(idea) BETWEEN 1 AND 4000),
    identity TEXT NOT NULL CHECK (length(identity) BETWEEN 1 AND 4000),
    written_by INTEGER NOT NULL REFERENCES user (id),
    written_at INTEGER NOT NULL
);
