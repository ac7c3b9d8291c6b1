//go:build !lean

package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"dealmodel/backend/library"
	"dealmodel/backend/scenario"
	"dealmodel/backend/store"
	"dealmodel/scenarios"
)

// openLibrary opens the scenario database, telling the user on stderr when a damaged
// file had to be moved aside.
func openLibrary(e *env, dbPath string) (*library.Library, error) {
	l, err := library.Open(context.Background(), dbPath)
	if err != nil {
		return nil, err
	}
	if r := l.DB.Recovered; r != nil {
		fmt.Fprintln(e.stderr, "dealmodel:", r.Message())
	}
	return l, nil
}

// resolveStored resolves a NAME that is neither a file nor a built-in's stem: a
// stored scenario by name (in the database at dbPath); else a built-in by its name.
func resolveStored(e *env, arg, dbPath string) (*scenario.Scenario, error) {
	l, err := openLibrary(e, dbPath)
	if err != nil {
		return nil, err
	}
	defer l.Close()
	s, _, err := l.Load(context.Background(), arg, 0)
	if err == nil {
		return s, nil
	}
	if store.ErrorCode(err) != store.ENOTFOUND {
		return nil, err
	}
	for _, b := range scenarios.All() {
		if s, perr := scenario.Parse(b.File, b.Data); perr == nil && s.Name == arg {
			return s, nil
		}
	}
	if trashed, lerr := l.DB.List(context.Background(), store.Trashed); lerr == nil {
		for _, t := range trashed {
			if strings.EqualFold(t.Name, arg) {
				return nil, err // the store's own words: it is in the trash
			}
		}
	}
	return nil, invalidf("no scenario file, built-in or stored scenario named %q: give a path to a .yaml/.json file, a built-in (%s), or a name from 'dealmodel scenarios list'", arg, strings.Join(builtinStems(), ", "))
}

// storeMessage prints a store error that is not internal as its message for
// people (an internal one is printed whole, with its cause), and reports whether
// it did. Its exit status comes from its kind, as for any error.
func storeMessage(stderr io.Writer, err error) bool {
	var se *store.Error
	if !errors.As(err, &se) || se.Code == store.EINTERNAL {
		return false
	}
	fmt.Fprintln(stderr, "dealmodel:", se.Message)
	return true
}
