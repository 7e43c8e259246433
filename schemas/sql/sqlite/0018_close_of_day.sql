-- The daily close (services/enforcement/close_day_job.hpp): missed payments, the notices that
-- follow them, steps the close proposes, and the days closed.
--
-- 1. An enforcement action may be proposed by a job as well as made by a command: exactly one of
-- command_id and job_id names what created it (and each event). SQLite cannot change a column's
-- NOT NULL in place, so both tables are rebuilt once, every row copied unchanged.
CREATE TABLE enforcement_actions_rebuilt (
    id                      INTEGER PRIMARY KEY,
    case_id                 INTEGER NOT NULL REFERENCES cases(id),
    step                    TEXT    NOT NULL CHECK (step IN ('deduction_from_earnings_order', 'regular_deduction_order',
                                       'lump_sum_deduction_order', 'liability_order', 'enforcement_agents',
                                       'charging_order', 'order_for_sale', 'driving_licence_disqualification',
                                       'passport_disqualification', 'committal')),
    status                  TEXT    NOT NULL CHECK (status IN ('proposed', 'applied_for', 'granted', 'refused', 'active',
                                       'succeeded', 'failed', 'withdrawn', 'expired')),
    created_on              TEXT    NOT NULL,
    applied_on              TEXT,
    status_on               TEXT    NOT NULL,
    until                   TEXT,
    employer_name           TEXT,
    net_earnings_pence      INTEGER CHECK (net_earnings_pence >= 0),
    pay_frequency           TEXT    CHECK (pay_frequency IN ('weekly', 'fortnightly', 'four_weekly', 'monthly')),
    deduction_pence         INTEGER CHECK (deduction_pence >= 0),
    deduction_capped        INTEGER NOT NULL DEFAULT 0 CHECK (deduction_capped IN (0, 1)),
    bank_account_reference  TEXT    NOT NULL DEFAULT '',
    deduction_inappropriate TEXT    NOT NULL DEFAULT '',
    charge_pence            INTEGER NOT NULL DEFAULT 0 CHECK (charge_pence >= 0),
    charge_waiver           TEXT    NOT NULL DEFAULT '',
    note                    TEXT    NOT NULL DEFAULT '',
    command_id              INTEGER REFERENCES command_journal(id),
    job_id                  INTEGER REFERENCES jobs(id),
    CHECK ((employer_name IS NULL) = (net_earnings_pence IS NULL) AND (employer_name IS NULL) = (pay_frequency IS NULL)),
    CHECK ((command_id IS NULL) <> (job_id IS NULL))
);
INSERT INTO enforcement_actions_rebuilt
    SELECT id, case_id, step, status, created_on, applied_on, status_on, until, employer_name, net_earnings_pence,
           pay_frequency, deduction_pence, deduction_capped, bank_account_reference, deduction_inappropriate,
           charge_pence, charge_waiver, note, command_id, NULL FROM enforcement_actions;
DROP TABLE enforcement_actions;
ALTER TABLE enforcement_actions_rebuilt RENAME TO enforcement_actions;
CREATE INDEX enforcement_actions_by_case ON enforcement_actions(case_id, id);
-- The daily close looks at open proposals only.
CREATE INDEX enforcement_actions_proposed ON enforcement_actions(case_id) WHERE status = 'proposed';

CREATE TABLE enforcement_action_events_rebuilt (
    action_id      INTEGER NOT NULL REFERENCES enforcement_actions(id),
    event_index    INTEGER NOT NULL CHECK (event_index >= 0),
    event          TEXT    NOT NULL CHECK (event IN ('propose', 'apply', 'grant', 'refuse', 'activate', 'succeed', 'fail',
                                                     'withdraw', 'expire')),
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
INSERT INTO enforcement_action_events_rebuilt
    SELECT action_id, event_index, event, status_after, on_date, court_finding, until, note, command_id, NULL
      FROM enforcement_action_events;
DROP TABLE enforcement_action_events;
ALTER TABLE enforcement_action_events_rebuilt RENAME TO enforcement_action_events;

-- 2. A missed instalment, once per case and due date: the key makes the daily close idempotent.
CREATE TABLE missed_payments (
    case_id        INTEGER NOT NULL REFERENCES cases(id),
    due_date       TEXT    NOT NULL,
    detected_on    TEXT    NOT NULL,
    arrears_pence  INTEGER NOT NULL CHECK (arrears_pence > 0),
    job_id         INTEGER NOT NULL REFERENCES jobs(id),
    PRIMARY KEY (case_id, due_date)
) WITHOUT ROWID;
CREATE INDEX missed_payments_by_detection ON missed_payments(detected_on);

-- 3. Notices on a case (a missed-payment contact, an arrears notice, a proposal, escalation
-- stopped), at most one of a kind per case and day.
CREATE TABLE case_notices (
    case_id    INTEGER NOT NULL REFERENCES cases(id),
    on_date    TEXT    NOT NULL,
    kind       TEXT    NOT NULL CHECK (kind IN ('missed_payment_contact', 'arrears_notice', 'enforcement_proposed',
                                                'escalation_stopped')),
    detail     TEXT    NOT NULL,
    job_id     INTEGER NOT NULL REFERENCES jobs(id),
    PRIMARY KEY (case_id, on_date, kind)
) WITHOUT ROWID;

-- 4. Days the close has completed; a rerun starts after the last.
CREATE TABLE closed_days (
    closed_day       TEXT PRIMARY KEY,
    job_id           INTEGER NOT NULL REFERENCES jobs(id),
    completed_at_utc TEXT    NOT NULL
) WITHOUT ROWID;
