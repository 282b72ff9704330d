-- m_flags_stale: where m_flags is not yet the view's rows, so that its
-- readers read the view there instead. A run marks the counties its
-- changed reports fall in (county NULL: the unplaced bodies), in its own
-- transaction, so that the mark and the run's reports become visible at
-- the same instant; kind 'missing' marks every county's missing flags (a
-- new first or last year moves every township's missing years); whole
-- marks all of m_flags (a first load, regions that move bodies, other
-- definitions). The refresh after the commit removes the marks it has
-- refreshed.
CREATE TABLE IF NOT EXISTS m_flags_stale (
    county VARCHAR,
    whole BOOLEAN NOT NULL,
    kind VARCHAR
);
