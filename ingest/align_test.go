package ingest

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"xxgk/ingest/schema"
)

// alignRowsByMax is alignRows as it was, its programme's maximum the
// builtin max: the oracle of the comparisons that replaced it.
func alignRowsByMax(rows []s3Row, slots []schema.S3Row) []int {
	n, m := len(rows), len(slots)
	negInf := math.Inf(-1)
	slotOf := make(map[string]int, m)
	for j, s := range slots {
		slotOf[s.Key] = j
	}
	scores := make([]float64, n*m)
	for i, r := range rows {
		sc := scores[i*m : (i+1)*m]
		for j := range sc {
			sc[j] = scoreSequence
			if r.strong {
				sc[j] = negInf
			}
		}
		for k, w := range r.cands {
			j, ok := slotOf[k]
			switch {
			case !ok:
			case r.strong:
				sc[j] = float64(scoreOwnLabel * w)
			default:
				sc[j] = float64(scoreHint*w) - 0.001*float64(j)
			}
		}
	}
	score := func(i, j int) float64 { return scores[i*m+j] }
	f := make([][]float64, n+1)
	for i := range f {
		f[i] = make([]float64, m+1)
	}
	for i := 1; i <= n; i++ {
		drop := 0.0
		if rows[i-1].strong {
			drop = -costDropStrong
		}
		f[i][0] = f[i-1][0] + drop
		for j := 1; j <= m; j++ {
			f[i][j] = max(f[i-1][j]+drop, f[i][j-1], f[i-1][j-1]+score(i-1, j-1))
		}
	}
	assign := make([]int, n)
	for i, j := n, m; i > 0; {
		switch {
		case j > 0 && f[i][j] == f[i-1][j-1]+score(i-1, j-1):
			assign[i-1] = j - 1
			i, j = i-1, j-1
		case j > 0 && f[i][j] == f[i][j-1]:
			j--
		default:
			assign[i-1] = -1
			i--
		}
	}
	return assign
}

// TestAlignRowsIsByMax: alignRows places rows where the builtin max placed
// them, for 1,000 random sequences of rows (none to forty, their labels
// naming up to three of part 三's rows or a key of none, strong or not,
// weights 1 to 3), on the template's rows and on a cut of them, with
// pooled tables reused from one case to the next.
func TestAlignRowsIsByMax(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	var s scratch
	placed, dropped := 0, 0
	for c := range 1000 {
		slots := schema.S3Rows
		if c%3 == 0 {
			slots = slots[rng.IntN(len(slots)):]
		}
		rows := make([]s3Row, rng.IntN(41))
		for i := range rows {
			rows[i].strong = rng.IntN(3) == 0
			if k := rng.IntN(4); k > 0 {
				rows[i].cands = map[string]int{}
				for range k {
					key := "none"
					if rng.IntN(5) > 0 {
						key = schema.S3Rows[rng.IntN(len(schema.S3Rows))].Key
					}
					rows[i].cands[key] = 1 + rng.IntN(3)
				}
			}
		}
		got, want := alignRows(rows, slots, &s), alignRowsByMax(rows, slots)
		if !slices.Equal(got, want) {
			t.Fatalf("case %d: alignRows %v, by the builtin max %v", c, got, want)
		}
		for _, j := range got {
			placed += boolInt(j >= 0)
			dropped += boolInt(j < 0)
		}
	}
	if placed < 3000 || dropped < 300 {
		t.Errorf("%d rows placed, %d left: the check checks little", placed, dropped)
	}
}
