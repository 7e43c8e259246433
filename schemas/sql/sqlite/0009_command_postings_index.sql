-- The postings a command caused, found without a scan: after each command the writer replays
-- the ledger of every case the command posted to and rolls the command back if a limit breaks
-- (services/commands/command_submission.cpp). Partial (cause_kind 1 = a command), so the
-- accrual's millions of batch postings pay nothing for it.
CREATE INDEX ledger_postings_by_command ON ledger_postings(cause_ref) WHERE cause_kind = 1;
