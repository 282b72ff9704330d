package auth

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"strconv"
	"strings"
	"time"
)

// Sessions issues and checks signed session cookies. A cookie holds the
// account's name, its Stamp, an expiry and a random id, signed with
// HMAC-SHA256; the server keeps no session state. The key is random per
// process unless given, so a restart signs everyone out.
type Sessions struct {
	key []byte
	ttl time.Duration
	now func() time.Time
}

// Session is a checked session cookie.
type Session struct {
	Name    string
	Stamp   string
	Expires time.Time
	ID      string
}

// DefaultSessionTTL is how long a sign-in lasts.
const DefaultSessionTTL = 12 * time.Hour

// NewSessions signs with key (a random one when empty) for ttl (the
// default when 0).
func NewSessions(key []byte, ttl time.Duration) *Sessions {
	if len(key) == 0 {
		key = make([]byte, 32)
		rand.Read(key) // never fails (crypto/rand panics rather than return short)
	}
	if ttl <= 0 {
		ttl = DefaultSessionTTL
	}
	return &Sessions{key: key, ttl: ttl, now: time.Now}
}

// TTL is how long a new session lasts.
func (s *Sessions) TTL() time.Duration { return s.ttl }

// SetClock replaces the clock (tests).
func (s *Sessions) SetClock(now func() time.Time) { s.now = now }

var b64 = base64.RawURLEncoding

// Issue makes a session for an account and returns the cookie's value.
func (s *Sessions) Issue(a Account) (string, Session) {
	id := make([]byte, 16)
	rand.Read(id)
	sess := Session{Name: a.Name, Stamp: a.Stamp(), Expires: s.now().Add(s.ttl).Truncate(time.Second), ID: b64.EncodeToString(id)}
	payload := strings.Join([]string{b64.EncodeToString([]byte(sess.Name)), sess.Stamp,
		strconv.FormatInt(sess.Expires.Unix(), 10), sess.ID}, ".")
	return payload + "." + s.mac("session", payload), sess
}

// Parse checks a cookie's signature and expiry.
func (s *Sessions) Parse(value string) (Session, bool) {
	i := strings.LastIndexByte(value, '.')
	if i < 0 || len(value) > 512 {
		return Session{}, false
	}
	payload, sig := value[:i], value[i+1:]
	if !hmac.Equal([]byte(sig), []byte(s.mac("session", payload))) {
		return Session{}, false
	}
	parts := strings.Split(payload, ".")
	if len(parts) != 4 {
		return Session{}, false
	}
	name, err1 := b64.DecodeString(parts[0])
	exp, err2 := strconv.ParseInt(parts[2], 10, 64)
	if err1 != nil || err2 != nil {
		return Session{}, false
	}
	sess := Session{Name: string(name), Stamp: parts[1], Expires: time.Unix(exp, 0), ID: parts[3]}
	if !s.now().Before(sess.Expires) {
		return Session{}, false
	}
	return sess, true
}

// CSRFToken is the token a session's state-changing requests carry: bound
// to the session, so a token seen in one session is useless in another.
func (s *Sessions) CSRFToken(sess Session) string { return s.mac("csrf", sess.ID) }

// CheckCSRF says whether token is the session's.
func (s *Sessions) CheckCSRF(sess Session, token string) bool {
	return token != "" && hmac.Equal([]byte(token), []byte(s.CSRFToken(sess)))
}

func (s *Sessions) mac(purpose, msg string) string {
	m := hmac.New(sha256.New, s.key)
	m.Write([]byte(purpose + "\x00" + msg))
	return b64.EncodeToString(m.Sum(nil))
}
