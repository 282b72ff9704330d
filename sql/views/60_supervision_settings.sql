-- supervision_settings: every threshold of the supervision checks, in one
-- place (the metric dictionary documents each). Change a value here and
-- the views that read it follow; nothing else restates them.
CREATE OR REPLACE VIEW supervision_settings AS
SELECT name, value, meaning
FROM (VALUES
    ('jump_factor',        5.0, 'a headline figure jumps when it is more than this many times last year''s, or less than its inverse'),
    ('jump_min_items',    50.0, 'jump: both years must print at least this many proactive items (条)'),
    ('jump_min_requests', 10.0, 'jump: both years must count at least this many requests (件)'),
    ('jump_min_appeals',   5.0, 'jump: both years must count at least this many reconsiderations and lawsuits (件)'),
    ('peer_fence_iqr',     3.0, 'peer_outlier: a value beyond this many interquartile ranges outside the county''s quartiles'),
    ('peer_min_iqr',       5.0, 'peer_outlier: the interquartile range is taken as at least this, so that a county of near-equal small counts flags no one'),
    ('peer_min_bodies',    5.0, 'peer_outlier: a county-year needs at least this many bodies printing the metric to compare them')
) AS s(name, value, meaning);
