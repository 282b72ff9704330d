package dashboard

import (
	"strings"

	"xxgk/analytics"
	"xxgk/ingest/schema"
)

// The labels of part 三's outcome groups and applicant columns, taken
// from the template as ingest/schema records it.

// outcomeKeys are the outcome groups of part 三, in template order: the
// analytics.Requests fields outcomes returns.
var outcomeKeys = [6]string{"granted", "partial", "denied", "unavailable", "rejected", "other"}

// outcomeLabels name outcomeKeys as the template prints them, without the
// ordinal and the note: "(二)部分公开(区分处理的，…)" → "部分公开".
var outcomeLabels = func() [6]string {
	var out [6]string
	for i, k := range outcomeKeys {
		for _, r := range schema.S3Rows {
			label := ""
			switch {
			case r.Key == k:
				label = r.Label
			case strings.HasPrefix(r.Key, k+".") && r.Group != "":
				label = r.Group
			}
			if label != "" && out[i] == "" {
				out[i] = bareLabel(label)
			}
		}
	}
	return out
}()

// bareLabel drops a printed label's leading ordinal "(三)" and trailing
// note "(区分处理的…)".
func bareLabel(s string) string {
	if strings.HasPrefix(s, "(") {
		if i := strings.Index(s, ")"); i > 0 {
			s = s[i+1:]
		}
	}
	if i := strings.Index(s, "("); i > 0 {
		s = s[:i]
	}
	return s
}

// applicantKeys and applicantLabels are the applicant columns of part 三
// (total aside), as the template prints them.
var applicantKeys, applicantLabels = func() (keys, labels [6]string) {
	for i, c := range schema.S3Columns[:6] {
		keys[i], labels[i] = c.Key, c.Label
	}
	return keys, labels
}()

// outcomes are a report's outcome groups, in the order of outcomeKeys.
func outcomes(q analytics.Requests) [6]*float64 {
	return [6]*float64{q.Granted, q.Partial, q.Denied, q.Unavailable, q.Rejected, q.Other}
}

// applicants are the new requests by applicant, in the order of
// applicantKeys.
func applicants(a analytics.Applicants) [6]*float64 {
	return [6]*float64{a.Natural, a.Commercial, a.Research, a.Social, a.Legal, a.Other}
}
