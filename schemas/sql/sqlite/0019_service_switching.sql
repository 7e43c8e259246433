-- Moving a case between Direct Pay and Collect and Pay (core/enforcement/service_switch.hpp): the
-- warning notice a switch after a missed payment needs, and the switch itself, are case notices
-- recorded by a command, so a notice now names a command or a job (exactly one). SQLite cannot
-- change a CHECK or NOT NULL in place: the table is rebuilt once, every row copied unchanged.
CREATE TABLE case_notices_rebuilt (
    case_id     INTEGER NOT NULL REFERENCES cases(id),
    on_date     TEXT    NOT NULL,
    kind        TEXT    NOT NULL CHECK (kind IN ('missed_payment_contact', 'arrears_notice', 'enforcement_proposed',
                                                 'escalation_stopped', 'direct_pay_warning', 'service_switched')),
    detail      TEXT    NOT NULL,
    job_id      INTEGER REFERENCES jobs(id),
    command_id  INTEGER REFERENCES command_journal(id),
    PRIMARY KEY (case_id, on_date, kind),
    CHECK ((job_id IS NULL) <> (command_id IS NULL))
) WITHOUT ROWID;
INSERT INTO case_notices_rebuilt SELECT case_id, on_date, kind, detail, job_id, NULL FROM case_notices;
DROP TABLE case_notices;
ALTER TABLE case_notices_rebuilt RENAME TO case_notices;
