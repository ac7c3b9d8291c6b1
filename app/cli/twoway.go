//go:build !lean

package cli

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"

	"dealmodel/backend/report"
	"dealmodel/backend/scenario"
	"dealmodel/backend/sim"
)

func init() {
	register(command{
		name: "table", order: 35, run: tableCmd,
		args: "FILE|NAME --x PATH=VALUES --y PATH=VALUES --metric ID [--format table|csv|json] [--db PATH]",
		help: "a two-way table: one figure of the exact engine for every pair of values of two inputs",
	})
}

func tableCmd(e *env, args []string) error {
	fs := flag.NewFlagSet("table", flag.ContinueOnError)
	xFlag := fs.String("x", "", "the input across: PATH=VALUES, VALUES a comma list (25B,38B,60B) or LOW..HIGH:N")
	yFlag := fs.String("y", "", "the input down: PATH=VALUES")
	metric := fs.String("metric", "", "the figure in the cells: a summary id such as contract.msft_revshare.cap_hit")
	format := fs.String("format", "table", "table, csv or json")
	db := dbFlag(fs)
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return invalidf("table takes one scenario, a FILE or a NAME (found %d arguments)", len(pos))
	}
	if err := oneOf("format", *format, "table", "csv", "json"); err != nil {
		return err
	}
	for _, f := range []struct{ name, v, ex string }{
		{"x", *xFlag, "--x contracts.msft_revshare.cap=25B,38B,60B"},
		{"y", *yFlag, "--y streams.openai_revenue.annual.2030=150B..250B:5"},
		{"metric", *metric, "--metric contract.msft_revshare.cap_hit"},
	} {
		if strings.TrimSpace(f.v) == "" {
			return invalidf("--%s is required, such as %s", f.name, f.ex)
		}
	}
	s, err := resolve(e, pos[0], *db)
	if err != nil {
		return err
	}
	tw, err := twoWayOf(e, s, *xFlag, *yFlag, *metric)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	switch *format {
	case "json":
		writeTwoWayJSON(&buf, tw)
	case "csv":
		if err := report.WriteTwoWayCSV(&buf, tw); err != nil {
			return err
		}
	default:
		writeTwoWayTable(&buf, tw, 80)
	}
	_, err = e.stdout.Write(buf.Bytes())
	return err
}

// checkTableFlags checks export's --table, --x and --y before any work is done.
func checkTableFlags(metric, x, y, pdf string, summaryOnly bool) error {
	switch {
	case metric == "" && x == "" && y == "":
		return nil
	case metric == "":
		return invalidf("--x and --y belong to --table ID, the figure of the two-way table page, such as --table contract.msft_revshare.cap_hit")
	case pdf == "":
		return invalidf("--table adds a page to the PDF briefing: add --pdf OUT")
	case summaryOnly:
		return invalidf("--table adds a page to the full report: leave out --summary-only")
	case strings.TrimSpace(x) == "":
		return invalidf("--table needs --x PATH=VALUES, such as --x contracts.msft_revshare.cap=25B,38B,60B")
	case strings.TrimSpace(y) == "":
		return invalidf("--table needs --y PATH=VALUES, such as --y streams.openai_revenue.annual.2030=150B..250B:5")
	}
	return nil
}

// twoWayOf computes the two-way table of s: xSpec and ySpec are PATH=VALUES.
func twoWayOf(e *env, s *scenario.Scenario, xSpec, ySpec, metric string) (*sim.TwoWay, error) {
	axis := func(flagName, spec string) (string, error) {
		path, _, ok := strings.Cut(spec, "=")
		if !ok || strings.TrimSpace(path) == "" {
			return "", invalidf("--%s %q: write PATH=VALUES, such as contracts.msft_revshare.cap=25B,38B,60B", flagName, spec)
		}
		return strings.TrimSpace(path), nil
	}
	xPath, err := axis("x", xSpec)
	if err != nil {
		return nil, err
	}
	yPath, err := axis("y", ySpec)
	if err != nil {
		return nil, err
	}
	m, err := sim.Compile(s)
	if err != nil {
		return nil, simError(err)
	}
	xs, err := m.TableValues(xPath, afterEq(xSpec))
	if err != nil {
		return nil, invalidf("--x: %s", err)
	}
	ys, err := m.TableValues(yPath, afterEq(ySpec))
	if err != nil {
		return nil, invalidf("--y: %s", err)
	}
	ctx, stop := signal.NotifyContext(e.ctx, os.Interrupt)
	defer stop()
	tw, err := m.Table(ctx, xPath, xs, yPath, ys, metric)
	if err != nil {
		return nil, simError(err)
	}
	return tw, nil
}

func afterEq(spec string) string {
	_, v, _ := strings.Cut(spec, "=")
	return v
}

// writeTwoWayJSON writes the document the format fixes: metric, x and y with their
// values in the field's syntax, and cells[i][j] at y.values[i] and x.values[j]: an
// amount with two decimals, a quarter or a year, or null.
func writeTwoWayJSON(b *bytes.Buffer, tw *sim.TwoWay) {
	w := &jsonWriter{b: b}
	w.open('{')
	w.field("metric", tw.Metric)
	for _, a := range []struct {
		k string
		a *sim.TableAxis
	}{{"x", &tw.X}, {"y", &tw.Y}} {
		w.item(a.k)
		w.open('{')
		w.field("input", a.a.Input)
		w.item("values")
		w.value(a.a.Texts)
		w.close('}')
	}
	w.item("cells")
	w.open('[')
	for _, row := range tw.Cells {
		w.item("")
		b.WriteByte('[')
		for j := range row {
			if j > 0 {
				b.WriteString(", ")
			}
			if t := report.MetricText(&row[j]); t == "" {
				b.WriteString("null")
			} else {
				w.value(t)
			}
		}
		b.WriteByte(']')
	}
	w.close(']')
	w.close('}')
	b.WriteByte('\n')
}

// writeTwoWayTable prints the table for a terminal: y values down, x values
// across, in blocks of as many columns as fit; the base case is starred.
func writeTwoWayTable(w io.Writer, tw *sim.TwoWay, width int) {
	fmt.Fprintln(w, fit(tw.Label, width))
	fmt.Fprintf(w, "%s, by %s (down) and %s (across); * the scenario as it is (%s)\n",
		tw.Metric, tw.Y.Input, tw.X.Input, report.MetricShort(&tw.Base))
	labelW := 10
	for _, t := range tw.Y.Texts {
		labelW = max(labelW, textWidth(t)+3)
	}
	colW := 10
	for _, t := range tw.X.Texts {
		colW = max(colW, textWidth(t)+3)
	}
	for i := range tw.Cells {
		for j := range tw.Cells[i] {
			colW = max(colW, textWidth(report.MetricShort(&tw.Cells[i][j]))+3)
		}
	}
	perBlock := max(1, (width-labelW)/colW)
	for start := 0; start < len(tw.X.Texts); start += perBlock {
		end := min(len(tw.X.Texts), start+perBlock)
		fmt.Fprintf(w, "\n%s", pad("", labelW))
		for _, t := range tw.X.Texts[start:end] {
			fmt.Fprintf(w, "%*s", colW, t)
		}
		fmt.Fprintln(w)
		for i, t := range tw.Y.Texts {
			fmt.Fprint(w, pad(t, labelW))
			for j := start; j < end; j++ {
				c := report.MetricShort(&tw.Cells[i][j])
				if i == tw.Y.BaseIndex && j == tw.X.BaseIndex {
					c = "*" + c
				}
				fmt.Fprintf(w, "%*s", colW, c)
			}
			fmt.Fprintln(w)
		}
	}
}
