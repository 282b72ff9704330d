package dashboard

import (
	"fmt"
	"strings"
	"time"

	"xxgk/ingest/store"
)

// uploadResponse is the answer of POST /api/ingest.
type uploadResponse struct {
	Stored  bool         `json:"stored"` // the run is committed: visible to every page
	Error   string       `json:"error,omitempty"`
	Run     int64        `json:"run,omitempty"`
	Counts  uploadCounts `json:"counts"`
	Files   []uploadFile `json:"files"`
	Regions uploadRegion `json:"regions"`
	Seconds float64      `json:"seconds"`
}

type uploadCounts struct {
	Loaded    int `json:"loaded"`
	Replaced  int `json:"replaced"`
	Unchanged int `json:"unchanged"`
	Refused   int `json:"refused"`
	Failed    int `json:"failed"`
	Flagged   int `json:"flagged"`
	Unplaced  int `json:"unplaced"`
}

type uploadRegion struct {
	Added     int      `json:"added"`
	Changed   []string `json:"changed"`
	PlacedNow int      `json:"placed_now"` // reports loaded unplaced before, placed now
}

// uploadFile is one file's result: the store's, with its status and
// message in Chinese for the page.
type uploadFile struct {
	store.FileResult
	Status  string `json:"status"`  // 已载入, 已替换, 未变化, 拒绝, 失败
	Message string `json:"message"` // why, in Chinese; "" when there is nothing to say
}

func newUploadResponse(sum store.Summary, results []store.FileResult) uploadResponse {
	out := uploadResponse{
		Stored:  true,
		Run:     sum.RunID,
		Counts:  uploadCounts{sum.Loaded, sum.Replaced, sum.Unchanged, sum.Refused, sum.Failed, sum.Flagged, sum.Unplaced},
		Files:   make([]uploadFile, 0, len(results)),
		Regions: uploadRegion{Added: sum.RegionsAdded, Changed: []string{}, PlacedNow: sum.PlacedNow},
		Seconds: sum.Finished.Sub(sum.Started).Round(time.Millisecond).Seconds(),
	}
	for _, r := range results {
		if r.Reason == reasonTooLarge {
			out.Counts.Failed++
		}
		out.Files = append(out.Files, uploadFile{FileResult: r, Status: actionStatus[r.Action], Message: uploadMessage(r)})
	}
	for _, c := range sum.RegionsChanged {
		out.Regions.Changed = append(out.Regions.Changed, fmt.Sprintf("%s（%s）：%s → %s", c.New.Org, c.New.County,
			place(c.Old), place(c.New)))
	}
	return out
}

func place(r store.Region) string {
	var parts []string
	for _, p := range []string{r.Province, r.City, r.County, r.Township} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, " ")
}

// actionStatus names what became of a file.
var actionStatus = map[string]string{
	store.ActionLoaded:    "已载入",
	store.ActionReplaced:  "已替换",
	store.ActionUnchanged: "未变化",
	store.ActionRefused:   "拒绝",
	store.ActionFailed:    "失败",
}

// uploadMessage says in Chinese why a file was refused or failed, what it
// replaced, and what the checks found.
func uploadMessage(r store.FileResult) string {
	var msg []string
	switch r.Reason {
	case store.ReasonNotReport:
		msg = append(msg, "不是年度报告：没有找到报告的三张统计表（二、三、四），新闻、通知等不予载入")
	case store.ReasonYear:
		msg = append(msg, fmt.Sprintf("统计年度 %d 不在 %d 年至今年之间，请核对标题或统计期限", r.Year, store.FirstYear))
	case store.ReasonFewerParts:
		msg = append(msg, fmt.Sprintf("已载入的报告（%s）比本文件完整，本文件缺少其中的部分表格；原报告保留。确需替换请勾选“强制替换”后重新上传", r.Other))
	case store.ReasonDuplicate:
		msg = append(msg, fmt.Sprintf("本次上传中已有 %s %d 年的报告，请只保留一份", r.Org, r.Year))
	case store.ReasonNoOrg:
		msg = append(msg, "标题中没有写明发布单位，请在标题行写明单位名称后重新上传")
	case store.ReasonNoYear:
		msg = append(msg, "标题和统计期限都没有写明年度，请补上年度后重新上传")
	case store.ReasonBlank:
		msg = append(msg, "表格中没有任何数字（空白表格？），无可载入")
	case store.ReasonParse, store.ReasonUnreadable:
		msg = append(msg, "无法读取为报告（"+r.Detail+"）")
	case reasonTooLarge:
		msg = append(msg, "文件超过单个文件的大小上限，未载入")
	}
	if r.Action == store.ActionReplaced {
		msg = append(msg, fmt.Sprintf("替换了 %s，原版本已保留", r.Other))
	}
	if r.Unplaced {
		msg = append(msg, "regions.csv 中没有该单位，暂未归入区县")
	}
	if r.Flagged > 0 {
		msg = append(msg, fmt.Sprintf("%d 处数据校验不符（见数据质量页）", r.Flagged))
	}
	return strings.Join(msg, "；")
}
