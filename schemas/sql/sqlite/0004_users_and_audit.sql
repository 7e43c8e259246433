-- API users. A token is shown once when created and only its SHA-256 (lower-case hex) is kept,
-- so a copy of the database does not hand out working credentials. Revocation sets
-- revoked_at_utc; a revoked row stays so the audit trail's actor names keep their meaning.
CREATE TABLE users (
    id              INTEGER PRIMARY KEY,
    name            TEXT    NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 64),
    role            TEXT    NOT NULL CHECK (role IN ('caseworker', 'supervisor', 'batch',
                                                     'analyst', 'auditor', 'admin')),
    token_sha256    TEXT    NOT NULL UNIQUE CHECK (length(token_sha256) = 64),
    created_at_utc  TEXT    NOT NULL,
    revoked_at_utc  TEXT
);

-- The audit trail is the command journal itself (actor, time, business date, key, outcome);
-- these indexes serve GET /v1/audit's filters by actor and by business date.
CREATE INDEX command_journal_by_actor ON command_journal(actor, id);
CREATE INDEX command_journal_by_business_date ON command_journal(business_date, id);
