package main

import (
	"os"
	"testing"
)

func TestConfigureDuckDBAllocator(t *testing.T) {
	cases := []struct {
		name  string
		given *string // nil: unset
		want  string
	}{
		{"unset: released", nil, "retain:false"},
		{"the operator's own kept", ptr("retain:true,narenas:2"), "retain:true,narenas:2"},
		{"set empty: kept empty", ptr(""), ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv(duckdbAllocatorEnv, "") // restores the variable afterwards
			if c.given == nil {
				os.Unsetenv(duckdbAllocatorEnv)
			} else {
				os.Setenv(duckdbAllocatorEnv, *c.given)
			}
			configureDuckDBAllocator()
			if got := os.Getenv(duckdbAllocatorEnv); got != c.want {
				t.Errorf("%s = %q, want %q", duckdbAllocatorEnv, got, c.want)
			}
		})
	}
}

func ptr(s string) *string { return &s }
