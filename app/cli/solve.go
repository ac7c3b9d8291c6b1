//go:build !lean

package cli

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strings"

	"github.com/shopspring/decimal"

	"dealmodel/backend/money"
	"dealmodel/backend/scenario"
	"dealmodel/backend/sim"
)

func init() {
	register(command{
		name: "solve", order: 35, run: solveCmd,
		args: "FILE|NAME --input PATH --metric ID --target VALUE [--low V] [--high V] [--format table|json] [--db PATH]",
		help: "goal seek: the value of one input at which a metric reaches a target (an amount, or a quarter for cap_hit)",
	})
}

func solveCmd(e *env, args []string) error {
	fs := flag.NewFlagSet("solve", flag.ContinueOnError)
	input := fs.String("input", "", "path of the numeric field to solve, such as contracts.msft_revshare.cap")
	metric := fs.String("metric", "", "metric id, such as contract.msft_revshare.total_paid, or SERIES@PERIOD")
	target := fs.String("target", "", "target: an amount (41.2B), or a quarter (2028Q4) for cap_hit")
	low := fs.String("low", "", "lowest value to search (default: the field's range)")
	high := fs.String("high", "", "highest value to search")
	format := fs.String("format", "table", "table or json")
	db := dbFlag(fs)
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return invalidf("solve takes one scenario, a FILE or a NAME (found %d arguments)", len(pos))
	}
	for _, req := range []struct{ name, v string }{{"input", *input}, {"metric", *metric}, {"target", *target}} {
		if strings.TrimSpace(req.v) == "" {
			return invalidf("solve needs --%s: dealmodel solve FILE|NAME --input PATH --metric ID --target VALUE", req.name)
		}
	}
	if err := oneOf("format", *format, "table", "json"); err != nil {
		return err
	}
	s, err := resolve(e, pos[0], *db)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(e.ctx, os.Interrupt)
	defer stop()
	sol, err := sim.Solve(ctx, s, sim.Goal{Input: *input, Metric: *metric, Target: *target, Low: *low, High: *high})
	if err != nil {
		return simError(err)
	}
	var b bytes.Buffer
	if *format == "json" {
		w := &jsonWriter{b: &b}
		w.open('{')
		w.field("input", sol.Input)
		w.field("value", sol.Text)
		w.field("metric", sol.Metric)
		w.field("target", sol.Target)
		w.item("reached")
		if sol.Reached == "" {
			b.WriteString("null")
		} else {
			w.value(sol.Reached)
		}
		w.field("exact", sol.Exact)
		if sol.Side != "" {
			w.field("side", sol.Side)
		}
		w.field("low", scenario.FormatValue(scenario.FieldKind(sol.Kind), sol.Low))
		w.field("high", scenario.FormatValue(scenario.FieldKind(sol.Kind), sol.High))
		w.close('}')
		b.WriteByte('\n')
	} else {
		writeSolution(&b, sol)
	}
	_, err = e.stdout.Write(b.Bytes())
	return err
}

// writeSolution prints the solved value in the field's syntax, then the metric
// reached.
func writeSolution(b *bytes.Buffer, sol *sim.Solution) {
	fmt.Fprintf(b, "%s = %s\n", sol.Input, sol.Text)
	reached, target := sol.Reached, sol.Target
	if sol.Side != "" { // a quarter
		if reached == "" {
			reached = "never"
		}
		fmt.Fprintf(b, "%s = %s (target: %s or earlier)\n", sol.Metric, reached, target)
		other := map[string]string{"above": "larger", "below": "smaller"}[sol.Side]
		fmt.Fprintf(b, "The target holds at this value and at slightly %s ones.\n", other)
		return
	}
	r, _ := decimal.NewFromString(reached)
	t, _ := decimal.NewFromString(target)
	fmt.Fprintf(b, "%s = %s (%s; target %s)\n", sol.Metric, reached, money.Short(r), money.Short(t))
	if !sol.Exact {
		fmt.Fprintln(b, "No value of the input gives the target exactly: this is the nearest.")
	}
}
