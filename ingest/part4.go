package ingest

import "xxgk/ingest/schema"

var (
	s4Group = len(schema.S4Columns)
	s4Width = len(schema.S4Groups) * s4Group
)

// parseAppeals reads part 四: fifteen cells, printed as one row or as one
// row per group.
func parseAppeals(p *parser, lines []row) {
	if flat := flatRows(lines, flatAppeals); len(flat) > 0 {
		for _, t := range flat {
			p.flatAppeals(t)
		}
		return
	}
	blankAppealRows(lines)
	p.unglueAppeals(lines)
	done := map[string]bool{}
	vrows := p.gather(lines, s4Width)
	vrows = p.capRows("part 四", vrows)
	if len(vrows) == 1 {
		if vals, ok := wholeGroups(vrows[0].vals, headerLeft(lines)); ok {
			p.report.warnf("part 四: whole groups printed blank left no cells; %s placed by the columns of the header",
				quote(vrows[0].source()))
			vrows[0].vals = vals
		}
	}
	for _, vr := range vrows {
		if len(done) == len(schema.S4Groups) {
			break
		}
		if len(vr.vals)+vr.lead+vr.trail >= s4Width-1 {
			fit, ok := fitRow(vr.row, s4Width, inGroups(s4Group))
			if !ok || fit.alts != nil {
				p.report.warnf("part 四: %d figures in %s do not fit its 15 cells; they were not placed", len(vr.vals), quote(vr.source()))
				continue
			}
			if fit.note != "" {
				p.report.warnf("part 四: %s (row %s)", fit.note, quote(vr.source()))
			}
			for g, group := range schema.S4Groups {
				p.setGroup(group.Key, fit.vals[g*s4Group:(g+1)*s4Group])
				done[group.Key] = true
			}
			continue
		}
		fit, ok := fitRow(vr.row, s4Group, inGroups(s4Group))
		if !ok || fit.alts != nil {
			if !allBlank(vr.vals) {
				p.report.warnf("part 四: figures %s fit neither one group of 5 nor the row of 15; they were not placed", quote(vr.source()))
			}
			continue
		}
		key := matchLast(s4Patterns, vr.hint+vr.label)
		if key == "" || done[key] {
			key = nextGroup(done)
		}
		p.setGroup(key, fit.vals)
		done[key] = true
	}
}

func nextGroup(done map[string]bool) string {
	for _, g := range schema.S4Groups {
		if !done[g.Key] {
			return g.Key
		}
	}
	return ""
}

func (p *parser) setGroup(group string, vals []value) {
	keys, ok := s4GroupKeys[group]
	if !ok {
		keys = make([]string, len(schema.S4Columns))
		for i, c := range schema.S4Columns {
			keys[i] = schema.S4Key(group, c.Key)
		}
	}
	p.setRow(keys, vals, placeName(s4GroupWhere, "part 四 ", group))
}

// headerLeft is the leftmost column at which a header line of layout text
// starts, -1 when the lines carry no columns.
func headerLeft(lines []row) int {
	left := -1
	for _, l := range lines {
		if l.heading || len(l.vals) > 0 || l.firstCol < 0 {
			continue
		}
		if left < 0 || l.firstCol < left {
			left = l.firstCol
		}
	}
	return left
}
