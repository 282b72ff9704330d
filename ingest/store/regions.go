package store

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	sqlfiles "xxgk/sql"
)

// Region places one reporting body in the hierarchy township › county › city
// › province.
type Region struct {
	Org, Township, County, City, Province string
	// Kind is KindTownship, KindCountyGovernment, KindDepartment, or ""
	// when regions.csv does not say (deadlines then take a government's).
	Kind string
}

// Kinds of body a roster lists (regions.csv's optional kind column).
const (
	KindTownship         = "township"          // 乡镇、街道
	KindCountyGovernment = "county_government" // 县（区）人民政府
	KindDepartment       = "department"        // 县直部门
)

// kindNames are the values regions.csv's kind column accepts, English or
// Chinese, for each kind.
var kindNames = map[string]string{
	"township": KindTownship, "乡镇": KindTownship, "乡": KindTownship, "镇": KindTownship, "街道": KindTownship,
	"乡镇街道": KindTownship, "乡镇（街道）": KindTownship, "乡镇(街道)": KindTownship,
	"county_government": KindCountyGovernment, "county government": KindCountyGovernment, "县政府": KindCountyGovernment,
	"县级政府": KindCountyGovernment, "县人民政府": KindCountyGovernment, "区政府": KindCountyGovernment,
	"县（区）政府": KindCountyGovernment, "县(区)政府": KindCountyGovernment, "县级人民政府": KindCountyGovernment,
	"department": KindDepartment, "部门": KindDepartment, "县直部门": KindDepartment, "县级部门": KindDepartment,
	"政府部门": KindDepartment, "区直部门": KindDepartment,
}

// ParseKind reads a kind as regions.csv may write it; ok is false for a
// value it does not know. "" is no kind.
func ParseKind(s string) (kind string, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", true
	}
	kind, ok = kindNames[strings.ToLower(s)]
	return kind, ok
}

// regionColumns is the header regions.csv must have (fixtures write it, and
// users supply their own).
var regionColumns = []string{"org", "township", "county", "city", "province"}

// The optional column "kind" says what kind of body a row lists (ParseKind).

// ReadRegions reads a regions.csv: a header naming at least org, township and
// county, then one row per body.
func ReadRegions(path string) ([]Region, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("regions: %w", err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("regions: %s: cannot read the header: %w", path, err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))] = i
	}
	for _, need := range regionColumns[:3] {
		if _, ok := col[need]; !ok {
			return nil, fmt.Errorf("regions: %s: the header lacks column %q; it must name %s",
				path, need, strings.Join(regionColumns, ","))
		}
	}
	var out []Region
	seen := map[string]int{}
	for line := 2; ; line++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("regions: %s: %w", path, err)
		}
		get := func(name string) string {
			if i, ok := col[name]; ok && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		reg := Region{Org: get("org"), Township: get("township"), County: get("county"), City: get("city"), Province: get("province")}
		if reg.Org == "" || reg.Township == "" || reg.County == "" {
			return nil, fmt.Errorf("regions: %s line %d: org, township and county are required", path, line)
		}
		kind, ok := ParseKind(get("kind"))
		if !ok {
			return nil, fmt.Errorf("regions: %s line %d: kind %q is not one of township (乡镇), county_government (县政府), department (部门)",
				path, line, get("kind"))
		}
		reg.Kind = kind
		key := reg.Org + "\x00" + reg.County
		if prev, dup := seen[key]; dup {
			return nil, fmt.Errorf("regions: %s line %d: %s of %s is listed already on line %d", path, line, reg.Org, reg.County, prev)
		}
		seen[key] = line
		out = append(out, reg)
	}
	return out, nil
}

// orgSuffixes are dropped when matching a body's name: titles write the same
// body as 青石镇人民政府, 青石镇政府 or 青石镇.
var orgSuffixes = []string{"人民政府办公室", "人民政府", "政府", "办事处"}

