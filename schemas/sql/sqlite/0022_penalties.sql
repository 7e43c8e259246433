-- Financial penalties (core/enforcement/penalties.hpp): who was penalised, for what, how much and
-- when. The money is a penalty_imposed transfer of the same command on the case's penalty
-- accounts; this row says what the transfer is for. An employer's penalty names the deduction
-- from earnings order under which the employer was penalised.
CREATE TABLE penalties (
    id             INTEGER PRIMARY KEY,
    case_id        INTEGER NOT NULL REFERENCES cases(id),
    kind           TEXT    NOT NULL CHECK (kind IN ('information_offence', 'employer_information_offence',
                                                    'employer_missed_deduction', 'late_payment')),
    payer          TEXT    NOT NULL CHECK (payer IN ('paying_parent', 'employer')),
    action_id      INTEGER REFERENCES enforcement_actions(id),
    amount_pence   INTEGER NOT NULL CHECK (amount_pence > 0),
    imposed_on     TEXT    NOT NULL,
    note           TEXT    NOT NULL DEFAULT '',
    command_id     INTEGER NOT NULL REFERENCES command_journal(id),
    CHECK ((payer = 'employer') = (action_id IS NOT NULL))
);
CREATE INDEX penalties_by_case ON penalties(case_id, id);
