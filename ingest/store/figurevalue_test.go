package store

import (
	"math"
	"testing"
)

func TestFigureValue(t *testing.T) {
	for _, v := range []float64{0, 1, 7, 1023, 1023.5, 1024, 12.25, -1, math.Copysign(0, -1), 1e12, math.Inf(1)} {
		got, ok := figureValue(v).(float64)
		if !ok || math.Float64bits(got) != math.Float64bits(v) {
			t.Errorf("figureValue(%v) = %v, want %v bit for bit", v, figureValue(v), v)
		}
	}
	if got := figureValue(math.NaN()).(float64); !math.IsNaN(got) {
		t.Errorf("figureValue(NaN) = %v", got)
	}
	if n := testing.AllocsPerRun(100, func() { _ = figureValue(65) }); n != 0 {
		t.Errorf("figureValue(65) allocates %v times, want 0", n)
	}
}
