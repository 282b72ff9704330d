-- review_queue: every supervision flag (the view flags) with the
-- supervisor's decision (docs/review.md).
--
-- The flags and their flag_id are the view flags (77_flags.sql); a new
-- flag kind is added there.
CREATE OR REPLACE VIEW review_queue AS
WITH latest AS (
    SELECT flag_id,
           arg_max(status, decision_id) AS status,
           arg_max(comment, decision_id) AS comment,
           arg_max(basis, decision_id) AS basis,
           arg_max(decided_by, decision_id) AS decided_by,
           arg_max(decided_at, decision_id) AS decided_at
    FROM review_decisions
    GROUP BY flag_id
)
SELECT
    f.flag_id,
    f.kind,
    f.rule,
    f.report_id,
    f.org,
    f.township,
    f.county,
    f.city,
    f.province,
    f.year,
    f.cells,
    f.evidence,
    f.basis,
    CASE WHEN d.basis = f.basis THEN d.status ELSE 'open' END AS status,
    CASE WHEN d.basis = f.basis THEN d.comment END AS comment,
    CASE WHEN d.basis = f.basis THEN d.decided_by END AS decided_by,
    CASE WHEN d.basis = f.basis THEN d.decided_at END AS decided_at,
    coalesce(d.basis <> f.basis, FALSE) AS reopened,
    d.status AS last_status
FROM flags AS f
LEFT JOIN latest AS d ON d.flag_id = f.flag_id;
