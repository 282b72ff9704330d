package schema

import (
	"fmt"
	"math"
)

// The arithmetic rules of FORMAT.md, numbered as there.
const (
	RuleBalance      = 1 // per part 三 column: new + carried_in = processed + carried_out
	RuleOutcomes     = 2 // per part 三 column: processed = sum of outcome rows; 2021: other = its sub-rows
	RuleApplicants   = 3 // per part 三 row: total = sum of the six applicant columns
	RuleAppealGroups = 4 // per part 四 group: total = upheld + corrected + other + pending
	// RulePlausible is not arithmetic: a figure beyond any real report
	// (FORMAT.md, "What is not a report"), flagged by the store.
	RulePlausible = 5
)

// Violation is one breach of the template's arithmetic, as printed: the
// figures are never corrected to make a rule hold.
type Violation struct {
	Rule int `json:"rule"`
	// Where names the cell the rule predicts: a canonical key, or for rule 1
	// the column as "s3.*.COLUMN".
	Where    string  `json:"where"`
	Expected float64 `json:"expected"`
	Found    float64 `json:"found"`
}

// String describes the violation for a person reading a report summary.
func (v Violation) String() string {
	return fmt.Sprintf("rule %d (%s): %s expected %s, found %s",
		v.Rule, RuleText(v.Rule), v.Where, FormatNumber(v.Expected), FormatNumber(v.Found))
}

// RuleText states a rule in one line.
func RuleText(rule int) string {
	switch rule {
	case RuleBalance:
		return "new + carried_in = processed + carried_out"
	case RuleOutcomes:
		return "processed = sum of outcomes; other = its sub-rows"
	case RuleApplicants:
		return "total = sum of the applicant columns"
	case RuleAppealGroups:
		return "total = upheld + corrected + other + pending"
	case RulePlausible:
		return "plausible: a count is a whole number from 0 to 100,000,000 (only change is signed)"
	}
	return "unknown rule"
}

// FormatNumber prints a figure the way reports print it: integers without a
// decimal point, amounts with only the decimals they need.
func FormatNumber(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return fmt.Sprintf("%d", int64(v))
	}
	return fmt.Sprintf("%g", v)
}

func equal(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// Check applies rules 1–4 to the figures a report printed. A rule is checked
// only where the cells it needs are present: absent figures are unknown, not
// zero. Rule 2 is the exception: it sums the outcome rows that are present, so
// that a table which drops whole outcome rows is still flagged.
func Check(figures map[string]float64) []Violation {
	var out []Violation
	get := func(k string) (float64, bool) { v, ok := figures[k]; return v, ok }

	for i, c := range S3Columns {
		newV, ok1 := get(S3RowKeys("new")[i])
		inV, ok2 := get(S3RowKeys("carried_in")[i])
		procV, ok3 := get(S3RowKeys("processed")[i])
		outV, ok4 := get(S3RowKeys("carried_out")[i])
		if ok1 && ok2 && ok3 && ok4 && !equal(newV+inV, procV+outV) {
			out = append(out, Violation{RuleBalance, "s3.*." + c.Key, newV + inV, procV + outV})
		}
	}

	for i, c := range S3Columns {
		out = append(out, checkOutcomes(i, c.Key, get)...)
	}

	for _, r := range S3Rows {
		keys := S3RowKeys(r.Key)
		total, ok := get(keys[len(keys)-1])
		if !ok {
			continue
		}
		sum, all := 0.0, true
		for _, k := range keys[:len(keys)-1] {
			v, ok := get(k)
			if !ok {
				all = false
				break
			}
			sum += v
		}
		if all && !equal(sum, total) {
			out = append(out, Violation{RuleApplicants, keys[len(keys)-1], sum, total})
		}
	}

	for _, g := range S4Groups {
		total, ok := get(S4Key(g.Key, "total"))
		if !ok {
			continue
		}
		sum, all := 0.0, true
		for _, c := range S4Columns[:len(S4Columns)-1] {
			v, ok := get(S4Key(g.Key, c.Key))
			if !ok {
				all = false
				break
			}
			sum += v
		}
		if all && !equal(sum, total) {
			out = append(out, Violation{RuleAppealGroups, S4Key(g.Key, "total"), sum, total})
		}
	}
	return out
}

// checkOutcomes applies rule 2 to one part 三 column.
func checkOutcomes(ci int, col string, get func(string) (float64, bool)) []Violation {
	var out []Violation
	subSum, subAny, subAll := 0.0, false, true
	for _, k := range S3OtherSubRows {
		if v, ok := get(S3RowKeys(k)[ci]); ok {
			subSum += v
			subAny = true
		} else {
			subAll = false
		}
	}
	other, otherOK := get(S3RowKeys("other")[ci])
	if otherOK && subAll && !equal(other, subSum) {
		out = append(out, Violation{RuleOutcomes, S3Key("other", col), subSum, other})
	}

	processed, ok := get(S3RowKeys("processed")[ci])
	if !ok {
		return out
	}
	sum, any := 0.0, false
	for _, r := range S3Rows {
		if !r.Outcome {
			continue
		}
		if r.Key == "other" {
			switch {
			case otherOK:
				sum += other
				any = true
			case subAny:
				sum += subSum
				any = true
			}
			continue
		}
		if v, ok := get(S3RowKeys(r.Key)[ci]); ok {
			sum += v
			any = true
		}
	}
	if any && !equal(sum, processed) {
		out = append(out, Violation{RuleOutcomes, S3Key("processed", col), sum, processed})
	}
	return out
}