// baseName strips white space and the suffixes of a body's name.
func baseName(org string) string {
	s := strings.Join(strings.Fields(org), "")
	for _, suf := range orgSuffixes {
		if t, ok := strings.CutSuffix(s, suf); ok && t != "" {
			return t
		}
	}
	return s
}

// placer finds a report's body in the regions.
type placer struct {
	regions []Region
	// byOrg and byBase (the baseName of the township) give a name's first
	// region; nextOrg and nextBase the next of the same name, -1 at the
	// last: no slice per name (a million-report corpus lists 144,000
	// bodies, which a run holds throughout).
	byOrg, byBase     map[string]int32
	nextOrg, nextBase []int32
}

func newPlacer(regions []Region) *placer {
	p := &placer{regions: regions, byOrg: make(map[string]int32, len(regions)), byBase: make(map[string]int32, len(regions)),
		nextOrg: make([]int32, len(regions)), nextBase: make([]int32, len(regions))}
	// Backwards, so that each chain lists its regions in their order.
	for i := len(regions) - 1; i >= 0; i-- {
		r := regions[i]
		p.nextOrg[i] = chainHead(p.byOrg, r.Org)
		p.byOrg[r.Org] = int32(i)
		b := baseName(r.Township)
		p.nextBase[i] = chainHead(p.byBase, b)
		p.byBase[b] = int32(i)
	}
	return p
}

func chainHead(heads map[string]int32, name string) int32 {
	if i, ok := heads[name]; ok {
		return i
	}
	return -1
}

// chain appends to out the regions from first on, following next.
func (p *placer) chain(out []Region, first int32, next []int32) []Region {
	for i := first; i >= 0; i = next[i] {
		out = append(out, p.regions[i])
	}
	return out
}

// place matches org exactly, else by its base name, allowing a prefix of
// place names (重庆市江津区杜市镇人民政府 for 杜市镇). Where several counties
// have a body of that name, the file's path decides if it names exactly one
// of their counties (reports are usually filed by county). A name that still
// fits several townships places nothing: a wrong county is worse than none.
func (p *placer) place(org, path string) (Region, bool) {
	if r, ok := p.pick(p.chain(nil, chainHead(p.byOrg, org), p.nextOrg), path); ok {
		return r, true
	}
	base := baseName(org)
	var found []Region
	for b, first := range p.byBase {
		if !strings.HasSuffix(base, b) {
			continue
		}
		prefix := strings.TrimSuffix(base, b)
		for i := first; i >= 0; i = p.nextBase[i] {
			if r := p.regions[i]; prefix == "" || placePrefix(prefix, r) {
				found = append(found, r)
			}
		}
	}
	return p.pick(found, path)
}

// pick returns the one candidate, or the one whose county the path names.
func (p *placer) pick(cands []Region, path string) (Region, bool) {
	switch len(cands) {
	case 0:
		return Region{}, false
	case 1:
		return cands[0], true
	}
	dirs := strings.Split(filepath.ToSlash(filepath.Dir(path)), "/")
	var inPath []Region
	for _, r := range cands {
		if slices.Contains(dirs, r.County) {
			inPath = append(inPath, r)
		}
	}
	if len(inPath) == 1 {
		return inPath[0], true
	}
	return Region{}, false
}

// placePrefix reports whether prefix is made of the region's own place
// names, in order: 江津区, 重庆市江津区, 山西省长治市长子县.
func placePrefix(prefix string, r Region) bool {
	for _, name := range []string{r.Province, r.City, r.County} {
		if name != "" {
			prefix = strings.TrimPrefix(prefix, name)
		}
	}
	return prefix == ""
}

// RegionChange is a body regions.csv places elsewhere than before.
type RegionChange struct {
	Old, New Region
}

// String says the change in one line.
func (c RegionChange) String() string {
	return fmt.Sprintf("%s (%s): %s › %s › %s  →  %s › %s › %s", c.New.Org, c.New.County,
		c.Old.Township, c.Old.City, c.Old.Province, c.New.Township, c.New.City, c.New.Province)
}

