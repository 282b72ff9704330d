-- Every compression method again after m_report_figures' whole build
-- (compression_keys.sql): the prose, hashes and file names compress best
-- with FSST.
RESET disabled_compression_methods
