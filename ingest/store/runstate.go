package store

import (
	"context"
	"database/sql"
	"encoding/hex"
	"fmt"
	"hash/maphash"
	"strings"
	"time"

	sqlfiles "xxgk/sql"
)

// What a run keeps per file and per report, for all of its length, is
// kept here without pointers. A national run has 276,133 files and a
// million-report run a million; as Go strings, maps of strings and
// structs of them (about 500 bytes and ten objects a report when every
// current report was read, as a run over a loaded database does) they
// were more than xxgk ingest's soft bound on the Go heap, and the
// collector ran back to back. Bodies (a township and its county) are
// numbered once; a township-year is two numbers; a file's name, hash and
// state are bytes in slices indexed by a number.

// bodyTable numbers the bodies (township and county) a run meets.
type bodyTable struct {
	index map[bodyKey]uint32
	list  []bodyKey
}

type bodyKey struct{ township, county string }

// runKey is a township-year.
type runKey struct {
	body uint32
	year int32
}

func newBodyTable() *bodyTable { return &bodyTable{index: map[bodyKey]uint32{}} }

// key numbers id's body (a new number when add is set and it has none);
// ok says it has one.
func (t *bodyTable) key(id identity, add bool) (k runKey, ok bool) {
	b := bodyKey{id.township, id.county}
	n, ok := t.index[b]
	if !ok {
		if !add {
			return k, false
		}
		n = uint32(len(t.list))
		t.index[b] = n
		t.list = append(t.list, b)
	}
	return runKey{body: n, year: int32(id.year)}, true
}

// identity is the township-year k stands for.
func (t *bodyTable) identity(k runKey) identity {
	b := t.list[k.body]
	return identity{township: b.township, county: b.county, year: int(k.year)}
}

// runSet is the township-years a run has decided (loaded, replaced or
// found unchanged), so that a second report of one in the same run is
// refused.
type runSet struct {
	bodies *bodyTable
	seen   map[runKey]struct{}
}

// newRunSet has its own bodies: the run adds to them on the loader's
// goroutine while the readers look files up in heldReports' (read only
// once loaded).
func newRunSet() *runSet {
	return &runSet{bodies: newBodyTable(), seen: map[runKey]struct{}{}}
}

// add records id as decided.
func (s *runSet) add(id identity) {
	k, _ := s.bodies.key(id, true)
	s.seen[k] = struct{}{}
}

// has says whether id was decided in this run.
func (s *runSet) has(id identity) bool {
	k, ok := s.bodies.key(id, false)
	if !ok {
		return false
	}
	_, ok = s.seen[k]
	return ok
}

// heldReports is every current report, read at once by a bulk run: by
// township-year for the run's decisions (lookup), and by file name for
// the files it need not parse again (file, called by the readers on every
// core). Nothing changes it once loaded.
type heldReports struct {
	bodies *bodyTable
	byKey  map[runKey]int32 // township-year → row
	seed   maphash.Seed
	byName map[uint64]int32 // hash of a file's name → row
	clash  map[string]int32 // names whose hash an earlier name has
	// per row
	id         []int64
	key        []runKey
	sha        [][32]byte
	size       []int64 // -1: the file's state is not recorded
	mtime      []int64 // Unix microseconds, UTC
	names      []byte  // file names end to end
	ends       []uint32
	incomplete []uint8 // index into lists
	lists      [][]string
	counties   map[string]bool
}

