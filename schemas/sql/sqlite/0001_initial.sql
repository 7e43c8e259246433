-- The append-only command journal: every accepted command, once, under its client-supplied
-- idempotency key. A repeat of the key is answered from here (same result, or a conflict naming
-- the differing field), so the key is UNIQUE and nothing here is ever updated or deleted.
CREATE TABLE command_journal (
    id               INTEGER PRIMARY KEY,
    idempotency_key  TEXT    NOT NULL UNIQUE,
    command_type     TEXT    NOT NULL,
    actor            TEXT    NOT NULL,
    business_date    TEXT    NOT NULL,
    request_json     TEXT    NOT NULL,
    recorded_at_utc  TEXT    NOT NULL
);

-- What the command answered, written in the same transaction after the rows it created (which
-- name the journal entry), so neither table ever needs an UPDATE.
CREATE TABLE command_outcomes (
    command_id     INTEGER PRIMARY KEY REFERENCES command_journal(id),
    status_code    INTEGER NOT NULL,
    response_json  TEXT    NOT NULL
);

CREATE TABLE parents (
    id                    INTEGER PRIMARY KEY,
    role                  TEXT    NOT NULL CHECK (role IN ('paying', 'receiving')),
    full_name             TEXT    NOT NULL,
    date_of_birth         TEXT    NOT NULL,
    local_authority_code  TEXT    NOT NULL,
    command_id            INTEGER NOT NULL REFERENCES command_journal(id)
);

CREATE TABLE cases (
    id                   INTEGER PRIMARY KEY,
    paying_parent_id     INTEGER NOT NULL REFERENCES parents(id),
    receiving_parent_id  INTEGER NOT NULL REFERENCES parents(id),
    service_type         TEXT    NOT NULL CHECK (service_type IN ('collect_and_pay', 'direct_pay')),
    weekly_amount_pence  INTEGER NOT NULL CHECK (weekly_amount_pence >= 0),
    opened_on            TEXT    NOT NULL,
    status               TEXT    NOT NULL CHECK (status IN ('open', 'closed')),
    command_id           INTEGER NOT NULL REFERENCES command_journal(id),
    CHECK (paying_parent_id <> receiving_parent_id)
);
CREATE INDEX cases_by_paying_parent ON cases(paying_parent_id);
CREATE INDEX cases_by_receiving_parent ON cases(receiving_parent_id);

CREATE TABLE case_children (
    case_id        INTEGER NOT NULL REFERENCES cases(id),
    child_number   INTEGER NOT NULL CHECK (child_number >= 1),
    full_name      TEXT    NOT NULL,
    date_of_birth  TEXT    NOT NULL,
    PRIMARY KEY (case_id, child_number)
) WITHOUT ROWID;

CREATE TABLE payments (
    id            INTEGER PRIMARY KEY,
    case_id       INTEGER NOT NULL REFERENCES cases(id),
    amount_pence  INTEGER NOT NULL CHECK (amount_pence > 0),
    received_on   TEXT    NOT NULL,
    method        TEXT    NOT NULL,
    reference     TEXT    NOT NULL,
    command_id    INTEGER NOT NULL UNIQUE REFERENCES command_journal(id)
);
CREATE INDEX payments_by_case ON payments(case_id, received_on);
