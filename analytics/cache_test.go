package analytics

import "testing"

func TestCache(t *testing.T) {
	c := NewCache(demo)
	q := RankingQuery{Year: 2024, Metric: MetricDecisions, County: "平沙县"}
	a, err := c.Rankings(ctx, q)
	if err != nil || len(a.Rows) == 0 {
		t.Fatal(a, err)
	}
	b, _ := c.Rankings(ctx, q)
	if &a.Rows[0] != &b.Rows[0] {
		t.Error("the second call was not answered from the cache")
	}
	if other, _ := c.Rankings(ctx, RankingQuery{Year: 2023, Metric: MetricDecisions, County: "平沙县"}); other.Rows[0].Year != 2023 {
		t.Error("another query was answered with the first one's rows")
	}
	c.Reset()
	if b, _ = c.Rankings(ctx, q); &a.Rows[0] == &b.Rows[0] {
		t.Error("Reset kept the answer")
	}
	if _, err := c.Rankings(ctx, RankingQuery{Metric: "bogus"}); err == nil || len(c.entries) != 1 {
		t.Errorf("an error was cached or lost: %v, %d entries", err, len(c.entries))
	}
	c.max = 1
	c.Years(ctx)
	if len(c.entries) != 1 {
		t.Errorf("%d entries past the bound of 1", len(c.entries))
	}
	h1, _ := c.TownshipHistory(ctx, "北原镇", "平沙县")
	h2, _ := c.TownshipHistory(ctx, "北原镇", "平沙县")
	if h1 == nil || h1 != h2 {
		t.Error("TownshipHistory was not cached")
	}
}
