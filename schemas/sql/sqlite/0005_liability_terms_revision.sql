-- Liability terms are a history that is appended and never edited (see 0003). These triggers make
-- that a property of the database rather than a convention, and keep a revision number that
-- every appended row increments.
--
-- Why a revision: the accrual batch reads a chunk's terms on a read connection while the writer
-- is still committing the previous chunk (reading is about a third of the batch's time). Before
-- it writes the postings it compares the revision it read with the current one in the same write
-- transaction: equal proves no term changed in between, one integer read instead of re-reading
-- the chunk; different makes it recompute the chunk from the writer's own view.
CREATE TABLE liability_terms_revision (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    revision  INTEGER NOT NULL
);
INSERT INTO liability_terms_revision(id, revision) SELECT 1, COUNT(*) FROM liability_segments;

CREATE TRIGGER liability_segments_count_revision AFTER INSERT ON liability_segments
BEGIN
    UPDATE liability_terms_revision SET revision = revision + 1 WHERE id = 1;
END;

CREATE TRIGGER liability_segments_no_update BEFORE UPDATE ON liability_segments
BEGIN
    SELECT RAISE(ABORT, 'liability terms are append-only: append a new segment instead');
END;

CREATE TRIGGER liability_segments_no_delete BEFORE DELETE ON liability_segments
BEGIN
    SELECT RAISE(ABORT, 'liability terms are append-only: append a new segment instead');
END;
