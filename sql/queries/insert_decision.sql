-- Appends one review decision; its id is the next after the largest (the
-- store serialises decisions): $1 flag_id, $2 status, $3 comment, $4 basis,
-- $5 decided_by, $6 decided_at, $7 kind, $8 rule, $9 org, $10 township,
-- $11 county, $12 year, $13 cells, $14 evidence.
INSERT INTO review_decisions (decision_id, flag_id, status, comment, basis, decided_by, decided_at,
                              kind, rule, org, township, county, year, cells, evidence)
SELECT coalesce(max(decision_id), 0) + 1, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14
FROM review_decisions
RETURNING decision_id;
