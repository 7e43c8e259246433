-- What `cms generate` drew for each generated case beyond the case itself (issue #16): how its
-- paying parent behaves (services/generation/payer_behaviour.hpp) with that behaviour's
-- parameters, how they pay, and what the enforcement ladder's first rungs need (an employer and
-- net earnings for a deduction from earnings order, an account for a deduction order).
-- `cms simulate-caseload` reads it to make the payments. A simulation's assumption, not a record
-- of the service: written once, in the same transaction as its case, and never updated.
--
-- One row a case, keyed by the case (a rowid table: the generator appends in case order).
-- behaviour is the stored name of payer_behaviour; never rename one. The CHECKs compare in place
-- (OR of equalities, BETWEEN), as migration 0023 explains.
CREATE TABLE payer_profiles (
    case_id                      INTEGER PRIMARY KEY REFERENCES cases(id),
    behaviour                    TEXT    NOT NULL CHECK (behaviour = 'pays_on_time' OR behaviour = 'pays_late'
                                                         OR behaviour = 'pays_part' OR behaviour = 'stops_paying'
                                                         OR behaviour = 'never_pays'
                                                         OR behaviour = 'pays_under_enforcement'),
    days_late                    INTEGER NOT NULL CHECK (days_late BETWEEN 0 AND 366),
    paid_share_bp                INTEGER NOT NULL CHECK (paid_share_bp BETWEEN 0 AND 10000),
    instalments_before_stopping  INTEGER NOT NULL CHECK (instalments_before_stopping >= 0),
    method                       TEXT    NOT NULL,
    employed                     INTEGER NOT NULL CHECK (employed BETWEEN 0 AND 1),
    net_weekly_earnings_pence    INTEGER NOT NULL CHECK (net_weekly_earnings_pence >= 0),
    has_bank_account             INTEGER NOT NULL CHECK (has_bank_account BETWEEN 0 AND 1),
    command_id                   INTEGER NOT NULL REFERENCES command_journal(id),
    CHECK (employed = 1 OR net_weekly_earnings_pence = 0)
);
