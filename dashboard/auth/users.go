package auth

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"sync"
	"time"

	"golang.org/x/crypto/bcrypt"
)

// Users are the accounts a server accepts, read from the accounts file and
// read again when the file changes (at most once a second), so that
// `xxgk users passwd|remove` takes effect without a restart.
type Users struct {
	path string
	now  func() time.Time
	// verify bounds the bcrypt comparisons running at once: each costs
	// tens of milliseconds of a core, and a flood of guesses must not take
	// every core from the pages.
	verify chan struct{}

	mu      sync.Mutex
	byName  map[string]Account
	modTime time.Time
	size    int64
	checked time.Time

	// verified remembers recent successful checks, so that a script
	// sending Basic credentials with every request pays bcrypt once every
	// few minutes, not every time. Keys are HMACs of name, password and
	// hash under a random key: no password is kept, and a changed
	// password or hash misses.
	verified   map[[32]byte]time.Time
	verifiedMu sync.Mutex
	cacheKey   []byte
}

// Verified checks are remembered this long, at most this many.
const (
	verifiedTTL = 5 * time.Minute
	maxVerified = 1000
)

// maxVerify is the number of password checks that run at once.
const maxVerify = 2

// dummyHash is compared against when a name is unknown, so that an unknown
// name costs as long as a wrong password. It is made on first use, at the
// cost of the accounts' hashes.
var dummyHash = sync.OnceValue(func() []byte {
	h, _ := bcrypt.GenerateFromPassword([]byte("xxgk-no-such-account"), Cost)
	return h
})

// LoadUsers reads the accounts file at path.
func LoadUsers(path string) (*Users, error) {
	u := newUsers()
	u.path = path
	if err := u.reload(); err != nil {
		return nil, err
	}
	return u, nil
}

// NewUsers serves a fixed list of accounts (tests).
func NewUsers(accounts []Account) *Users {
	u := newUsers()
	u.byName = map[string]Account{}
	for _, a := range accounts {
		u.byName[a.Name] = a
	}
	return u
}

func newUsers() *Users {
	key := make([]byte, 32)
	rand.Read(key)
	return &Users{now: time.Now, verify: make(chan struct{}, maxVerify), verified: map[[32]byte]time.Time{}, cacheKey: key}
}

// Len is the number of accounts.
func (u *Users) Len() int {
	u.refresh()
	u.mu.Lock()
	defer u.mu.Unlock()
	return len(u.byName)
}

// Lookup finds an account by name.
func (u *Users) Lookup(name string) (Account, bool) {
	u.refresh()
	u.mu.Lock()
	defer u.mu.Unlock()
	a, ok := u.byName[name]
	return a, ok
}

// Verify checks a name and password. It waits for a free verification
// slot, or gives up when ctx ends.
func (u *Users) Verify(ctx context.Context, name, password string) (Account, bool) {
	a, ok := u.Lookup(name)
	key := u.verifiedKey(a, password)
	if ok && u.recentlyVerified(key) {
		return a, true
	}
	select {
	case u.verify <- struct{}{}:
		defer func() { <-u.verify }()
	case <-ctx.Done():
		return Account{}, false
	}
	hash := a.Hash
	if !ok {
		hash = dummyHash()
	}
	if len(password) > MaxPasswordBytes {
		// No account has a longer password (HashPassword refuses them), and
		// bcrypt would compare only the first 72 bytes: refuse, in the
		// same time.
		password, ok = password[:MaxPasswordBytes], false
	}
	match := bcrypt.CompareHashAndPassword(hash, []byte(password)) == nil
	if ok && match {
		u.remember(key)
	}
	return a, ok && match
}

func (u *Users) verifiedKey(a Account, password string) [32]byte {
	m := hmac.New(sha256.New, u.cacheKey)
	m.Write([]byte(a.Name + "\x00" + password + "\x00"))
	m.Write(a.Hash)
	var k [32]byte
	copy(k[:], m.Sum(nil))
	return k
}

func (u *Users) recentlyVerified(k [32]byte) bool {
	u.verifiedMu.Lock()
	defer u.verifiedMu.Unlock()
	exp, ok := u.verified[k]
	return ok && u.now().Before(exp)
}

// remember keeps a successful check; when full, it forgets them all (the
// next requests pay bcrypt once again).
func (u *Users) remember(k [32]byte) {
	u.verifiedMu.Lock()
	defer u.verifiedMu.Unlock()
	if len(u.verified) >= maxVerified {
		clear(u.verified)
	}
	u.verified[k] = u.now().Add(verifiedTTL)
}

// Stamp identifies an account's current password: a session issued under
// another password (or another role) is no longer valid.
func (a Account) Stamp() string {
	sum := sha256.Sum256(append([]byte(string(a.Role)+"\x00"), a.Hash...))
	return hex.EncodeToString(sum[:6])
}

// refresh reads the file again when it changed since last read. A file
// that became unreadable or invalid keeps the accounts as they were.
func (u *Users) refresh() {
	if u.path == "" {
		return
	}
	u.mu.Lock()
	now := u.now()
	due := now.Sub(u.checked) >= time.Second
	if due {
		u.checked = now
	}
	u.mu.Unlock()
	if due {
		_ = u.reload()
	}
}

func (u *Users) reload() error {
	st, err := os.Stat(u.path)
	if err != nil {
		_, err = ReadAccounts(u.path) // for its message
		return err
	}
	u.mu.Lock()
	same := u.byName != nil && st.ModTime().Equal(u.modTime) && st.Size() == u.size
	u.mu.Unlock()
	if same {
		return nil
	}
	accounts, err := ReadAccounts(u.path)
	if err != nil {
		return err
	}
	byName := make(map[string]Account, len(accounts))
	for _, a := range accounts {
		byName[a.Name] = a
	}
	u.mu.Lock()
	u.byName, u.modTime, u.size = byName, st.ModTime(), st.Size()
	u.mu.Unlock()
	return nil
}
