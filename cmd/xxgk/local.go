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

// announce writes the server file once the server listens at addr, and
// returns how to remove it. A file left by a server that died is
// overwritten: this process holds the database, so no other server can.
func (l *localServer) announce(addr net.Addr) (func(), error) {
	path := l.dbPath + serverFileSuffix
	tcp, ok := addr.(*net.TCPAddr)
	if !ok {
		return nil, fmt.Errorf("announce: not a TCP address: %v", addr)
	}
	host := "127.0.0.1"
	if tcp.IP.To4() == nil && tcp.IP.IsLoopback() {
		host = "::1"
	}
	info := serverInfo{Addr: net.JoinHostPort(host, fmt.Sprint(tcp.Port)), Token: l.token, TLS: l.tls, PID: os.Getpid()}
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
	unannounce, err := h.announce(ln.Addr())
	if err != nil {
		ln.Close()
		fmt.Fprintf(stderr, "xxgk: %v\n", err)
		return 1
	}
	defer unannounce()
	return serveOn(ctx, ln, cfg, h, stdout, stderr)
}
