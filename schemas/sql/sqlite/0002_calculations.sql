-- Every statutory calculation of a case, appended and never edited: the one made when the case
-- opened and each one a change of circumstances superseded it with. A caseworker shows a parent
-- how a figure was reached (result_json holds the explained steps), and a supersession is
-- re-decided from input_json (the calculation request: date, paying_parent, qualifying_children)
-- of the latest row. The weekly amount the accrual batch charges is in liability_segments,
-- appended in the same transaction from the same effective date.
--
-- A row is in force from effective_from until the next row's effective_from (half-open); rows
-- of one case are ordered by (effective_from, id).
CREATE TABLE calculations (
    id                   INTEGER PRIMARY KEY,
    case_id              INTEGER NOT NULL REFERENCES cases(id),
    effective_from       TEXT    NOT NULL,
    reason               TEXT    NOT NULL CHECK (reason IN ('case_opened', 'income_change', 'shared_care_change')),
    rate                 TEXT    NOT NULL,
    weekly_amount_pence  INTEGER NOT NULL CHECK (weekly_amount_pence >= 0),
    input_json           TEXT    NOT NULL,
    result_json          TEXT    NOT NULL,
    command_id           INTEGER NOT NULL REFERENCES command_journal(id),
    UNIQUE (case_id, effective_from)
);
