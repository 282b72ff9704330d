-- m_activity_index was a table before it became a view (build/activity_index.sql).
DROP TABLE m_activity_index;
