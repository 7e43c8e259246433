-- The ledger and what the accrual batch reads.
--
-- Liability terms are a history, appended and never edited: from each effective date, the
-- weekly amount owed to each receiving parent of a case and the service type (Direct Pay or
-- Collect and Pay) in force. A supersession or a switch of service appends a row carrying the
-- other term forward (append_liability_terms does that), so the accrual batch reads one row per
-- change in one range scan per chunk of cases.
CREATE TABLE liability_segments (
    case_id                INTEGER NOT NULL REFERENCES cases(id),
    receiving_parent_slot  INTEGER NOT NULL CHECK (receiving_parent_slot BETWEEN 0 AND 7),
    effective_from         TEXT    NOT NULL,
    weekly_amount_pence    INTEGER NOT NULL CHECK (weekly_amount_pence >= 0),
    service_type           TEXT    NOT NULL CHECK (service_type IN ('collect_and_pay', 'direct_pay')),
    command_id             INTEGER NOT NULL REFERENCES command_journal(id),
    PRIMARY KEY (case_id, receiving_parent_slot, effective_from)
) WITHOUT ROWID;

-- When the paying parent pays: a frequency and the first due date (monthly: the anchor day).
CREATE TABLE payment_schedules (
    case_id          INTEGER NOT NULL REFERENCES cases(id),
    effective_from   TEXT    NOT NULL,
    frequency        TEXT    NOT NULL CHECK (frequency IN ('weekly', 'fortnightly', 'four_weekly', 'monthly')),
    first_due_date   TEXT    NOT NULL,
    anchor_day       INTEGER NOT NULL CHECK (anchor_day BETWEEN 0 AND 31),
    command_id       INTEGER NOT NULL REFERENCES command_journal(id),
    PRIMARY KEY (case_id, effective_from)
) WITHOUT ROWID;

-- Cases opened before this migration get their first segments from the case row.
INSERT INTO liability_segments(case_id, receiving_parent_slot, effective_from, weekly_amount_pence,
                               service_type, command_id)
    SELECT id, 0, opened_on, weekly_amount_pence, service_type, command_id FROM cases;
INSERT INTO payment_schedules(case_id, effective_from, frequency, first_due_date, anchor_day, command_id)
    SELECT id, opened_on, 'monthly', opened_on, CAST(substr(opened_on, 9, 2) AS INTEGER), command_id FROM cases;

-- Ledger postings: all the double-entry legs of one cause (one command, or one batch step for
-- one case and period) as one immutable row. Each leg is a transfer of a positive amount from
-- one account of the case to another, so every posting balances by construction.
--
-- Why legs are packed in a row and not a row per transfer: the monthly accrual posts two legs
-- (maintenance, collection fee) for each of a million cases; one row per cause halves the rows
-- written and keeps the batch within its time budget, while (case_id, cause_kind, cause_ref)
-- is still the idempotency key that makes a rerun post nothing twice.
--   cause_kind 1 = command (cause_ref = command_journal.id)
--   cause_kind 2 = batch step (cause_ref = job * 1000000 + year * 100 + month)
-- legs: 16 bytes per leg, little-endian: debit kind, debit slot, credit kind, credit slot,
-- transfer code, 3 zero bytes, amount in pence (int64). Kinds and codes as in core/ledger.hpp.
CREATE TABLE ledger_postings (
    case_id              INTEGER NOT NULL REFERENCES cases(id),
    cause_kind           INTEGER NOT NULL CHECK (cause_kind IN (1, 2)),
    cause_ref            INTEGER NOT NULL,
    business_date        TEXT    NOT NULL,
    legs                 BLOB    NOT NULL CHECK (length(legs) > 0 AND length(legs) % 16 = 0),
    corrects_case_id     INTEGER,
    corrects_cause_kind  INTEGER,
    corrects_cause_ref   INTEGER,
    PRIMARY KEY (case_id, cause_kind, cause_ref)
) WITHOUT ROWID;

-- Batch jobs: operational records (not money), so their status is updated in place.
CREATE TABLE jobs (
    id                INTEGER PRIMARY KEY,
    kind              TEXT    NOT NULL,
    through_date      TEXT    NOT NULL,
    status            TEXT    NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
    cases_processed   INTEGER NOT NULL DEFAULT 0,
    postings_written  INTEGER NOT NULL DEFAULT 0,
    cases_failed      INTEGER NOT NULL DEFAULT 0,
    started_at_utc    TEXT    NOT NULL,
    finished_at_utc   TEXT,
    detail            TEXT    NOT NULL DEFAULT ''
);

-- Accrual progress: a (period, case range) chunk is recorded in the same transaction as its
-- postings, so a job restarted after a crash resumes after the last committed chunk.
CREATE TABLE accrual_chunks (
    period        TEXT    NOT NULL,
    first_case_id INTEGER NOT NULL,
    last_case_id  INTEGER NOT NULL,
    job_id        INTEGER NOT NULL REFERENCES jobs(id),
    PRIMARY KEY (period, first_case_id)
) WITHOUT ROWID;

-- A period is complete when every case was processed for it.
CREATE TABLE accrual_periods (
    period          TEXT PRIMARY KEY,
    job_id          INTEGER NOT NULL REFERENCES jobs(id),
    completed_at_utc TEXT NOT NULL
) WITHOUT ROWID;

-- A case the batch could not process, with the reason: visible on the job and the case, never
-- silent. Repaired by fixing the case and rerunning the job (which skips what was posted).
CREATE TABLE case_failures (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases(id),
    job_id      INTEGER NOT NULL REFERENCES jobs(id),
    period      TEXT    NOT NULL,
    reason      TEXT    NOT NULL,
    recorded_at_utc TEXT NOT NULL
);
CREATE INDEX case_failures_by_case ON case_failures(case_id);
CREATE INDEX case_failures_by_job ON case_failures(job_id);
