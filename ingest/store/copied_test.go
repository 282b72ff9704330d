package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// seedYear writes the seed report as another year's (the title and the
// statistics period), with edit applied to its text.
func seedYear(t *testing.T, dir string, year string, edit func(string) string) string {
	t.Helper()
	b, err := os.ReadFile("../../fixtures/seed/danzhu-2020.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := strings.ReplaceAll(string(b), "2020", year)
	if edit != nil {
		text = edit(text)
	}
	path := filepath.Join(dir, "danzhu-"+year+".txt")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestProseFlags: the seed loaded for 2020 and, nearly unchanged, for
// 2021 (prose copied but for one sentence, requests stated against the table, published late
// by the date under its signature) and 2022 (its own prose, published on
// time): exactly the 2021 report is flagged, once for each kind.
func TestProseFlags(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s := mustOpen(t, filepath.Join(dir, "x.duckdb"))
	y2020 := seedYear(t, dir, "2020", nil)
	y2021 := seedYear(t, dir, "2021", func(s string) string {
		s = strings.Replace(s, "没有收到申请公开信息要求", "共收到政府信息公开申请5件", 1)
		return s + "\n\n丹朱镇人民政府\n2022年4月20日\n"
	})
	y2022 := seedYear(t, dir, "2022", func(s string) string {
		i, j := strings.Index(s, "一、总体情况"), strings.Index(s, "二、主动公开")
		k, l := strings.Index(s, "五、"), strings.Index(s, "六、其他")
		return s[:i] + "一、总体情况\n今年我镇把村级公开栏全部换成电子屏，群众在村委会即可查询低保和补贴发放明细。\n" +
			"全年围绕耕地保护、防汛抗旱和乡村振兴组织政策解读会六场，回应群众提问四十余次。\n" + s[j:k] +
			"五、存在的主要问题及改进情况\n电子屏维护经费不足，部分村的屏幕更新滞后，明年将纳入财政预算统一维护。\n" + s[l:] +
			"\n\n丹朱镇人民政府\n2023年3月1日\n"
	})
	if _, err := s.Ingest(ctx, []string{y2020, y2021, y2022}, Options{Regions: []Region{seedRegion}}); err != nil {
		t.Fatal(err)
	}
	if n := count(t, s, "SELECT count(*) FROM report_prose WHERE overview LIKE '%主动公开%'"); n != 2 {
		t.Errorf("%d reports keep part 一's prose, want 2 (2022's says nothing of it)", n)
	}
	got := flagRows(t, s)
	want := []string{
		"copied_prose|previous|2021|正文99%与本单位2020年报告相同（超过50%即标记）|share=99;with=2020",
		"late||2021|2022-04-20发布，乡镇（街道）的截止日期为2022-03-31，逾期20天|published=2022-04-20;deadline=2022-03-31",
		"text_vs_table|s3.new.total|2021|本年新收政府信息公开申请：正文为5，表格为0（正文：“(二)依申请公开情况:2021年度丹朱镇人民政府共收到政府信息公开申请5件”）|text=5;table=0",
	}
	if !slices.Equal(got, want) {
		t.Errorf("flags:\n got %q\nwant %q", got, want)
	}

	// Replacing 2021 with its own prose measures the county again: no
	// copied_prose left, and 2022 is now compared with the new 2021.
	own := seedYear(t, t.TempDir(), "2021", func(s string) string {
		i, j := strings.Index(s, "一、总体情况"), strings.Index(s, "二、主动公开")
		k, l := strings.Index(s, "五、"), strings.Index(s, "六、其他")
		return s[:i] + "一、总体情况\n本年度我镇重点推进惠农补贴资金公开，逐村张榜公示发放对象、标准和金额，接受群众监督。\n" + s[j:k] +
			"五、存在的主要问题及改进情况\n少数村的公示栏位置偏僻，群众查看不便，下一年度统一迁到村民服务中心门口。\n" + s[l:]
	})
	copyFile(t, own, y2021)
	if _, err := s.Ingest(ctx, []string{y2021}, Options{}); err != nil {
		t.Fatal(err)
	}
	if n := count(t, s, "SELECT count(*) FROM flag_copied_prose"); n != 0 {
		t.Errorf("%d copied_prose flags after the replacement, want 0: %q", n, flagRows(t, s))
	}
	if n := count(t, s, "SELECT count(*) FROM prose_similarity"); n != 3 {
		t.Errorf("%d measures, want one per current report (3)", n)
	}
}

func flagRows(t *testing.T, s *Store) []string {
	t.Helper()
	rows, err := s.DB.Query(`SELECT kind || '|' || rule || '|' || year || '|' || evidence || '|' || basis FROM (
		SELECT * FROM flag_copied_prose UNION ALL SELECT * FROM flag_late UNION ALL SELECT * FROM flag_text_vs_table) ORDER BY ALL`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var r string
		if err := rows.Scan(&r); err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
	}
	return out
}

func TestChunk(t *testing.T) {
	list := make([]string, copiedChunk+3)
	for i := range list {
		list[i] = fmt.Sprint(i)
	}
	for _, c := range []struct {
		from      int
		want      int
		wantFirst string
	}{
		{0, copiedChunk, "0"},
		{copiedChunk, 3, fmt.Sprint(copiedChunk)},
		{2 * copiedChunk, 0, ""},
	} {
		got := chunk(list, c.from)
		if got == nil || len(got) != c.want || (c.want > 0 && got[0] != c.wantFirst) {
			t.Errorf("chunk(%d) = %d items from %v, want %d from %q", c.from, len(got), got, c.want, c.wantFirst)
		}
	}
}
