-- Deductions an employer owes under a deduction from earnings order (core/enforcement/remittance.hpp).
--
-- 1. The first pay day the order applies to, when the employer has said: it fixes the pay days
-- the daily close expects a deduction for. NULL when unknown (then only the fewest pay days any
-- pay day could give are expected).
ALTER TABLE enforcement_actions ADD COLUMN first_pay_day TEXT;

-- 2. A notice for the month an employer paid over fewer deductions than its pay days by the 19th
-- of the next month (reg 14). SQLite cannot change a CHECK in place, so the table is rebuilt
-- (every row copied unchanged).
CREATE TABLE case_notices_rebuilt (
    case_id     INTEGER NOT NULL REFERENCES cases(id),
    on_date     TEXT    NOT NULL,
    kind        TEXT    NOT NULL CHECK (kind = 'missed_payment_contact' OR kind = 'arrears_notice'
                                        OR kind = 'enforcement_proposed' OR kind = 'escalation_stopped'
                                        OR kind = 'direct_pay_warning' OR kind = 'service_switched'
                                        OR kind = 'arrears_agreement_made' OR kind = 'arrears_agreement_broken'
                                        OR kind = 'arrears_agreement_completed'
                                        OR kind = 'employer_deduction_missed'),
    detail      TEXT    NOT NULL,
    job_id      INTEGER REFERENCES jobs(id),
    command_id  INTEGER REFERENCES command_journal(id),
    PRIMARY KEY (case_id, on_date, kind),
    CHECK ((job_id IS NULL) <> (command_id IS NULL))
) WITHOUT ROWID;
INSERT INTO case_notices_rebuilt SELECT * FROM case_notices;
DROP TABLE case_notices;
ALTER TABLE case_notices_rebuilt RENAME TO case_notices;
