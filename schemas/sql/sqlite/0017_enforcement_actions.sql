-- Enforcement actions (core/enforcement/action.hpp): one row per action with its current status,
-- and one row per event (the first included) so the history of every action is kept whole.
CREATE TABLE enforcement_actions (
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
    command_id              INTEGER NOT NULL REFERENCES command_journal(id),
    CHECK ((employer_name IS NULL) = (net_earnings_pence IS NULL) AND (employer_name IS NULL) = (pay_frequency IS NULL))
);
CREATE INDEX enforcement_actions_by_case ON enforcement_actions(case_id, id);

CREATE TABLE enforcement_action_events (
    action_id      INTEGER NOT NULL REFERENCES enforcement_actions(id),
    event_index    INTEGER NOT NULL CHECK (event_index >= 0),
    event          TEXT    NOT NULL CHECK (event IN ('apply', 'grant', 'refuse', 'activate', 'succeed', 'fail',
                                                     'withdraw', 'expire')),
    status_after   TEXT    NOT NULL,
    on_date        TEXT    NOT NULL,
    court_finding  TEXT    CHECK (court_finding IN ('wilful_refusal', 'culpable_neglect')),
    until          TEXT,
    note           TEXT    NOT NULL DEFAULT '',
    command_id     INTEGER NOT NULL REFERENCES command_journal(id),
    PRIMARY KEY (action_id, event_index)
) WITHOUT ROWID;