// loadHeld reads every current report.
func loadHeld(ctx context.Context, conn *sql.Conn) (*heldReports, error) {
	bodies := newBodyTable()
	h := &heldReports{bodies: bodies, byKey: map[runKey]int32{}, seed: maphash.MakeSeed(), byName: map[uint64]int32{},
		clash: map[string]int32{}, lists: [][]string{nil}, counties: map[string]bool{}}
	listOf := map[string]uint8{"": 0}
	rows, err := conn.QueryContext(ctx, sqlfiles.Query("held_reports"))
	if err != nil {
		return nil, fmt.Errorf("ingest: current reports: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			reportID     int64
			id           identity
			sha, file    string
			inc          []any
			size         sql.NullInt64
			mtime        sql.NullTime
			hash         [32]byte
			incompleteAt uint8
		)
		if err := rows.Scan(&reportID, &id.township, &id.county, &id.year, &sha, &file, &inc, &size, &mtime); err != nil {
			return nil, fmt.Errorf("ingest: current reports: %w", err)
		}
		if n, err := hex.Decode(hash[:], []byte(sha)); err != nil || n != len(hash) {
			return nil, fmt.Errorf("ingest: current reports: report %d (%s) has sha256 %q, not 64 hex digits; the database is damaged", reportID, file, sha)
		}
		list := strs(inc)
		joined := strings.Join(list, "\x00")
		incompleteAt, ok := listOf[joined]
		if !ok {
			if len(h.lists) > 255 {
				return nil, fmt.Errorf("ingest: current reports: more than 255 kinds of incomplete parts (report %d)", reportID)
			}
			incompleteAt = uint8(len(h.lists))
			listOf[joined] = incompleteAt
			h.lists = append(h.lists, list)
		}
		row := int32(len(h.id))
		k, _ := bodies.key(id, true)
		h.byKey[k] = row
		h.counties[bodies.list[k.body].county] = true
		h.id, h.key, h.sha, h.incomplete = append(h.id, reportID), append(h.key, k), append(h.sha, hash), append(h.incomplete, incompleteAt)
		h.size, h.mtime = append(h.size, -1), append(h.mtime, 0)
		if size.Valid {
			h.size[row], h.mtime[row] = size.Int64, mtimeKey(mtime.Time).UnixMicro()
		}
		h.names = append(h.names, file...)
		h.ends = append(h.ends, uint32(len(h.names)))
		if size.Valid {
			h.index(file, row)
		}
	}
	return h, rows.Err()
}

// index files row under its name; a later row of the same name wins.
func (h *heldReports) index(name string, row int32) {
	k := maphash.String(h.seed, name)
	if prev, ok := h.byName[k]; !ok || h.name(prev) == name {
		h.byName[k] = row
		return
	}
	h.clash[name] = row
}

// name is the file the report of row was read from.
func (h *heldReports) name(row int32) string {
	start := uint32(0)
	if row > 0 {
		start = h.ends[row-1]
	}
	return string(h.names[start:h.ends[row]])
}

// lookup returns the current report of a township-year.
func (h *heldReports) lookup(id identity) (existing, bool) {
	k, ok := h.bodies.key(id, false)
	if !ok {
		return existing{}, false
	}
	row, ok := h.byKey[k]
	if !ok {
		return existing{}, false
	}
	return existing{id: h.id[row], sha: hex.EncodeToString(h.sha[row][:]), file: h.name(row), incomplete: h.lists[h.incomplete[row]]}, true
}

// file returns what the store remembers of the file called name, if a
// current report was read from it.
func (h *heldReports) file(name string) (fileState, bool) {
	row, ok := h.byName[maphash.String(h.seed, name)]
	if ok && h.name(row) != name {
		row, ok = h.clash[name]
	}
	if !ok || h.size[row] < 0 {
		return fileState{}, false
	}
	return fileState{size: h.size[row], mtime: time.UnixMicro(h.mtime[row]).UTC(), sha: hex.EncodeToString(h.sha[row][:]),
		id: h.bodies.identity(h.key[row])}, true
}

// knownFiles is what the store remembers of files by name: a heldReports
// in a bulk run, a map of the batch's own files in a small one.
type knownFiles interface {
	file(name string) (fileState, bool)
}

type knownMap map[string]fileState

func (m knownMap) file(name string) (fileState, bool) {
	f, ok := m[name]
	return f, ok
}
