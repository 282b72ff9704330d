package main

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"crypto/tls"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"time"
)

// The one-writer design (docs/live-ingest.md): while xxgk serve has a
// database open, no other process may open it, so xxgk ingest, sql and
// history hand their work to the server. They find it through a small
// file beside the database, readable only by its owner, holding the
// server's address and a token made at start; the server answers these
// local routes only on loopback and only with that token.

// serverFileSuffix names the file beside a database that says which
// server has it open.
const serverFileSuffix = ".xxgk-server"

// serverInfo is the content of that file.
type serverInfo struct {
	Addr  string `json:"addr"`
	Token string `json:"token"`
	TLS   bool   `json:"tls,omitempty"`
	PID   int    `json:"pid"`
}

// Local routes, outside the dashboard's.
const (
	routeLocalIngest  = "/local/ingest"
	routeLocalSQL     = "/local/sql"
	routeLocalHistory = "/local/history"
)

// localServer is the dashboard plus the local routes.
type localServer struct {
	dashboard http.Handler
	served    *served
	dbPath    string
	token     string
	tls       bool // the server speaks HTTPS
	mux       *http.ServeMux
}

// local returns the handler a server listens with: the dashboard, and the
// routes xxgk ingest, sql and history use to hand their work to it.
func (s *served) local(dbPath string) *localServer {
	tok := make([]byte, 32)
	rand.Read(tok)
	l := &localServer{dashboard: s.Handler, served: s, dbPath: dbPath, token: hex.EncodeToString(tok), mux: http.NewServeMux()}
	l.mux.HandleFunc("POST "+routeLocalIngest, l.handleIngest)
	l.mux.HandleFunc("POST "+routeLocalSQL, l.handleSQL)
	l.mux.HandleFunc("POST "+routeLocalHistory, l.handleHistory)
	return l
}

func (l *localServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !strings.HasPrefix(r.URL.Path, "/local/") {
		l.dashboard.ServeHTTP(w, r)
		return
	}
	if !l.authorized(r) {
		http.Error(w, "forbidden", http.StatusForbidden)
		return
	}
	l.mux.ServeHTTP(w, r)
}

// authorized accepts a request from this machine that carries the token.
func (l *localServer) authorized(r *http.Request) bool {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if ip := net.ParseIP(host); err != nil || ip == nil || !ip.IsLoopback() {
		return false
	}
	got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	return ok && subtle.ConstantTimeCompare([]byte(got), []byte(l.token)) == 1
}

// announce writes the server file once the server listens at addr (the
// address its local routes are reached at: see localListener), and
// returns how to remove it. A file left by a server that died is
// overwritten: this process holds the database, so no other server can.
func (l *localServer) announce(addr net.Addr, useTLS bool) (func(), error) {
	path := l.dbPath + serverFileSuffix
	tcp, ok := addr.(*net.TCPAddr)
	if !ok {
		return nil, fmt.Errorf("announce: not a TCP address: %v", addr)
	}
	host := tcp.IP.String() // a loopback address: 127.0.0.1, ::1, 127.0.0.2 …
	if tcp.IP.IsUnspecified() {
		host = "127.0.0.1" // every address, loopback included
	}
	info := serverInfo{Addr: net.JoinHostPort(host, fmt.Sprint(tcp.Port)), Token: l.token, TLS: useTLS, PID: os.Getpid()}
	b, err := json.Marshal(info)
	if err != nil {
		return nil, err
	}
	os.Remove(path)
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return nil, fmt.Errorf("announce the server beside the database: %w", err)
	}
	_, err = f.Write(b)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return nil, err
	}
	return func() { os.Remove(path) }, nil
}

// localListener listens for the local routes apart from the dashboard when
// the dashboard's address cannot be reached from this machine over
// loopback (a server bound to one LAN address, 192.168.1.5:8080, accepts
// no connection to 127.0.0.1, and the local routes answer loopback only):
// then on 127.0.0.1, a free port. It returns nil when the dashboard's own
// listener will do: a loopback address, or every address.
func localListener(dashboard net.Addr) (net.Listener, error) {
	tcp, ok := dashboard.(*net.TCPAddr)
	if !ok || tcp.IP.IsLoopback() || tcp.IP.IsUnspecified() {
		return nil, nil
	}
	return net.Listen("tcp", "127.0.0.1:0")
}

// localOnly serves the local routes and nothing else: the dashboard is
// served on its own address.
func (l *localServer) localOnly() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.URL.Path, "/local/") {
			http.NotFound(w, r)
			return
		}
		l.ServeHTTP(w, r)
	})
}

// readServerInfo reads the server file beside the database at dbPath.
func readServerInfo(dbPath string) (serverInfo, error) {
	var info serverInfo
	b, err := os.ReadFile(dbPath + serverFileSuffix)
	if err != nil {
		return info, err
	}
	if err := json.Unmarshal(b, &info); err != nil || info.Addr == "" || info.Token == "" {
		return info, errors.New("the server file is damaged")
	}
	return info, nil
}

// serveLocal listens as serveHTTP does, announces the server beside its
// database once it listens, and serves h until ctx ends; the file is
// removed when it stops. A run under way when it stops finishes or rolls
// back whole.
func serveLocal(ctx context.Context, cfg listenConfig, h *localServer, stdout, stderr io.Writer) int {
	if cfg.tlsCert != "" || cfg.tlsKey != "" {
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
	h.tls = cfg.tlsCert != ""
	local, err := localListener(ln.Addr())
	if err != nil {
		ln.Close()
		fmt.Fprintf(stderr, "xxgk: listen on 127.0.0.1 for xxgk ingest, sql and history: %v\n", err)
		return 1
	}
	announced, announcedTLS := ln.Addr(), h.tls
	if local != nil {
		announced, announcedTLS = local.Addr(), false
		srv := newHTTPServer(h.localOnly(), cfg)
		go srv.Serve(local)
		defer func() {
			// Lets a run handed over on it finish or roll back whole.
			shutdown, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			srv.Shutdown(shutdown)
		}()
	}
	unannounce, err := h.announce(announced, announcedTLS)
	if err != nil {
		ln.Close()
		fmt.Fprintf(stderr, "xxgk: %v\n", err)
		return 1
	}
	defer unannounce()
	return serveOn(ctx, ln, cfg, h, stdout, stderr)
}
