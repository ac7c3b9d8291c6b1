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
	"math"
	"os"
	"os/signal"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"dealmodel/backend/files"
	"dealmodel/backend/money"
	"dealmodel/backend/report"
	"dealmodel/backend/scenario"
	"dealmodel/backend/sim"
)

func init() {
	register(command{
		name: "simulate", order: 30, run: simulateCmd,
		args: "FILE|NAME [--runs N] [--seed S] [--format table|json] [--metric ID] [--bins N] [--period quarter|year] [--samples FILE.csv] [--db PATH]",
		help: "Monte Carlo over the scenario's uncertain inputs: percentiles, cap probabilities, tornado, histogram",
	})
}

// tableBins is the histogram's size in the table when --bins is not given: what
// fits on a screen.
const tableBins = 20

func simulateCmd(e *env, args []string) error {
	fs := flag.NewFlagSet("simulate", flag.ContinueOnError)
	runs := fs.Int("runs", 0, "number of runs (default: the scenario's uncertainty.runs, else 10000)")
	seedText := fs.String("seed", "", "random seed (default: the scenario's uncertainty.seed, else 1)")
	format := fs.String("format", "table", "table or json")
	metric := fs.String("metric", "", "metric of the tornado and the histogram")
	bins := fs.Int("bins", 0, "histogram bins (default 40; 20 in the table)")
	period := fs.String("period", "quarter", "periods of the bands (json): quarter or year")
	samples := fs.String("samples", "", "write every run's inputs and figures to this CSV file")
	db := dbFlag(fs)
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return invalidf("simulate takes one scenario, a FILE or a NAME (found %d arguments)", len(pos))
	}
	if err := oneOf("format", *format, "table", "json"); err != nil {
		return err
	}
	if err := oneOf("period", *period, "quarter", "year"); err != nil {
		return err
	}
	opt := sim.Options{Runs: *runs, Metric: *metric, Bins: *bins, Period: *period, Samples: *samples != ""}
	if setFlag(fs, "samples") && *samples == "" {
		return invalidf("--samples needs a file name, such as --samples runs.csv")
	}
	if setFlag(fs, "runs") && (*runs < 1 || *runs > scenario.MaxRuns) {
		return invalidf("--runs %d is not valid: use 1 to %d", *runs, scenario.MaxRuns)
	}
	if *seedText != "" {
		s, err := strconv.ParseInt(*seedText, 10, 64)
		if err != nil {
			return invalidf("--seed %q is not valid: use a whole number", *seedText)
		}
		opt.Seed = &s
	}
	if setFlag(fs, "bins") && (*bins < 1 || *bins > 1000) {
		return invalidf("--bins %d is not valid: use 1 to 1000", *bins)
	}
	if *format == "table" && opt.Bins == 0 {
		opt.Bins = tableBins
	}
	s, err := resolve(e, pos[0], *db)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(e.ctx, os.Interrupt)
	defer stop()
	m, err := sim.Compile(s)
	if err != nil {
		return simError(err)
	}
	out, err := m.Simulate(ctx, opt)
	if err != nil {
		return simError(err)
	}
	tor, err := m.Tornado(ctx, out.Histogram.Metric)
	if err != nil {
		return simError(err)
	}
	var buf bytes.Buffer
	if *format == "json" {
		writeSimJSON(&buf, out, tor)
	} else {
		writeSimTable(&buf, out, tor, 80)
	}
	if *samples != "" {
		// The file first, stdout last: a failing file leaves stdout empty.
		var b bytes.Buffer
		if err := report.WriteSamplesCSV(&b, out.Samples); err != nil {
			return err
		}
		if err := files.WriteAtomic(*samples, b.Bytes()); err != nil {
			return fmt.Errorf("--samples: %w", err)
		}
	}
	_, err = e.stdout.Write(buf.Bytes())
	return err
}

// simError maps the simulator's errors that people can fix to invalid input.
func simError(err error) error {
	if sim.ErrorCode(err) != "" {
		return invalidf("%s", err)
	}
	if errors.Is(err, context.Canceled) {
		return errors.New("interrupted")
	}
	return err
}

func setFlag(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// short writes an estimated amount for reading: $36.51B.
func short(x float64) string {
	return money.Short(decimal.NewFromFloat(x))
}

// jsonWriter writes JSON with keys in a chosen order, which encoding/json's maps
// would sort.
type jsonWriter struct {
	b      *bytes.Buffer
	indent int
	first  []bool
}

func (w *jsonWriter) open(c byte) {
	w.b.WriteByte(c)
	w.indent++
	w.first = append(w.first, true)
}

func (w *jsonWriter) close(c byte) {
	w.indent--
	empty := w.first[len(w.first)-1]
	w.first = w.first[:len(w.first)-1]
	if !empty {
		w.newline()
	}
	w.b.WriteByte(c)
}

func (w *jsonWriter) newline() {
	w.b.WriteByte('\n')
	w.b.WriteString(strings.Repeat("  ", w.indent))
}

// item starts a member of the current object (key != "") or array.
func (w *jsonWriter) item(key string) {
	if !w.first[len(w.first)-1] {
		w.b.WriteByte(',')
	}
	w.first[len(w.first)-1] = false
	w.newline()
	if key != "" {
		w.value(key)
		w.b.WriteString(": ")
	}
}

func (w *jsonWriter) value(v any) {
	enc, _ := json.Marshal(v)
	w.b.Write(enc)
}

func (w *jsonWriter) field(key string, v any) {
	w.item(key)
	w.value(v)
}

// inline writes a short array on one line.
func (w *jsonWriter) inline(key string, vs []string) {
	w.item(key)
	w.b.WriteByte('[')
	for i, v := range vs {
		if i > 0 {
			w.b.WriteString(", ")
		}
		w.b.WriteString(v)
	}
	w.b.WriteByte(']')
}

func quoted(xs []float64) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = strconv.Quote(money.FloatCents(x))
	}
	return out
}

