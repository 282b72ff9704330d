-- The kind of every body of a county ($1; '' for every county): township,
-- county_government, department, or '' when neither the roster nor the
-- name says (body_kinds).
SELECT township, coalesce(county, ''), coalesce(kind, '')
FROM body_kinds
WHERE $1 = '' OR county = $1;
