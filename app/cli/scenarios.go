//go:build !lean

package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"dealmodel/backend/files"
	"dealmodel/backend/library"
	"dealmodel/backend/scenario"
	"dealmodel/backend/store"
)

func init() {
	register(command{
		name: "scenarios", order: 50, run: scenariosCmd,
		args: "list|show|import|export|history|diff|restore|rm|undelete|purge|rename|copy|restore-builtin|upgrade … [--db PATH]",
		help: "manage the scenarios stored in the database; 'dealmodel scenarios help' for details",
	})
}

type subcommand struct {
	name, args, help string
	run              func(e *env, l *library.Library, o opts) error
}

var scenarioSubcommands []subcommand

func init() {
	scenarioSubcommands = []subcommand{
		{"list", "[--trash] [--format table|json]", "the stored scenarios, with revision count and last change", scnList},
		{"show", "NAME [--rev N] [--format yaml|json]", "a revision's document (the latest by default)", scnShow},
		{"import", "FILE...", "store scenario files: all or none; an existing name gets a new revision", scnImport},
		{"export", "NAME [FILE] [--rev N]", "write a scenario as canonical YAML (to stdout without FILE)", scnExport},
		{"history", "NAME [--format table|json]", "every revision, newest first", scnHistory},
		{"diff", "NAME A B", "what changed from revision A to revision B, field by field", scnDiff},
		{"restore", "NAME N", "make revision N the latest again, as a new revision", scnRestore},
		{"rm", "NAME", "move a scenario to the trash", scnRemove},
		{"undelete", "NAME", "bring a scenario back from the trash", scnUndelete},
		{"purge", "NAME", "delete a scenario in the trash for good, with its history", scnPurge},
		{"rename", "NAME NEW", "rename a scenario", scnRename},
		{"copy", "NAME NEW", "copy a scenario's latest revision under a new name", scnCopy},
		{"restore-builtin", "NAME", "bring back a built-in scenario as shipped, as a new revision", scnRestoreBuiltin},
		{"upgrade", "FILE [OUT]", "rewrite a format v1 file as format v2 with the same results (in place without OUT); uses no database", scnUpgrade},
	}
}

func scenariosUsage(w io.Writer) {
	fmt.Fprintln(w, "Usage: dealmodel scenarios COMMAND [--db PATH] …")
	for _, s := range scenarioSubcommands {
		fmt.Fprintf(w, "  %-16s %s\n  %-16s   %s\n", s.name, s.args, "", s.help)
	}
}

func scenariosCmd(e *env, args []string) error {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		scenariosUsage(e.stdout)
		return nil
	}
	for _, sc := range scenarioSubcommands {
		if sc.name != args[0] {
			continue
		}
		return runSubcommand(e, sc, args[1:])
	}
	var b strings.Builder
	scenariosUsage(&b)
	return invalidf("unknown scenarios command %q\n%s", args[0], b.String())
}

// opts holds the flags every scenarios subcommand may take.
type opts struct {
	db, format string
	rev        int
	trash      bool
	pos        []string
}

func runSubcommand(e *env, sc subcommand, args []string) error {
	fs := flag.NewFlagSet("scenarios "+sc.name, flag.ContinueOnError)
	var o opts
	fs.StringVar(&o.db, "db", "", "the scenario database")
	fs.StringVar(&o.format, "format", "", "output format")
	fs.IntVar(&o.rev, "rev", 0, "revision number (0: the latest)")
	fs.BoolVar(&o.trash, "trash", false, "list the scenarios in the trash")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	o.pos = pos
	if o.rev < 0 {
		return invalidf("--rev %d: revisions are numbered from 1", o.rev)
	}
	if sc.name == "upgrade" {
		return sc.run(e, nil, o) // a file command: no database
	}
	if sc.name == "import" {
		// A rejected import leaves no trace: not even a new database or backup.
		if err := checkImport(o.pos); err != nil {
			return err
		}
	}
	l, err := openLibrary(e, o.db)
	if err != nil {
		return err
	}
	defer l.Close()
	return sc.run(e, l, o)
}

func want(args []string, n int, usage string) error {
	if len(args) != n {
		return invalidf("expected %s (found %d arguments)", usage, len(args))
	}
	return nil
}

func revNumber(s string) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		return 0, invalidf("%q is not a revision number: revisions are numbered from 1", s)
	}
	return n, nil
}

// buffered buffers a command's output, so that a failure leaves stdout empty.
func buffered(e *env, fn func(w io.Writer) error) error {
	var b bytes.Buffer
	if err := fn(&b); err != nil {
		return err
	}
	_, err := e.stdout.Write(b.Bytes())
	return err
}

func formatFlag(o opts, allowed ...string) (string, error) {
	f := o.format
	if f == "" {
		return allowed[0], nil
	}
	return f, oneOf("format", f, allowed...)
}

func when(t time.Time) string { return t.Local().Format("2006-01-02 15:04") }

