-- Several receiving parents (core/calculation/calculation_linked.cpp): a paying parent's cases
-- share one calculation, apportioned per child, and a payment the parent makes once is split
-- across those cases (core/payments/apportionment.hpp).
--
-- 1. A case recalculated because another case of its paying parent changed (opened, closed, a
-- child left, income or shared care) is recorded under its own reason. SQLite cannot change a
-- CHECK in place, so the table is rebuilt (every row copied).
CREATE TABLE calculations_rebuilt (
    id                   INTEGER PRIMARY KEY,
    case_id              INTEGER NOT NULL REFERENCES cases(id),
    effective_from       TEXT    NOT NULL,
    reason               TEXT    NOT NULL CHECK (reason IN ('case_opened', 'income_change', 'shared_care_change',
                                                            'child_stopped_qualifying', 'linked_case_change')),
    rate                 TEXT    NOT NULL,
    weekly_amount_pence  INTEGER NOT NULL CHECK (weekly_amount_pence >= 0),
    input_json           TEXT    NOT NULL,
    result_json          TEXT    NOT NULL,
    command_id           INTEGER NOT NULL REFERENCES command_journal(id),
    UNIQUE (case_id, effective_from)
);
INSERT INTO calculations_rebuilt SELECT * FROM calculations;
DROP TABLE calculations;
ALTER TABLE calculations_rebuilt RENAME TO calculations;

-- 2. One command may now record a payment on each of a paying parent's cases (its parts), so a
-- command names at most one payment per case rather than one payment.
CREATE TABLE payments_rebuilt (
    id            INTEGER PRIMARY KEY,
    case_id       INTEGER NOT NULL REFERENCES cases(id),
    amount_pence  INTEGER NOT NULL CHECK (amount_pence > 0),
    received_on   TEXT    NOT NULL,
    method        TEXT    NOT NULL,
    reference     TEXT    NOT NULL,
    command_id    INTEGER NOT NULL REFERENCES command_journal(id),
    UNIQUE (command_id, case_id)
);
INSERT INTO payments_rebuilt SELECT * FROM payments;
DROP TABLE payments;
ALTER TABLE payments_rebuilt RENAME TO payments;
CREATE INDEX payments_by_case ON payments(case_id, received_on);

-- 3. Two cases of one paying parent opened the same day: the first case's calculation of that day
-- must become its share of the family's. Terms stay append-only, with one exception: a later
-- command may amend the amount of a term (the services do so only for a term starting on a day
-- no accrual has charged: services/calculation/linked_cases.hpp), and the amendment moves the
-- revision as an append does, so the accrual batch notices it.
DROP TRIGGER liability_segments_no_update;
CREATE TRIGGER liability_segments_no_update BEFORE UPDATE ON liability_segments
WHEN NEW.case_id IS NOT OLD.case_id OR NEW.receiving_parent_slot IS NOT OLD.receiving_parent_slot
  OR NEW.effective_from IS NOT OLD.effective_from OR NEW.service_type IS NOT OLD.service_type
  OR NOT (NEW.command_id > OLD.command_id)
BEGIN
    SELECT RAISE(ABORT, 'liability terms are append-only: append a new segment instead (a later command may amend only a term''s amount)');
END;
CREATE TRIGGER liability_segments_amend_revision AFTER UPDATE ON liability_segments
BEGIN
    UPDATE liability_terms_revision SET revision = revision + 1 WHERE id = 1;
END;
