-- Deductions under an active order (core/enforcement/deductions.hpp): what an employer took on a
-- pay day under a deduction from earnings order, or a bank under a regular deduction order,
-- including a deduction skipped because the account would have fallen below its floor. What was
-- taken is a payment on the case (payment_id), allocated like any other.
--
-- A regular deduction order deducts weekly or monthly, and the account's floor depends on which:
-- the action keeps the frequency.
ALTER TABLE enforcement_actions ADD COLUMN bank_deduction_frequency TEXT
    CHECK (bank_deduction_frequency IN ('weekly', 'monthly'));

CREATE TABLE enforcement_deductions (
    action_id     INTEGER NOT NULL REFERENCES enforcement_actions(id),
    on_date       TEXT    NOT NULL,
    basis_pence   INTEGER NOT NULL CHECK (basis_pence >= 0),  -- the period's net earnings, or the balance
    wanted_pence  INTEGER NOT NULL CHECK (wanted_pence >= 0),
    taken_pence   INTEGER NOT NULL CHECK (taken_pence >= 0 AND taken_pence <= wanted_pence),
    outcome       TEXT    NOT NULL CHECK (outcome IN ('taken', 'capped', 'skipped_below_floor')),
    payment_id    INTEGER REFERENCES payments(id),
    command_id    INTEGER NOT NULL REFERENCES command_journal(id),
    PRIMARY KEY (action_id, on_date),
    CHECK ((payment_id IS NULL) = (taken_pence = 0))
) WITHOUT ROWID;
