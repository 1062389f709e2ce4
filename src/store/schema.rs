//! The database schema as an append-only list of migrations.
//!
//! `PRAGMA user_version` is the number of migrations applied. Never edit or remove an
//! entry once released: add a new one. Every record table has the same bookkeeping
//! columns (see `domain::id::Meta`) followed by the record's fields, named as in the
//! domain structs. Foreign keys are deferred to commit so a multi-record write (an
//! enrolment and the qualification it gained, which refer to each other) can be made in
//! any order inside its transaction. Every foreign-key column is indexed: while a
//! deferred violation is outstanding SQLite looks up the child rows of each new parent
//! row, and without an index that is a scan of the whole child table.

/// `PRAGMA application_id` of every SkillBase database ("SkBs"); defined with the file
/// guard, which recognises a database by it without opening it.
pub use crate::files::APPLICATION_ID;

/// The migrations, in order. Migration `i` takes the schema from version `i` to `i + 1`.
pub const MIGRATIONS: &[&str] = &[
    V1, V2, V3, V4, V5, V6, V7, V8, V9, V10, V11, V12, V13, V14, V15, V16, V17,
];

/// The schema version this build writes.
pub const CURRENT_VERSION: i32 = MIGRATIONS.len() as i32;

/// Version 10 (issue 21): the audit trail's `merge_declined` entries, the values of a
/// package not taken when a conflict was decided (for mine, or field by field), written
/// to the record's change history so the losing values are not lost. The table is made
/// again with the wider CHECK, as V3 did.
const V10: &str = r#"
CREATE TABLE audit_log_v10 (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    at         TEXT NOT NULL,
    install_id TEXT NOT NULL,
    profile    TEXT NOT NULL,
    action     TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete', 'restore', 'bulk',
                                               'restore_backup', 'import', 'merge', 'consolidate',
                                               'merge_declined')),
    kind       TEXT NOT NULL,
    record_id  TEXT,
    changes    TEXT NOT NULL DEFAULT '{}'
);
INSERT INTO audit_log_v10 (seq, at, install_id, profile, action, kind, record_id, changes)
    SELECT seq, at, install_id, profile, action, kind, record_id, changes FROM audit_log;
DROP TABLE audit_log;
ALTER TABLE audit_log_v10 RENAME TO audit_log;
CREATE INDEX audit_log_record ON audit_log(record_id);
"#;

/// Version 11: the studio master's log. A studio's plan templates per occupation
/// (`stage_template`), each apprenticeship's plan by stages (`plan_stage`, numbered from 1
/// within the apprenticeship) and its dated entries (`log_entry`: hours, what was taught,
/// the stage, the master's sign-off). Records like every other, so they travel in
/// packages and have their audit trail; the hours of one day are summed by the writer,
/// which the index on (apprenticeship, date) serves.
const V11: &str = r#"
CREATE TABLE stage_template (
    id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
    rev INTEGER NOT NULL, changed_by TEXT NOT NULL, change_seq INTEGER NOT NULL,
    org TEXT NOT NULL REFERENCES organisation(id) DEFERRABLE INITIALLY DEFERRED,
    occupation TEXT NOT NULL,
    seq INTEGER NOT NULL,
    title TEXT NOT NULL,
    targets TEXT,
    planned_hours REAL NOT NULL CHECK (planned_hours >= 0),
    months INTEGER NOT NULL
);
CREATE INDEX stage_template_org ON stage_template(org, occupation, seq);

CREATE TABLE plan_stage (
    id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
    rev INTEGER NOT NULL, changed_by TEXT NOT NULL, change_seq INTEGER NOT NULL,
    apprenticeship TEXT NOT NULL REFERENCES apprenticeship(id) DEFERRABLE INITIALLY DEFERRED,
    seq INTEGER NOT NULL,
    title TEXT NOT NULL,
    targets TEXT,
    planned_hours REAL NOT NULL CHECK (planned_hours >= 0),
    planned_start TEXT NOT NULL,
    planned_end TEXT NOT NULL,
    completed_on TEXT
);
CREATE INDEX plan_stage_apprenticeship ON plan_stage(apprenticeship, seq);

CREATE TABLE log_entry (
    id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
    rev INTEGER NOT NULL, changed_by TEXT NOT NULL, change_seq INTEGER NOT NULL,
    apprenticeship TEXT NOT NULL REFERENCES apprenticeship(id) DEFERRABLE INITIALLY DEFERRED,
    stage TEXT REFERENCES plan_stage(id) DEFERRABLE INITIALLY DEFERRED,
    date TEXT NOT NULL,
    hours REAL NOT NULL CHECK (hours > 0 AND hours <= 24),
    content TEXT NOT NULL,
    signed_by TEXT REFERENCES person(id) DEFERRABLE INITIALLY DEFERRED,
    signed_on TEXT
);
CREATE INDEX log_entry_apprenticeship ON log_entry(apprenticeship, date);
CREATE INDEX log_entry_stage ON log_entry(stage) WHERE stage IS NOT NULL;
CREATE INDEX log_entry_signed_by ON log_entry(signed_by) WHERE signed_by IS NOT NULL;
"#;

/// Version 6: returns other installs marked as submitted, as their data packages carry
/// them (the studio's at its base, every organisation's in a regional consolidation):
/// which organisation and year, the status, when, the verification code and the submitted
/// `return.json` itself; the package that brought each. A submission is never changed:
/// the same one arriving again is ignored (its id is the sender's).
const V6: &str = r#"
CREATE TABLE received_submission (
    id           TEXT PRIMARY KEY,
    org          TEXT NOT NULL,
    year         INTEGER NOT NULL,
    status       TEXT NOT NULL,
    submitted_at TEXT NOT NULL,
    verification TEXT NOT NULL,
    figures      TEXT NOT NULL,
    package_id   TEXT NOT NULL,
    received_at  TEXT NOT NULL
);
CREATE INDEX received_submission_org_year ON received_submission(org, year, submitted_at);
"#;

/// The message SQLite gives when [`V7`]'s triggers refuse a second live person with one
/// document (the store turns it into `StoreError::SecondLivePerson`).
pub const ONE_LIVE_PERSON_PER_DOCUMENT: &str = "one live person per document";

