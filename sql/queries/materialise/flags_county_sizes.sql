-- The reports of each county, in order: a whole build of m_flags takes
-- them in parts of about 100,000 reports.
SELECT county, count(*) FROM reports WHERE county IS NOT NULL GROUP BY county ORDER BY county;