func scnList(e *env, l *library.Library, o opts) error {
	args := o.pos
	if err := want(args, 0, "no arguments"); err != nil {
		return err
	}
	format, err := formatFlag(o, "table", "json")
	if err != nil {
		return err
	}
	filter := store.Active
	if o.trash {
		filter = store.Trashed
	}
	list, err := l.DB.List(context.Background(), filter)
	if err != nil {
		return err
	}
	return buffered(e, func(w io.Writer) error {
		if format == "json" {
			return writeIndented(w, list)
		}
		rows := [][]string{{"NAME", "REVISIONS", "LAST CHANGE", "BUILT-IN"}}
		for _, s := range list {
			b := s.Builtin
			if s.UpdateAvailable {
				b += " (update available)"
			}
			rows = append(rows, []string{s.Name, strconv.Itoa(s.Revisions), when(s.Modified), b})
		}
		return writeColumns(w, rows)
	})
}

func writeIndented(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func scnShow(e *env, l *library.Library, o opts) error {
	args := o.pos
	if err := want(args, 1, "NAME"); err != nil {
		return err
	}
	format, err := formatFlag(o, "yaml", "json")
	if err != nil {
		return err
	}
	ctx := context.Background()
	s, r, err := l.Load(ctx, args[0], o.rev)
	if err != nil {
		return err
	}
	body, err := l.Export(ctx, r.Scenario, r.Number)
	if err != nil {
		return err
	}
	return buffered(e, func(w io.Writer) error {
		if format == "yaml" {
			_, err := w.Write(body)
			return err
		}
		return writeIndented(w, struct {
			Name     string    `json:"name"`
			Revision int       `json:"revision"`
			Hash     string    `json:"hash"`
			Created  time.Time `json:"created"`
			Author   string    `json:"author"`
			Host     string    `json:"host"`
			Message  string    `json:"message"`
			Document string    `json:"document"`
		}{s.Name, r.Number, r.Hash, r.Created, r.Author, r.Host, r.Message, string(body)})
	})
}

// checkImport reads and parses the files of an import, reporting every file's
// problems together, before any database is opened.
func checkImport(paths []string) error {
	var errs scenario.ErrorList
	names := map[string]string{}
	for _, a := range paths {
		data, err := readScenarioFile(a)
		if err != nil {
			return err
		}
		sc, err := scenario.Parse(a, data)
		if err == nil {
			// The store refuses one name twice (by case and Unicode form) in an
			// import; say so before a database is opened or made.
			key := store.FoldName(sc.Name)
			if prev, dup := names[key]; dup {
				return invalidf("%s and %s are both named %q: give each scenario its own name", prev, a, sc.Name)
			}
			names[key] = a
		}
		if err != nil {
			var el *scenario.ErrorList
			if !errors.As(err, &el) {
				return err
			}
			errs.Errors = append(errs.Errors, el.Errors...)
			errs.Omitted += el.Omitted
		}
	}
	if len(errs.Errors) > 0 {
		if n := len(errs.Errors); n > scenario.MaxErrors {
			errs.Omitted += n - scenario.MaxErrors
			errs.Errors = errs.Errors[:scenario.MaxErrors]
		}
		return &errs
	}
	return nil
}

func scnImport(e *env, l *library.Library, o opts) error {
	args := o.pos
	if len(args) == 0 {
		return invalidf("import needs at least one FILE")
	}
	files := make([]library.File, 0, len(args))
	for _, a := range args {
		data, err := readScenarioFile(a)
		if err != nil {
			return err
		}
		files = append(files, library.File{Name: a, Data: data})
	}
	msg := "Imported from " + filepath.Base(args[0])
	if len(args) > 1 {
		msg = fmt.Sprintf("Imported with %d other files", len(args)-1)
	}
	revs, err := l.Import(context.Background(), files, msg)
	if err != nil {
		return err
	}
	return buffered(e, func(w io.Writer) error {
		for i, r := range revs {
			switch {
			case r.Unchanged:
				fmt.Fprintf(w, "%s: %q unchanged (revision %d already holds it)\n", args[i], r.Scenario, r.Number)
			case r.Number == 1:
				fmt.Fprintf(w, "%s: created %q, revision 1\n", args[i], r.Scenario)
			default:
				fmt.Fprintf(w, "%s: saved %q as revision %d\n", args[i], r.Scenario, r.Number)
			}
		}
		return nil
	})
}

func scnExport(e *env, l *library.Library, o opts) error {
	args := o.pos
	if len(args) != 1 && len(args) != 2 {
		return invalidf("expected NAME [FILE] (found %d arguments)", len(args))
	}
	if len(args) == 2 && strings.TrimSpace(args[1]) == "" {
		return invalidf("the file name is empty: give the file to write, or - (or nothing) for stdout")
	}
	body, err := l.Export(context.Background(), args[0], o.rev)
	if err != nil {
		return err
	}
	if len(args) == 1 || args[1] == "-" {
		_, err = e.stdout.Write(body)
		return err
	}
	return files.WriteAtomic(args[1], body)
}

func scnHistory(e *env, l *library.Library, o opts) error {
	args := o.pos
	if err := want(args, 1, "NAME"); err != nil {
		return err
	}
	format, err := formatFlag(o, "table", "json")
	if err != nil {
		return err
	}
	revs, err := l.DB.History(context.Background(), args[0])
	if err != nil {
		return err
	}
	return buffered(e, func(w io.Writer) error {
		if format == "json" {
			type item struct {
				Number  int       `json:"number"`
				Time    time.Time `json:"time"`
				Message string    `json:"message"`
				Hash    string    `json:"hash"`
				Author  string    `json:"author"`
				Host    string    `json:"host"`
			}
			out := make([]item, len(revs))
			for i, r := range revs {
				out[i] = item{r.Number, r.Created, r.Message, r.Hash, r.Author, r.Host}
			}
			return writeIndented(w, out)
		}
		rows := [][]string{{"REV", "TIME", "AUTHOR", "HASH", "MESSAGE"}}
		for _, r := range revs {
			rows = append(rows, []string{strconv.Itoa(r.Number), when(r.Created), r.Author, r.Hash[:12], r.Message})
		}
		return writeColumns(w, rows)
	})
}

func scnDiff(e *env, l *library.Library, o opts) error {
	args := o.pos
	if err := want(args, 3, "NAME A B"); err != nil {
		return err
	}
	a, err := revNumber(args[1])
	if err != nil {
		return err
	}
	b, err := revNumber(args[2])
	if err != nil {
		return err
	}
	changes, err := l.DB.Diff(context.Background(), args[0], a, b)
	if err != nil {
		return err
	}
	return buffered(e, func(w io.Writer) error {
		if len(changes) == 0 {
			fmt.Fprintf(w, "Revisions %d and %d are the same.\n", a, b)
			return nil
		}
		for _, c := range changes {
			switch c.Kind {
			case store.Added:
				fmt.Fprintf(w, "+ %s: %s\n", c.Path, c.To)
			case store.Removed:
				fmt.Fprintf(w, "- %s: %s\n", c.Path, c.From)
			default:
				fmt.Fprintf(w, "~ %s: %s → %s\n", c.Path, c.From, c.To)
			}
		}
		return nil
	})
}

func scnRestore(e *env, l *library.Library, o opts) error {
	args := o.pos
	if err := want(args, 2, "NAME N"); err != nil {
		return err
	}
	n, err := revNumber(args[1])
	if err != nil {
		return err
	}
	r, err := l.Restore(context.Background(), args[0], n)
	if err != nil {
		return err
	}
	if r.Unchanged {
		fmt.Fprintf(e.stdout, "%q: revision %d is already the latest; nothing to do\n", r.Scenario, n)
		return nil
	}
	fmt.Fprintf(e.stdout, "%q: revision %d restored as revision %d\n", r.Scenario, n, r.Number)
	return nil
}

func scnRemove(e *env, l *library.Library, o opts) error {
	args := o.pos
	if err := want(args, 1, "NAME"); err != nil {
		return err
	}
	if err := l.DB.Delete(context.Background(), args[0]); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%q moved to the trash ('dealmodel scenarios undelete %s' brings it back)\n", args[0], shellQuote(args[0]))
	return nil
}

func scnUndelete(e *env, l *library.Library, o opts) error {
	args := o.pos
	if err := want(args, 1, "NAME"); err != nil {
		return err
	}
	if err := l.DB.Undelete(context.Background(), args[0]); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%q is back from the trash\n", args[0])
	return nil
}

func scnPurge(e *env, l *library.Library, o opts) error {
	args := o.pos
	if err := want(args, 1, "NAME"); err != nil {
		return err
	}
	if err := l.DB.Purge(context.Background(), args[0]); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%q and its history are deleted\n", args[0])
	return nil
}

func scnRename(e *env, l *library.Library, o opts) error {
	args := o.pos
	if err := want(args, 2, "NAME NEW"); err != nil {
		return err
	}
	if err := l.Rename(context.Background(), args[0], args[1]); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%q is now %q\n", args[0], args[1])
	return nil
}

func scnCopy(e *env, l *library.Library, o opts) error {
	args := o.pos
	if err := want(args, 2, "NAME NEW"); err != nil {
		return err
	}
	if _, err := l.Duplicate(context.Background(), args[0], args[1]); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%q copied to %q\n", args[0], args[1])
	return nil
}

func scnRestoreBuiltin(e *env, l *library.Library, o opts) error {
	args := o.pos
	if err := want(args, 1, "NAME"); err != nil {
		return err
	}
	r, err := l.DB.RestoreBuiltin(context.Background(), args[0], "")
	if err != nil {
		return err
	}
	if r.Unchanged {
		fmt.Fprintf(e.stdout, "%q already matches the shipped built-in\n", r.Scenario)
		return nil
	}
	fmt.Fprintf(e.stdout, "%q restored as shipped, as revision %d\n", r.Scenario, r.Number)
	return nil
}

// shellQuote quotes a name for a command the user may paste.
func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_.,/:", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
