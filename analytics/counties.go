package analytics

import (
	"context"
	"database/sql"
)

// CountyYear is one county in one year beside the others: its roll-up, the
// medians of its townships' headline figures, and its rank among the
// counties of the selection by the median composite activity index, with
// the change from the year before (computed in SQL; positive moved up).
type CountyYear struct {
	Province string `json:"province"`
	City     string `json:"city"`
	County   string `json:"county"`
	Year     int    `json:"year"`

	Townships    int `json:"townships"`
	Reports      int `json:"reports"`
	Missing      int `json:"missing"`
	ZeroActivity int `json:"zero_activity"`
	Flagged      int `json:"flagged"`

	ProactiveItems       *float64 `json:"proactive_items"`
	ProactiveItemsMedian *float64 `json:"proactive_items_median"`
	RequestsNew          *float64 `json:"requests_new"`
	RequestsNewMedian    *float64 `json:"requests_new_median"`
	RequestsProcessed    *float64 `json:"requests_processed"`
	GrantedOrPartial     *float64 `json:"granted_or_partial"`
	GrantRate            *float64 `json:"grant_rate"`
	AppealsTotal         *float64 `json:"appeals_total"`
	ActivityIndexMedian  *float64 `json:"activity_index_median"`

	Rank       *int `json:"rank"`
	Ranked     int  `json:"ranked"`
	PrevRank   *int `json:"prev_rank"`
	RankChange *int `json:"rank_change"`
}

// CountyComparison implements Reader.
func (d *DB) CountyComparison(ctx context.Context, s Scope) ([]CountyYear, error) {
	out := []CountyYear{}
	err := d.query(ctx, "county_comparison", func(rows *sql.Rows) error {
		var c CountyYear
		if err := rows.Scan(&c.Province, &c.City, &c.County, &c.Year,
			&c.Townships, &c.Reports, &c.Missing, &c.ZeroActivity, &c.Flagged,
			&c.ProactiveItems, &c.ProactiveItemsMedian, &c.RequestsNew, &c.RequestsNewMedian,
			&c.RequestsProcessed, &c.GrantedOrPartial, &c.GrantRate, &c.AppealsTotal, &c.ActivityIndexMedian,
			&c.Rank, &c.Ranked, &c.PrevRank, &c.RankChange); err != nil {
			return err
		}
		out = append(out, c)
		return nil
	}, s.Province, s.City, MaxLimit)
	return out, err
}
