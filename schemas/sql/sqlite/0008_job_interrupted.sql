-- A job gains the status `interrupted`: its row was left `running` by a process that died
-- (kill -9, a crash, a power cut) and is marked so when the next process that runs jobs starts
-- (services/batch/batch_job_lock.hpp). Its chunks stay committed; a rerun posts what is left.
--
-- SQLite cannot alter a CHECK constraint, so the table is rebuilt: create the new table, copy
-- every row with its id, drop the old one, and give the new one the old name. The ids are kept,
-- so accrual_chunks, accrual_periods and case_failures still name the same jobs; their
-- REFERENCES jobs(id) clauses name the table by name and so point at the new one. This needs
-- foreign keys off while it runs (dropping a parent table would otherwise fail or delete), which
-- apply_migrations arranges, checking every foreign key before the migration commits.
CREATE TABLE jobs_with_interrupted (
    id                INTEGER PRIMARY KEY,
    kind              TEXT    NOT NULL,
    through_date      TEXT    NOT NULL,
    status            TEXT    NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'interrupted')),
    cases_processed   INTEGER NOT NULL DEFAULT 0,
    postings_written  INTEGER NOT NULL DEFAULT 0,
    cases_failed      INTEGER NOT NULL DEFAULT 0,
    started_at_utc    TEXT    NOT NULL,
    finished_at_utc   TEXT,
    detail            TEXT    NOT NULL DEFAULT ''
);
INSERT INTO jobs_with_interrupted(id, kind, through_date, status, cases_processed, postings_written,
                                  cases_failed, started_at_utc, finished_at_utc, detail)
    SELECT id, kind, through_date, status, cases_processed, postings_written,
           cases_failed, started_at_utc, finished_at_utc, detail
    FROM jobs;
DROP TABLE jobs;
ALTER TABLE jobs_with_interrupted RENAME TO jobs;
