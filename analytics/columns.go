package analytics

// ColumnLabels name the views' columns in Chinese, for the console's data
// dictionary (sql/README.md gives each column's full meaning, in English
// for developers). The metrics' labels are the catalog's (Metrics); the
// rest are the common columns of the views.
var ColumnLabels = func() map[string]string {
	m := map[string]string{
		"report_id": "报告编号", "org": "报告单位", "township": "乡镇", "county": "县区", "city": "市", "province": "省",
		"year": "年度", "template": "模板版本", "published": "发布日期", "source_file": "来源文件", "format": "文件格式",
		"placed": "已归属", "orgs": "单位名称", "first_year": "首次报告年度", "last_year": "最近报告年度", "reports": "报告数",
		"documents_issued": "制发文件数", "s2_active": "第二部分有活动", "prev_proactive_items": "上年主动公开信息数",
		"proactive_items_change": "主动公开信息数变化", "proactive_items_change_pct": "主动公开信息数变化率",
		"requests_carried_in": "上年结转申请数", "requests_received": "收到申请数（新收+结转）", "requests_processed": "办理总数",
		"granted": "予以公开", "partial": "部分公开", "denied": "不予公开", "unavailable": "无法提供", "rejected": "不予处理",
		"other": "其他处理", "carried_out": "结转下年度", "granted_rate": "予以公开率", "partial_rate": "部分公开率",
		"denied_rate": "不予公开率", "unavailable_rate": "无法提供率", "rejected_rate": "不予处理率", "other_rate": "其他处理率",
		"from_natural": "自然人申请", "from_commercial": "商业企业申请", "from_research": "科研机构申请",
		"from_social": "社会公益组织申请", "from_legal": "法律服务机构申请", "from_other": "其他申请人申请",
		"from_organisations": "法人或其他组织申请", "natural_share": "自然人申请占比",
		"review_total": "行政复议总计", "review_corrected": "复议结果纠正", "review_upheld": "复议结果维持",
		"review_other": "复议其他结果", "review_pending": "复议尚未审结", "review_concluded": "复议已审结",
		"review_correction_rate": "复议纠错率", "suit_total": "行政诉讼总计", "suit_corrected": "诉讼结果纠正",
		"suit_upheld": "诉讼结果维持", "suit_other": "诉讼其他结果", "suit_pending": "诉讼尚未审结",
		"suit_concluded": "诉讼已审结", "suit_correction_rate": "诉讼纠错率", "appeals_total": "复议诉讼总计",
		"appeals_concluded": "复议诉讼已审结", "appeals_corrected": "复议诉讼结果纠正", "correction_rate": "纠错率",
		"metric": "指标", "value": "数值", "rank": "名次", "ranked": "参加排名数", "prev_rank": "上年名次",
		"rank_change": "名次变化", "county_rank": "县区内名次", "county_ranked": "县区内参加排名数",
		"prev_county_rank": "上年县区内名次", "county_rank_change": "县区内名次变化", "numerator": "分子",
		"denominator": "分母", "small_sample": "样本不足", "streak": "连续零活动年数", "streak_start": "连续零活动起始年度",
		"never_reported": "从未报送", "last_report_year": "上次报送年度", "level": "层级", "townships": "乡镇数",
		"missing": "缺报数", "zero_activity": "零活动数", "flagged": "质量问题报告数", "key": "指标键", "rule": "规则",
		"rule_text": "规则说明", "cell": "单元格", "expected": "按规则应为", "found": "报告所填", "difference": "差额",
		"incomplete": "缺失部分", "breaks_arithmetic": "算术不符", "is_incomplete": "内容不完整",
		"component": "指标分项", "weight": "权重", "description": "说明", "min_rate_denominator": "比例最低样本数",
		"activity_index_mean": "综合活跃指数平均", "proactive_items_mean": "主动公开信息数平均",
		"granted_or_partial": "予以公开与部分公开",
		"bodies":             "填报该指标的单位数", "checks_failed": "未通过的检查数", "failing_cells": "出错的单元格",
		"low_fence": "离群下限", "high_fence": "离群上限", "q1": "下四分位数", "median": "中位数", "q3": "上四分位数",
		"jump_factor": "跨年突变倍数", "jump_min_appeals": "突变检查最少复议诉讼数", "jump_min_items": "突变检查最少主动公开信息数",
		"jump_min_requests": "突变检查最少申请数", "kind": "检查类型", "peer_fence_iqr": "同县离群四分位距倍数",
		"peer_min_bodies": "同县比较最少单位数", "peer_min_iqr": "同县比较最小四分位距", "prev_report_id": "上年报告编号",
		"next_year": "下一年度", "suit_after_review_total": "复议后起诉总计", "suit_direct_total": "未经复议直接起诉总计",
		"proactive_items_pct": "主动公开信息数百分位", "documents_issued_pct": "制发文件数百分位",
		"decisions_pct": "行政决定数百分位", "requests_processed_pct": "办理申请数百分位",
		// The review queue and the county scorecard (sql/views/7*.sql).
		"flag_id": "问题编号", "cells": "涉及单元格", "evidence": "依据", "basis": "判定数值", "status": "审核状态",
		"comment": "审核意见", "decided_by": "审核人", "decided_at": "审核时间", "reopened": "数据变化后重新打开",
		"last_status": "最近一次审核结论", "reported": "已报送单位数", "reported_share": "报送率", "on_time": "按时发布单位数",
		"on_time_share": "按时发布率", "date_unknown": "发布日期不详", "consistent": "数据一致单位数",
		"consistent_share": "数据一致率", "original": "内容原创单位数", "original_share": "内容原创率",
	}
	for _, x := range Metrics {
		m[string(x.Metric)] = x.Label
	}
	return m
}()
