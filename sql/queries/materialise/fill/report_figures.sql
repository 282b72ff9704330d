-- m_report_figures, incrementally: the figures of the run's new reports of
-- one (county, year), bound as $1 county (NULL: the unplaced) and $2
-- year. New ids are larger than every stored one, so the rows of a run
-- come after the table's others and its zone maps stay tight.
INSERT INTO m_report_figures
SELECT report_id, key, value
FROM report_figures_of(FALSE, $1, $2)
WHERE report_id IN (SELECT report_id FROM m_changed WHERE NOT gone);
