package analytics

import (
	"context"
	"database/sql"
)

// Rankings implements Reader. The metric must be one of Metrics.
func (d *DB) Rankings(ctx context.Context, q RankingQuery) ([]Ranking, error) {
	m, err := ParseMetric(string(q.Metric))
	if err != nil {
		return nil, err
	}
	year, err := d.latestYear(ctx, q.Year)
	if err != nil {
		return nil, err
	}
	out := []Ranking{}
	err = d.query(ctx, "rankings", func(rows *sql.Rows) error {
		var r Ranking
		if err := rows.Scan(&r.Name, &r.County, &r.City, &r.Province, &r.Org, &r.ReportID, &r.Year, &r.Metric, &r.Value,
			&r.Rank, &r.Ranked, &r.PrevRank, &r.RankChange,
			&r.CountyRank, &r.CountyRanked, &r.PrevCountyRank, &r.CountyRankChange); err != nil {
			return err
		}
		out = append(out, r)
		return nil
	}, year, string(m), q.County, limit(q.Limit), q.Province, q.City)
	return out, err
}
