package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runXXGK runs the program in-process and returns its exit status and output.
func runXXGK(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func TestParseCommand(t *testing.T) {
	dir := t.TempDir()
	seed, err := os.ReadFile("../../fixtures/seed/danzhu-2020.txt")
	if err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(dir, "a-danzhu.txt")
	bad := filepath.Join(dir, "b-empty.txt")
	notReport := filepath.Join(dir, "c-notice.html")
	for name, data := range map[string][]byte{
		good:      seed,
		bad:       nil,
		notReport: []byte("<html><body><p>关于开展春季植树活动的通知</p></body></html>"),
	} {
		if err := os.WriteFile(name, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(dir, "answers.jsonl"), []byte("{}"), 0o644) // not a report form: skipped in a walk

	t.Run("json lines, one per file, errors after all files", func(t *testing.T) {
		code, out, errOut := runXXGK(t, "parse", "--json", dir)
		if code != 1 {
			t.Errorf("exit status %d, want 1 (two files fail)", code)
		}
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if len(lines) != 3 {
			t.Fatalf("%d lines, want 3:\n%s", len(lines), out)
		}
		var first struct {
			File      string             `json:"file"`
			Org       string             `json:"org"`
			Year      int                `json:"year"`
			Template  string             `json:"template"`
			Published *string            `json:"published"`
			Figures   map[string]float64 `json:"figures"`
			Checks    []any              `json:"checks"`
			Blank     []string           `json:"blank"`
			Error     *string            `json:"error"`
		}
		if err := json.Unmarshal([]byte(lines[0]), &first); err != nil {
			t.Fatal(err)
		}
		if first.File != good || first.Org != "丹朱镇人民政府" || first.Year != 2020 || first.Template != "2019" ||
			first.Published != nil || first.Error != nil {
			t.Errorf("identity = %+v", first)
		}
		if first.Figures["proactive_items"] != 65 || len(first.Figures) != 199 || len(first.Checks) != 0 || len(first.Blank) != 5 {
			t.Errorf("figures %d, proactive_items %v, checks %v, blank %v", len(first.Figures),
				first.Figures["proactive_items"], first.Checks, first.Blank)
		}
		for i, want := range []string{"empty", "not a 政府信息公开工作年度报告"} {
			var r struct {
				Error *string `json:"error"`
			}
			json.Unmarshal([]byte(lines[i+1]), &r)
			if r.Error == nil || !strings.Contains(*r.Error, want) {
				t.Errorf("line %d error = %v, want one saying %q", i+2, r.Error, want)
			}
		}
		if !strings.Contains(errOut, "2 of 3 files") {
			t.Errorf("stderr %q does not count the failures", errOut)
		}
	})

	t.Run("summary", func(t *testing.T) {
		code, out, _ := runXXGK(t, "parse", good)
		if code != 0 {
			t.Errorf("exit status %d, want 0", code)
		}
		for _, want := range []string{"丹朱镇人民政府 · 2020 · template 2019 · text", "proactive_items 65", "checks: all rules hold",
			"blank: s4.review.upheld"} {
			if !strings.Contains(out, want) {
				t.Errorf("summary lacks %q:\n%s", want, out)
			}
		}
	})

	t.Run("usage errors", func(t *testing.T) {
		if code, _, _ := runXXGK(t, "parse"); code != 2 {
			t.Errorf("no arguments: exit status %d, want 2", code)
		}
		if code, _, errOut := runXXGK(t, "parse", filepath.Join(dir, "missing.txt")); code != 1 || !strings.Contains(errOut, "missing.txt") {
			t.Errorf("missing file: exit status %d, stderr %q", code, errOut)
		}
		if code, _, _ := runXXGK(t, "frobnicate"); code != 2 {
			t.Errorf("unknown command: exit status %d, want 2", code)
		}
	})
}
