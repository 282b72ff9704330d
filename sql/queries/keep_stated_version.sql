INSERT INTO stated_figure_versions BY NAME SELECT * FROM stated_figures WHERE report_id BETWEEN list_min(?1::BIGINT[]) AND list_max(?1::BIGINT[]) AND report_id = ANY(?1::BIGINT[]);
