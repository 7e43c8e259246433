-- Cases whose ledger may hold credit (payments_unallocated above zero): money received that
-- nothing charged could take yet. The monthly accrual applies it as dues are charged, and this
-- list is how it finds those few cases among millions without replaying every ledger. The writer
-- adds a case when a payment leaves credit and removes it when the credit is used up; cms check
-- proves every case that ends holding credit is listed.
CREATE TABLE cases_holding_credit (
    case_id  INTEGER PRIMARY KEY REFERENCES cases(id)
);
-- Before this table, any case with a payment may hold credit: list them all once; the next
-- accrual applies what they hold and removes those that hold none.
INSERT INTO cases_holding_credit(case_id) SELECT DISTINCT case_id FROM ledger_postings WHERE cause_kind = 1;
