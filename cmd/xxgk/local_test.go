package main

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLocalListener: the local routes (xxgk ingest, sql, history handing
// their work over) get a listener of their own on 127.0.0.1 exactly when
// the dashboard's address accepts no loopback connection: a server bound
// to one LAN address.
func TestLocalListener(t *testing.T) {
	for _, tc := range []struct {
		addr string
		own  bool
	}{
		{"127.0.0.1:8080", false},
		{"127.0.0.2:8080", false},
		{"[::1]:8080", false},
		{"0.0.0.0:8080", false},
		{"[::]:8080", false},
		{"192.168.1.5:8080", true},
		{"10.0.0.7:443", true},
		{"[2001:db8::5]:8080", true},
	} {
		a, err := net.ResolveTCPAddr("tcp", tc.addr)
		if err != nil {
			t.Fatal(err)
		}
		ln, err := localListener(a)
		if err != nil {
			t.Fatalf("%s: %v", tc.addr, err)
		}
		if (ln != nil) != tc.own {
			t.Errorf("%s: a listener of its own = %v, want %v", tc.addr, ln != nil, tc.own)
		}
		if ln != nil {
			if ip := ln.Addr().(*net.TCPAddr).IP; !ip.Equal(net.IPv4(127, 0, 0, 1)) {
				t.Errorf("%s: local routes listen on %v, want 127.0.0.1", tc.addr, ip)
			}
			ln.Close()
		}
	}
}

// TestHandoffOtherLoopback: a server bound to a loopback address other than
// 127.0.0.1 announces that address, so that xxgk sql reaches it (it used
// to announce 127.0.0.1, where nothing listened, and the command then
// failed on DuckDB's lock).
func TestHandoffOtherLoopback(t *testing.T) {
	if ln, err := net.Listen("tcp", "127.0.0.2:0"); err != nil {
		t.Skipf("cannot listen on 127.0.0.2 here: %v", err)
	} else {
		ln.Close()
	}
	db := countyCopy(t, "l.duckdb")
	_, stop, _, _ := startCommand(t, "serve", "--db", db, "--addr", "127.0.0.2:0")
	defer stop()
	info, err := readServerInfo(db)
	if err != nil || !strings.HasPrefix(info.Addr, "127.0.0.2:") {
		t.Fatalf("server file: %+v, %v; want the address 127.0.0.2", info, err)
	}
	code, out, errs := runXXGK(t, "sql", "--db", db, "SELECT count(*) AS n FROM reports")
	if code != 0 || !strings.Contains(out, "\n140\n") {
		t.Errorf("xxgk sql through the server: %d %q %q", code, out, errs)
	}
}

// TestExportWhileServed: xxgk export of a database a server holds says so
// in Chinese and English, naming the file and the server's process, and
// writes nothing.
func TestExportWhileServed(t *testing.T) {
	db := countyCopy(t, "e.duckdb")
	dir := filepath.Dir(db)
	_, stop, _, _ := startCommand(t, "serve", "--db", db, "--addr", "127.0.0.1:0")
	defer stop()
	info, err := readServerInfo(db)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "parquet")
	code, stdout, errs := runXXGK(t, "export", "--db", db, "--out", out)
	want := fmt.Sprintf("xxgk export: %s 正由 xxgk serve（进程 %d）打开，导出需要独占该文件：请先停止该服务，再导出。\n"+
		"xxgk export: %s is open in xxgk serve (pid %d), and export needs the file to itself: stop the server, then export again.\n",
		db, info.PID, db, info.PID)
	if code != 1 || stdout != "" || errs != want {
		t.Errorf("export while served: %d %q %q, want 1 and %q", code, stdout, errs, want)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("export wrote %s: %v", out, err)
	}
}
