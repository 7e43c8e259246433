-- A case's closure (core/cases/closure.hpp): why and from when, written by the closure command
-- with the nil liability term that stops charging from that date and the case's status. One per
-- case (its primary key).
CREATE TABLE case_closures (
    case_id         INTEGER PRIMARY KEY REFERENCES cases(id),
    reason          TEXT    NOT NULL CHECK (reason IN ('receiving_parent_asked', 'parent_died', 'no_qualifying_child',
                                                       'parents_live_together')),
    effective_date  TEXT    NOT NULL,
    command_id      INTEGER NOT NULL REFERENCES command_journal(id)
);
