-- While m_report_figures is built whole: its key column (54.7 million
-- strings nationally, 227 distinct) ends up dictionary-compressed either
-- way, and DuckDB's analysis of FSST and DICT_FSST for it cost about a
-- third of the build (national database, threads=1: 14.1 → 9.9 s of CPU,
-- the same storage: Dictionary for key, RLE and ALP for the rest).
SET disabled_compression_methods = 'fsst,dict_fsst'
