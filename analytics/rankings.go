package analytics

import (
	"context"
	"database/sql"
)

// Rankings implements Reader. The metric must be one of Metrics.
func (d *DB) Rankings(ctx context.Context, q RankingQuery) (List[Ranking], error) {
	out := List[Ranking]{Rows: []Ranking{}}
	m, err := ParseMetric(string(q.Metric))
	if err != nil {
		return out, err
	}
	year, err := d.latestYear(ctx, q.Year)
	if err != nil {
		return out, err
	}
	err = d.query(ctx, "rankings", func(rows *sql.Rows) error {
		var r Ranking
		if err := rows.Scan(&r.Name, &r.County, &r.City, &r.Province, &r.Org, &r.ReportID, &r.Year, &r.Metric, &r.Value,
			&r.Numerator, &r.Denominator, &r.SmallSample,
			&r.Rank, &r.Ranked, &r.PrevRank, &r.RankChange,
			&r.CountyRank, &r.CountyRanked, &r.PrevCountyRank, &r.CountyRankChange, &out.Total); err != nil {
			return err
		}
		out.Rows = append(out.Rows, r)
		return nil
	}, year, string(m), q.County, limit(q.Limit), q.Province, q.City)
	return out, err
}
