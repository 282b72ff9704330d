package auth

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"
)

func init() { Cost = bcrypt.MinCost }

func mustHash(t *testing.T, pw string) []byte {
	t.Helper()
	h, err := HashPassword(pw)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// TestAccountsFileRoundTrip: written with mode 0600, holding hashes and
// never the passwords, read back the same.
func TestAccountsFileRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "users.txt")
	want := []Account{{"张三", Admin, mustHash(t, "correct horse")}, {"li.si", Viewer, mustHash(t, "battery staple")}}
	if err := WriteAccounts(path, want); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", st.Mode().Perm())
	}
	b, _ := os.ReadFile(path)
	if strings.Contains(string(b), "correct horse") || strings.Contains(string(b), "battery staple") {
		t.Errorf("the file holds a password:\n%s", b)
	}
	got, err := ReadAccounts(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Name != "张三" || got[0].Role != Admin || string(got[1].Hash) != string(want[1].Hash) {
		t.Errorf("read back %+v", got)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("temporary files left: %v", entries)
	}
}

// TestParseAccountsErrors: each mistake names the file and line.
func TestParseAccountsErrors(t *testing.T) {
	h := string(mustHash(t, "password1"))
	for _, tc := range []struct{ text, want string }{
		{"a:admin", `u.txt:1: want "name:role:bcrypt-hash"`},
		{"# c\n\na:root:" + h, `u.txt:3: unknown role "root" (want one of viewer, analyst, uploader, supervisor, admin)`},
		{"a:viewer:secret", `u.txt:1: account "a": not a bcrypt hash`},
		{"a b:viewer:" + h, `u.txt:1: account name "a b": no spaces, colons or control characters`},
		{"a:viewer:" + h + "\na:admin:" + h, `u.txt:2: account "a" is listed twice`},
	} {
		_, err := ParseAccounts(strings.NewReader(tc.text), "u.txt")
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%q: %v, want %s", tc.text, err, tc.want)
		}
	}
	if _, err := ReadAccounts(filepath.Join(t.TempDir(), "none.txt")); err == nil || !strings.Contains(err.Error(), "xxgk users add --file") {
		t.Errorf("missing file: %v", err)
	}
}