/// Version 7: one live person per document, kept by the database itself and not only by
/// the program's checks (two programs writing one file through two spellings of its path
/// each passed the check and registered 10,000 people twice). A trigger, not a unique
/// index, for two reasons: a reviewer's consolidation database keeps each organisation's
/// people as its package brought them, so a person registered independently by two
/// organisations is two records there (counted once per document); and a database an
/// older version left with duplicates still opens (an index could not be built over
/// them): the upgrade reports them, and `check` names them (rule PER04) until they are
/// merged (an edit that keeps the document does not trip the trigger). The document is its
/// type and number, as the store's own check compares them. The person lookup comes first
/// (almost always empty, so the second lookup is skipped): about 5 µs a row on a bulk
/// load, against about 3 µs for a unique index.
const V7: &str = r#"
CREATE TRIGGER person_document_insert BEFORE INSERT ON person
WHEN NEW.deleted_at IS NULL
 AND EXISTS (SELECT 1 FROM person p WHERE p.doc_number = NEW.doc_number
             AND p.doc_type = NEW.doc_type AND p.deleted_at IS NULL AND p.id <> NEW.id)
 AND NOT EXISTS (SELECT 1 FROM meta WHERE key = 'role' AND value = 'consolidation')
BEGIN
    SELECT RAISE(ABORT, 'one live person per document');
END;
CREATE TRIGGER person_document_update BEFORE UPDATE OF doc_type, doc_number, deleted_at ON person
WHEN NEW.deleted_at IS NULL
 AND (OLD.deleted_at IS NOT NULL OR NEW.doc_number IS NOT OLD.doc_number
      OR NEW.doc_type IS NOT OLD.doc_type)
 AND EXISTS (SELECT 1 FROM person p WHERE p.doc_number = NEW.doc_number
             AND p.doc_type = NEW.doc_type AND p.deleted_at IS NULL AND p.id <> NEW.id)
 AND NOT EXISTS (SELECT 1 FROM meta WHERE key = 'role' AND value = 'consolidation')
BEGIN
    SELECT RAISE(ABORT, 'one live person per document');
END;
"#;

/// Version 8: a person is enrolled in a cohort at most once (among live enrolments).
/// Triggers refuse a second live enrolment of the same person in the same cohort, by
/// whatever way it is written (a form, an import, a data package, a bulk load). They are
/// triggers rather than a unique index so that the upgrade cannot fail on a database that
/// already holds such duplicates (older versions allowed them): those stay as they are, and
/// the validator names each one (rule ENR05) for the office to resolve. A reviewer's
/// consolidation database (`meta` role `consolidation`) mirrors what the packages hold and
/// is exempt: its validator names what the sources got wrong. The index serves the
/// triggers' lookup and the store's own check, which names the existing enrolment.
const V8: &str = r#"
CREATE INDEX enrolment_cohort_person ON enrolment(cohort, person) WHERE deleted_at IS NULL;
CREATE TRIGGER enrolment_once_per_cohort_insert BEFORE INSERT ON enrolment
WHEN NEW.deleted_at IS NULL AND EXISTS (
    SELECT 1 FROM enrolment WHERE cohort = NEW.cohort AND person = NEW.person
       AND deleted_at IS NULL AND id <> NEW.id)
    AND NOT EXISTS (SELECT 1 FROM meta WHERE key = 'role' AND value = 'consolidation')
BEGIN
    SELECT RAISE(ABORT, 'skillbase: a person is enrolled in a cohort once');
END;
CREATE TRIGGER enrolment_once_per_cohort_update BEFORE UPDATE OF cohort, person, deleted_at ON enrolment
WHEN NEW.deleted_at IS NULL AND EXISTS (
    SELECT 1 FROM enrolment WHERE cohort = NEW.cohort AND person = NEW.person
       AND deleted_at IS NULL AND id <> NEW.id)
    AND NOT EXISTS (SELECT 1 FROM meta WHERE key = 'role' AND value = 'consolidation')
BEGIN
    SELECT RAISE(ABORT, 'skillbase: a person is enrolled in a cohort once');
END;
"#;