// writeSimJSON writes the `simulate --format json` document: runs, seed, summary,
// cap_binds_by and tornado, then metric, histogram, bands and inputs. Amounts
// are strings with two decimals; probabilities are numbers.
func writeSimJSON(b *bytes.Buffer, out *sim.Outcome, tor *sim.Sensitivity) {
	l := sim.Lay(out, tor, 12)
	w := &jsonWriter{b: b}
	w.open('{')
	w.field("runs", l.Runs)
	w.field("seed", l.Seed)
	w.item("summary")
	w.open('{')
	for _, f := range l.Figures {
		w.item(f.ID)
		w.open('{')
		for _, kv := range [][2]string{{"mean", f.Mean}, {"sd", f.StdDev}, {"p5", f.P5}, {"p10", f.P10}, {"p25", f.P25}, {"p50", f.P50}, {"p75", f.P75}, {"p90", f.P90}, {"p95", f.P95}} {
			w.field(kv[0], kv[1])
		}
		w.close('}')
	}
	w.close('}')
	w.item("cap_binds_by")
	w.open('{')
	for _, c := range l.Caps {
		w.item(c.Contract)
		w.open('{')
		for _, y := range c.ByYear {
			w.item(strconv.Itoa(y.Year))
			b.WriteString(strconv.FormatFloat(y.P, 'f', -1, 64))
		}
		w.close('}')
	}
	w.close('}')
	w.item("tornado")
	w.open('[')
	for _, bar := range l.Tornado.Bars {
		w.item("")
		w.open('{')
		w.field("input", bar.Path)
		w.field("label", bar.Label)
		w.field("p10", bar.Low)
		w.field("base", bar.Base)
		w.field("p90", bar.High)
		w.field("metric_at_p10", money.Cents(bar.MetricLow))
		w.field("metric_at_p90", money.Cents(bar.MetricHigh))
		w.field("swing", money.Cents(bar.Swing))
		w.close('}')
	}
	w.close(']')
	// The inputs the tornado leaves out (it shows at most sim.MaxTornadoBars).
	w.item("tornado_omitted")
	b.WriteString(strconv.Itoa(l.Tornado.Omitted))

	w.field("scenario", l.Scenario)
	w.field("metric", l.Tornado.Metric)
	w.field("metric_base", money.Cents(l.Tornado.Base))
	w.item("cap_hit")
	w.open('{')
	for _, c := range l.Caps {
		w.item(c.Contract)
		w.open('{')
		for _, kv := range [][2]string{{"p10", c.P10}, {"p50", c.P50}, {"p90", c.P90}} {
			w.item(kv[0])
			if kv[1] == "" {
				b.WriteString("null")
			} else {
				w.value(kv[1])
			}
		}
		w.close('}')
	}
	w.close('}')
	w.item("histogram")
	w.open('{')
	w.field("metric", l.Metric)
	w.inline("edges", quoted(out.Histogram.Edges))
	counts := make([]string, len(out.Histogram.Counts))
	for i, c := range out.Histogram.Counts {
		counts[i] = strconv.Itoa(c)
	}
	w.inline("counts", counts)
	w.close('}')
	w.item("bands")
	w.open('{')
	w.field("period", l.Period)
	periods := make([]string, len(l.Periods))
	for i, p := range l.Periods {
		periods[i] = strconv.Quote(p)
	}
	w.inline("periods", periods)
	w.item("series")
	w.open('{')
	for _, bd := range out.Bands {
		w.item(bd.ID)
		w.open('{')
		w.inline("mean", quoted(bd.Mean))
		w.inline("p10", quoted(bd.P10))
		w.inline("p50", quoted(bd.P50))
		w.inline("p90", quoted(bd.P90))
		w.close('}')
	}
	w.close('}')
	w.close('}')
	w.item("inputs")
	w.open('[')
	for _, in := range l.Inputs {
		w.item("")
		w.open('{')
		w.field("input", in.Path)
		w.field("dist", in.Dist)
		w.field("base", in.Base)
		w.field("p10", in.P10)
		w.field("p50", in.P50)
		w.field("p90", in.P90)
		w.item("kept")
		b.WriteString(strconv.FormatFloat(in.Kept, 'g', 6, 64))
		w.close('}')
	}
	w.close(']')
	w.close('}')
	b.WriteByte('\n')
}

