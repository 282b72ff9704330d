-- Reports loaded before their body was in the regions: a regions.csv that
-- names it now places them.
SELECT report_id, org, source_file, year FROM reports WHERE NOT placed;
