package main

import (
	"os"
	"slices"
	"strings"
	"testing"
)

func TestConfigureDuckDBAllocator(t *testing.T) {
	cases := []struct {
		name      string
		command   string
		given     *string // nil: unset
		want      string
		childSees *string // nil: unset
	}{
		{"serve, unset: pages returned", "serve", nil, servingAllocatorConf, nil},
		{"demo serves too", "demo", nil, servingAllocatorConf, nil},
		{"ingest, unset: released, default decay", "ingest", nil, batchAllocatorConf, nil},
		{"bench, unset: its children choose their own", "bench", nil, batchAllocatorConf, nil},
		{"the operator's own kept, children too", "serve", ptr("retain:true,narenas:2"), "retain:true,narenas:2", ptr("retain:true,narenas:2")},
		{"set empty: kept empty", "ingest", ptr(""), "", ptr("")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv(duckdbAllocatorEnv, "") // restores the variable afterwards
			defer func(was bool) { allocatorSetByUs = was }(allocatorSetByUs)
			allocatorSetByUs = false
			if c.given == nil {
				os.Unsetenv(duckdbAllocatorEnv)
			} else {
				os.Setenv(duckdbAllocatorEnv, *c.given)
			}
			configureDuckDBAllocator(c.command)
			if got := os.Getenv(duckdbAllocatorEnv); got != c.want {
				t.Errorf("%s = %q, want %q", duckdbAllocatorEnv, got, c.want)
			}
			i := slices.IndexFunc(childEnviron(), func(kv string) bool { return strings.HasPrefix(kv, duckdbAllocatorEnv+"=") })
			switch {
			case c.childSees == nil && i >= 0:
				t.Errorf("a child inherits %s", childEnviron()[i])
			case c.childSees != nil && (i < 0 || childEnviron()[i] != duckdbAllocatorEnv+"="+*c.childSees):
				t.Errorf("a child does not see %s=%q", duckdbAllocatorEnv, *c.childSees)
			}
		})
	}
}

func ptr(s string) *string { return &s }
