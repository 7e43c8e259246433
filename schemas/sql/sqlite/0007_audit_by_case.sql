-- GET /v1/audit?case_id=N matched the case by json_extract over every journal entry: a full scan
-- of the journal per query (80 ms at 134,000 commands in the soak run, and linear beyond). An
-- index on the same expression, only over entries that name a case, makes it a lookup.
CREATE INDEX command_journal_by_case ON command_journal(json_extract(request_json, '$.case_id'), id)
    WHERE json_extract(request_json, '$.case_id') IS NOT NULL;
