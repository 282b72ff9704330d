package store

import (
	"hash/maphash"
	"testing"
	"time"
)

// TestHeldReportsFindFiles looks files up by name, including two names
// whose hashes clash (made by hand: a real clash of 64-bit hashes is not
// to be found) and a report whose file's state is not recorded.
func TestHeldReportsFindFiles(t *testing.T) {
	h := &heldReports{bodies: newBodyTable(), byKey: map[runKey]int32{}, seed: maphash.MakeSeed(),
		byName: map[uint64]int32{}, clash: map[string]int32{}, lists: [][]string{nil}}
	when := time.Date(2026, 3, 31, 8, 0, 0, 123456000, time.UTC)
	for i, f := range []struct {
		name string
		size int64
		id   identity
	}{
		{"a/甲镇-2024.txt", 10, identity{"甲镇", "甲县", 2024}},
		{"a/乙镇-2024.txt", 20, identity{"乙镇", "甲县", 2024}},
		{"b/丙镇-2024.txt", -1, identity{"丙镇", "", 2024}},
	} {
		k, _ := h.bodies.key(f.id, true)
		h.byKey[k] = int32(i)
		h.id, h.key, h.sha, h.incomplete = append(h.id, int64(100+i)), append(h.key, k), append(h.sha, [32]byte{byte(i)}), append(h.incomplete, 0)
		h.size, h.mtime = append(h.size, f.size), append(h.mtime, when.UnixMicro())
		h.names = append(h.names, f.name...)
		h.ends = append(h.ends, uint32(len(h.names)))
		if i == 1 {
			// 乙镇's name takes the slot of 甲镇's hash, as a clash would.
			h.byName[maphash.String(h.seed, "a/乙镇-2024.txt")] = 0
		}
		if f.size >= 0 {
			h.index(f.name, int32(i))
		}
	}
	for _, tc := range []struct {
		name string
		size int64
		id   identity
		ok   bool
	}{
		{"a/甲镇-2024.txt", 10, identity{"甲镇", "甲县", 2024}, true},
		{"a/乙镇-2024.txt", 20, identity{"乙镇", "甲县", 2024}, true},
		{"b/丙镇-2024.txt", 0, identity{}, false}, // its file's state is not recorded
		{"c/丁镇-2024.txt", 0, identity{}, false},
	} {
		f, ok := h.file(tc.name)
		if ok != tc.ok || f.size != tc.size || f.id != tc.id || (ok && !f.mtime.Equal(when)) {
			t.Errorf("file(%s) = %+v, %v; want size %d, %+v, %v", tc.name, f, ok, tc.size, tc.id, tc.ok)
		}
	}
	if len(h.clash) != 1 {
		t.Errorf("%d names in clash, want 1", len(h.clash))
	}
	e, ok := h.lookup(identity{"丙镇", "", 2024})
	if !ok || e.id != 102 || e.file != "b/丙镇-2024.txt" || e.sha[:4] != "0200" {
		t.Errorf("lookup(丙镇 2024) = %+v, %v", e, ok)
	}
	if _, ok := h.lookup(identity{"丙镇", "", 2023}); ok {
		t.Error("lookup(丙镇 2023) found a report")
	}
}
