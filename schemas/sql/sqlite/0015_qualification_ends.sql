-- A child stops qualifying on their 16th birthday, or their 20th when in full-time non-advanced
-- education (core/cases/qualification.hpp); the case is then recalculated without them, or
-- closed when no child is left (services/calculation/qualification_ends.hpp).
--
-- 1. Whether each child is in full-time non-advanced education (given when the case is opened).
ALTER TABLE case_children ADD COLUMN full_time_education INTEGER NOT NULL DEFAULT 0
    CHECK (full_time_education IN (0, 1));

-- 2. The day each child of an open case stops qualifying, and what was done about it: NULL while
-- it waits for that day; then 'recalculated' or 'case_closed' (by the journaled command named),
-- or why nothing was done ('not_applied: ...'). The daily step reads the waiting rows by date.
CREATE TABLE qualification_ends (
    case_id       INTEGER NOT NULL REFERENCES cases(id),
    child_number  INTEGER NOT NULL,
    ends_on       TEXT    NOT NULL,
    outcome       TEXT,
    command_id    INTEGER REFERENCES command_journal(id),
    PRIMARY KEY (case_id, child_number),
    FOREIGN KEY (case_id, child_number) REFERENCES case_children(case_id, child_number)
) WITHOUT ROWID;
CREATE INDEX qualification_ends_waiting ON qualification_ends(ends_on, case_id, child_number) WHERE outcome IS NULL;

-- Every child of an open case so far, at 16 (no case recorded education before this migration).
-- SQLite's date(born, '+16 years') puts a 29 February birthday on 1 March in a common year, as
-- core::anniversary_of does.
INSERT INTO qualification_ends(case_id, child_number, ends_on)
    SELECT ch.case_id, ch.child_number, date(ch.date_of_birth, '+16 years')
      FROM case_children ch JOIN cases c ON c.id = ch.case_id
     WHERE c.status = 'open';

-- 3. A calculation superseded because a child stopped qualifying is recorded under its own
-- reason. SQLite cannot change a CHECK in place, so the table is rebuilt (every row copied).
CREATE TABLE calculations_rebuilt (
    id                   INTEGER PRIMARY KEY,
    case_id              INTEGER NOT NULL REFERENCES cases(id),
    effective_from       TEXT    NOT NULL,
    reason               TEXT    NOT NULL CHECK (reason IN ('case_opened', 'income_change', 'shared_care_change',
                                                            'child_stopped_qualifying')),
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