// TestPasswords: too short or too long refused; Verify takes the right
// password only, and an unknown name fails like a wrong password.
func TestPasswords(t *testing.T) {
	for pw, ok := range map[string]bool{"short": false, "1234567": false, "12345678": true, "八个汉字的密码啊": true, strings.Repeat("x", 73): false} {
		if _, err := HashPassword(pw); (err == nil) != ok {
			t.Errorf("HashPassword(%q): %v", pw, err)
		}
	}
	max := strings.Repeat("p", MaxPasswordBytes)
	u := NewUsers([]Account{{"a", Analyst, mustHash(t, "password-a")}, {"m", Viewer, mustHash(t, max)}, {"n", Viewer, mustHash(t, "password-n")}})
	ctx := context.Background()
	for _, tc := range []struct {
		name, pw string
		ok       bool
	}{{"a", "password-a", true}, {"a", "password-b", false}, {"b", "password-a", false}, {"a", "", false},
		{"m", max, true}, {"m", max + "extra", false}} {
		if _, ok := u.Verify(ctx, tc.name, tc.pw); ok != tc.ok {
			t.Errorf("Verify(%q, %q) = %v", tc.name, tc.pw, ok)
		}
	}
	// A successful check is remembered for a while: with every slot busy,
	// the same credentials pass at once, others wait (and give up here).
	if _, ok := u.Verify(ctx, "a", "password-a"); !ok {
		t.Fatal("the right password fails")
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	for range maxVerify {
		u.verify <- struct{}{} // every slot busy
	}
	if _, ok := u.Verify(cancelled, "a", "password-a"); !ok {
		t.Errorf("remembered credentials wait for a slot")
	}
	if _, ok := u.Verify(cancelled, "n", "password-n"); ok {
		t.Errorf("Verify ran with every slot busy and the request gone")
	}
	now := time.Now().Add(verifiedTTL + time.Second)
	u.now = func() time.Time { return now }
	if _, ok := u.Verify(cancelled, "a", "password-a"); ok {
		t.Errorf("credentials are remembered past %v", verifiedTTL)
	}
}

// TestUsersReload: a changed file is read again; a broken one keeps the
// accounts as they were.
func TestUsersReload(t *testing.T) {
	path := filepath.Join(t.TempDir(), "users.txt")
	if err := WriteAccounts(path, []Account{{"a", Viewer, mustHash(t, "password-a")}}); err != nil {
		t.Fatal(err)
	}
	u, err := LoadUsers(path)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	u.now = func() time.Time { return now }
	if err := WriteAccounts(path, []Account{{"b", Admin, mustHash(t, "password-b")}, {"c", Viewer, mustHash(t, "password-c")}}); err != nil {
		t.Fatal(err)
	}
	now = now.Add(2 * time.Second)
	if _, ok := u.Lookup("a"); ok || u.Len() != 2 {
		t.Errorf("after the change: a still there or %d accounts", u.Len())
	}
	os.WriteFile(path, []byte("broken"), 0o600)
	now = now.Add(2 * time.Second)
	if a, ok := u.Lookup("b"); !ok || a.Role != Admin {
		t.Errorf("a broken file dropped the accounts")
	}
}

// TestSessions: a cookie is accepted until it expires; any change to it
// is refused; the CSRF token belongs to one session.
func TestSessions(t *testing.T) {
	s := NewSessions([]byte("k"), time.Hour)
	now := time.Unix(1_700_000_000, 0)
	s.SetClock(func() time.Time { return now })
	acc := Account{"张三", Analyst, mustHash(t, "password-a")}
	value, sess := s.Issue(acc)
	got, ok := s.Parse(value)
	if !ok || got != sess || got.Name != "张三" || got.Stamp != acc.Stamp() || !got.Expires.Equal(now.Add(time.Hour)) {
		t.Fatalf("Parse = %+v %v, want %+v", got, ok, sess)
	}
	for i := range value {
		tampered := value[:i] + string(value[i]^1) + value[i+1:]
		if _, ok := s.Parse(tampered); ok {
			t.Fatalf("a cookie changed at %d is accepted", i)
		}
	}
	if _, ok := NewSessions([]byte("other key"), time.Hour).Parse(value); ok {
		t.Errorf("a cookie signed with another key is accepted")
	}
	other, otherSess := s.Issue(acc)
	if other == value || s.CheckCSRF(sess, s.CSRFToken(otherSess)) || !s.CheckCSRF(sess, s.CSRFToken(sess)) || s.CheckCSRF(sess, "") {
		t.Errorf("CSRF tokens are not bound to their session")
	}
	now = now.Add(time.Hour)
	if _, ok := s.Parse(value); ok {
		t.Errorf("an expired session is accepted")
	}
	changed := acc
	changed.Hash = mustHash(t, "password-new")
	if changed.Stamp() == acc.Stamp() {
		t.Errorf("a new password keeps the stamp: old sessions would stay valid")
	}
	changed = acc
	changed.Role = Viewer
	if changed.Stamp() == acc.Stamp() {
		t.Errorf("a new role keeps the stamp")
	}
}

// TestLimiterBounded: however many keys fail, at most MaxEntries are
// remembered, and the newest failures are the ones kept.
func TestLimiterBounded(t *testing.T) {
	l := NewLimiter(1)
	l.MaxEntries = 100
	now := time.Now()
	l.SetClock(func() time.Time { return now })
	for i := range 10_000 {
		now = now.Add(time.Millisecond)
		l.Fail(fmt.Sprint("key", i))
		l.Fail(fmt.Sprint("key", i))
	}
	if l.Len() != 100 {
		t.Errorf("%d keys remembered, want 100", l.Len())
	}
	if l.Wait("key9999") == 0 || l.Wait("key0") != 0 {
		t.Errorf("the newest key is not blocked or the oldest still is")
	}
	// Delays double up to MaxDelay.
	l = NewLimiter(0)
	l.SetClock(func() time.Time { return now })
	var waits []time.Duration
	for range 8 {
		l.Fail("k")
		waits = append(waits, l.Wait("k"))
	}
	want := []time.Duration{30 * time.Second, time.Minute, 2 * time.Minute, 4 * time.Minute, 8 * time.Minute, 15 * time.Minute, 15 * time.Minute, 15 * time.Minute}
	if fmt.Sprint(waits) != fmt.Sprint(want) {
		t.Errorf("waits %v, want %v", waits, want)
	}
	l.Succeed("k")
	if l.Wait("k") != 0 {
		t.Errorf("success did not clear")
	}
}

// TestRoles: what each role may do.
func TestRoles(t *testing.T) {
	want := map[Role]string{
		Viewer: "public view", Analyst: "public view console", Uploader: "public view console upload",
		Supervisor: "public view review", Admin: "public view console upload review audit", "": "public",
	}
	for r, w := range want {
		var got []string
		for p := PermPublic; p <= PermAudit; p++ {
			if r.Can(p) {
				got = append(got, p.String())
			}
		}
		if strings.Join(got, " ") != w {
			t.Errorf("%q may %v, want %s", r, got, w)
		}
	}
	if r, err := ParseRole(" Admin "); r != Admin || err != nil {
		t.Errorf("ParseRole: %v %v", r, err)
	}
}
