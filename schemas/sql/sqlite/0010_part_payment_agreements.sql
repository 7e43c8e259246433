-- A part payment in full and final satisfaction is an agreement, not a write-off on approval
-- (core/arrears/write_off.hpp): the approval records when the accepted amount must be paid by and
-- what will be written off; each payment that counts towards it is a receipt row; the payment
-- that completes it writes the remainder off and adds the settlement row. Rows are only ever
-- inserted: an agreement's state (awaiting payment, settled, lapsed) is derived from them and the
-- business date, so a lapse needs no job and cannot be missed.
ALTER TABLE arrears_decisions ADD COLUMN pay_by TEXT;
ALTER TABLE arrears_decisions ADD COLUMN remainder_pence INTEGER CHECK (remainder_pence IS NULL OR remainder_pence > 0);

CREATE TABLE part_payment_receipts (
    request_id    INTEGER NOT NULL REFERENCES arrears_requests(id),
    command_id    INTEGER NOT NULL REFERENCES command_journal(id),
    received_on   TEXT    NOT NULL,
    amount_pence  INTEGER NOT NULL CHECK (amount_pence > 0),
    PRIMARY KEY (request_id, command_id)
);

CREATE TABLE part_payment_settlements (
    request_id         INTEGER PRIMARY KEY REFERENCES arrears_requests(id),
    command_id         INTEGER NOT NULL REFERENCES command_journal(id),
    settled_on         TEXT    NOT NULL,
    written_off_pence  INTEGER NOT NULL CHECK (written_off_pence >= 0)
);
