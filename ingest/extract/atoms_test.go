package extract

import (
	"testing"

	"golang.org/x/net/html/atom"
)

// TestAtomSwitches checks the switches that replace map lookups per element
// against the maps they stand for, over every atom the maps name and more.
func TestAtomSwitches(t *testing.T) {
	var all []atom.Atom
	for _, m := range []map[atom.Atom]bool{skippedAtoms, blockAtoms, tableContext, irregularAtoms, voidAtoms, phrasingAtoms, selfNesting} {
		for a := range m {
			all = append(all, a)
		}
	}
	all = append(all, 0, atom.A, atom.Span, atom.Img, atom.Font, atom.Col, atom.Noframes)
	for _, a := range all {
		if got, want := skippedAtom(a), skippedAtoms[a]; got != want {
			t.Errorf("skippedAtom(%v) = %v, want %v", a, got, want)
		}
		if got, want := blockAtom(a), blockAtoms[a]; got != want {
			t.Errorf("blockAtom(%v) = %v, want %v", a, got, want)
		}
		if got, want := tableAtom(a), tableContext[a]; got != want {
			t.Errorf("tableAtom(%v) = %v, want %v", a, got, want)
		}
		for _, f := range []struct {
			name string
			fn   func(atom.Atom) bool
			m    map[atom.Atom]bool
		}{{"irregularAtom", irregularAtom, irregularAtoms}, {"voidAtom", voidAtom, voidAtoms},
			{"phrasingAtom", phrasingAtom, phrasingAtoms}, {"selfNestingAtom", selfNestingAtom, selfNesting}} {
			if got, want := f.fn(a), f.m[a]; got != want {
				t.Errorf("%s(%v) = %v, want %v", f.name, a, got, want)
			}
		}
	}
}
