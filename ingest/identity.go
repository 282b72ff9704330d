package ingest

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"xxgk/ingest/extract"
)

var (
	// 丹朱镇人民政府2020年政府信息公开工作年度报告 / 2024年上海市科委政府信息公开工作年度报告
	titleYearFirst = regexp.MustCompile(`^(.*?)((?:19|20)\d{2})年度?(.*?)(?:政府信息公开|政务公开|信息公开)`)
	// 丹朱镇政府信息公开工作2020年度报告
	titleYearLast = regexp.MustCompile(`^(.*?)(?:政府信息公开|政务公开|信息公开).*?((?:19|20)\d{2})年度?(?:报告|年报|工作报告)`)
	periodRe      = regexp.MustCompile(`((?:19|20)\d{2})年1月1日(?:起)?(?:至|到|-|—|~)(?:(?:19|20)\d{2}年)?12月31日`)
	proseYearRe   = regexp.MustCompile(`^((?:19|20)\d{2})年度?[,，]`)
	pubLabelRe    = regexp.MustCompile(`(发布|公开|发文|成文)?(?:日期|时间)[:：]((?:19|20)\d{2})[-年/.](\d{1,2})[-月/.](\d{1,2})`)
	dateLineRe    = regexp.MustCompile(`^[(（]?((?:19|20)\d{2})[-年/.](\d{1,2})[-月/.](\d{1,2})日?[)）]?$`)
)

// maxTitle is the longest line, in runes, still taken for a title.
const maxTitle = 60

// titleScan is how many lines from the top a title is looked for in.
const titleScan = 60

// readIdentity finds org, year and published.
func (p *parser) readIdentity(doc *extract.Document, rows []row, parts [numSections][]row) {
	r := p.report
	titleOrg, titleYear := findTitle(rows)
	if titleOrg == "" && titleYear == 0 && doc.Title != "" {
		t := normalize(doc.Title)
		titleOrg, titleYear = parseTitle(t)
	}
	r.Org = titleOrg
	if r.Org == "" {
		if org, where := orgElsewhere(rows, parts[secPreamble]); org != "" {
			r.Org = org
			r.warnf("the title names no body; %s taken from %s", org, where)
		}
	}

	early := arabicYears(joinText(append(append([]row{}, parts[secPreamble]...), parts[secOverview]...)))
	periodYear := 0
	// Search only around 1月1日: the expression is slow over a long text.
	for rest := early; ; {
		i := strings.Index(rest, "1月1日")
		if i < 0 {
			break
		}
		from := max(0, i-len("2020年")-3)
		if m := periodRe.FindStringSubmatch(rest[from:min(len(rest), i+40)]); m != nil {
			periodYear, _ = strconv.Atoi(m[1])
			break
		}
		rest = rest[i+len("1月1日"):]
	}
	switch {
	case periodYear != 0 && titleYear != 0 && periodYear != titleYear:
		r.Year = periodYear
		r.warnf("the title names %d but the statistics period is %d; %d taken", titleYear, periodYear, periodYear)
	case periodYear != 0:
		r.Year = periodYear
	case titleYear != 0:
		r.Year = titleYear
	default:
		for _, row := range parts[secOverview] {
			if m := proseYearRe.FindStringSubmatch(row.text); m != nil {
				r.Year, _ = strconv.Atoi(m[1])
				r.warnf("no title or statistics period names the year; %d taken from part 一 %s", r.Year, quote(row.source()))
				break
			}
		}
	}
	r.Published = findPublished(doc, rows, parts, r.Year)
}

// publisherRe reads a page's 发布机构/来源 line.
var publisherRe = regexp.MustCompile(`(?:发布机构|发文机关|信息来源|来源)[:：]([^:：]{2,30}?)(?:发布|成文|索引|浏览|字号|日期|$)`)

