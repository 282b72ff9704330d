package store

import (
	"context"
	"fmt"
	"math"
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

func TestMergeRanges(t *testing.T) {
	r := func(lo, hi int64) idRange { return idRange{lo: lo, hi: hi} }
	cases := []struct {
		name string
		in   []idRange
		n    int
		want []idRange
	}{
		{"one", []idRange{r(1, 120)}, 4, []idRange{r(1, 120)}},
		{"sorted, kept apart", []idRange{r(276134, 276140), r(1, 120)}, 4, []idRange{r(1, 120), r(276134, 276140)}},
		{"overlapping and adjacent merged", []idRange{r(1, 10), r(5, 20), r(21, 30), r(40, 50)}, 4, []idRange{r(1, 30), r(40, 50)}},
		{"nearest merged first", []idRange{r(1, 10), r(1000, 1010), r(5000, 5010), r(5020, 5030), r(90000, 90001)}, 3, []idRange{r(1, 1010), r(5000, 5030), r(90000, 90001)}},
		{"down to one", []idRange{r(1, 2), r(10, 11), r(100, 101)}, 1, []idRange{r(1, 101)}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := mergeRanges(slices.Clone(c.in), c.n); !slices.Equal(got, c.want) {
				t.Errorf("mergeRanges(%v, %d) = %v, want %v", c.in, c.n, got, c.want)
			}
		})
	}
}

func TestCopiedChunks(t *testing.T) {
	var ranges []idRange
	// 70 counties loaded in one run, one range each; then counties 0 and
	// 65 have reports replaced at the end of the table.
	for i := range 70 {
		ranges = append(ranges, idRange{group: fmt.Sprintf("c%02d", i), lo: int64(i*100 + 1), hi: int64(i*100 + 100)})
	}
	ranges = append(ranges, idRange{group: "c00", lo: 9001, hi: 9003}, idRange{group: "c65", lo: 9004, hi: 9004})
	got := copiedChunks(ranges)
	if len(got) != 2 || len(got[0].groups) != copiedChunk || len(got[1].groups) != 70-copiedChunk {
		t.Fatalf("chunks of %d counties: %d chunks", copiedChunk, len(got))
	}
	if got[0].groups[0] != "c00" || got[1].groups[0] != "c64" {
		t.Errorf("chunks begin with %s and %s, want c00 and c64", got[0].groups[0], got[1].groups[0])
	}
	want0 := []idRange{{lo: 1, hi: 6400}, {lo: 9001, hi: 9003}}
	want1 := []idRange{{lo: 6401, hi: 7000}, {lo: 9004, hi: 9004}}
	if !slices.Equal(got[0].ranges, want0) || !slices.Equal(got[1].ranges, want1) {
		t.Errorf("ranges %v and %v, want %v and %v", got[0].ranges, got[1].ranges, want0, want1)
	}
}

// TestCopiedAfterReplacement: a county whose reports were replaced holds
// ids far apart (the new ones at the end of the table); its copied-prose
// measure read through several ranges of ids, merged down to the query's
// slots, equals the measure read through one range around them all.
func TestCopiedAfterReplacement(t *testing.T) {
	files, err := filepath.Glob("../../fixtures/demo/reports/*/[平茶]*/*-20[12][019].txt")
	if err != nil || len(files) < 40 {
		t.Fatalf("demo corpus: %d text files, %v", len(files), err)
	}
	regions, err := ReadRegions("../../fixtures/demo/regions.csv")
	if err != nil {
		t.Fatal(err)
	}
	// Every seventh report again, corrected (a line added): each replaces
	// the loaded one and takes a new id.
	corrected := t.TempDir()
	var batch []string
	for i := 0; i < len(files); i += 7 {
		b, err := os.ReadFile(files[i])
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Join(corrected, fmt.Sprintf("%02d-%s", i, filepath.Base(files[i])))
		if err := os.WriteFile(name, append(b, "\n（更正版）\n"...), 0o644); err != nil {
			t.Fatal(err)
		}
		batch = append(batch, name)
	}
	ctx := context.Background()
	load := func(t *testing.T, regions []Region, gap int64) []string {
		defer func(was int64) { rangeGap = was }(rangeGap)
		rangeGap = gap
		s := mustOpen(t, filepath.Join(t.TempDir(), "x.duckdb"))
		if _, err := s.Ingest(ctx, files, Options{Regions: regions}); err != nil {
			t.Fatal(err)
		}
		sum, err := s.Ingest(ctx, batch, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if sum.Replaced != len(batch) {
			t.Fatalf("%d of %d corrected reports replaced", sum.Replaced, len(batch))
		}
		return similarity(t, s)
	}
	for _, c := range []struct {
		name    string
		regions []Region
	}{
		{"counties", regions},
		{"unplaced bodies (no regions.csv)", nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			whole := load(t, c.regions, math.MaxInt32)
			split := load(t, c.regions, 1)
			if len(whole) != len(files) {
				t.Fatalf("%d measures, want %d", len(whole), len(files))
			}
			if !slices.Equal(split, whole) {
				t.Errorf("measures through split ranges differ from one range:\n%s\nwant\n%s", strings.Join(split, "\n"), strings.Join(whole, "\n"))
			}
		})
	}
}
