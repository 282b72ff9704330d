-- deadlines: the settings of flag_late, one row per kind of body: the
-- report of year Y is due by month/day of year Y+1. Regulation Art. 49:
-- county-level departments by 31 January, county-level governments by
-- 31 March; counties set their townships' date (31 March here; change the
-- row to the county's own). A body whose kind the roster does not give
-- (body_kinds.kind NULL) takes the row 'other'. Change a date here;
-- nothing else restates it.
CREATE OR REPLACE VIEW deadlines AS
SELECT kind, due_month, due_day, label
FROM (VALUES
    ('township',          3, 31, '乡镇（街道）'),
    ('county_government', 3, 31, '县级人民政府'),
    ('department',        1, 31, '县直部门'),
    ('other',             3, 31, '未注明类别')
) AS d(kind, due_month, due_day, label);
