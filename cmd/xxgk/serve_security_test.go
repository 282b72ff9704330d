package main

import (
	"bufio"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"xxgk/dashboard/auth"
)

func init() { auth.Cost = bcrypt.MinCost }

// TestServeRefusesOpenAddress: without accounts, any address other
// machines can reach is refused before anything opens, with the commands
// that create accounts; loopback stays as it was.
func TestServeRefusesOpenAddress(t *testing.T) {
	for _, addr := range []string{"0.0.0.0:0", ":8080", "[::]:0", "192.168.1.10:8080", "xxgk.example.gov.cn:80"} {
		for _, cmd := range []string{"serve", "demo"} {
			var stdout, stderr strings.Builder
			args := []string{cmd, "--addr", addr}
			if cmd == "serve" {
				args = append(args, "--db", "/nonexistent/x.duckdb")
			}
			code := run(context.Background(), args, &stdout, &stderr)
			msg := stderr.String()
			if code != 1 || !strings.Contains(msg, "refusing to listen beyond this machine without accounts") ||
				!strings.Contains(msg, "xxgk users add --file users.txt --role admin NAME") || !strings.Contains(msg, "--users users.txt") {
				t.Errorf("%s --addr %s: exit %d\n%s", cmd, addr, code, msg)
			}
			if stdout.Len() != 0 {
				t.Errorf("%s --addr %s printed %q", cmd, addr, stdout.String())
			}
		}
	}
	for addr, want := range map[string]bool{"127.0.0.1:0": true, "localhost:8080": true, "[::1]:0": true, "127.1.2.3:80": true,
		"0.0.0.0:0": false, "10.0.0.1:80": false} {
		if err := checkExposure(addr, false); (err == nil) != want {
			t.Errorf("checkExposure(%s) = %v", addr, err)
		}
		if err := checkExposure(addr, true); err != nil {
			t.Errorf("with accounts, %s refused: %v", addr, err)
		}
	}
}

// TestOpenURL: the printed URL reaches the server: loopback as today, the
// first --host or an address of this machine when listening everywhere,
// https with TLS.
func TestOpenURL(t *testing.T) {
	any := &net.TCPAddr{IP: net.IPv4zero, Port: 8080}
	for _, tc := range []struct {
		addr  net.Addr
		tls   bool
		hosts []string
		want  string
	}{
		{&net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8080}, false, nil, "http://127.0.0.1:8080/"},
		{&net.TCPAddr{IP: net.IPv4(10, 1, 2, 3), Port: 443}, true, nil, "https://10.1.2.3:443/"},
		{any, true, []string{"xxgk.example.gov.cn", "xxgk"}, "https://xxgk.example.gov.cn:8080/"},
	} {
		if got := openURL(tc.addr, tc.tls, tc.hosts); got != tc.want {
			t.Errorf("openURL(%v) = %s, want %s", tc.addr, got, tc.want)
		}
	}
	got := openURL(any, false, nil)
	host := strings.TrimSuffix(strings.TrimPrefix(got, "http://"), ":8080/")
	if ips := interfaceIPs(); !slicesContains(ips, strings.Trim(host, "[]")) {
		t.Errorf("openURL(0.0.0.0) = %s, not an address of this machine (%v)", got, ips)
	}
	hosts := allowedHosts("0.0.0.0:8080", []string{"xxgk.example.gov.cn"})
	if !slicesContains(hosts, "localhost") || !slicesContains(hosts, "xxgk.example.gov.cn") || slicesContains(hosts, "0.0.0.0") {
		t.Errorf("allowedHosts: %v", hosts)
	}
}

