-- The latest report year (0 for an empty database).
SELECT coalesce(max(year), 0) FROM reports;
