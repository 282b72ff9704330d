package main

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"xxgk/ingest/store"
)

// TestWriteRegionsRoundTrip: the regions an ingest hands to a running
// server are read there as they were read here, each body's kind with
// them (a department handed over used to arrive with none).
func TestWriteRegionsRoundTrip(t *testing.T) {
	want := []store.Region{
		{Org: "丰塔乡人民政府", Township: "丰塔乡", County: "平沙县", City: "盛亭市", Province: "盛亭省", Kind: store.KindTownship},
		{Org: "平沙县人民政府", Township: "平沙县人民政府", County: "平沙县", City: "盛亭市", Province: "盛亭省", Kind: store.KindCountyGovernment},
		{Org: "平沙县教育局", Township: "平沙县教育局", County: "平沙县", City: "盛亭市", Province: "盛亭省", Kind: store.KindDepartment},
		{Org: "龙寺乡人民政府", Township: "龙寺乡", County: "平沙县", Kind: ""},
	}
	path := filepath.Join(t.TempDir(), "regions.csv")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := writeRegions(f, want); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	got, err := store.ReadRegions(path)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, want) {
		t.Errorf("read back:\n%+v\nwant\n%+v", got, want)
	}
}
