-- What the changed reports (m_changed) touch: how many there are, how many
-- reports are current, and whether the span of report years moved
-- (missing_reports counts every township from its first year to the
-- latest year in the database, so a new first or last year changes every
-- county); and whether they account for every current report (consistent:
-- the materialised reports, less those gone, plus the new, are as many as
-- the current reports), which m_changed computed from the run alone
-- (changed_run.sql) must.
SELECT
    (SELECT count(*) FROM m_changed) AS changed,
    (SELECT count(*) FROM reports) AS current,
    old.lo IS DISTINCT FROM new.lo OR old.hi IS DISTINCT FROM new.hi AS span_moved,
    old.n - (SELECT count(*) FROM m_changed WHERE gone) + (SELECT count(*) FROM m_changed WHERE NOT gone)
        = (SELECT count(*) FROM reports) AS consistent
FROM (SELECT min(year) AS lo, max(year) AS hi, count(*) AS n FROM m_report_metrics) AS old
CROSS JOIN (SELECT min(year) AS lo, max(year) AS hi FROM reports) AS new;
