package main

import (
	"cmp"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"strings"
	"time"

	"xxgk/dashboard"
)

// HTTP server bounds: a client that sends its header slowly, its body
// slowly, or keeps a connection idle is cut off; headers are at most
// 64 KiB.
const (
	readHeaderTimeout  = 10 * time.Second
	defaultReadTimeout = 30 * time.Second
	idleTimeout        = 2 * time.Minute
	maxHeaderBytes     = 64 << 10
)

// listenConfig is where and how serve and demo listen.
type listenConfig struct {
	addr            string
	tlsCert, tlsKey string
	hosts           []string      // names besides loopback's that the Host header may carry
	readTimeout     time.Duration // a request, body included
	writeTimeout    time.Duration // a response (streaming exports extend it)
}

// errOpenWithoutAccounts refuses to serve beyond this machine without
// accounts.
var errOpenWithoutAccounts = errors.New("refusing to listen beyond this machine without accounts: anyone on the network could read every report and run SQL")

// checkExposure refuses an address other machines can reach when there
// are no accounts, and says how to create them.
func checkExposure(addr string, hasUsers bool) error {
	if hasUsers {
		return nil
	}
	loopback, err := isLoopbackAddr(addr)
	if err != nil {
		return err
	}
	if loopback {
		return nil
	}
	return fmt.Errorf("--addr %s: %w.\nCreate accounts first, then serve with them:\n"+
		"  xxgk users add --file users.txt --role admin NAME\n"+
		"  xxgk serve --users users.txt --addr %s --host NAME.OF.THIS.SERVER\n"+
		"(or keep the default --addr %s to use it on this machine only)", addr, errOpenWithoutAccounts, addr, defaultAddr)
}

// isLoopbackAddr says whether host:port listens on loopback only.
func isLoopbackAddr(addr string) (bool, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false, fmt.Errorf("--addr %q: want host:port, e.g. %s", addr, defaultAddr)
	}
	if strings.EqualFold(host, "localhost") {
		return true, nil
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback(), nil
}

// allowedHosts are the Host names the server answers: loopback's, the
// --host names, and the IP addresses it listens on (an address typed into
// a browser cannot be rebound to another server).
func allowedHosts(addr string, extra []string) []string {
	hosts := slices.Clone(dashboard.LoopbackHosts)
	hosts = append(hosts, extra...)
	host, _, _ := net.SplitHostPort(addr)
	ip := net.ParseIP(host)
	switch {
	case ip != nil && !ip.IsUnspecified():
		hosts = append(hosts, ip.String())
	case ip != nil || host == "":
		hosts = append(hosts, interfaceIPs()...)
	}
	return hosts
}

// interfaceIPs are this machine's addresses.
func interfaceIPs() []string {
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		return nil
	}
	var out []string
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok {
			out = append(out, n.IP.String())
		}
	}
	return out
}

// newHTTPServer bounds every phase of a request.
func newHTTPServer(h http.Handler, cfg listenConfig) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       cmp.Or(cfg.readTimeout, defaultReadTimeout),
		WriteTimeout:      cfg.writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    maxHeaderBytes,
		TLSConfig:         &tls.Config{MinVersion: tls.VersionTLS12},
	}
}

// serveHTTP listens, prints the URL to open, and serves h until ctx ends
// (Ctrl-C, SIGTERM), then stops accepting and lets the requests in flight
// finish (at most the write timeout) before returning.
func serveHTTP(ctx context.Context, cfg listenConfig, h http.Handler, stdout, stderr io.Writer) int {
	useTLS := cfg.tlsCert != "" || cfg.tlsKey != ""
	if useTLS {
		if _, err := tls.LoadX509KeyPair(cfg.tlsCert, cfg.tlsKey); err != nil {
			fmt.Fprintf(stderr, "xxgk: --tls-cert %s --tls-key %s: %v\n", cfg.tlsCert, cfg.tlsKey, err)
			return 1
		}
	}
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		fmt.Fprintf(stderr, "xxgk: listen %s: %v\n", cfg.addr, err)
		return 1
	}
	return serveOn(ctx, ln, cfg, h, stdout, stderr)
}

// serveOn is serveHTTP on a listener.
func serveOn(ctx context.Context, ln net.Listener, cfg listenConfig, h http.Handler, stdout, stderr io.Writer) int {
	useTLS := cfg.tlsCert != ""
	srv := newHTTPServer(h, cfg)
	fmt.Fprintf(stdout, "xxgk: dashboard at %s (Ctrl-C to stop)\n", openURL(ln.Addr(), useTLS, cfg.hosts))
	done := make(chan error, 1)
	go func() {
		if useTLS {
			done <- srv.ServeTLS(ln, cfg.tlsCert, cfg.tlsKey)
		} else {
			done <- srv.Serve(ln)
		}
	}()
	select {
	case err := <-done:
		fmt.Fprintf(stderr, "xxgk: serve: %v\n", err)
		return 1
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), cmp.Or(cfg.writeTimeout, time.Minute))
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		fmt.Fprintf(stderr, "xxgk: shutdown: %v\n", err)
		return 1
	}
	fmt.Fprintln(stderr, "xxgk: stopped")
	return 0
}

// openURL is a URL that reaches the listener: 127.0.0.1 on loopback; the
// first --host, or else an address of this machine, when it listens on
// every address.
func openURL(a net.Addr, useTLS bool, hosts []string) string {
	scheme := "http://"
	if useTLS {
		scheme = "https://"
	}
	tcp, ok := a.(*net.TCPAddr)
	if !ok {
		return scheme + a.String() + "/"
	}
	host := tcp.IP.String()
	if tcp.IP.IsUnspecified() {
		host = publicHost(hosts)
	}
	return scheme + net.JoinHostPort(host, fmt.Sprint(tcp.Port)) + "/"
}

// publicHost names this machine for others: the first --host, else its
// first non-loopback IPv4 address, else its first other address.
func publicHost(hosts []string) string {
	if len(hosts) > 0 {
		return hosts[0]
	}
	var fallback string
	for _, s := range interfaceIPs() {
		ip := net.ParseIP(s)
		switch {
		case ip.IsLoopback() || ip.IsLinkLocalUnicast():
		case ip.To4() != nil:
			return s
		case fallback == "":
			fallback = s
		}
	}
	if fallback == "" {
		return "127.0.0.1"
	}
	return fallback
}