func slicesContains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestUsersCommand adds, lists, changes and removes accounts with the
// password on standard input: the file is 0600 and holds only hashes.
func TestUsersCommand(t *testing.T) {
	file := filepath.Join(t.TempDir(), "users.txt")
	users := func(password string, args ...string) (int, string, string) {
		stdin = strings.NewReader(password)
		defer func() { stdin = os.Stdin }()
		var stdout, stderr strings.Builder
		code := run(context.Background(), append([]string{"users"}, args...), &stdout, &stderr)
		return code, stdout.String(), stderr.String()
	}
	if code, _, msg := users("first-password\n", "add", "--file", file, "--role", "admin", "张三"); code != 0 || msg != "xxgk users: added 张三 in "+file+"\n" {
		t.Fatalf("add: %d %s", code, msg)
	}
	if code, _, _ := users("second-password", "add", "--file", file, "李四"); code != 0 {
		t.Fatalf("add without --role: %d", code)
	}
	if code, out, _ := users("", "list", "--file", file); code != 0 || out != "张三\tadmin\n李四\tviewer\n" {
		t.Errorf("list: %d %q", code, out)
	}
	checkFile := func(name, password string) {
		t.Helper()
		st, err := os.Stat(file)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != 0o600 {
			t.Errorf("mode %v, want 0600", st.Mode().Perm())
		}
		b, _ := os.ReadFile(file)
		if strings.Contains(string(b), password) {
			t.Errorf("the file holds the password %q", password)
		}
		u, err := auth.LoadUsers(file)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := u.Verify(context.Background(), name, password); !ok {
			t.Errorf("%s's password %q does not verify", name, password)
		}
	}
	checkFile("张三", "first-password")
	checkFile("李四", "second-password")
	if code, _, _ := users("changed-password\n", "passwd", "--file", file, "张三"); code != 0 {
		t.Fatalf("passwd: %d", code)
	}
	checkFile("张三", "changed-password")
	for _, tc := range []struct {
		password string
		args     []string
		code     int
		msg      string
	}{
		{"x-password\n", []string{"add", "--file", file, "张三"}, 1, "already has an account \"张三\""},
		{"short\n", []string{"add", "--file", file, "王五"}, 1, "the password is too short: at least 8 characters"},
		{"", []string{"add", "--file", file, "王五"}, 1, "no password on standard input"},
		{"", []string{"remove", "--file", file, "王五"}, 1, "no such account \"王五\""},
		{"", []string{"add", "--file", file, "--role", "root", "王五"}, 2, "unknown role \"root\""},
		{"", []string{"add", "--file", file, "a:b"}, 1, "no spaces, colons or control characters"},
		{"", []string{"add", "王五"}, 2, "usage: xxgk users"},
	} {
		code, _, msg := users(tc.password, tc.args...)
		if code != tc.code || !strings.Contains(msg, tc.msg) {
			t.Errorf("users %v: %d %q, want %d %q", tc.args, code, msg, tc.code, tc.msg)
		}
	}
	if code, _, _ := users("", "remove", "--file", file, "李四"); code != 0 {
		t.Fatal("remove failed")
	}
	if code, out, _ := users("", "list", "--file", file); code != 0 || out != "张三\tadmin\n" {
		t.Errorf("after remove: %q", out)
	}
}

// TestSlowBodyCut: POST /api/sql whose body never arrives is cut when the
// read timeout passes: twenty such connections all end, none is held.
func TestSlowBodyCut(t *testing.T) {
	if testing.Short() {
		t.Skip("needs the demo database")
	}
	h := demoDashboard(t)
	srv := newHTTPServer(h, listenConfig{readTimeout: 300 * time.Millisecond, writeTimeout: time.Minute})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	defer srv.Close()
	const conns = 20
	done := make(chan string, conns)
	for range conns {
		go func() {
			c, err := net.Dial("tcp", ln.Addr().String())
			if err != nil {
				done <- err.Error()
				return
			}
			defer c.Close()
			if d, ok := t.Deadline(); ok {
				c.SetDeadline(d.Add(-10 * time.Second)) // a guard against hanging the test, not a speed check
			}
			fmt.Fprint(c, "POST /api/sql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"sql\": \"SELECT")
			done <- readUntilClosed(c)
		}()
	}
	for range conns {
		if got := <-done; got != "400 closed" && got != "closed" {
			t.Errorf("a stalled body: %s, want the connection cut", got)
		}
	}
}

// readUntilClosed reads a response, if any, then waits for the server to
// close the connection.
func readUntilClosed(c net.Conn) string {
	br := bufio.NewReader(c)
	status := ""
	if res, err := http.ReadResponse(br, nil); err == nil {
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		status = fmt.Sprint(res.StatusCode) + " "
	} else if !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
		return "read: " + err.Error()
	}
	if _, err := br.ReadByte(); !errors.Is(err, io.EOF) {
		return status + fmt.Sprint("still open: ", err)
	}
	return status + "closed"
}

