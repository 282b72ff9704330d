-- body_kinds: the kind of every body (township, county), as deadlines and
-- the pages' kind filter read it: the roster's kind (regions.kind) where
-- regions.csv gives one, else read from the name: 乡/镇/街道 (or a body
-- named 办事处) a township, a 县/区/市/旗 named as its county's 人民政府 the
-- county government, a name ending in 局/委/办/中心… a department; NULL
-- when none of these applies.
CREATE OR REPLACE VIEW body_kinds AS
WITH bodies AS (
    SELECT township, county, org, kind FROM regions
    UNION ALL
    SELECT township, county, org, NULL AS kind FROM reports
),
named AS (
    SELECT township, county,
           any_value(kind) FILTER (WHERE kind IS NOT NULL) AS roster_kind,
           any_value(org) AS org
    FROM bodies
    GROUP BY township, county
)
SELECT township, county,
       coalesce(roster_kind,
           CASE
               WHEN regexp_matches(township, '(乡|镇|街道)$') OR org LIKE '%办事处' THEN 'township'
               WHEN regexp_matches(township, '(县|区|市|旗)$') AND org LIKE '%人民政府%' THEN 'county_government'
               WHEN regexp_matches(org, '(局|委员会|委|办公室|办|中心|院|所|队|站|署)$') THEN 'department'
           END) AS kind,
       roster_kind IS NOT NULL AS from_roster
FROM named;