// orgElsewhere finds the body when the title does not name it: the 发布机构
// of the page chrome, or the signature above the date at the end.
func orgElsewhere(rows, preamble []row) (org, where string) {
	for _, r := range preamble {
		if m := publisherRe.FindStringSubmatch(r.text); m != nil && looksLikeOrg(m[1]) {
			return m[1], "the page's " + quote(r.source())
		}
	}
	seen := 0
	for i := len(rows) - 1; i >= 0 && seen < 4; i-- {
		t := titleText(rows[i])
		if t == "" || isNoise(rows[i]) {
			continue
		}
		seen++
		if looksLikeOrg(t) {
			return t, "the signature " + quote(rows[i].source())
		}
	}
	return "", ""
}

// findTitle looks for the report title near the top: one line, or two or
// three when it wraps, with the body's name possibly on the line above.
func findTitle(rows []row) (org string, year int) {
	for i := 0; i < len(rows) && i < titleScan; i++ {
		t := titleText(rows[i])
		if !titleLike(t) {
			continue
		}
		joined := t
		for k := i + 1; k < len(rows) && k <= i+2 && !strings.Contains(joined, "报告") && !strings.Contains(joined, "年报"); k++ {
			joined += titleText(rows[k])
		}
		if !strings.Contains(joined, "报告") && !strings.Contains(joined, "年报") {
			continue
		}
		// A title names its year; a breadcrumb ("政府信息公开年报") or a
		// template's heading does not.
		org, year = parseTitle(joined)
		if year == 0 {
			continue
		}
		if org == "" && i > 0 {
			if prev := titleText(rows[i-1]); looksLikeOrg(prev) {
				org = prev
			}
		}
		return org, year
	}
	return "", 0
}

// titleText is a line's text without markdown marks and breadcrumbs.
func titleText(r row) string {
	t := strings.TrimLeft(r.text, "#*")
	if i := strings.LastIndex(t, ">"); i >= 0 {
		t = t[i+1:]
	}
	// A saved page's metadata header: "标题: …", "文章标题：…".
	for _, field := range []string{"标题:", "题目:", "名称:", "文章标题:", "信息名称:"} {
		if rest, ok := strings.CutPrefix(t, field); ok {
			t = rest
			break
		}
	}
	return strings.Trim(t, "《》\"“”")
}

func titleLike(t string) bool {
	return utf8.RuneCountInString(t) <= maxTitle && !strings.ContainsAny(t, "。《") &&
		(strings.Contains(t, "政府信息公开") || strings.Contains(t, "政务公开") || strings.Contains(t, "信息公开工作"))
}

// cnYearRe finds years written in Chinese numerals: 二〇二〇年, 二零二一年度.
var cnYearRe = regexp.MustCompile(`[〇零一二三四五六七八九]{4}年`)

