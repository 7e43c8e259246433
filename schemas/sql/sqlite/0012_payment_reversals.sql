-- A payment taken back (core/payments/reversal.hpp): at most one reversal per payment (its
-- primary key), written by the reversal command in the same transaction as the ledger posting
-- that undoes the payment, which it names through the payment's own command.
CREATE TABLE payment_reversals (
    payment_id   INTEGER PRIMARY KEY REFERENCES payments(id),
    case_id      INTEGER NOT NULL REFERENCES cases(id),
    reason       TEXT    NOT NULL CHECK (reason IN ('bounced_direct_debit', 'wrong_case', 'duplicate')),
    note         TEXT    NOT NULL,
    reversed_on  TEXT    NOT NULL,
    amount_pence INTEGER NOT NULL CHECK (amount_pence > 0),
    command_id   INTEGER NOT NULL REFERENCES command_journal(id)
);