/// Version 9: each person's highest live grade (its rank, `SkillGrade::rank`) beside
/// their name, kept by triggers in a table of its own, so that the people list sorts by
/// it by walking an index (one for each direction, the name breaking ties) instead of
/// working out every person's grade at query time (1.4 s over 650,000 people before). A
/// table of its own and not a column of `person`: data packages and exports read records
/// by their columns, and a derived figure is no part of a record. The triggers on
/// `qualification` recompute a person's row from their live certificates on every
/// insert, update and delete, by whatever way it is written (a form, an import, a
/// package, a merge, a consolidation); those on `person` keep the name (a certificate
/// may be written before its holder inside one transaction: the name follows when the
/// person is). The upgrade fills it from what is there. Nothing else writes it.
const V9: &str = r#"
CREATE TABLE person_grade (
    person TEXT PRIMARY KEY,
    rank   INTEGER NOT NULL,
    name   TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX person_grade_down ON person_grade(rank DESC, name, person);
CREATE INDEX person_grade_up ON person_grade(rank, name, person);
CREATE TRIGGER person_grade_insert AFTER INSERT ON qualification
BEGIN
    DELETE FROM person_grade WHERE person = NEW.person;
    INSERT INTO person_grade (person, rank, name)
        SELECT NEW.person, max(CASE grade WHEN 'apprentice' THEN 1 WHEN 'junior' THEN 2 WHEN 'intermediate' THEN 3 WHEN 'senior' THEN 4 WHEN 'technician' THEN 5 WHEN 'senior_technician' THEN 6 WHEN 'special_technician' THEN 7 WHEN 'chief_technician' THEN 8 END),
               coalesce((SELECT name FROM person WHERE id = NEW.person), '')
        FROM qualification
        WHERE person = NEW.person AND deleted_at IS NULL
        HAVING max(CASE grade WHEN 'apprentice' THEN 1 WHEN 'junior' THEN 2 WHEN 'intermediate' THEN 3 WHEN 'senior' THEN 4 WHEN 'technician' THEN 5 WHEN 'senior_technician' THEN 6 WHEN 'special_technician' THEN 7 WHEN 'chief_technician' THEN 8 END) IS NOT NULL;
END;
CREATE TRIGGER person_grade_update AFTER UPDATE OF person, grade, deleted_at ON qualification
BEGIN
    DELETE FROM person_grade WHERE person = OLD.person;
    INSERT INTO person_grade (person, rank, name)
        SELECT OLD.person, max(CASE grade WHEN 'apprentice' THEN 1 WHEN 'junior' THEN 2 WHEN 'intermediate' THEN 3 WHEN 'senior' THEN 4 WHEN 'technician' THEN 5 WHEN 'senior_technician' THEN 6 WHEN 'special_technician' THEN 7 WHEN 'chief_technician' THEN 8 END),
               coalesce((SELECT name FROM person WHERE id = OLD.person), '')
        FROM qualification
        WHERE person = OLD.person AND deleted_at IS NULL
        HAVING max(CASE grade WHEN 'apprentice' THEN 1 WHEN 'junior' THEN 2 WHEN 'intermediate' THEN 3 WHEN 'senior' THEN 4 WHEN 'technician' THEN 5 WHEN 'senior_technician' THEN 6 WHEN 'special_technician' THEN 7 WHEN 'chief_technician' THEN 8 END) IS NOT NULL;
    DELETE FROM person_grade WHERE person = NEW.person;
    INSERT INTO person_grade (person, rank, name)
        SELECT NEW.person, max(CASE grade WHEN 'apprentice' THEN 1 WHEN 'junior' THEN 2 WHEN 'intermediate' THEN 3 WHEN 'senior' THEN 4 WHEN 'technician' THEN 5 WHEN 'senior_technician' THEN 6 WHEN 'special_technician' THEN 7 WHEN 'chief_technician' THEN 8 END),
               coalesce((SELECT name FROM person WHERE id = NEW.person), '')
        FROM qualification
        WHERE person = NEW.person AND deleted_at IS NULL
        HAVING max(CASE grade WHEN 'apprentice' THEN 1 WHEN 'junior' THEN 2 WHEN 'intermediate' THEN 3 WHEN 'senior' THEN 4 WHEN 'technician' THEN 5 WHEN 'senior_technician' THEN 6 WHEN 'special_technician' THEN 7 WHEN 'chief_technician' THEN 8 END) IS NOT NULL;
END;
CREATE TRIGGER person_grade_delete AFTER DELETE ON qualification
BEGIN
    DELETE FROM person_grade WHERE person = OLD.person;
    INSERT INTO person_grade (person, rank, name)
        SELECT OLD.person, max(CASE grade WHEN 'apprentice' THEN 1 WHEN 'junior' THEN 2 WHEN 'intermediate' THEN 3 WHEN 'senior' THEN 4 WHEN 'technician' THEN 5 WHEN 'senior_technician' THEN 6 WHEN 'special_technician' THEN 7 WHEN 'chief_technician' THEN 8 END),
               coalesce((SELECT name FROM person WHERE id = OLD.person), '')
        FROM qualification
        WHERE person = OLD.person AND deleted_at IS NULL
        HAVING max(CASE grade WHEN 'apprentice' THEN 1 WHEN 'junior' THEN 2 WHEN 'intermediate' THEN 3 WHEN 'senior' THEN 4 WHEN 'technician' THEN 5 WHEN 'senior_technician' THEN 6 WHEN 'special_technician' THEN 7 WHEN 'chief_technician' THEN 8 END) IS NOT NULL;
END;
CREATE TRIGGER person_grade_name_insert AFTER INSERT ON person
BEGIN
    UPDATE person_grade SET name = NEW.name WHERE person = NEW.id;
END;
CREATE TRIGGER person_grade_name_update AFTER UPDATE OF name ON person
BEGIN
    UPDATE person_grade SET name = NEW.name WHERE person = NEW.id;
END;
INSERT INTO person_grade (person, rank, name)
    SELECT q.person, max(CASE q.grade WHEN 'apprentice' THEN 1 WHEN 'junior' THEN 2 WHEN 'intermediate' THEN 3 WHEN 'senior' THEN 4 WHEN 'technician' THEN 5 WHEN 'senior_technician' THEN 6 WHEN 'special_technician' THEN 7 WHEN 'chief_technician' THEN 8 END), coalesce(p.name, '')
    FROM qualification q LEFT JOIN person p ON p.id = q.person
    WHERE q.deleted_at IS NULL
    GROUP BY q.person
    HAVING max(CASE q.grade WHEN 'apprentice' THEN 1 WHEN 'junior' THEN 2 WHEN 'intermediate' THEN 3 WHEN 'senior' THEN 4 WHEN 'technician' THEN 5 WHEN 'senior_technician' THEN 6 WHEN 'special_technician' THEN 7 WHEN 'chief_technician' THEN 8 END) IS NOT NULL;
"#;

/// Version 12: names in the order Chinese users expect (by pinyin, other scripts after;
/// `domain::text::name_sort_key`). Each person's sort key is kept in a table of its own
/// (`person_order`, for the same reason as `person_grade`: a derived figure is no part of
/// a record, and packages and exports read records by their columns), and the people
/// list sorted by name walks its primary key. The key needs the pinyin of every
/// character, which SQL has not: the triggers on `person` write `'~' || name` (after every
/// real key, which starts with `0` or `1`), and the store replaces such keys with real
/// ones in the transaction that wrote them (`store::refresh_name_keys`), and when it opens
/// a file (rows written behind its back, and this upgrade's). Plain SQL throughout, so a
/// write by another program never fails on a function it does not have. `person_grade`'s
/// name column holds the same key from now on, copied by triggers on `person_order`, so
/// the grade sort breaks ties in the same order: its triggers are made again with it.
const V12: &str = r#"
CREATE TABLE person_order (
    key    TEXT NOT NULL,
    person TEXT NOT NULL,
    PRIMARY KEY (key, person)
) WITHOUT ROWID;
CREATE UNIQUE INDEX person_order_person ON person_order(person);
CREATE TRIGGER person_order_insert AFTER INSERT ON person
BEGIN
    INSERT OR REPLACE INTO person_order (key, person) VALUES ('~' || NEW.name, NEW.id);
END;
CREATE TRIGGER person_order_update AFTER UPDATE OF id, name ON person
BEGIN
    DELETE FROM person_order WHERE person = OLD.id;
    INSERT OR REPLACE INTO person_order (key, person) VALUES ('~' || NEW.name, NEW.id);
END;
CREATE TRIGGER person_order_delete AFTER DELETE ON person
BEGIN
    DELETE FROM person_order WHERE person = OLD.id;
END;
DROP TRIGGER person_grade_insert;
DROP TRIGGER person_grade_update;
DROP TRIGGER person_grade_delete;
DROP TRIGGER person_grade_name_insert;
DROP TRIGGER person_grade_name_update;
CREATE TRIGGER person_grade_insert AFTER INSERT ON qualification
BEGIN
    DELETE FROM person_grade WHERE person = NEW.person;
    INSERT INTO person_grade (person, rank, name)
        SELECT NEW.person, max(CASE grade WHEN 'apprentice' THEN 1 WHEN 'junior' THEN 2 WHEN 'intermediate' THEN 3 WHEN 'senior' THEN 4 WHEN 'technician' THEN 5 WHEN 'senior_technician' THEN 6 WHEN 'special_technician' THEN 7 WHEN 'chief_technician' THEN 8 END),
               coalesce((SELECT key FROM person_order WHERE person = NEW.person), '')
        FROM qualification
        WHERE person = NEW.person AND deleted_at IS NULL
        HAVING max(CASE grade WHEN 'apprentice' THEN 1 WHEN 'junior' THEN 2 WHEN 'intermediate' THEN 3 WHEN 'senior' THEN 4 WHEN 'technician' THEN 5 WHEN 'senior_technician' THEN 6 WHEN 'special_technician' THEN 7 WHEN 'chief_technician' THEN 8 END) IS NOT NULL;
END;
CREATE TRIGGER person_grade_update AFTER UPDATE OF person, grade, deleted_at ON qualification
BEGIN
    DELETE FROM person_grade WHERE person = OLD.person;
    INSERT INTO person_grade (person, rank, name)
        SELECT OLD.person, max(CASE grade WHEN 'apprentice' THEN 1 WHEN 'junior' THEN 2 WHEN 'intermediate' THEN 3 WHEN 'senior' THEN 4 WHEN 'technician' THEN 5 WHEN 'senior_technician' THEN 6 WHEN 'special_technician' THEN 7 WHEN 'chief_technician' THEN 8 END),
               coalesce((SELECT key FROM person_order WHERE person = OLD.person), '')
        FROM qualification
        WHERE person = OLD.person AND deleted_at IS NULL
        HAVING max(CASE grade WHEN 'apprentice' THEN 1 WHEN 'junior' THEN 2 WHEN 'intermediate' THEN 3 WHEN 'senior' THEN 4 WHEN 'technician' THEN 5 WHEN 'senior_technician' THEN 6 WHEN 'special_technician' THEN 7 WHEN 'chief_technician' THEN 8 END) IS NOT NULL;
    DELETE FROM person_grade WHERE person = NEW.person;
    INSERT INTO person_grade (person, rank, name)
        SELECT NEW.person, max(CASE grade WHEN 'apprentice' THEN 1 WHEN 'junior' THEN 2 WHEN 'intermediate' THEN 3 WHEN 'senior' THEN 4 WHEN 'technician' THEN 5 WHEN 'senior_technician' THEN 6 WHEN 'special_technician' THEN 7 WHEN 'chief_technician' THEN 8 END),
               coalesce((SELECT key FROM person_order WHERE person = NEW.person), '')
        FROM qualification
        WHERE person = NEW.person AND deleted_at IS NULL
        HAVING max(CASE grade WHEN 'apprentice' THEN 1 WHEN 'junior' THEN 2 WHEN 'intermediate' THEN 3 WHEN 'senior' THEN 4 WHEN 'technician' THEN 5 WHEN 'senior_technician' THEN 6 WHEN 'special_technician' THEN 7 WHEN 'chief_technician' THEN 8 END) IS NOT NULL;
END;
CREATE TRIGGER person_grade_delete AFTER DELETE ON qualification
BEGIN
    DELETE FROM person_grade WHERE person = OLD.person;
    INSERT INTO person_grade (person, rank, name)
        SELECT OLD.person, max(CASE grade WHEN 'apprentice' THEN 1 WHEN 'junior' THEN 2 WHEN 'intermediate' THEN 3 WHEN 'senior' THEN 4 WHEN 'technician' THEN 5 WHEN 'senior_technician' THEN 6 WHEN 'special_technician' THEN 7 WHEN 'chief_technician' THEN 8 END),
               coalesce((SELECT key FROM person_order WHERE person = OLD.person), '')
        FROM qualification
        WHERE person = OLD.person AND deleted_at IS NULL
        HAVING max(CASE grade WHEN 'apprentice' THEN 1 WHEN 'junior' THEN 2 WHEN 'intermediate' THEN 3 WHEN 'senior' THEN 4 WHEN 'technician' THEN 5 WHEN 'senior_technician' THEN 6 WHEN 'special_technician' THEN 7 WHEN 'chief_technician' THEN 8 END) IS NOT NULL;
END;
CREATE TRIGGER person_grade_key_insert AFTER INSERT ON person_order
BEGIN
    UPDATE person_grade SET name = NEW.key WHERE person = NEW.person;
END;
CREATE TRIGGER person_grade_key_update AFTER UPDATE OF key ON person_order
BEGIN
    UPDATE person_grade SET name = NEW.key WHERE person = NEW.person;
END;
INSERT INTO person_order (key, person) SELECT '~' || name, id FROM person;
"#;

/// Version 13: two indexes for what a year's check looks for in the whole database, so
/// that it reads what it finds rather than everything (the return of a base some years
/// old spent a fifth of its reading here):
/// - `qualification_misdated`: the certificates whose issue date is not a well-formed
///   date (`store::year::well_formed_date`, the same expression: SQLite uses a partial
///   index only for a query with its condition; `issued_on` is never NULL, and a term
///   saying so would stop it): none, unless the file was edited outside SkillBase. The
///   check reads this index, empty, instead of testing the date of each of the
///   organisation's certificates of every year.
/// - `person_document`: live people by document, so that the documents two live people
///   hold (rule PER04) are grouped from the index alone; the triggers of [`V7`] look up
///   the same.
const V13: &str = r#"
CREATE INDEX qualification_misdated ON qualification(enrolment)
 WHERE NOT (typeof(issued_on) = 'text' AND length(issued_on) = 10
   AND issued_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
   AND substr(issued_on, 6, 2) BETWEEN '01' AND '12' AND substr(issued_on, 9, 2) BETWEEN '01' AND '31');
CREATE INDEX person_document ON person(doc_number, doc_type) WHERE deleted_at IS NULL;
"#;

/// Version 14: indicator sets (`domain::indicators`), the region's thresholds as data:
/// `indicator_set` (name, issuing document, issuer, the years in force, the attendance
/// floor) and `indicator` (one per set, kind, tier, key and basis: labels, unit,
/// threshold, comparison). Records like every other, so they travel in packages and have
/// their audit trail; they name no organisation (see `store::indicators`). The built-in
/// 2015 plan is not stored: a database without sets judges by it.
const V14: &str = r#"
CREATE TABLE indicator_set (
    id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
    rev INTEGER NOT NULL, changed_by TEXT NOT NULL, change_seq INTEGER NOT NULL,
    name TEXT NOT NULL,
    document TEXT NOT NULL,
    issuer TEXT,
    from_year INTEGER NOT NULL,
    to_year INTEGER CHECK (to_year IS NULL OR to_year >= from_year),
    attendance_floor REAL CHECK (attendance_floor IS NULL OR (attendance_floor >= 0 AND attendance_floor <= 100)),
    notes TEXT
);

CREATE TABLE indicator (
    id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
    rev INTEGER NOT NULL, changed_by TEXT NOT NULL, change_seq INTEGER NOT NULL,
    indicator_set TEXT NOT NULL REFERENCES indicator_set(id) DEFERRABLE INITIALLY DEFERRED,
    org_kind TEXT NOT NULL,
    tier TEXT NOT NULL,
    key TEXT NOT NULL,
    label_zh TEXT NOT NULL,
    label_en TEXT NOT NULL,
    unit TEXT NOT NULL,
    threshold REAL NOT NULL CHECK (threshold >= 0),
    comparison TEXT NOT NULL,
    basis TEXT NOT NULL,
    period_years INTEGER
);
CREATE INDEX indicator_of_set ON indicator(indicator_set);
"#;

/// Version 15 (issue 17): what offices are scored on. Cohorts: planned theory and
/// practice hours, the satisfaction survey (trainees asked, satisfied). Enrolments: hours
/// attended, the subsidies claimed by kind (fen), the electronic training voucher, where
/// the trainee went after training and when. Certificates: the evaluation organisation
/// (评价机构). Every column may be empty, so older records and older packages read as
/// "not recorded"; certificate types and fund categories are codes and need no change.
const V15: &str = r#"
ALTER TABLE cohort ADD COLUMN theory_hours INTEGER CHECK (theory_hours >= 0);
ALTER TABLE cohort ADD COLUMN practice_hours INTEGER CHECK (practice_hours >= 0);
ALTER TABLE cohort ADD COLUMN surveyed INTEGER CHECK (surveyed >= 0);
ALTER TABLE cohort ADD COLUMN satisfied INTEGER CHECK (satisfied >= 0);
ALTER TABLE enrolment ADD COLUMN attended_hours REAL CHECK (attended_hours >= 0);
ALTER TABLE enrolment ADD COLUMN training_subsidy INTEGER CHECK (training_subsidy >= 0);
ALTER TABLE enrolment ADD COLUMN evaluation_subsidy INTEGER CHECK (evaluation_subsidy >= 0);
ALTER TABLE enrolment ADD COLUMN living_subsidy INTEGER CHECK (living_subsidy >= 0);
ALTER TABLE enrolment ADD COLUMN voucher_number TEXT;
ALTER TABLE enrolment ADD COLUMN destination TEXT;
ALTER TABLE enrolment ADD COLUMN destination_on TEXT;
ALTER TABLE qualification ADD COLUMN evaluator TEXT;
"#;

/// Version 16 (issue 18): evidence attached to records. A file's bytes are kept once in
/// `attachment_blob`, keyed by their SHA-256 (the same scan attached to three records is
/// one row); `attachment` ties a blob to one record of any register (`kind` is the
/// register's code, `record` its id: no foreign key, so a register added later needs
/// nothing here), with the name it was attached under and a note. Attachment rows carry
/// the bookkeeping columns, so a removal is a tombstone that travels in data packages
/// like any record's, and its blob stays (a tombstone can be restored; a backup holds it
/// anyway). The blob's size and hash are checked by the table itself.
const V16: &str = r#"
CREATE TABLE attachment_blob (
    sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
    size INTEGER NOT NULL CHECK (size > 0 AND size <= 20971520),
    bytes BLOB NOT NULL CHECK (length(bytes) = size)
);

CREATE TABLE attachment (
    id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
    rev INTEGER NOT NULL, changed_by TEXT NOT NULL, change_seq INTEGER NOT NULL,
    kind TEXT NOT NULL,
    record TEXT NOT NULL,
    file_name TEXT NOT NULL CHECK (length(file_name) > 0),
    media_type TEXT NOT NULL,
    size INTEGER NOT NULL CHECK (size > 0),
    sha256 TEXT NOT NULL REFERENCES attachment_blob(sha256) DEFERRABLE INITIALLY DEFERRED,
    note TEXT
);
CREATE INDEX attachment_record ON attachment(record, kind);
CREATE INDEX attachment_sha256 ON attachment(sha256);
"#;

/// Version 17: the scoring sheet (issue 18). `assessment_scheme`: a scheme's JSON by its
/// key (the shipped examples are not stored until edited); `assessment_entry`: an
/// organisation's self score, note and the evidence linked by hand (a JSON list of
/// attachments' SHA-256) per year, scheme and sub-item; `assessment_review`: a
/// reviewer's expert score and note beside it, a table of its own that no package or
/// consolidation writes.
const V17: &str = r#"
CREATE TABLE assessment_scheme (
    key TEXT PRIMARY KEY,
    body TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE assessment_entry (
    org TEXT NOT NULL REFERENCES organisation(id) DEFERRABLE INITIALLY DEFERRED,
    year INTEGER NOT NULL,
    scheme TEXT NOT NULL,
    item TEXT NOT NULL,
    self_score REAL CHECK (self_score IS NULL OR self_score >= 0),
    note TEXT NOT NULL DEFAULT '',
    evidence TEXT NOT NULL DEFAULT '[]',
    updated_at TEXT NOT NULL,
    PRIMARY KEY (org, year, scheme, item)
);
CREATE TABLE assessment_review (
    org TEXT NOT NULL REFERENCES organisation(id) DEFERRABLE INITIALLY DEFERRED,
    year INTEGER NOT NULL,
    scheme TEXT NOT NULL,
    item TEXT NOT NULL,
    expert_score REAL CHECK (expert_score IS NULL OR expert_score >= 0),
    expert_note TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    PRIMARY KEY (org, year, scheme, item)
);
"#;

/// Data exchange (data packages, merging, the regional consolidation; see
/// `src/packages` and ARCHITECTURE.md, "Data packages and merging"):
/// - `exchange_history`: for each record, the version hashes this database knows its
///   current version supersedes (every version it sent or received). A merge is a
///   fast-forward when our version is among the incoming record's history, and a
///   conflict when neither side's version is in the other's.
/// - `person_alias`: a person entered independently on another install (same document,
///   another id) that a merge made one with a person here; later packages from there land
///   on the person kept.
/// - `package_sent`: what was sent to whom (`--since-last-to NAME`), `package_received`:
///   what was imported (importing it again changes nothing).
/// - `consolidation_load`: in a reviewer's database, the package each organisation's
///   records were last loaded from.
const V5: &str = r#"
CREATE TABLE exchange_history (
    record_id TEXT NOT NULL,
    hash      BLOB NOT NULL,
    PRIMARY KEY (record_id, hash)
) WITHOUT ROWID;
CREATE TABLE person_alias (
    alias          TEXT PRIMARY KEY,
    person         TEXT NOT NULL REFERENCES person(id) DEFERRABLE INITIALLY DEFERRED,
    source_install TEXT NOT NULL,
    merged_at      TEXT NOT NULL
);
CREATE INDEX person_alias_person ON person_alias(person);
CREATE TABLE package_sent (
    package_id TEXT PRIMARY KEY,
    recipient  TEXT,
    sent_at    TEXT NOT NULL,
    change_seq INTEGER NOT NULL,
    org        TEXT,
    complete   INTEGER NOT NULL,
    file_name  TEXT NOT NULL,
    records    INTEGER NOT NULL
);
CREATE INDEX package_sent_recipient ON package_sent(recipient, change_seq);
CREATE TABLE package_received (
    package_id     TEXT PRIMARY KEY,
    source_install TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    imported_at    TEXT NOT NULL,
    file_name      TEXT NOT NULL,
    summary        TEXT NOT NULL
);
CREATE TABLE consolidation_load (
    org            TEXT PRIMARY KEY REFERENCES organisation(id) DEFERRABLE INITIALLY DEFERRED,
    package_id     TEXT NOT NULL,
    source_install TEXT NOT NULL,
    exported_at    TEXT NOT NULL,
    loaded_at      TEXT NOT NULL,
    file_name      TEXT NOT NULL,
    sha256         TEXT NOT NULL,
    records        INTEGER NOT NULL
);
"#;

/// Version 3: the audit trail names more than record edits: a database restored from a
/// backup, an import, a merge of a data package, a regional consolidation. SQLite cannot
/// change a `CHECK` in place, so the table is rebuilt with its rows, sequence and index.
const V3: &str = r#"
CREATE TABLE audit_log_v3 (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    at         TEXT NOT NULL,
    install_id TEXT NOT NULL,
    profile    TEXT NOT NULL,
    action     TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete', 'restore', 'bulk',
                                               'restore_backup', 'import', 'merge', 'consolidate')),
    kind       TEXT NOT NULL,
    record_id  TEXT,
    changes    TEXT NOT NULL DEFAULT '{}'
);
INSERT INTO audit_log_v3 (seq, at, install_id, profile, action, kind, record_id, changes)
    SELECT seq, at, install_id, profile, action, kind, record_id, changes FROM audit_log;
