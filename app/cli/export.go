//go:build !lean

package cli

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"dealmodel/backend/engine"
	"dealmodel/backend/files"
	"dealmodel/backend/report"
	"dealmodel/backend/scenario"
	"dealmodel/backend/sim"
	"dealmodel/backend/usecase"
	"dealmodel/backend/view"
	"dealmodel/scenarios"
)

func init() {
	register(command{
		name: "export", order: 20, run: exportCmd,
		args: "FILE|NAME [--csv OUT] [--summary-csv OUT] [--pdf OUT] [--period quarter|year] [--compare NAME...] [--paper a4|letter] [--landscape] [--summary-only] [--labels] [--bom] [--no-uncertainty] [--table ID --x PATH=VALUES --y PATH=VALUES] [--db PATH]",
		help: "write the schedule and summary as CSV (OUT - is stdout) and the PDF briefing",
	})
}

// listFlag collects a flag given several times or as a comma-separated list.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(v string) error {
	if strings.TrimSpace(v) == "" {
		return errors.New("give a scenario FILE or NAME")
	}
	*l = append(*l, v)
	return nil
}

// output is one file the export writes, built in memory before anything is written.
type output struct {
	flag, path string
	data       []byte
}

func exportCmd(e *env, args []string) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	csvOut := fs.String("csv", "", "write the per-period schedule as CSV to `OUT` (- for stdout)")
	sumOut := fs.String("summary-csv", "", "write the summary as CSV to `OUT` (- for stdout)")
	pdfOut := fs.String("pdf", "", "write the PDF briefing to `OUT`")
	period := fs.String("period", "quarter", "quarter or year")
	paper := fs.String("paper", "a4", "a4 or letter")
	landscape := fs.Bool("landscape", false, "landscape pages")
	summaryOnly := fs.Bool("summary-only", false, "write the PDF's one-page executive summary alone, without the full report")
	labels := fs.Bool("labels", false, "add a second CSV header row with labels for people")
	bom := fs.Bool("bom", false, "start CSV files with a UTF-8 byte order mark, for Excel")
	noUncertainty := fs.Bool("no-uncertainty", false, "leave the simulation out of the PDF")
	tableMetric := fs.String("table", "", "add a two-way table page to the PDF: the figure `ID` in its cells, over --x and --y (as dealmodel table)")
	tableX := fs.String("x", "", "with --table: the input across, PATH=VALUES (25B,38B,60B or LOW..HIGH:N)")
	tableY := fs.String("y", "", "with --table: the input down, PATH=VALUES")
	var compare listFlag
	fs.Var(&compare, "compare", "scenario `NAME` to compare with in the PDF; repeat it or give a comma list")
	db := dbFlag(fs)
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return invalidf("export takes one scenario, a FILE or a NAME (found %d arguments)", len(pos))
	}
	if err := oneOf("period", *period, "quarter", "year"); err != nil {
		return err
	}
	if err := oneOf("paper", *paper, "a4", "letter"); err != nil {
		return err
	}
	outs := []*output{{flag: "csv", path: *csvOut}, {flag: "summary-csv", path: *sumOut}, {flag: "pdf", path: *pdfOut}}
	if err := checkOutputs(outs); err != nil {
		return err
	}
	if len(compare) > 0 && *pdfOut == "" {
		return invalidf("--compare applies to the PDF briefing: add --pdf OUT")
	}
	if err := checkTableFlags(*tableMetric, *tableX, *tableY, *pdfOut, *summaryOnly); err != nil {
		return err
	}

	s, rev, err := resolveRevision(e, pos[0], *db)
	if err != nil {
		return err
	}
	others, err := loadCompare(e, compare, *db)
	if err != nil {
		return err
	}
	q, err := engine.Run(s)
	if err != nil {
		return err
	}
	notePlaceholders(e, s)
	r := q
	if *period == "year" {
		r = q.ByYear()
	}
	opt := report.CSVOptions{Labels: *labels, BOM: *bom}
	for _, o := range outs {
		if o.path == "" {
			continue
		}
		var b bytes.Buffer
		switch o.flag {
		case "csv":
			err = report.WriteScheduleCSV(&b, r, opt)
		case "summary-csv":
			err = report.WriteSummaryCSV(&b, r, opt)
		case "pdf":
			brief := &report.Briefing{
				Scenario:    s,
				Result:      q,
				Revision:    rev,
				Now:         generationTime(),
				Period:      engine.Period(*period),
				Paper:       report.Paper(*paper),
				Landscape:   *landscape,
				SummaryOnly: *summaryOnly,
			}
			for _, o := range others {
				brief.Compare = append(brief.Compare, report.Alternative{Scenario: o.s, Revision: o.rev})
			}
			if usecase.WantsUncertainty(brief, !*noUncertainty) {
				var m *sim.Model
				if m, err = sim.Compile(s); err == nil {
					brief.Uncertainty, err = usecase.Uncertainty(context.Background(), m, engine.Period(*period), view.HeadlineMetric(s))
				}
				if sim.ErrorCode(err) != "" {
					// Ranges that cannot be simulated are the input's fault, as
					// in simulate.
					err = invalidf("--pdf: %s\n(--no-uncertainty leaves the simulation out of the PDF)", err)
				}
			}
			if err == nil && *tableMetric != "" {
				brief.Table, err = twoWayOf(e, s, *tableX, *tableY, *tableMetric)
			}
			if err == nil {
				err = report.WritePDF(&b, brief)
			}
			if err == nil && brief.Unprintable() {
				fmt.Fprintln(e.stderr, "dealmodel: note:", report.UnprintableNote)
			}
		}
		if err != nil {
			return fmt.Errorf("--%s: %w", o.flag, err)
		}
		o.data = b.Bytes()
	}
	// Files first, stdout last: a failing file leaves stdout empty.
	for _, o := range outs {
		if o.path != "" && o.path != "-" {
			if err := files.WriteAtomic(o.path, o.data); err != nil {
				return fmt.Errorf("--%s: %w", o.flag, err)
			}
		}
	}
	for _, o := range outs {
		if o.path == "-" {
			if _, err := e.stdout.Write(o.data); err != nil {
				return err
			}
		}
	}
	return nil
}

