-- Arrears agreements (core/enforcement/arrears_agreement.hpp): an arrears instalment added to
-- each instalment of the payment plan, made by a caseworker's command; the daily close marks an
-- agreement broken or completed. At most one active agreement per case.
CREATE TABLE arrears_agreements (
    id                           INTEGER PRIMARY KEY,
    case_id                      INTEGER NOT NULL REFERENCES cases(id),
    made_on                      TEXT    NOT NULL,
    frequency                    TEXT    NOT NULL CHECK (frequency IN ('weekly', 'fortnightly', 'four_weekly', 'monthly')),
    net_income_per_period_pence  INTEGER NOT NULL CHECK (net_income_per_period_pence > 0),
    ongoing_per_instalment_pence INTEGER NOT NULL CHECK (ongoing_per_instalment_pence >= 0),
    arrears_at_agreement_pence   INTEGER NOT NULL CHECK (arrears_at_agreement_pence > 0),
    arrears_instalment_pence     INTEGER NOT NULL CHECK (arrears_instalment_pence > 0),
    instalments                  INTEGER NOT NULL CHECK (instalments > 0),
    status                       TEXT    NOT NULL CHECK (status IN ('active', 'completed', 'broken')),
    status_on                    TEXT    NOT NULL,
    note                         TEXT    NOT NULL DEFAULT '',
    command_id                   INTEGER NOT NULL REFERENCES command_journal(id),
    ended_by_job                 INTEGER REFERENCES jobs(id)
);
CREATE INDEX arrears_agreements_by_case ON arrears_agreements(case_id, id);
-- One active agreement per case; the daily close reads the active ones only.
CREATE UNIQUE INDEX arrears_agreements_active ON arrears_agreements(case_id) WHERE status = 'active';

-- The agreement's notices are case notices: the kind's CHECK gains three names. SQLite cannot
-- change a CHECK in place, so the table is rebuilt once, every row copied unchanged.
CREATE TABLE case_notices_rebuilt (
    case_id     INTEGER NOT NULL REFERENCES cases(id),
    on_date     TEXT    NOT NULL,
    kind        TEXT    NOT NULL CHECK (kind IN ('missed_payment_contact', 'arrears_notice', 'enforcement_proposed',
                                                 'escalation_stopped', 'direct_pay_warning', 'service_switched',
                                                 'arrears_agreement_made', 'arrears_agreement_broken',
                                                 'arrears_agreement_completed')),
    detail      TEXT    NOT NULL,
    job_id      INTEGER REFERENCES jobs(id),
    command_id  INTEGER REFERENCES command_journal(id),
    PRIMARY KEY (case_id, on_date, kind),
    CHECK ((job_id IS NULL) <> (command_id IS NULL))
) WITHOUT ROWID;
INSERT INTO case_notices_rebuilt SELECT case_id, on_date, kind, detail, job_id, command_id FROM case_notices;
DROP TABLE case_notices;
ALTER TABLE case_notices_rebuilt RENAME TO case_notices;