DROP TABLE audit_log;
ALTER TABLE audit_log_v3 RENAME TO audit_log;
CREATE INDEX audit_log_record ON audit_log(record_id);
"#;

/// Version 4: spreadsheet imports. `import_history` keeps every committed import (the
/// file's name and SHA-256, the kind, how many rows were new, updated, unchanged and
/// rejected, who and when); `import_mapping` remembers the column mapping a user
/// confirmed, per kind and header layout, for the next file of the same layout.
const V4: &str = r#"
CREATE TABLE import_history (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    at          TEXT NOT NULL,
    install_id  TEXT NOT NULL,
    profile     TEXT NOT NULL,
    kind        TEXT NOT NULL,
    file_name   TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    rows        INTEGER NOT NULL CHECK (rows >= 0),
    new         INTEGER NOT NULL CHECK (new >= 0),
    updated     INTEGER NOT NULL CHECK (updated >= 0),
    unchanged   INTEGER NOT NULL CHECK (unchanged >= 0),
    rejected    INTEGER NOT NULL CHECK (rejected >= 0),
    change_seq  INTEGER NOT NULL
);
CREATE INDEX import_history_sha ON import_history(sha256);

CREATE TABLE import_mapping (
    kind       TEXT NOT NULL,
    layout     TEXT NOT NULL,
    mapping    TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (kind, layout)
) WITHOUT ROWID;
"#;

