package auth

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/crypto/bcrypt"
)

// Account is one line of the accounts file: "name:role:bcrypt-hash".
type Account struct {
	Name string
	Role Role
	Hash []byte // bcrypt; never the password
}

// Limits of names and passwords. bcrypt reads at most 72 bytes of a
// password and refuses longer ones.
const (
	MaxNameLen        = 64
	MinPasswordLen    = 8
	MaxPasswordBytes  = 72
	maxAccountsFile   = 1 << 20
	accountsFileNotes = "# xxgk accounts: name:role:bcrypt hash, one per line (xxgk users add|passwd|remove)\n"
)

// Cost is the bcrypt cost of new hashes; tests lower it.
var Cost = bcrypt.DefaultCost

// ErrNoAccount says the accounts file has no such name.
var ErrNoAccount = errors.New("no such account")

// ValidName checks an account name: 1 to 64 bytes of printable characters,
// no space and no colon (the file's separator).
func ValidName(name string) error {
	if name == "" || len(name) > MaxNameLen || !utf8.ValidString(name) {
		return fmt.Errorf("account name %q: 1 to %d bytes of UTF-8", name, MaxNameLen)
	}
	for _, r := range name {
		if r == ':' || unicode.IsSpace(r) || !unicode.IsPrint(r) {
			return fmt.Errorf("account name %q: no spaces, colons or control characters", name)
		}
	}
	return nil
}

// HashPassword checks a new password's length and hashes it.
func HashPassword(password string) ([]byte, error) {
	if utf8.RuneCountInString(password) < MinPasswordLen {
		return nil, fmt.Errorf("the password is too short: at least %d characters", MinPasswordLen)
	}
	if len(password) > MaxPasswordBytes {
		return nil, fmt.Errorf("the password is too long: at most %d bytes", MaxPasswordBytes)
	}
	return bcrypt.GenerateFromPassword([]byte(password), Cost)
}

// ReadAccounts reads an accounts file. A missing file is an error; its
// message names the command that creates one.
func ReadAccounts(path string) ([]Account, error) {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("%w; create it with: xxgk users add --file %s --role admin NAME", err, path)
		}
		return nil, err
	}
	defer f.Close()
	return ParseAccounts(io.LimitReader(f, maxAccountsFile), path)
}

// ParseAccounts reads accounts, one "name:role:hash" a line; blank lines
// and lines starting with # are skipped. Errors name the file and line.
func ParseAccounts(r io.Reader, file string) ([]Account, error) {
	var out []Account
	seen := map[string]bool{}
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		acc, err := parseAccount(line)
		if err == nil && seen[acc.Name] {
			err = fmt.Errorf("account %q is listed twice", acc.Name)
		}
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", file, n, err)
		}
		seen[acc.Name] = true
		out = append(out, acc)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return out, nil
}

func parseAccount(line string) (Account, error) {
	name, rest, ok1 := strings.Cut(line, ":")
	role, hash, ok2 := strings.Cut(rest, ":")
	if !ok1 || !ok2 {
		return Account{}, errors.New(`want "name:role:bcrypt-hash"`)
	}
	if err := ValidName(name); err != nil {
		return Account{}, err
	}
	r, err := ParseRole(role)
	if err != nil {
		return Account{}, err
	}
	if _, err := bcrypt.Cost([]byte(hash)); err != nil {
		return Account{}, fmt.Errorf("account %q: not a bcrypt hash (%v)", name, err)
	}
	return Account{Name: name, Role: r, Hash: []byte(hash)}, nil
}

// WriteAccounts replaces the accounts file atomically: a temporary file
// beside it, mode 0600, synced, then renamed over it. A reader sees the
// old file or the new, never a part.
func WriteAccounts(path string, accounts []Account) error {
	var buf bytes.Buffer
	buf.WriteString(accountsFileNotes)
	for _, a := range accounts {
		fmt.Fprintf(&buf, "%s:%s:%s\n", a.Name, a.Role, a.Hash)
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // after the rename, there is nothing to remove
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return err
	}
	if _, err := tmp.Write(buf.Bytes()); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	return syncDir(dir)
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return err
	}
	return nil
}
