-- The report years in the database, ascending.
SELECT DISTINCT year FROM reports ORDER BY year;
