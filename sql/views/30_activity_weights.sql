-- activity_weights: the weights of the composite activity index, the one
-- place they are set. Each component is a column of proactive or requests;
-- weights need not sum to 1 (the index divides by the weights of the
-- components a report prints). Change a weight here and every database
-- opened for writing afterwards uses it.
CREATE OR REPLACE VIEW activity_weights AS
SELECT
    component,
    CAST(weight AS DOUBLE) AS weight,
    description
FROM (VALUES
    ('proactive_items',    0.4, '主动公开信息条数 (part 一): items published proactively'),
    ('documents_issued',   0.1, '规章和规范性文件 新公开/制发 (part 二): documents issued'),
    ('decisions',          0.2, '行政许可、处罚、强制 决定数 (part 二): decisions published'),
    ('requests_processed', 0.3, '依申请公开 办理总数 (part 三 (七)总计): requests handled')
) AS w (component, weight, description);