// checkOutputs rejects what cannot be written before any work is done: no output at
// all, a PDF to stdout, two outputs to one place, a missing folder.
func checkOutputs(outs []*output) error {
	seen := map[string]string{}
	stdout, some := "", false
	for _, o := range outs {
		if o.path == "" {
			continue
		}
		some = true
		if o.path == "-" {
			if o.flag == "pdf" {
				return invalidf("--pdf needs a file name: a PDF is not written to stdout")
			}
			if stdout != "" {
				return invalidf("--%s and --%s both write to stdout: give one of them a file", stdout, o.flag)
			}
			stdout = o.flag
			continue
		}
		abs, err := filepath.Abs(o.path)
		if err != nil {
			return invalidf("--%s %q: %v", o.flag, o.path, err)
		}
		if prev, ok := seen[abs]; ok {
			return invalidf("--%s and --%s both write %s", prev, o.flag, o.path)
		}
		seen[abs] = o.flag
		if st, err := os.Stat(abs); err == nil && st.IsDir() {
			return invalidf("--%s %s is a folder: give a file name", o.flag, o.path)
		}
		dir := filepath.Dir(abs)
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			return invalidf("--%s %s: folder %s does not exist", o.flag, o.path, filepath.Dir(o.path))
		}
	}
	if !some {
		return invalidf("export needs at least one output: --csv OUT, --summary-csv OUT or --pdf OUT")
	}
	return nil
}

// compared is a scenario given to --compare, with its revision.
type compared struct {
	s   *scenario.Scenario
	rev string
}

// loadCompare resolves the --compare values. A value is first taken whole, since
// scenario names may contain commas; if it names nothing, as a comma list.
func loadCompare(e *env, values []string, dbPath string) ([]compared, error) {
	var out []compared
	for _, v := range values {
		s, rev, err := resolveRevision(e, strings.TrimSpace(v), dbPath)
		if err == nil {
			out = append(out, compared{s, rev})
			continue
		}
		var ue *usageError
		if !errors.As(err, &ue) || !strings.Contains(v, ",") {
			return nil, err
		}
		for _, part := range strings.Split(v, ",") {
			part = strings.TrimSpace(part)
			if part == "" {
				return nil, invalidf("--compare %q has an empty entry", v)
			}
			s, rev, err := resolveRevision(e, part, dbPath)
			if err != nil {
				return nil, err
			}
			out = append(out, compared{s, rev})
		}
	}
	return out, nil
}

// resolveRevision resolves FILE|NAME as every command does, and names the version
// the briefing shows: the stored revision's number and hash for a scenario from the
// database, else the hash of the scenario's canonical form. The store hashes the same
// canonical form, so a built-in reads the same whether it came from the binary or
// the database.
func resolveRevision(e *env, arg, dbPath string) (*scenario.Scenario, string, error) {
	s, err := resolve(e, arg, dbPath)
	if err != nil {
		return nil, "", err
	}
	rev := contentRevision(s)
	if _, builtin := scenarios.ByStem(arg); builtin || looksLikePath(arg) {
		return s, rev, nil
	}
	if st, err := os.Stat(arg); err == nil && !st.IsDir() {
		return s, rev, nil
	}
	l, err := openLibrary(e, dbPath)
	if err != nil {
		return s, rev, nil // resolve found it without the database
	}
	defer l.Close()
	if _, r, err := l.Load(context.Background(), arg, 0); err == nil {
		return s, fmt.Sprintf("%d (sha256:%s)", r.Number, r.Hash[:min(12, len(r.Hash))]), nil
	}
	return s, rev, nil
}

// contentRevision names a scenario that is not in the database by the start of the
// SHA-256 of its canonical form: the same for the same scenario whichever file or
// formatting it was read from.
func contentRevision(s *scenario.Scenario) string {
	sum := sha256.Sum256(scenario.Marshal(s))
	return "sha256:" + hex.EncodeToString(sum[:])[:12]
}

// generationTime is now, or SOURCE_DATE_EPOCH when it is set: the reproducible-builds
// convention, so that a scripted export can produce identical bytes.
func generationTime() time.Time {
	if v := os.Getenv("SOURCE_DATE_EPOCH"); v != "" {
		if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
			return time.Unix(secs, 0).UTC()
		}
	}
	return time.Now()
}
