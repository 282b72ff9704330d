package dashboard

import (
	"strings"
	"testing"
)

// TestTownshipIndexByKind: the index lists every body, or only those of
// the kind asked for; an unknown kind is the user's error.
func TestTownshipIndexByKind(t *testing.T) {
	s, _ := newTestServer(t, newFake())
	_, all := get(t, s, "/township")
	if !strings.Contains(all, "单位类别：<strong>全部单位</strong>") || !strings.Contains(all, townA.Name) {
		t.Errorf("the index lacks the kind filter or %s", townA.Name)
	}
	res, towns := get(t, s, "/township?body_kind=township")
	if res.StatusCode != 200 || !strings.Contains(towns, townA.Name) || !strings.Contains(towns, "<strong>乡镇（街道）</strong>") {
		t.Errorf("body_kind=township: %d, lacks %s or the marked choice", res.StatusCode, townA.Name)
	}
	_, depts := get(t, s, "/township?body_kind=department")
	if strings.Contains(depts, townA.Name) {
		t.Errorf("body_kind=department lists the township %s", townA.Name)
	}
	if res, body := get(t, s, "/township?body_kind=bureau"); res.StatusCode != 400 || !strings.Contains(body, "单位类别无效") {
		t.Errorf("body_kind=bureau: %d", res.StatusCode)
	}
}
