package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	sqlfiles "xxgk/sql"
)

// The statuses of a review decision (review_decisions.status).
const (
	StatusOpen      = "open"
	StatusConfirmed = "confirmed"
	StatusDismissed = "dismissed"
)

// MaxComment bounds a decision's comment, in characters.
const MaxComment = 2000

// ErrUnknownFlag says no flag of review_queue has the id.
var ErrUnknownFlag = errors.New("store: no such flag")

// ErrBadDecision says a decision's status, comment or author is not
// acceptable; the message says which.
var ErrBadDecision = errors.New("store: bad decision")

// Decision is a supervisor's decision on one flag of review_queue.
type Decision struct {
	FlagID  string
	Status  string // StatusOpen, StatusConfirmed or StatusDismissed
	Comment string
	By      string    // the account that decides
	At      time.Time // zero: now
}

// Decided is a decision as recorded, with the flag it was about.
type Decided struct {
	DecisionID int64     `json:"decision_id"`
	FlagID     string    `json:"flag_id"`
	Status     string    `json:"status"`
	Comment    string    `json:"comment"`
	By         string    `json:"decided_by"`
	At         time.Time `json:"decided_at"`
	Kind       string    `json:"kind"`
	Rule       string    `json:"rule"`
	Org        string    `json:"org"`
	Township   string    `json:"township"`
	County     string    `json:"county"`
	Year       int       `json:"year"`
	Cells      string    `json:"cells"`
	Evidence   string    `json:"evidence"`
	Basis      string    `json:"basis"`
}

// Validate checks a decision before it is written.
func (d Decision) Validate() error {
	switch {
	case d.Status != StatusOpen && d.Status != StatusConfirmed && d.Status != StatusDismissed:
		return fmt.Errorf("%w: status %q (want open, confirmed or dismissed)", ErrBadDecision, d.Status)
	case !utf8.ValidString(d.Comment) || utf8.RuneCountInString(d.Comment) > MaxComment:
		return fmt.Errorf("%w: comment is not UTF-8 or longer than %d characters", ErrBadDecision, MaxComment)
	case strings.TrimSpace(d.By) == "":
		return fmt.Errorf("%w: no author", ErrBadDecision)
	case len(d.FlagID) == 0 || len(d.FlagID) > 64:
		return fmt.Errorf("%w: flag id %q", ErrBadDecision, d.FlagID)
	}
	return nil
}

// Decide records a decision on the flag of review_queue with d.FlagID, with
// the flag's current basis, so that the decision holds while the figures
// the flag rests on stay the same. It is the store's write: decisions are
// serialised among themselves (not with ingest runs, which touch other
// tables), and OnCommit runs after the commit so that pages show it at once.
func (s *Store) Decide(ctx context.Context, d Decision) (Decided, error) {
	if err := d.Validate(); err != nil {
		return Decided{}, err
	}
	if d.At.IsZero() {
		d.At = time.Now()
	}
	s.deciding.Lock()
	defer s.deciding.Unlock()
	tx, err := s.DB.BeginTx(ctx, nil)
	if err != nil {
		return Decided{}, fmt.Errorf("store: decide: %w", err)
	}
	defer tx.Rollback()
	out := Decided{FlagID: d.FlagID, Status: d.Status, Comment: d.Comment, By: d.By, At: d.At.UTC().Truncate(time.Microsecond)}
	var org, county sql.NullString
	// m_flags, unless a run's refresh is pending (flags.go): then the
	// view, for the marked counties alone when it can (sqlfiles.PlanFlags),
	// in the same transaction as the marks.
	plan, err := flagPlan(ctx, tx)
	if err != nil {
		return Decided{}, fmt.Errorf("store: decide %s: %w", d.FlagID, err)
	}
	err = sql.ErrNoRows
	for _, p := range plan.Parts("") {
		err = tx.QueryRowContext(ctx, sqlfiles.Query("review_flag"), d.FlagID, p.Rel, p.County, p.Except).Scan(
			&out.Kind, &out.Rule, &org, &out.Township, &county, &out.Year, &out.Cells, &out.Evidence, &out.Basis)
		if !errors.Is(err, sql.ErrNoRows) {
			break
		}
	}
	if errors.Is(err, sql.ErrNoRows) {
		return Decided{}, fmt.Errorf("%w: %s", ErrUnknownFlag, d.FlagID)
	}
	if err != nil {
		return Decided{}, fmt.Errorf("store: decide %s: %w", d.FlagID, err)
	}
	out.Org, out.County = org.String, county.String
	err = tx.QueryRowContext(ctx, sqlfiles.Query("insert_decision"), out.FlagID, out.Status, out.Comment, out.Basis,
		out.By, out.At, out.Kind, out.Rule, org, out.Township, county, out.Year, out.Cells, out.Evidence).Scan(&out.DecisionID)
	if err != nil {
		return Decided{}, fmt.Errorf("store: decide %s: %w", d.FlagID, err)
	}
	if err := tx.Commit(); err != nil {
		return Decided{}, fmt.Errorf("store: decide %s: %w", d.FlagID, err)
	}
	if s.OnCommit != nil {
		s.OnCommit()
	}
	return out, nil
}

// flagPlan is where a flag of any area is read from in tx: the marks of
// m_flags_stale (analytics/flags_marks.sql) planned by sqlfiles.PlanFlags.
func flagPlan(ctx context.Context, tx *sql.Tx) (sqlfiles.FlagPlan, error) {
	rows, err := tx.QueryContext(ctx, sqlfiles.Query("analytics/flags_marks"), "", "", "")
	if err != nil {
		return sqlfiles.FlagPlan{}, err
	}
	defer rows.Close()
	var marks []sqlfiles.FlagMark
	for rows.Next() {
		m, err := sqlfiles.ScanFlagMark(rows)
		if err != nil {
			return sqlfiles.FlagPlan{}, err
		}
		marks = append(marks, m)
	}
	if err := rows.Err(); err != nil {
		return sqlfiles.FlagPlan{}, err
	}
	return sqlfiles.PlanFlags("", marks), nil
}
