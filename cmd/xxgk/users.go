package main

import (
	"bufio"
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"golang.org/x/term"

	"xxgk/dashboard/auth"
)

// stdin is where `xxgk users` reads passwords; tests replace it.
var stdin io.Reader = os.Stdin

func runUsers(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("users", flag.ContinueOnError)
	fl.SetOutput(stderr)
	file := fl.String("file", "", "accounts `file` (created by add; mode 0600)")
	roleName := fl.String("role", "", "role of the account: viewer, analyst, uploader, supervisor or admin (add: default viewer)")
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: xxgk users add|passwd|remove|list --file FILE [--role ROLE] [NAME]")
		fmt.Fprintln(stderr, "Manages the accounts of xxgk serve --users FILE. The password is read from the terminal")
		fmt.Fprintln(stderr, "without echo, or as one line from standard input when that is not a terminal.")
		fl.PrintDefaults()
	}
	if len(args) == 0 {
		fl.Usage()
		return 2
	}
	action := args[0]
	if err := fl.Parse(args[1:]); err != nil {
		return 2
	}
	wantName := action != "list"
	if *file == "" || !slices.Contains([]string{"add", "passwd", "remove", "list"}, action) || (fl.NArg() == 1) != wantName || fl.NArg() > 1 {
		fl.Usage()
		return 2
	}
	var role auth.Role
	if *roleName != "" {
		r, err := auth.ParseRole(*roleName)
		if err != nil {
			fmt.Fprintf(stderr, "xxgk users: %v\n", err)
			return 2
		}
		role = r
	}
	if err := usersAction(action, *file, fl.Arg(0), role, stdout, stderr); err != nil {
		fmt.Fprintf(stderr, "xxgk users %s: %v\n", action, err)
		return 1
	}
	return 0
}

// usersAction changes the accounts file: reads it, changes it, writes it
// back atomically with mode 0600.
func usersAction(action, file, name string, role auth.Role, stdout, stderr io.Writer) error {
	accounts, err := auth.ReadAccounts(file)
	switch {
	case action == "add" && errors.Is(err, os.ErrNotExist):
		accounts = nil // add creates the file
	case err != nil:
		return err
	}
	if action == "list" {
		for _, a := range accounts {
			fmt.Fprintf(stdout, "%s\t%s\n", a.Name, a.Role)
		}
		return nil
	}
	if err := auth.ValidName(name); err != nil {
		return err
	}
	i := slices.IndexFunc(accounts, func(a auth.Account) bool { return a.Name == name })
	switch {
	case action == "add" && i >= 0:
		return fmt.Errorf("%s already has an account %q; change its password with: xxgk users passwd --file %s %s", file, name, file, name)
	case action != "add" && i < 0:
		return fmt.Errorf("%s: %w %q", file, auth.ErrNoAccount, name)
	}
	switch action {
	case "remove":
		accounts = slices.Delete(accounts, i, i+1)
	case "add", "passwd":
		hash, err := readNewPassword(name, stderr)
		if err != nil {
			return err
		}
		if action == "add" {
			accounts = append(accounts, auth.Account{Name: name, Role: cmp.Or(role, auth.Viewer), Hash: hash})
		} else {
			accounts[i].Hash = hash
			accounts[i].Role = cmp.Or(role, accounts[i].Role)
		}
	}
	if err := auth.WriteAccounts(file, accounts); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "xxgk users: %s %s in %s\n", map[string]string{"add": "added", "passwd": "changed the password of", "remove": "removed"}[action], name, file)
	return nil
}

// readNewPassword reads a password twice from a terminal, without echo,
// or once (a line) from standard input, and hashes it.
func readNewPassword(name string, stderr io.Writer) ([]byte, error) {
	if f, ok := stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprintf(stderr, "Password for %s: ", name)
		first, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(stderr)
		if err != nil {
			return nil, err
		}
		fmt.Fprint(stderr, "Again: ")
		again, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(stderr)
		if err != nil {
			return nil, err
		}
		if string(first) != string(again) {
			return nil, errors.New("the two passwords differ; nothing changed")
		}
		return auth.HashPassword(string(first))
	}
	line, err := bufio.NewReader(io.LimitReader(stdin, 4096)).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, err
	}
	password := strings.TrimRight(line, "\r\n")
	if password == "" {
		return nil, errors.New("no password on standard input (one line)")
	}
	return auth.HashPassword(password)
}