// mergeRegions adds the bodies not yet known and updates the placement of
// those known (by org and county); it never removes one: a county's own
// regions.csv must not unplace every other county's townships.
func (l *loader) mergeRegions(ctx context.Context, incoming []Region) (added int, changed []RegionChange, err error) {
	have, err := loadRegions(ctx, l.conn)
	if err != nil {
		return 0, nil, err
	}
	byKey := make(map[[2]string]Region, len(have))
	for _, r := range have {
		byKey[[2]string{r.Org, r.County}] = r
	}
	for _, r := range incoming {
		old, ok := byKey[[2]string{r.Org, r.County}]
		switch {
		case !ok:
			if err := l.regions.AppendRow(r.Org, r.Township, r.County, nullString(r.City), nullString(r.Province), nullString(r.Kind)); err != nil {
				return 0, nil, fmt.Errorf("ingest: regions: %w", err)
			}
			added++
			byKey[[2]string{r.Org, r.County}] = r
		case old != r:
			if r.Kind == "" {
				r.Kind = old.Kind // a roster without the column keeps the kinds known
				if old == r {
					continue
				}
			}
			if _, err := l.conn.ExecContext(ctx, sqlfiles.Query("update_region"),
				r.Township, nullString(r.City), nullString(r.Province), nullString(r.Kind), r.Org, r.County); err != nil {
				return 0, nil, fmt.Errorf("ingest: regions: %w", err)
			}
			changed = append(changed, RegionChange{Old: old, New: r})
			byKey[[2]string{r.Org, r.County}] = r
		}
	}
	if err := l.regions.Flush(); err != nil {
		return 0, nil, fmt.Errorf("ingest: regions: %w", err)
	}
	return added, changed, nil
}

// placeLoaded brings the reports already loaded up to the merged regions:
// reports of a body placed anew follow it, and reports loaded unplaced
// whose body the regions now name are placed, unless their township-year
// has a placed report already (they stay unplaced: a report is never
// displaced). It returns how many reports it placed.
func (l *loader) placeLoaded(ctx context.Context, changed []RegionChange) (int, error) {
	for _, c := range changed {
		l.touched.add(c.New.County, true, c.New.Township) // its reports' copied prose is measured again
		if _, err := l.conn.ExecContext(ctx, sqlfiles.Query("replace_region_reports"),
			c.New.Township, nullString(c.New.City), nullString(c.New.Province), c.New.Org, c.New.County); err != nil {
			return 0, fmt.Errorf("ingest: regions: %w", err)
		}
	}
	type unplaced struct {
		id        int64
		org, file string
		year      int
	}
	rows, err := l.conn.QueryContext(ctx, sqlfiles.Query("unplaced_reports"))
	if err != nil {
		return 0, fmt.Errorf("ingest: regions: %w", err)
	}
	var todo []unplaced
	for rows.Next() {
		var u unplaced
		if err := rows.Scan(&u.id, &u.org, &u.file, &u.year); err != nil {
			rows.Close()
			return 0, fmt.Errorf("ingest: regions: %w", err)
		}
		todo = append(todo, u)
	}
	rows.Close()
	placed := 0
	for _, u := range todo {
		r, ok := l.placer.place(u.org, u.file)
		if !ok {
			continue
		}
		var taken int
		if err := l.conn.QueryRowContext(ctx, sqlfiles.Query("report_identity_taken"), r.Township, r.County, u.year).Scan(&taken); err != nil {
			return placed, fmt.Errorf("ingest: regions: %w", err)
		}
		if taken > 0 {
			continue
		}
		if _, err := l.conn.ExecContext(ctx, sqlfiles.Query("place_report"),
			r.Township, r.County, nullString(r.City), nullString(r.Province), u.id); err != nil {
			return placed, fmt.Errorf("ingest: regions: %w", err)
		}
		l.touched.add(r.County, true, r.Township)
		placed++
	}
	return placed, nil
}
