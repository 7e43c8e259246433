-- Write-off and part-payment requests and their decisions (four eyes: core/authorisation.hpp,
-- core/write_off.hpp). A request and its decision are separate rows, each written by its own
-- journaled command, so neither is ever updated; the decision's primary key allows one decision
-- per request. The ledger moves only when a decision approves.
CREATE TABLE arrears_requests (
    id                     INTEGER PRIMARY KEY,
    case_id                INTEGER NOT NULL REFERENCES cases(id),
    kind                   TEXT    NOT NULL CHECK (kind IN ('write_off', 'part_payment')),
    receiving_parent_slot  INTEGER NOT NULL CHECK (receiving_parent_slot BETWEEN 0 AND 7),
    amount_pence           INTEGER NOT NULL CHECK (amount_pence > 0),
    reason                 TEXT,
    consent_reference      TEXT,
    requested_by           TEXT    NOT NULL,
    requested_on           TEXT    NOT NULL,
    approvable_from        TEXT    NOT NULL,
    command_id             INTEGER NOT NULL REFERENCES command_journal(id),
    CHECK ((kind = 'write_off' AND reason IS NOT NULL) OR (kind = 'part_payment' AND consent_reference IS NOT NULL))
);
CREATE INDEX arrears_requests_by_case ON arrears_requests(case_id);

CREATE TABLE arrears_decisions (
    request_id   INTEGER PRIMARY KEY REFERENCES arrears_requests(id),
    decision     TEXT    NOT NULL CHECK (decision IN ('approved', 'rejected')),
    decided_by   TEXT    NOT NULL,
    decided_on   TEXT    NOT NULL,
    note         TEXT    NOT NULL,
    written_off_pence INTEGER NOT NULL CHECK (written_off_pence >= 0),
    command_id   INTEGER NOT NULL REFERENCES command_journal(id)
);