// writeSimTable prints the outcome for a terminal of the given width.
func writeSimTable(w io.Writer, out *sim.Outcome, tor *sim.Sensitivity, width int) {
	l := sim.Lay(out, tor, 12)
	fmt.Fprintln(w, l.Scenario)
	fmt.Fprintf(w, "Monte Carlo: %s runs, seed %d, %d uncertain inputs\n", thousands(l.Runs), l.Seed, len(l.Inputs))

	const valW = 10
	labelW := width - 4*valW
	fmt.Fprintf(w, "\n%s%*s%*s%*s%*s\n", pad("Summary (US$)", labelW), valW, "Mean", valW, "P10", valW, "P50", valW, "P90")
	moving := l.Moving()
	fixed := len(l.Figures) - len(moving)
	for _, f := range moving {
		s := f.Stats()
		fmt.Fprintf(w, "%s%*s%*s%*s%*s\n", pad(fit(f.Label, labelW-1), labelW), valW, short(s.Mean), valW, short(s.P10), valW, short(s.P50), valW, short(s.P90))
	}
	if fixed > 0 {
		if fixed == 1 {
			fmt.Fprintln(w, "(1 metric that no input moves is not shown.)")
		} else {
			fmt.Fprintf(w, "(%d metrics that no input moves are not shown.)\n", fixed)
		}
	}
	fmt.Fprintln(w, "P5, P25, P75 and P95 of every metric: --format json.")

	for _, c := range l.Caps {
		if !c.HasCap {
			fmt.Fprintf(w, "\n%s has no cap.\n", c.Label)
			continue
		}
		fmt.Fprintf(w, "\n%s\n", fit("Cap binding: "+c.Label, width))
		fmt.Fprintln(w, "Share of runs in which the cap has bound by the end of each year:")
		const colW = 7
		perBlock := max(1, width/colW)
		for start := 0; start < len(c.ByYear); start += perBlock {
			end := min(len(c.ByYear), start+perBlock)
			for _, y := range c.ByYear[start:end] {
				fmt.Fprintf(w, "%*d", colW, y.Year)
			}
			fmt.Fprintln(w)
			for _, y := range c.ByYear[start:end] {
				fmt.Fprintf(w, "%*s", colW, percent(y.P))
			}
			fmt.Fprintln(w)
		}
		q := func(s string) string {
			if s == "" {
				return "not in the horizon"
			}
			return s
		}
		fmt.Fprintf(w, "It has bound by %s in 10%% of runs, by %s in half, by %s in 90%%.\n", q(c.P10), q(c.P50), q(c.P90))
	}

	t := l.Tornado
	fmt.Fprintf(w, "\n%s\n", fit(fmt.Sprintf("Tornado: %s (base %s)", t.Label, money.Short(t.Base)), width))
	fmt.Fprintln(w, "Each input alone from its P10 to its P90, the others as written:")
	const rangeW, barValW = 22, 9
	inLabelW := width - rangeW - 3*barValW
	fmt.Fprintf(w, "%s%*s%*s%*s%*s\n", pad("Input", inLabelW), rangeW, "P10 → P90", barValW, "at P10", barValW, "at P90", barValW, "swing")
	for _, b := range t.Bars {
		rng := sim.Glance(scenario.FieldKind(b.Kind), b.LowValue) + " → " + sim.Glance(scenario.FieldKind(b.Kind), b.HighValue)
		fmt.Fprintf(w, "%s%*s%*s%*s%*s\n", pad(fit(b.Label, inLabelW-1), inLabelW), rangeW, rng,
			barValW, money.Short(b.MetricLow), barValW, money.Short(b.MetricHigh), barValW, money.Short(b.Swing))
	}
	switch {
	case t.Omitted == 1:
		fmt.Fprintln(w, "1 more input, which moves it least, is omitted.")
	case t.Omitted > 1:
		fmt.Fprintf(w, "%d more inputs, which move it least, are omitted.\n", t.Omitted)
	}

	h := out.Histogram
	fmt.Fprintf(w, "\n%s\n", fit("Distribution: "+h.Label, width))
	most := 1
	for _, c := range h.Counts {
		most = max(most, c)
	}
	const rangeCol = 20
	barW := width - rangeCol - 8
	for i, c := range h.Counts {
		rng := short(h.Edges[i]) + "–" + short(h.Edges[i+1])
		n := int(math.Round(float64(c) / float64(most) * float64(barW)))
		fmt.Fprintf(w, "%*s %s%s%7s\n", rangeCol-1, rng, strings.Repeat("█", n), strings.Repeat(" ", barW-n), percent(float64(c)/float64(out.Runs)))
	}
}

// percent writes a probability as a whole percentage, keeping "<1%" and ">99%"
// apart from 0 and 100.
func percent(p float64) string {
	switch {
	case p == 0:
		return "0%"
	case p == 1:
		return "100%"
	case p < 0.005:
		return "<1%"
	case p > 0.995:
		return ">99%"
	}
	return strconv.Itoa(int(math.Round(p*100))) + "%"
}

func thousands(n int) string {
	s := strconv.Itoa(n)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}