/// Version 2: returns marked as submitted, with the exact JSON whose verification code is
/// printed on the signed paper, and the database's change sequence at that moment (so
/// later edits to that year can be named).
const V2: &str = r#"
CREATE TABLE submission (
    id           TEXT PRIMARY KEY,
    org          TEXT NOT NULL REFERENCES organisation(id) DEFERRABLE INITIALLY DEFERRED,
    year         INTEGER NOT NULL,
    submitted_at TEXT NOT NULL,
    install_id   TEXT NOT NULL,
    profile      TEXT NOT NULL,
    change_seq   INTEGER NOT NULL,
    verification TEXT NOT NULL,
    figures      TEXT NOT NULL
);
CREATE INDEX submission_org_year ON submission(org, year, submitted_at);
"#;

const V1: &str = r#"
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- Every create, update, delete and restore, and every bulk write, with who, where and what.
CREATE TABLE audit_log (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    at         TEXT NOT NULL,
    install_id TEXT NOT NULL,
    profile    TEXT NOT NULL,
    action     TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete', 'restore', 'bulk')),
    kind       TEXT NOT NULL,
    record_id  TEXT,
    changes    TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_record ON audit_log(record_id);

CREATE TABLE organisation (
    id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
    rev INTEGER NOT NULL, changed_by TEXT NOT NULL, change_seq INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('training_base', 'master_studio')),
    tier TEXT CHECK (tier IN ('national', 'region', 'league')),
    name TEXT NOT NULL,
    credit_code TEXT,
    division TEXT,
    host TEXT REFERENCES organisation(id) DEFERRABLE INITIALLY DEFERRED,
    host_unit TEXT,
    industry TEXT,
    approval_doc TEXT,
    approval_year INTEGER,
    master TEXT REFERENCES person(id) DEFERRABLE INITIALLY DEFERRED,
    contact_name TEXT,
    contact_phone TEXT,
    address TEXT
);
CREATE INDEX organisation_host ON organisation(host) WHERE host IS NOT NULL;
CREATE INDEX organisation_master ON organisation(master) WHERE master IS NOT NULL;

