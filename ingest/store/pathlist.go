package store

import (
	"fmt"
	"math"
	"path/filepath"
	"strings"
)

// PathList holds the paths of a run's files compactly: each folder once,
// and the base names end to end in one byte slice. A national run lists
// 276,133 files and a million-report run a million; as Go strings (and
// Sources beside them) they were about 170 bytes a file of pointers that
// the collector scans on every cycle, and under xxgk ingest's soft bound
// on the Go heap a million of them made it collect back to back. Here a
// file costs its base name and 8 bytes, none of them pointers.
type PathList struct {
	dirs  []string          // distinct folders, with their trailing separator
	dirOf map[string]uint32 // folder → index in dirs
	last  uint32            // the folder of the last path added: a walk adds a folder's files together
	dir   []uint32          // per path, its folder
	names []byte            // base names, end to end
	ends  []uint32          // per path, where its base name ends in names
}

// Add appends a path. It fails only when the names would pass 4 GB.
func (p *PathList) Add(path string) error {
	i := strings.LastIndexAny(path, separators) + 1
	dir, name := path[:i], path[i:]
	if uint64(len(p.names))+uint64(len(name)) > math.MaxUint32 {
		return fmt.Errorf("store: too many files in one run (their names pass 4 GB at %s); ingest the folders in several runs", EscapeName(path))
	}
	d, ok := p.last, len(p.dirs) > 0 && p.dirs[p.last] == dir
	if !ok {
		if p.dirOf == nil {
			p.dirOf = map[string]uint32{}
		}
		if d, ok = p.dirOf[dir]; !ok {
			d = uint32(len(p.dirs))
			p.dirs = append(p.dirs, strings.Clone(dir))
			p.dirOf[p.dirs[d]] = d
		}
		p.last = d
	}
	p.dir = append(p.dir, d)
	p.names = append(p.names, name...)
	p.ends = append(p.ends, uint32(len(p.names)))
	return nil
}

// separators end a folder's part of a path: '/' everywhere, and the
// system's own ('\\' on Windows).
const separators = "/" + string(filepath.Separator)

// Len is the number of paths.
func (p *PathList) Len() int { return len(p.ends) }

// At returns the i-th path, as it was added.
func (p *PathList) At(i int) string {
	start := uint32(0)
	if i > 0 {
		start = p.ends[i-1]
	}
	return p.dirs[p.dir[i]] + string(p.names[start:p.ends[i]])
}

// Paths lists the paths as strings, for a caller that wants few of them.
func (p *PathList) Paths() []string {
	out := make([]string, p.Len())
	for i := range out {
		out[i] = p.At(i)
	}
	return out
}

// PathListOf makes a list of paths.
func PathListOf(paths []string) (*PathList, error) {
	p := &PathList{}
	for _, path := range paths {
		if err := p.Add(path); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// A sourceList is a run's sources, read one at a time: a slice of Sources
// (an upload) or a PathList (a folder walked by xxgk ingest).
type sourceList interface {
	Len() int
	source(i int) Source
}

type sourceSlice []Source

func (s sourceSlice) Len() int            { return len(s) }
func (s sourceSlice) source(i int) Source { return s[i] }
func (p *PathList) source(i int) Source   { return Source{Path: p.At(i)} }
