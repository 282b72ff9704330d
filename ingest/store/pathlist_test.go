package store

import (
	"slices"
	"testing"
)

func TestPathList(t *testing.T) {
	for _, tc := range []struct {
		name  string
		paths []string
		dirs  int
	}{
		{"none", nil, 0},
		{"one folder", []string{"a/x.txt", "a/y.txt", "a/z.docx"}, 1},
		{"a folder again after another", []string{"a/x.txt", "b/x.txt", "a/y.txt"}, 2},
		{"no folder, root, nested", []string{"x.txt", "/x.txt", "/r/省/县/镇-2020.txt", "./y.txt"}, 4},
		{"names that are not UTF-8 or hold controls", []string{"d/\xff.txt", "d/a\x1bb.txt", "d/"}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			list, err := PathListOf(tc.paths)
			if err != nil {
				t.Fatal(err)
			}
			if list.Len() != len(tc.paths) || len(list.dirs) != tc.dirs {
				t.Errorf("%d paths in %d folders, want %d in %d", list.Len(), len(list.dirs), len(tc.paths), tc.dirs)
			}
			got := list.Paths()
			if len(tc.paths) == 0 {
				got = nil
			}
			if !slices.Equal(got, tc.paths) {
				t.Errorf("paths = %q, want %q", got, tc.paths)
			}
			for i, p := range tc.paths {
				if src := list.source(i); src.Path != p || src.name() != EscapeName(p) {
					t.Errorf("source %d = %+v (name %q), want %q", i, src, src.name(), p)
				}
			}
		})
	}
}