var cnDigits = map[rune]byte{'〇': 0, '零': 0, '一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}

// arabicYears rewrites years in Chinese numerals with digits.
func arabicYears(s string) string {
	// Every year 2000–2099 has a zero digit: no 〇 or 零, no such year.
	if !strings.Contains(s, "〇") && !strings.Contains(s, "零") {
		return s
	}
	return cnYearRe.ReplaceAllStringFunc(s, func(m string) string {
		var b strings.Builder
		for _, r := range strings.TrimSuffix(m, "年") {
			b.WriteByte('0' + cnDigits[r])
		}
		return b.String() + "年"
	})
}

// parseTitle reads the body and the year out of a title.
func parseTitle(t string) (org string, year int) {
	t = arabicYears(strings.Trim(t, "《》\"“”"))
	if i := strings.IndexAny(t, "_|"); i > 0 {
		t = t[:i] // a page title's site suffix: "..._长子县人民政府"
	}
	if m := titleYearFirst.FindStringSubmatch(t); m != nil {
		year, _ = strconv.Atoi(m[2])
		org = m[1]
		if org == "" {
			org = m[3]
		}
	} else if m := titleYearLast.FindStringSubmatch(t); m != nil {
		year, _ = strconv.Atoi(m[2])
		org = m[1]
	}
	org = cleanOrg(org)
	return org, year
}

func cleanOrg(org string) string {
	org = strings.TrimPrefix(org, "关于")
	for _, suffix := range []string{"关于", "的", "年度", "度"} {
		org = strings.TrimSuffix(org, suffix)
	}
	org = strings.Trim(org, " 、,，:：-—()（）")
	if !looksLikeOrg(org) {
		return ""
	}
	return org
}

func looksLikeOrg(s string) bool {
	n := utf8.RuneCountInString(s)
	return n >= 2 && n <= 30 && !strings.ContainsAny(s, "。，,；;0123456789") && hasOrgSuffix(s)
}

// orgSuffixes are the endings of an organisation's name. A suffix test, not
// an expression anchored only at its end: that one was tried from every
// position of the string, 16k instructions a call.
var orgSuffixes = []string{"人民政府", "政府", "镇", "乡", "街道", "办事处", "委员会", "管委会", "委", "局", "厅", "办公室", "办", "区", "县", "市", "处", "中心", "公司", "院"}

func hasOrgSuffix(s string) bool {
	for _, suffix := range orgSuffixes {
		if strings.HasSuffix(s, suffix) {
			return true
		}
	}
	return false
}

// findPublished looks for a publication date: the container's metadata, a
// 发布日期 line in the page chrome, a date line under the title, or the date
// under the signature. A date before the statistics year cannot be one.
func findPublished(doc *extract.Document, rows []row, parts [numSections][]row, year int) string {
	valid := func(y, m, d int) bool {
		return m >= 1 && m <= 12 && d >= 1 && d <= 31 && (year == 0 || y >= year && y <= year+2)
	}
	if doc.Published != "" {
		return doc.Published
	}
	for _, row := range parts[secPreamble] {
		if !containsCJK(row.text, "日期") && !containsCJK(row.text, "时间") {
			continue
		}
		if m := pubLabelRe.FindStringSubmatch(row.text); m != nil && !strings.Contains(row.text, "统计") {
			if y, mo, d := atoi3(m[2], m[3], m[4]); valid(y, mo, d) {
				return isoDate(y, mo, d)
			}
		}
	}
	dateOf := func(row row) string {
		// A date line is short; row.text is already folded.
		if len(row.text) > 40 || !strings.Contains(row.text, "年") && !strings.ContainsAny(row.text, "-/.") {
			return ""
		}
		if m := dateLineRe.FindStringSubmatch(row.text); m != nil {
			if y, mo, d := atoi3(m[1], m[2], m[3]); valid(y, mo, d) {
				return isoDate(y, mo, d)
			}
		}
		return ""
	}
	for _, row := range parts[secPreamble] {
		if d := dateOf(row); d != "" {
			return d
		}
	}
	// The signature: the last few lines of the document.
	seen := 0
	for i := len(rows) - 1; i >= 0 && seen < 6; i-- {
		if rows[i].text == "" || isNoise(rows[i]) {
			continue
		}
		seen++
		if d := dateOf(rows[i]); d != "" {
			return d
		}
	}
	return ""
}

func atoi3(a, b, c string) (int, int, int) {
	x, _ := strconv.Atoi(a)
	y, _ := strconv.Atoi(b)
	z, _ := strconv.Atoi(c)
	return x, y, z
}

func isoDate(y, m, d int) string { return fmt.Sprintf("%04d-%02d-%02d", y, m, d) }

// joinText joins the normalized text of rows, for patterns that a line wrap
// may split.
func joinText(rows []row) string {
	var b strings.Builder
	n := 0
	for _, r := range rows {
		n += len(r.text)
	}
	b.Grow(n) // one allocation: part 一 runs to several kilobytes
	for _, r := range rows {
		b.WriteString(r.text)
	}
	return b.String()
}
