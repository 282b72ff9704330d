-- m_ranks was a table before it became a view (build/ranks.sql).
DROP TABLE m_ranks;