// TestGracefulShutdown: when told to stop (SIGTERM ends the context), the
// server finishes the request in flight before it returns.
func TestGracefulShutdown(t *testing.T) {
	entered, release := make(chan struct{}), make(chan struct{})
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(entered)
		<-release
		io.WriteString(w, "finished")
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	exit := make(chan int, 1)
	go func() {
		exit <- serveOn(ctx, ln, listenConfig{writeTimeout: time.Minute}, h, io.Discard, io.Discard)
	}()
	answer := make(chan string, 1)
	go func() {
		res, err := http.Get("http://" + ln.Addr().String() + "/")
		if err != nil {
			answer <- err.Error()
			return
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		answer <- fmt.Sprint(res.StatusCode, " ", string(b))
	}()
	<-entered
	cancel()
	select {
	case code := <-exit:
		t.Fatalf("the server returned %d with a request in flight", code)
	default:
	}
	close(release)
	if got := <-answer; got != "200 finished" {
		t.Errorf("the request in flight: %s", got)
	}
	if code := <-exit; code != 0 {
		t.Errorf("exit %d", code)
	}
}

// TestServeTLS: --tls-cert/--tls-key serve HTTPS, and the printed URL
// says https.
func TestServeTLS(t *testing.T) {
	dir := t.TempDir()
	certFile, keyFile, pool := selfSigned(t, dir)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var stdout syncBuffer
	exit := make(chan int, 1)
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, r.TLS != nil) })
	go func() {
		exit <- serveOn(ctx, ln, listenConfig{tlsCert: certFile, tlsKey: keyFile, writeTimeout: time.Minute}, h, &stdout, io.Discard)
	}()
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
	res, err := client.Get("https://" + ln.Addr().String() + "/")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	cancel()
	<-exit
	if string(b) != "true" || !strings.Contains(stdout.String(), "dashboard at https://127.0.0.1:") {
		t.Errorf("over TLS: %q; printed %q", b, stdout.String())
	}
	var stderr strings.Builder
	if code := serveHTTP(context.Background(), listenConfig{addr: "127.0.0.1:0", tlsCert: keyFile, tlsKey: keyFile}, h, io.Discard, &stderr); code != 1 ||
		!strings.Contains(stderr.String(), "--tls-cert") {
		t.Errorf("a broken certificate: %d %s", code, stderr.String())
	}
}

// selfSigned writes a certificate for 127.0.0.1 and its key.
func selfSigned(t *testing.T, dir string) (certFile, keyFile string, pool *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "xxgk test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)}, KeyUsage: x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600)
	os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER}), 0o600)
	cert, _ := x509.ParseCertificate(der)
	pool = x509.NewCertPool()
	pool.AddCert(cert)
	return certFile, keyFile, pool
}

// TestServeWithAccounts runs xxgk serve --users on loopback as an office
// would: pages send nobody to the login page, the API asks for
// credentials, Basic auth works, another Host is refused, the audit log
// records the query.
func TestServeWithAccounts(t *testing.T) {
	if testing.Short() {
		t.Skip("needs the demo database")
	}
	demoDashboard(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "copy.duckdb")
	b, err := os.ReadFile(demoDB.path)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(db, b, 0o600)
	users := filepath.Join(dir, "users.txt")
	h, _ := auth.HashPassword("analyst-password")
	if err := auth.WriteAccounts(users, []auth.Account{{Name: "ana", Role: auth.Analyst, Hash: h}}); err != nil {
		t.Fatal(err)
	}
	auditLog := filepath.Join(dir, "audit.jsonl")
	url, stop, _, stderr := startCommand(t, "serve", "--db", db, "--addr", "127.0.0.1:0", "--users", users, "--audit", auditLog)
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	call := func(method, path, body, user, password, host string) (int, string) {
		req, _ := http.NewRequest(method, url+strings.TrimPrefix(path, "/"), strings.NewReader(body))
		if user != "" {
			req.SetBasicAuth(user, password)
		}
		if body != "" {
			req.Header.Set("Content-Type", "application/json")
		}
		if host != "" {
			req.Host = host
		}
		res, err := noRedirect.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		return res.StatusCode, res.Header.Get("Location") + res.Header.Get("WWW-Authenticate")
	}
	for _, tc := range []struct {
		method, path, body, user, password, host string
		code                                     int
		header                                   string
	}{
		{"GET", "/", "", "", "", "", 302, "/login?next=%2F"},
		{"GET", "/api/catalog", "", "", "", "", 401, `Basic realm="xxgk", charset="UTF-8"`},
		{"GET", "/api/catalog", "", "ana", "wrong-password", "", 401, `Basic realm="xxgk", charset="UTF-8"`},
		{"GET", "/api/catalog", "", "ana", "analyst-password", "", 200, ""},
		{"POST", "/api/sql", `{"sql":"SELECT count(*) FROM reports"}`, "ana", "analyst-password", "", 200, ""},
		{"GET", "/api/catalog", "", "ana", "analyst-password", "evil.example", 421, ""},
		{"GET", "/admin/audit", "", "ana", "analyst-password", "", 403, ""},
	} {
		if code, header := call(tc.method, tc.path, tc.body, tc.user, tc.password, tc.host); code != tc.code || header != tc.header {
			t.Errorf("%s %s as %q: %d %q, want %d %q", tc.method, tc.path, tc.user, code, header, tc.code, tc.header)
		}
	}
	if code := stop(); code != 0 {
		t.Errorf("exit %d: %s", code, stderr.String())
	}
	log, _ := os.ReadFile(auditLog)
	if !strings.Contains(string(log), `"kind":"signin_failed","user":"ana"`) ||
		!strings.Contains(string(log), `"kind":"query","user":"ana","role":"analyst"`) ||
		!strings.Contains(string(log), `"query":"SELECT count(*) FROM reports","rows":1`) {
		t.Errorf("audit log:\n%s", log)
	}
}
