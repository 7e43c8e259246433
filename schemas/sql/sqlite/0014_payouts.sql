-- Pay-out to receiving parents (core/payments/payout.hpp, services/ledger/payout_job.cpp).
--
-- 1. A third cause kind for ledger postings. A day's pay-out passes on what was collected that
-- day, so in the ledger's order it comes after the day's commands, where a month's accrual comes
-- before them. Stored cause_kind is chosen so that "ORDER BY business_date, cause_kind DESC,
-- cause_ref" stays the ledger's one order (core::precedes):
--   cause_kind 2 = a batch step that opens its day (cause_ref = job * 1000000 + yyyymm)
--   cause_kind 1 = a command (cause_ref = command_journal.id)
--   cause_kind 0 = a batch step that closes its day (cause_ref = job * 100000000 + yyyymmdd)
-- SQLite cannot change a CHECK constraint in place, so the table is rebuilt (once; every row is
-- copied unchanged).
CREATE TABLE ledger_postings_rebuilt (
    case_id              INTEGER NOT NULL REFERENCES cases(id),
    cause_kind           INTEGER NOT NULL CHECK (cause_kind IN (0, 1, 2)),
    cause_ref            INTEGER NOT NULL,
    business_date        TEXT    NOT NULL,
    legs                 BLOB    NOT NULL CHECK (length(legs) > 0 AND length(legs) % 16 = 0),
    corrects_case_id     INTEGER,
    corrects_cause_kind  INTEGER,
    corrects_cause_ref   INTEGER,
    PRIMARY KEY (case_id, cause_kind, cause_ref)
) WITHOUT ROWID;
INSERT INTO ledger_postings_rebuilt SELECT * FROM ledger_postings;
DROP TABLE ledger_postings;
ALTER TABLE ledger_postings_rebuilt RENAME TO ledger_postings;
CREATE INDEX ledger_postings_by_command ON ledger_postings(cause_ref) WHERE cause_kind = 1;

-- 2. Cases that may hold money collected for a receiving parent and not yet paid out: how the
-- daily pay-out finds them among millions without replaying every ledger. A command that
-- allocates money to maintenance adds its case; the pay-out removes a case once it has paid out
-- all it held. cms check proves every case that ends holding money for a receiving parent is listed.
CREATE TABLE cases_holding_collections (
    case_id  INTEGER PRIMARY KEY REFERENCES cases(id)
);
-- Before this table, money was collected by commands (payments) and by the credit application
-- (job 4): list every case either touched; the first pay-out removes those holding nothing.
INSERT INTO cases_holding_collections(case_id)
    SELECT DISTINCT case_id FROM ledger_postings
     WHERE cause_kind = 1 OR (cause_kind = 2 AND cause_ref / 1000000 = 4);

-- 3. One row per receiving parent and pay-out date: what was paid to them and what was kept back
-- to recover an earlier overpayment. Written in the same transaction as the pay-out's ledger
-- posting, whose legs it mirrors (cms check compares them).
CREATE TABLE disbursements (
    case_id                INTEGER NOT NULL REFERENCES cases(id),
    paid_on                TEXT    NOT NULL,
    receiving_parent_slot  INTEGER NOT NULL CHECK (receiving_parent_slot BETWEEN 0 AND 7),
    receiving_parent_id    INTEGER NOT NULL REFERENCES parents(id),
    paid_pence             INTEGER NOT NULL CHECK (paid_pence >= 0),
    recovered_pence        INTEGER NOT NULL CHECK (recovered_pence >= 0),
    job_id                 INTEGER NOT NULL REFERENCES jobs(id),
    PRIMARY KEY (case_id, paid_on, receiving_parent_slot),
    CHECK (paid_pence + recovered_pence > 0)
) WITHOUT ROWID;

-- 4. A pay-out date is complete when every listed case was paid out for it; a later run for
-- the same or an earlier date pays nothing twice.
CREATE TABLE payout_days (
    paid_on          TEXT PRIMARY KEY,
    job_id           INTEGER NOT NULL REFERENCES jobs(id),
    completed_at_utc TEXT    NOT NULL
) WITHOUT ROWID;
