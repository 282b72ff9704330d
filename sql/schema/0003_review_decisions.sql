-- Schema version 3: a supervisor's review decisions, kept apart from the
-- reports so that no ingest ever deletes them.
--
-- One row per decision, appended, never updated: the latest decision of a
-- flag (highest decision_id) is the one the review_queue view applies, and
-- only while the flag's basis (the values it rests on) equals the basis
-- recorded here; otherwise the flag is open again. The flag's identity and
-- evidence at the time are copied so that a decision reads on its own
-- (exports, history) even after its flag is gone.
CREATE TABLE review_decisions (
    decision_id BIGINT PRIMARY KEY,
    flag_id     VARCHAR NOT NULL,   -- review_queue.flag_id
    status      VARCHAR NOT NULL CHECK (status IN ('open', 'confirmed', 'dismissed')),
    comment     VARCHAR NOT NULL,
    basis       VARCHAR NOT NULL,   -- the flag's basis when decided
    decided_by  VARCHAR NOT NULL,   -- the account (or login) that decided
    decided_at  TIMESTAMP NOT NULL, -- UTC
    kind        VARCHAR NOT NULL,
    rule        VARCHAR NOT NULL,
    org         VARCHAR,
    township    VARCHAR NOT NULL,
    county      VARCHAR,
    year        INTEGER NOT NULL,
    cells       VARCHAR NOT NULL,
    evidence    VARCHAR NOT NULL
);
