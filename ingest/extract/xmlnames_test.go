package extract

import "testing"

// TestXMLNameSwitches checks the switches that replace map lookups per
// element against the maps they stand for.
func TestXMLNameSwitches(t *testing.T) {
	for name := range knownXML {
		if got := intern([]byte("w:" + name)); got != name {
			t.Errorf("intern(w:%s) = %q", name, got)
		}
	}
	for _, name := range []string{"", "body", "r", "P", "tblpr", "w:", "document"} {
		if got := intern([]byte(name)); got != knownXML[name] {
			t.Errorf("intern(%q) = %q, want %q", name, got, knownXML[name])
		}
	}
	names := []string{"", "p", "body", "RPR"}
	for name := range knownXML {
		names = append(names, name)
	}
	for _, name := range names {
		if got := skippedName(name); got != skippedXML[name] {
			t.Errorf("skippedName(%q) = %v, want %v", name, got, skippedXML[name])
		}
	}
}
