// Package auth holds the dashboard's accounts and what they may do: roles
// and their permissions, the accounts file (names, roles, bcrypt hashes),
// signed session cookies with their CSRF tokens, and the limiter that slows
// guessing of passwords. It knows nothing of HTTP routes: the dashboard maps
// each route to a Perm.
package auth

import (
	"fmt"
	"slices"
	"strings"
)

// Perm is one thing a role may do.
type Perm uint8

// The permissions. PermPublic is what anyone may do, signed in or not (the
// login page, the front-end assets).
const (
	PermPublic  Perm = iota
	PermView         // pages, the JSON API, the dashboards' downloads
	PermConsole      // the SQL console and the source documents
	PermUpload       // adding reports (/upload, /api/ingest)
	PermReview       // recording review decisions (/api/review/…)
	PermAudit        // reading the audit log
)

var permNames = [...]string{"public", "view", "console", "upload", "review", "audit"}

func (p Perm) String() string {
	if int(p) < len(permNames) {
		return permNames[p]
	}
	return fmt.Sprintf("Perm(%d)", p)
}

// Role is an account's role.
type Role string

// The roles. Each of viewer, analyst, uploader and admin may do what the
// one before it may, and more; supervisor is a viewer who also records
// review decisions.
const (
	Viewer     Role = "viewer"
	Analyst    Role = "analyst"
	Uploader   Role = "uploader"
	Supervisor Role = "supervisor"
	Admin      Role = "admin"
)

// Roles lists every role, from the least allowed to the most.
var Roles = []Role{Viewer, Analyst, Uploader, Supervisor, Admin}

var rolePerms = map[Role][]Perm{
	Viewer:     {PermView},
	Analyst:    {PermView, PermConsole},
	Uploader:   {PermView, PermConsole, PermUpload},
	Supervisor: {PermView, PermReview},
	Admin:      {PermView, PermConsole, PermUpload, PermReview, PermAudit},
}

var roleLabels = map[Role]string{
	Viewer:     "浏览",
	Analyst:    "分析",
	Uploader:   "上传",
	Supervisor: "督查",
	Admin:      "管理员",
}

// Can says whether the role may do p. Everyone may do PermPublic; an
// unknown role nothing else.
func (r Role) Can(p Perm) bool {
	return p == PermPublic || slices.Contains(rolePerms[r], p)
}

// Label is the role's name in the pages.
func (r Role) Label() string { return roleLabels[r] }

// ParseRole reads a role's name.
func ParseRole(s string) (Role, error) {
	r := Role(strings.ToLower(strings.TrimSpace(s)))
	if _, ok := rolePerms[r]; !ok {
		return "", fmt.Errorf("unknown role %q (want one of %s)", s, roleList())
	}
	return r, nil
}

func roleList() string {
	names := make([]string, len(Roles))
	for i, r := range Roles {
		names[i] = string(r)
	}
	return strings.Join(names, ", ")
}