CREATE TABLE person (
    id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
    rev INTEGER NOT NULL, changed_by TEXT NOT NULL, change_seq INTEGER NOT NULL,
    name TEXT NOT NULL,
    doc_type TEXT NOT NULL,
    doc_number TEXT NOT NULL,
    sex TEXT NOT NULL CHECK (sex IN ('male', 'female')),
    birth_date TEXT NOT NULL,
    ethnicity TEXT,
    education TEXT,
    phone TEXT,
    employer TEXT,
    employer_type TEXT,
    division TEXT,
    notes TEXT
);
CREATE INDEX person_doc ON person(doc_number);
-- The people list: live people by name, with the numbers searched as you type, so that
-- counting and paging by name read this index alone.
CREATE INDEX person_search ON person(name, doc_number, phone) WHERE deleted_at IS NULL;
CREATE INDEX person_phone ON person(phone) WHERE deleted_at IS NULL AND phone IS NOT NULL;
CREATE INDEX person_division ON person(division) WHERE deleted_at IS NULL;
CREATE INDEX person_birth ON person(birth_date) WHERE deleted_at IS NULL;

CREATE TABLE qualification (
    id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
    rev INTEGER NOT NULL, changed_by TEXT NOT NULL, change_seq INTEGER NOT NULL,
    person TEXT NOT NULL REFERENCES person(id) DEFERRABLE INITIALLY DEFERRED,
    occupation TEXT NOT NULL,
    work_type TEXT,
    grade TEXT NOT NULL,
    cert_type TEXT NOT NULL,
    cert_number TEXT,
    issued_on TEXT NOT NULL,
    issuer TEXT,
    enrolment TEXT REFERENCES enrolment(id) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX qualification_person ON qualification(person);
CREATE INDEX qualification_grade ON qualification(grade, person) WHERE deleted_at IS NULL;
CREATE INDEX qualification_occupation ON qualification(occupation, person) WHERE deleted_at IS NULL;
CREATE INDEX qualification_issued ON qualification(issued_on);
CREATE INDEX qualification_enrolment ON qualification(enrolment) WHERE enrolment IS NOT NULL;

CREATE TABLE course_package (
    id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
    rev INTEGER NOT NULL, changed_by TEXT NOT NULL, change_seq INTEGER NOT NULL,
    org TEXT NOT NULL REFERENCES organisation(id) DEFERRABLE INITIALLY DEFERRED,
    name TEXT NOT NULL,
    occupation TEXT NOT NULL,
    target_grade TEXT NOT NULL,
    theory_hours INTEGER NOT NULL CHECK (theory_hours >= 0),
    practice_hours INTEGER NOT NULL CHECK (practice_hours >= 0),
    mode TEXT NOT NULL,
    integrated INTEGER NOT NULL,
    developed_here INTEGER NOT NULL,
    year INTEGER
);
CREATE INDEX course_package_org ON course_package(org);

CREATE TABLE facility (
    id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
    rev INTEGER NOT NULL, changed_by TEXT NOT NULL, change_seq INTEGER NOT NULL,
    org TEXT NOT NULL REFERENCES organisation(id) DEFERRABLE INITIALLY DEFERRED,
    name TEXT NOT NULL,
    area_m2 REAL NOT NULL CHECK (area_m2 >= 0),
    workstations INTEGER NOT NULL CHECK (workstations >= 0),
    equipment_count INTEGER NOT NULL CHECK (equipment_count >= 0),
    equipment_value INTEGER NOT NULL CHECK (equipment_value >= 0),
    opened_year INTEGER
);
CREATE INDEX facility_org ON facility(org);

CREATE TABLE cohort (
    id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
    rev INTEGER NOT NULL, changed_by TEXT NOT NULL, change_seq INTEGER NOT NULL,
    org TEXT NOT NULL REFERENCES organisation(id) DEFERRABLE INITIALLY DEFERRED,
    name TEXT NOT NULL,
    package TEXT REFERENCES course_package(id) DEFERRABLE INITIALLY DEFERRED,
    programme TEXT NOT NULL,
    mode TEXT NOT NULL,
    occupation TEXT NOT NULL,
    target_grade TEXT NOT NULL,
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL,
    facility TEXT REFERENCES facility(id) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX cohort_org ON cohort(org, start_date);
CREATE INDEX cohort_package ON cohort(package);
CREATE INDEX cohort_facility ON cohort(facility) WHERE facility IS NOT NULL;

CREATE TABLE enrolment (
    id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
    rev INTEGER NOT NULL, changed_by TEXT NOT NULL, change_seq INTEGER NOT NULL,
    cohort TEXT NOT NULL REFERENCES cohort(id) DEFERRABLE INITIALLY DEFERRED,
    person TEXT NOT NULL REFERENCES person(id) DEFERRABLE INITIALLY DEFERRED,
    enrolled_on TEXT NOT NULL,
    status TEXT NOT NULL,
    completed_on TEXT,
    result TEXT,
    qualification TEXT REFERENCES qualification(id) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX enrolment_cohort ON enrolment(cohort);
CREATE INDEX enrolment_person ON enrolment(person);
CREATE INDEX enrolment_qualification ON enrolment(qualification) WHERE qualification IS NOT NULL;

CREATE TABLE facility_occupation (
    id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
    rev INTEGER NOT NULL, changed_by TEXT NOT NULL, change_seq INTEGER NOT NULL,
    facility TEXT NOT NULL REFERENCES facility(id) DEFERRABLE INITIALLY DEFERRED,
    occupation TEXT NOT NULL,
    max_grade TEXT NOT NULL
);
CREATE INDEX facility_occupation_facility ON facility_occupation(facility);

CREATE TABLE capacity_declaration (
    id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
    rev INTEGER NOT NULL, changed_by TEXT NOT NULL, change_seq INTEGER NOT NULL,
    org TEXT NOT NULL REFERENCES organisation(id) DEFERRABLE INITIALLY DEFERRED,
    year INTEGER NOT NULL,
    high_skill_per_year INTEGER NOT NULL CHECK (high_skill_per_year >= 0),
    public_service_per_year INTEGER NOT NULL CHECK (public_service_per_year >= 0),
    note TEXT
);
CREATE INDEX capacity_declaration_org ON capacity_declaration(org, year);

CREATE TABLE public_service (
    id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
    rev INTEGER NOT NULL, changed_by TEXT NOT NULL, change_seq INTEGER NOT NULL,
    org TEXT NOT NULL REFERENCES organisation(id) DEFERRABLE INITIALLY DEFERRED,
    date TEXT NOT NULL,
    recipient TEXT NOT NULL,
    recipient_type TEXT NOT NULL,
    person_times INTEGER NOT NULL CHECK (person_times >= 0),
    hours REAL NOT NULL CHECK (hours >= 0),
    content TEXT NOT NULL,
    facility TEXT REFERENCES facility(id) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX public_service_org ON public_service(org, date);
CREATE INDEX public_service_facility ON public_service(facility) WHERE facility IS NOT NULL;

CREATE TABLE apprenticeship (
    id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
    rev INTEGER NOT NULL, changed_by TEXT NOT NULL, change_seq INTEGER NOT NULL,
    studio TEXT NOT NULL REFERENCES organisation(id) DEFERRABLE INITIALLY DEFERRED,
    master TEXT NOT NULL REFERENCES person(id) DEFERRABLE INITIALLY DEFERRED,
    apprentice TEXT NOT NULL REFERENCES person(id) DEFERRABLE INITIALLY DEFERRED,
    occupation TEXT NOT NULL,
    agreement_date TEXT,
    start_date TEXT NOT NULL,
    end_date TEXT,
    grade_at_start TEXT,
    grade_at_end TEXT,
    status TEXT NOT NULL,
    outcome TEXT
);
CREATE INDEX apprenticeship_studio ON apprenticeship(studio);
CREATE INDEX apprenticeship_master ON apprenticeship(master);
CREATE INDEX apprenticeship_apprentice ON apprenticeship(apprentice);

CREATE TABLE achievement (
    id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
    rev INTEGER NOT NULL, changed_by TEXT NOT NULL, change_seq INTEGER NOT NULL,
    org TEXT NOT NULL REFERENCES organisation(id) DEFERRABLE INITIALLY DEFERRED,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    date TEXT NOT NULL,
    people TEXT,
    patent_number TEXT,
    economic_benefit INTEGER NOT NULL,
    description TEXT
);
CREATE INDEX achievement_org ON achievement(org, date);

CREATE TABLE teacher (
    id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
    rev INTEGER NOT NULL, changed_by TEXT NOT NULL, change_seq INTEGER NOT NULL,
    org TEXT NOT NULL REFERENCES organisation(id) DEFERRABLE INITIALLY DEFERRED,
    person TEXT NOT NULL REFERENCES person(id) DEFERRABLE INITIALLY DEFERRED,
    kind TEXT NOT NULL,
    integrated INTEGER NOT NULL,
    dual_qualified INTEGER NOT NULL,
    title TEXT,
    occupation TEXT,
    since TEXT,
    until TEXT
);
CREATE INDEX teacher_org ON teacher(org);
CREATE INDEX teacher_person ON teacher(person);

CREATE TABLE teacher_training (
    id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
    rev INTEGER NOT NULL, changed_by TEXT NOT NULL, change_seq INTEGER NOT NULL,
    teacher TEXT NOT NULL REFERENCES teacher(id) DEFERRABLE INITIALLY DEFERRED,
    date TEXT NOT NULL,
    hours REAL NOT NULL CHECK (hours >= 0),
    content TEXT NOT NULL,
    provider TEXT
);
CREATE INDEX teacher_training_teacher ON teacher_training(teacher);

CREATE TABLE competition (
    id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
    rev INTEGER NOT NULL, changed_by TEXT NOT NULL, change_seq INTEGER NOT NULL,
    org TEXT NOT NULL REFERENCES organisation(id) DEFERRABLE INITIALLY DEFERRED,
    name TEXT NOT NULL,
    level TEXT NOT NULL,
    occupation TEXT,
    date TEXT NOT NULL,
    participants INTEGER NOT NULL CHECK (participants >= 0),
    organised_here INTEGER NOT NULL
);
CREATE INDEX competition_org ON competition(org, date);

CREATE TABLE award (
    id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
    rev INTEGER NOT NULL, changed_by TEXT NOT NULL, change_seq INTEGER NOT NULL,
    org TEXT NOT NULL REFERENCES organisation(id) DEFERRABLE INITIALLY DEFERRED,
    person TEXT REFERENCES person(id) DEFERRABLE INITIALLY DEFERRED,
    competition TEXT REFERENCES competition(id) DEFERRABLE INITIALLY DEFERRED,
    honour TEXT,
    title TEXT NOT NULL,
    date TEXT NOT NULL,
    conferred_by TEXT
);
CREATE INDEX award_org ON award(org, date);
CREATE INDEX award_person ON award(person);
CREATE INDEX award_competition ON award(competition) WHERE competition IS NOT NULL;

CREATE TABLE fund (
    id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
    rev INTEGER NOT NULL, changed_by TEXT NOT NULL, change_seq INTEGER NOT NULL,
    org TEXT NOT NULL REFERENCES organisation(id) DEFERRABLE INITIALLY DEFERRED,
    date TEXT NOT NULL,
    direction TEXT NOT NULL CHECK (direction IN ('income', 'expense')),
    category TEXT NOT NULL,
    amount INTEGER NOT NULL CHECK (amount >= 0),
    description TEXT
);
CREATE INDEX fund_org ON fund(org, date);
"#;
