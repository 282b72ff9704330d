-- The reports of each province, in order: a whole build of m_flags takes
-- them in parts of about 100,000 reports.
SELECT province, count(*) FROM reports WHERE province IS NOT NULL GROUP BY province ORDER BY province;
