package ingest

import (
	"strings"
	"unicode/utf8"

	"xxgk/ingest/prose"
)

// Prose is the running text of a report's prose parts, as printed, with
// the template's own boilerplate sentences left out (ingest/prose decides
// which): what copied_prose compares and the report page shows.
type Prose struct {
	Overview string // 一、总体情况
	Problems string // 五、存在的主要问题及改进情况
	Other    string // 六、其他需要报告的事项
}

// Empty reports whether the report printed none of its prose.
func (p Prose) Empty() bool { return p.Overview == "" && p.Problems == "" && p.Other == "" }

// Text is the three parts in order, one paragraph a line.
func (p Prose) Text() string {
	var parts []string
	for _, s := range []string{p.Overview, p.Problems, p.Other} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, "\n")
}

// maxProseBytes bounds the prose kept of one part: a report's parts run to
// a few thousand characters; a page that never ends must not make its
// report bigger than itself.
const maxProseBytes = 64 << 10

// keepProse is the parser's hook: it keeps the prose of parts 一, 五 and 六
// and reads the figures the prose states (statedFigures).
func (p *parser) keepProse(parts [numSections][]row) {
	r := p.report
	r.Prose = Prose{
		Overview: partText(parts[secOverview]),
		Problems: partText(parts[secProblems]),
		Other:    partText(parts[secOther]),
	}
	r.Stated = statedFigures(parts[secOverview], parts[secOther])
}

// partText joins a part's lines into paragraphs: a line that does not end
// a sentence and is long enough to have wrapped (PDF text breaks lines
// inside sentences) runs on into the next. Headings of the part itself and
// table content are skipped, and so are boilerplate sentences.
func partText(rows []row) string {
	var b strings.Builder
	open := false // the last line written runs on
	for _, r := range rows {
		if r.heading || r.flat != notFlat || len(r.vals) > 0 && r.label == "" {
			continue
		}
		line := strings.TrimSpace(strings.Join(r.cells, ""))
		line = strings.TrimLeft(line, "\u3000 ")
		if line == "" || isNoise(r) {
			continue
		}
		line = dropBoilerplate(line)
		if line == "" {
			continue
		}
		if b.Len() > 0 && !open {
			b.WriteByte('\n')
		}
		if b.Len()+len(line) > maxProseBytes {
			break
		}
		b.WriteString(line)
		last, _ := utf8.DecodeLastRuneInString(line)
		open = !isSentenceEnd(last) && last != ':' && last != '：' && utf8.RuneCountInString(line) >= 20
	}
	return b.String()
}

// dropBoilerplate removes the template's own sentences from a line,
// keeping every other sentence with its punctuation.
func dropBoilerplate(line string) string {
	if !containsCJK(line, "报告") && !containsCJK(line, "统计") && !containsCJK(line, "勾稽") {
		return line // prose.IsBoilerplate needs one of these
	}
	var b strings.Builder
	for rest := line; rest != ""; {
		end := len(rest)
		for i, c := range rest {
			if isSentenceEnd(c) {
				end = i + utf8.RuneLen(c)
				break
			}
		}
		s := rest[:end]
		rest = rest[end:]
		if !prose.IsBoilerplate(s) {
			b.WriteString(s)
		}
	}
	return strings.TrimSpace(b.String())
}
