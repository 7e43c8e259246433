-- Constraints that SQLite can check without building a table per row.
--
-- A CHECK of the form `x IN (a, b, c)` with more than two constants is evaluated by building an
-- ephemeral b-tree of the constants, and a prepared INSERT rebuilds it on every execution: about
-- 2-3 microseconds per row whatever the table. Migration 0014 widened ledger_postings.cause_kind
-- from IN (1, 2) to IN (0, 1, 2), and that alone slowed the monthly accrual of a million cases
-- from 1.35 s to about 3 s (README, "Accrual benchmark"). Every CHECK that lists more than two
-- values is rewritten here as the same condition in comparisons SQLite evaluates in place
-- (BETWEEN for a range of integers, OR of equalities for names); a NULL still passes where it
-- passed before. tests/persistence/schema_constraints_test.cpp keeps new ones out.
--
-- SQLite cannot change a CHECK in place, so each table is rebuilt: created anew, every row copied
-- unchanged, the old one dropped, the new one renamed, and its indexes created again. Foreign keys
-- are suspended while migrations run and checked before this one commits.

CREATE TABLE ledger_postings_rebuilt (
    case_id              INTEGER NOT NULL REFERENCES cases(id),
    cause_kind           INTEGER NOT NULL CHECK (cause_kind BETWEEN 0 AND 2),
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

CREATE TABLE case_notices_rebuilt (
    case_id     INTEGER NOT NULL REFERENCES cases(id),
    on_date     TEXT    NOT NULL,
    kind        TEXT    NOT NULL CHECK (kind = 'missed_payment_contact' OR kind = 'arrears_notice'
                                        OR kind = 'enforcement_proposed' OR kind = 'escalation_stopped'
                                        OR kind = 'direct_pay_warning' OR kind = 'service_switched'
                                        OR kind = 'arrears_agreement_made' OR kind = 'arrears_agreement_broken'
                                        OR kind = 'arrears_agreement_completed'),
    detail      TEXT    NOT NULL,
    job_id      INTEGER REFERENCES jobs(id),
    command_id  INTEGER REFERENCES command_journal(id),
    PRIMARY KEY (case_id, on_date, kind),
    CHECK ((job_id IS NULL) <> (command_id IS NULL))
) WITHOUT ROWID;
INSERT INTO case_notices_rebuilt SELECT * FROM case_notices;
DROP TABLE case_notices;
ALTER TABLE case_notices_rebuilt RENAME TO case_notices;

CREATE TABLE enforcement_actions_rebuilt (
    id                      INTEGER PRIMARY KEY,
    case_id                 INTEGER NOT NULL REFERENCES cases(id),
    step                    TEXT    NOT NULL CHECK (step = 'deduction_from_earnings_order'
                                                    OR step = 'regular_deduction_order'
                                                    OR step = 'lump_sum_deduction_order' OR step = 'liability_order'
                                                    OR step = 'enforcement_agents' OR step = 'charging_order'
                                                    OR step = 'order_for_sale'
                                                    OR step = 'driving_licence_disqualification'
                                                    OR step = 'passport_disqualification' OR step = 'committal'),
    status                  TEXT    NOT NULL CHECK (status = 'proposed' OR status = 'applied_for'
                                                    OR status = 'granted' OR status = 'refused' OR status = 'active'
                                                    OR status = 'succeeded' OR status = 'failed'
                                                    OR status = 'withdrawn' OR status = 'expired'),
    created_on              TEXT    NOT NULL,
    applied_on              TEXT,
    status_on               TEXT    NOT NULL,
    until                   TEXT,
    employer_name           TEXT,
    net_earnings_pence      INTEGER CHECK (net_earnings_pence >= 0),
    pay_frequency           TEXT    CHECK (pay_frequency = 'weekly' OR pay_frequency = 'fortnightly'
                                           OR pay_frequency = 'four_weekly' OR pay_frequency = 'monthly'),
    deduction_pence         INTEGER CHECK (deduction_pence >= 0),
    deduction_capped        INTEGER NOT NULL DEFAULT 0 CHECK (deduction_capped IN (0, 1)),
    bank_account_reference  TEXT    NOT NULL DEFAULT '',
    deduction_inappropriate TEXT    NOT NULL DEFAULT '',
    charge_pence            INTEGER NOT NULL DEFAULT 0 CHECK (charge_pence >= 0),
    charge_waiver           TEXT    NOT NULL DEFAULT '',
    note                    TEXT    NOT NULL DEFAULT '',
    command_id              INTEGER REFERENCES command_journal(id),
    job_id                  INTEGER REFERENCES jobs(id),
    bank_deduction_frequency TEXT   CHECK (bank_deduction_frequency IN ('weekly', 'monthly')),
    CHECK ((employer_name IS NULL) = (net_earnings_pence IS NULL)
           AND (employer_name IS NULL) = (pay_frequency IS NULL)),
    CHECK ((command_id IS NULL) <> (job_id IS NULL))
);
INSERT INTO enforcement_actions_rebuilt SELECT * FROM enforcement_actions;
DROP TABLE enforcement_actions;
ALTER TABLE enforcement_actions_rebuilt RENAME TO enforcement_actions;
CREATE INDEX enforcement_actions_by_case ON enforcement_actions(case_id, id);
CREATE INDEX enforcement_actions_proposed ON enforcement_actions(case_id) WHERE status = 'proposed';

CREATE TABLE enforcement_action_events_rebuilt (
    action_id      INTEGER NOT NULL REFERENCES enforcement_actions(id),
    event_index    INTEGER NOT NULL CHECK (event_index >= 0),
    event          TEXT    NOT NULL CHECK (event = 'propose' OR event = 'apply' OR event = 'grant' OR event = 'refuse'
                                           OR event = 'activate' OR event = 'succeed' OR event = 'fail'
                                           OR event = 'withdraw' OR event = 'expire'),
    status_after   TEXT    NOT NULL,
    on_date        TEXT    NOT NULL,
    court_finding  TEXT    CHECK (court_finding IN ('wilful_refusal', 'culpable_neglect')),
    until          TEXT,
    note           TEXT    NOT NULL DEFAULT '',
    command_id     INTEGER REFERENCES command_journal(id),
    job_id         INTEGER REFERENCES jobs(id),
    PRIMARY KEY (action_id, event_index),
    CHECK ((command_id IS NULL) <> (job_id IS NULL))
) WITHOUT ROWID;
INSERT INTO enforcement_action_events_rebuilt SELECT * FROM enforcement_action_events;
DROP TABLE enforcement_action_events;
ALTER TABLE enforcement_action_events_rebuilt RENAME TO enforcement_action_events;

CREATE TABLE payment_schedules_rebuilt (
    case_id          INTEGER NOT NULL REFERENCES cases(id),
    effective_from   TEXT    NOT NULL,
    frequency        TEXT    NOT NULL CHECK (frequency = 'weekly' OR frequency = 'fortnightly'
                                             OR frequency = 'four_weekly' OR frequency = 'monthly'),
    first_due_date   TEXT    NOT NULL,
    anchor_day       INTEGER NOT NULL CHECK (anchor_day BETWEEN 0 AND 31),
    command_id       INTEGER NOT NULL REFERENCES command_journal(id),
    PRIMARY KEY (case_id, effective_from)
) WITHOUT ROWID;
INSERT INTO payment_schedules_rebuilt SELECT * FROM payment_schedules;
DROP TABLE payment_schedules;
ALTER TABLE payment_schedules_rebuilt RENAME TO payment_schedules;

CREATE TABLE calculations_rebuilt (
    id                   INTEGER PRIMARY KEY,
    case_id              INTEGER NOT NULL REFERENCES cases(id),
    effective_from       TEXT    NOT NULL,
    reason               TEXT    NOT NULL CHECK (reason = 'case_opened' OR reason = 'income_change'
                                                 OR reason = 'shared_care_change'
                                                 OR reason = 'child_stopped_qualifying'
                                                 OR reason = 'linked_case_change'),
    rate                 TEXT    NOT NULL,
    weekly_amount_pence  INTEGER NOT NULL CHECK (weekly_amount_pence >= 0),
    input_json           TEXT    NOT NULL,
    result_json          TEXT    NOT NULL,
    command_id           INTEGER NOT NULL REFERENCES command_journal(id),
    UNIQUE (case_id, effective_from)
);
INSERT INTO calculations_rebuilt SELECT * FROM calculations;
DROP TABLE calculations;
ALTER TABLE calculations_rebuilt RENAME TO calculations;

CREATE TABLE arrears_agreements_rebuilt (
    id                           INTEGER PRIMARY KEY,
    case_id                      INTEGER NOT NULL REFERENCES cases(id),
    made_on                      TEXT    NOT NULL,
    frequency                    TEXT    NOT NULL CHECK (frequency = 'weekly' OR frequency = 'fortnightly'
                                                         OR frequency = 'four_weekly' OR frequency = 'monthly'),
    net_income_per_period_pence  INTEGER NOT NULL CHECK (net_income_per_period_pence > 0),
    ongoing_per_instalment_pence INTEGER NOT NULL CHECK (ongoing_per_instalment_pence >= 0),
    arrears_at_agreement_pence   INTEGER NOT NULL CHECK (arrears_at_agreement_pence > 0),
    arrears_instalment_pence     INTEGER NOT NULL CHECK (arrears_instalment_pence > 0),
    instalments                  INTEGER NOT NULL CHECK (instalments > 0),
    status                       TEXT    NOT NULL CHECK (status = 'active' OR status = 'completed'
                                                         OR status = 'broken'),
    status_on                    TEXT    NOT NULL,
    note                         TEXT    NOT NULL DEFAULT '',
    command_id                   INTEGER NOT NULL REFERENCES command_journal(id),
    ended_by_job                 INTEGER REFERENCES jobs(id)
);
INSERT INTO arrears_agreements_rebuilt SELECT * FROM arrears_agreements;
DROP TABLE arrears_agreements;
ALTER TABLE arrears_agreements_rebuilt RENAME TO arrears_agreements;
CREATE INDEX arrears_agreements_by_case ON arrears_agreements(case_id, id);
CREATE UNIQUE INDEX arrears_agreements_active ON arrears_agreements(case_id) WHERE status = 'active';

CREATE TABLE enforcement_deductions_rebuilt (
    action_id     INTEGER NOT NULL REFERENCES enforcement_actions(id),
    on_date       TEXT    NOT NULL,
    basis_pence   INTEGER NOT NULL CHECK (basis_pence >= 0),  -- the period's net earnings, or the balance
    wanted_pence  INTEGER NOT NULL CHECK (wanted_pence >= 0),
    taken_pence   INTEGER NOT NULL CHECK (taken_pence >= 0 AND taken_pence <= wanted_pence),
    outcome       TEXT    NOT NULL CHECK (outcome = 'taken' OR outcome = 'capped' OR outcome = 'skipped_below_floor'),
    payment_id    INTEGER REFERENCES payments(id),
    command_id    INTEGER NOT NULL REFERENCES command_journal(id),
    PRIMARY KEY (action_id, on_date),
    CHECK ((payment_id IS NULL) = (taken_pence = 0))
) WITHOUT ROWID;
INSERT INTO enforcement_deductions_rebuilt SELECT * FROM enforcement_deductions;
DROP TABLE enforcement_deductions;
ALTER TABLE enforcement_deductions_rebuilt RENAME TO enforcement_deductions;

CREATE TABLE penalties_rebuilt (
    id             INTEGER PRIMARY KEY,
    case_id        INTEGER NOT NULL REFERENCES cases(id),
    kind           TEXT    NOT NULL CHECK (kind = 'information_offence' OR kind = 'employer_information_offence'
                                           OR kind = 'employer_missed_deduction' OR kind = 'late_payment'),
    payer          TEXT    NOT NULL CHECK (payer IN ('paying_parent', 'employer')),
    action_id      INTEGER REFERENCES enforcement_actions(id),
    amount_pence   INTEGER NOT NULL CHECK (amount_pence > 0),
    imposed_on     TEXT    NOT NULL,
    note           TEXT    NOT NULL DEFAULT '',
    command_id     INTEGER NOT NULL REFERENCES command_journal(id),
    CHECK ((payer = 'employer') = (action_id IS NOT NULL))
);
INSERT INTO penalties_rebuilt SELECT * FROM penalties;
DROP TABLE penalties;
ALTER TABLE penalties_rebuilt RENAME TO penalties;
CREATE INDEX penalties_by_case ON penalties(case_id, id);

CREATE TABLE payment_reversals_rebuilt (
    payment_id   INTEGER PRIMARY KEY REFERENCES payments(id),
    case_id      INTEGER NOT NULL REFERENCES cases(id),
    reason       TEXT    NOT NULL CHECK (reason = 'bounced_direct_debit' OR reason = 'wrong_case'
                                         OR reason = 'duplicate'),
    note         TEXT    NOT NULL,
    reversed_on  TEXT    NOT NULL,
    amount_pence INTEGER NOT NULL CHECK (amount_pence > 0),
    command_id   INTEGER NOT NULL REFERENCES command_journal(id)
);
INSERT INTO payment_reversals_rebuilt SELECT * FROM payment_reversals;
DROP TABLE payment_reversals;
ALTER TABLE payment_reversals_rebuilt RENAME TO payment_reversals;

CREATE TABLE case_closures_rebuilt (
    case_id         INTEGER PRIMARY KEY REFERENCES cases(id),
    reason          TEXT    NOT NULL CHECK (reason = 'receiving_parent_asked' OR reason = 'parent_died'
                                            OR reason = 'no_qualifying_child' OR reason = 'parents_live_together'),
    effective_date  TEXT    NOT NULL,
    command_id      INTEGER NOT NULL REFERENCES command_journal(id)
);
INSERT INTO case_closures_rebuilt SELECT * FROM case_closures;
DROP TABLE case_closures;
ALTER TABLE case_closures_rebuilt RENAME TO case_closures;

CREATE TABLE jobs_rebuilt (
    id                INTEGER PRIMARY KEY,
    kind              TEXT    NOT NULL,
    through_date      TEXT    NOT NULL,
    status            TEXT    NOT NULL CHECK (status = 'running' OR status = 'succeeded' OR status = 'failed'
                                              OR status = 'interrupted'),
    cases_processed   INTEGER NOT NULL DEFAULT 0,
    postings_written  INTEGER NOT NULL DEFAULT 0,
    cases_failed      INTEGER NOT NULL DEFAULT 0,
    started_at_utc    TEXT    NOT NULL,
    finished_at_utc   TEXT,
    detail            TEXT    NOT NULL DEFAULT ''
);
INSERT INTO jobs_rebuilt SELECT * FROM jobs;
DROP TABLE jobs;
ALTER TABLE jobs_rebuilt RENAME TO jobs;

CREATE TABLE users_rebuilt (
    id              INTEGER PRIMARY KEY,
    name            TEXT    NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 64),
    role            TEXT    NOT NULL CHECK (role = 'caseworker' OR role = 'supervisor' OR role = 'batch'
                                            OR role = 'analyst' OR role = 'auditor' OR role = 'admin'),
    token_sha256    TEXT    NOT NULL UNIQUE CHECK (length(token_sha256) = 64),
    created_at_utc  TEXT    NOT NULL,
    revoked_at_utc  TEXT
);
INSERT INTO users_rebuilt SELECT * FROM users;
DROP TABLE users;
ALTER TABLE users_rebuilt RENAME TO users;
