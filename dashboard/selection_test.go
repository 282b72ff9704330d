package dashboard

import "testing"

// TestSelectionEncodeIsValuesEncode: Encode writes what Values().Encode()
// writes, for every parameter set or not and values that need escaping.
func TestSelectionEncodeIsValuesEncode(t *testing.T) {
	odd := []string{"", "上冲区", "a b&c=d+e/f?", "城关镇%", "x"}
	for i := range 1 << 8 {
		pick := func(bit int) string { return odd[(i>>bit)%2*(1+bit%4)] }
		s := Selection{Province: pick(0), City: pick(1), County: pick(2), Town: pick(3), Kind: pick(4), Status: pick(5)}
		if i&(1<<6) != 0 {
			s.Year = 2024
		}
		s.Metric = Metrics[(i>>7)%2*(len(Metrics)-1)]
		if got, want := s.Encode(), s.Values().Encode(); got != want {
			t.Errorf("%+v: Encode %q, Values().Encode() %q", s, got, want)
		}
	}
	if got := (Selection{}).Encode(); got != "" {
		t.Errorf("the empty selection: %q", got)
	}
}
