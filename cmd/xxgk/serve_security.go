package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"xxgk/dashboard"
	"xxgk/dashboard/audit"
	"xxgk/dashboard/auth"
)

// securityFlags are serve's flags of who may use it and how it listens.
type securityFlags struct {
	users, audit    *string
	tlsCert, tlsKey *string
	hosts           hostList
	readTimeout     *time.Duration
	proxy           *bool
}

// hostList is a repeatable flag.
type hostList []string

func (h *hostList) String() string { return strings.Join(*h, ",") }

func (h *hostList) Set(v string) error {
	v = strings.TrimSpace(v)
	if v == "" || strings.ContainsAny(v, "/: ") {
		return fmt.Errorf("want a host name or address without scheme or port, e.g. xxgk.example.gov.cn")
	}
	*h = append(*h, v)
	return nil
}

func addSecurityFlags(fl *flag.FlagSet) *securityFlags {
	f := &securityFlags{
		users:       fl.String("users", "", "accounts `file` (xxgk users add); required to listen beyond loopback"),
		audit:       fl.String("audit", "", "append the audit log (JSON lines: sign-ins, queries, exports, uploads) to `file`"),
		tlsCert:     fl.String("tls-cert", "", "serve HTTPS with this certificate `file` (PEM, with --tls-key)"),
		tlsKey:      fl.String("tls-key", "", "the certificate's private key `file` (PEM)"),
		readTimeout: fl.Duration("read-timeout", defaultReadTimeout, "cut a request whose header and body take longer than this `duration`"),
		proxy:       fl.Bool("proxy", false, "a reverse proxy on this machine serves HTTPS in front: Secure cookies, client address from X-Real-IP"),
	}
	fl.Var(&f.hosts, "host", "a `name` clients use to reach the server (repeatable); other Host headers get 421")
	return f
}

// valid checks the flags that go together.
func (f *securityFlags) valid(stderr io.Writer) bool {
	if (*f.tlsCert == "") != (*f.tlsKey == "") {
		fmt.Fprintln(stderr, "--tls-cert and --tls-key go together")
		return false
	}
	if *f.readTimeout <= 0 {
		fmt.Fprintln(stderr, "--read-timeout must be above 0")
		return false
	}
	return true
}

// security loads the accounts and opens the audit log; close closes it.
func (f *securityFlags) security(addr string, stderr io.Writer) (sec dashboard.Security, close func(), err error) {
	if err := checkExposure(addr, *f.users != ""); err != nil {
		return sec, nil, err
	}
	if *f.proxy && *f.users == "" {
		return sec, nil, fmt.Errorf("--proxy: a reverse proxy serves other machines, so it needs accounts (--users FILE; create them with: xxgk users add --file users.txt --role admin NAME)")
	}
	sec = dashboard.Security{Hosts: allowedHosts(addr, f.hosts), LocalOnly: *f.users == "",
		SecureCookies: *f.proxy || *f.tlsCert != "", TrustProxy: *f.proxy}
	if *f.users != "" {
		if sec.Users, err = auth.LoadUsers(*f.users); err != nil {
			return sec, nil, err
		}
		if sec.Users.Len() == 0 {
			return sec, nil, fmt.Errorf("%s has no accounts; add one with: xxgk users add --file %s --role admin NAME", *f.users, *f.users)
		}
		if st, err := os.Stat(*f.users); err == nil && st.Mode().Perm()&0o077 != 0 {
			fmt.Fprintf(stderr, "xxgk: warning: %s is readable by others (mode %v); chmod 600 %s\n", *f.users, st.Mode().Perm(), *f.users)
		}
	}
	if loopback, _ := isLoopbackAddr(addr); !loopback {
		fmt.Fprintf(stderr, "xxgk: answering the Host names %s (others get 421; add names with --host)\n", strings.Join(sec.Hosts, ", "))
	}
	if *f.audit != "" {
		if sec.Audit, err = audit.Open(*f.audit); err != nil {
			return sec, nil, err
		}
	}
	return sec, func() { sec.Audit.Close() }, nil
}

// listen is where and how to listen.
func (f *securityFlags) listen(addr string, writeTimeout time.Duration) listenConfig {
	return listenConfig{addr: addr, tlsCert: *f.tlsCert, tlsKey: *f.tlsKey, hosts: f.hosts,
		readTimeout: *f.readTimeout, writeTimeout: writeTimeout}
}
