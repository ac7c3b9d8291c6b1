package cli

import (
	"bytes"
	"flag"
	"fmt"

	"dealmodel/backend/contract"
	"dealmodel/backend/engine"
	"dealmodel/backend/scenario"
	"dealmodel/backend/tabular"
)

func init() {
	register(command{
		name: "run", order: 10, run: runCmd,
		args: "FILE|NAME [--period quarter|year] [--format table|csv|json] [--db PATH]",
		help: "compute a scenario and print its series and summary",
	})
}

func runCmd(e *env, args []string) error {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	period := fs.String("period", "quarter", "quarter or year")
	format := fs.String("format", "table", "table, csv or json")
	db := dbFlag(fs)
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return invalidf("run takes one scenario, a FILE or a NAME (found %d arguments)", len(pos))
	}
	if err := oneOf("period", *period, "quarter", "year"); err != nil {
		return err
	}
	if err := oneOf("format", *format, "table", "csv", "json"); err != nil {
		return err
	}
	s, err := resolve(e, pos[0], *db)
	if err != nil {
		return err
	}
	r, err := engine.Run(s)
	if err != nil {
		return err
	}
	if *period == "year" {
		r = r.ByYear()
	}
	ph := notePlaceholders(e, s)
	// Write to a buffer first, so that a failure leaves stdout empty.
	var out bytes.Buffer
	// Sized for the output at once (a table cell is 10 bytes, a JSON or CSV one
	// about 14): growing it step by step copied 100 contracts' 581 KB several times.
	out.Grow((len(r.Series) + 3) * (40 + 14*len(r.Periods)))
	switch *format {
	case "json":
		err = tabular.WriteJSON(&out, r, tabular.JSONOptions{Placeholders: ph})
	case "csv":
		err = tabular.WriteScheduleCSV(&out, r, tabular.CSVOptions{})
	default:
		writeTable(&out, r, 80)
	}
	if err != nil {
		return err
	}
	_, err = e.stdout.Write(out.Bytes())
	return err
}

// notePlaceholders tells on stderr when the scenario still has texts as a
// template wrote them (a party "Partner", the template's source), so that figures
// are not passed on as if the deal were filled in; it returns them for the JSON.
// The output itself is unchanged but for the JSON's "placeholders" key.
func notePlaceholders(e *env, s *scenario.Scenario) []tabular.Placeholder {
	ph := contract.Placeholders(s)
	if len(ph) == 0 {
		return nil
	}
	them := "them"
	if len(ph) == 1 {
		them = "it"
	}
	fmt.Fprintf(e.stderr, "dealmodel: note: in %q, %s: replace %s before the figures are passed on\n", s.Name, contract.DescribePlaceholders(ph), them)
	out := make([]tabular.Placeholder, len(ph))
	for i, p := range ph {
		out[i] = tabular.Placeholder{Path: p.Path, Owner: p.Owner, What: p.What, Value: p.Value}
	}
	return out
}
