package cli

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"dealmodel/backend/engine"
	"dealmodel/backend/report"
	"dealmodel/backend/scenario"
)

// Every cell of `table` is the exact engine's figure on the scenario with the two
// inputs set to the cell's values.
func TestTableCellsAreExactRuns(t *testing.T) {
	for _, metric := range []string{"contract.msft_revshare.cap_hit", "contract.msft_revshare.total_paid", "party.OpenAI.net_total"} {
		out, errOut, code := simCLI(t, "table", "briefing", "--x", "contracts.msft_revshare.cap=25B,38B,60B,92B",
			"--y", "streams.openai_revenue.annual.2030=120B..240B:4", "--metric", metric, "--format", "json")
		if code != ExitOK {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		var doc struct {
			Metric string
			X, Y   struct {
				Input  string
				Values []string
			}
			Cells [][]*string
		}
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		if doc.Metric != metric || doc.X.Input != "contracts.msft_revshare.cap" || doc.Y.Input != "streams.openai_revenue.annual.2030" {
			t.Errorf("header: %+v", doc)
		}
		if strings.Join(doc.Y.Values, ",") != "120B,160B,200B,240B" || strings.Join(doc.X.Values, ",") != "25B,38B,60B,92B" {
			t.Errorf("values: x %v, y %v", doc.X.Values, doc.Y.Values)
		}
		s, err := load("briefing")
		if err != nil {
			t.Fatal(err)
		}
		if len(doc.Cells) != 4 {
			t.Fatalf("%d rows", len(doc.Cells))
		}
		for i, yv := range doc.Y.Values {
			if len(doc.Cells[i]) != 4 {
				t.Fatalf("row %d has %d cells", i, len(doc.Cells[i]))
			}
			for j, xv := range doc.X.Values {
				c := s.Clone()
				x, _ := scenario.ParseAmount(xv)
				y, _ := scenario.ParseAmount(yv)
				if err := c.Set("contracts.msft_revshare.cap", x); err != nil {
					t.Fatal(err)
				}
				if err := c.Set("streams.openai_revenue.annual.2030", y); err != nil {
					t.Fatal(err)
				}
				res, err := engine.Run(c)
				if err != nil {
					t.Fatal(err)
				}
				want := report.MetricText(res.MetricByID(metric))
				got := ""
				if doc.Cells[i][j] != nil {
					got = *doc.Cells[i][j]
				}
				if got != want {
					t.Errorf("%s at cap %s, 2030 revenue %s: table %q, engine %q", metric, xv, yv, got, want)
				}
			}
		}
	}
}

func TestTableFormats(t *testing.T) {
	out, errOut, code := simCLI(t, "table", "briefing", "--x", "contracts.msft_revshare.cap=25B..60B:3",
		"--y", "contracts.msft_revshare.changes.2026Q2.rate=10%,20%", "--metric", "contract.msft_revshare.cap_hit", "--format", "csv")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || strings.Join(rows[0][1:], ",") != "25B,42.5B,60B" || rows[1][0] != "10%" || rows[2][0] != "20%" {
		t.Errorf("csv:\n%s", out)
	}
	if rows[2][2] != "2029Q4" && rows[2][2] != "2030Q1" && !strings.HasPrefix(rows[2][2], "20") && rows[2][2] != "" {
		t.Errorf("a cell %q is neither a quarter nor empty", rows[2][2])
	}
	out, errOut, code = simCLI(t, "table", "briefing", "--x", "contracts.msft_revshare.cap=25B,38B,60B",
		"--y", "contracts.msft_revshare.changes.2026Q2.rate=10%,20%", "--metric", "contract.msft_revshare.cap_hit")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	// The base case (38B at 20%) is starred.
	if !strings.Contains(out, "*2029Q2") || !strings.Contains(out, "quarter the cap binds") {
		t.Errorf("table:\n%s", out)
	}
}

func TestTableInvalid(t *testing.T) {
	x := "contracts.msft_revshare.cap=25B,38B"
	y := "contracts.msft_revshare.changes.2026Q2.rate=10%,20%"
	m := "contract.msft_revshare.total_paid"
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"table", "briefing", "--y", y, "--metric", m}, "--x is required"},
		{[]string{"table", "briefing", "--x", x, "--y", y}, "--metric is required"},
		{[]string{"table", "briefing", "--x", "contracts.msft_revshare.cap", "--y", y, "--metric", m}, "write PATH=VALUES"},
		{[]string{"table", "briefing", "--x", "contracts.msft_revshare.cop=1B", "--y", y, "--metric", m}, "did you mean contracts.msft_revshare.cap"},
		{[]string{"table", "briefing", "--x", "contracts.msft_revshare.cap=25X", "--y", y, "--metric", m}, "--x: \"25X\" is not an amount"},
		{[]string{"table", "briefing", "--x", "contracts.msft_revshare.cap=-5B", "--y", y, "--metric", m}, "outside the range"},
		{[]string{"table", "briefing", "--x", "contracts.msft_revshare.cap=1B..2B:1", "--y", y, "--metric", m}, "from 2 to 100"},
		{[]string{"table", "briefing", "--x", "contracts.aws_compute.years=5..8:3", "--y", y, "--metric", m}, "whole number"},
		{[]string{"table", "briefing", "--x", x, "--y", "contracts.msft_revshare.cap=1B", "--metric", m}, "two different inputs"},
		{[]string{"table", "briefing", "--x", x, "--y", y, "--metric", "contract.msft_revshare.total_pad"}, "did you mean contract.msft_revshare.total_paid"},
		{[]string{"table", "briefing", "--x", x, "--y", "contracts.msft_revshare.paid_before=30B", "--metric", m}, "is not a valid scenario"},
		{[]string{"table", "briefing", "--x", x, "--y", y, "--metric", m, "--format", "xml"}, "--format"},
	} {
		out, errOut, code := simCLI(t, c.args...)
		if code != ExitInvalid || out != "" || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want %q", c.args, code, out, errOut, c.want)
		}
	}
}

// export --table adds the two-way table's page to the PDF; its flags go together,
// with --pdf, and bad values fail before anything is written.
func TestExportTablePage(t *testing.T) {
	dir := t.TempDir()
	pdf := filepath.Join(dir, "b.pdf")
	code, _, errOut := cli(t, "export", "briefing", "--pdf", pdf, "--no-uncertainty", "--table", "contract.msft_revshare.cap_hit",
		"--x", "contracts.msft_revshare.cap=25B,38B,60B", "--y", "streams.openai_revenue.annual.2030=200B,280B")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(out)), " ")
	for _, w := range []string{"Two-way table: Revenue share to Microsoft: quarter the cap binds", "280B 2028Q3 2029Q2 2030Q1"} {
		if !strings.Contains(text, w) {
			t.Errorf("the PDF lacks %q", w)
		}
	}
	x, y := "contracts.msft_revshare.cap=25B,38B", "streams.openai_revenue.annual.2030=200B,280B"
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--pdf", pdf, "--x", x, "--y", y}, "--x and --y belong to --table ID"},
		{[]string{"--csv", "-", "--table", "contract.msft_revshare.cap_hit", "--x", x, "--y", y}, "add --pdf OUT"},
		{[]string{"--pdf", pdf, "--summary-only", "--table", "contract.msft_revshare.cap_hit", "--x", x, "--y", y}, "leave out --summary-only"},
		{[]string{"--pdf", pdf, "--table", "contract.msft_revshare.cap_hit", "--y", y}, "--table needs --x"},
		{[]string{"--pdf", pdf, "--table", "contract.msft_revshare.cap_hit", "--x", "contracts.msft_revshare.cap=25X", "--y", y}, `"25X" is not an amount`},
		{[]string{"--pdf", pdf, "--table", "contract.msft_revshare.cap_hot", "--x", x, "--y", y}, "cap_hot"},
	} {
		os.Remove(pdf)
		code, out, errOut := cli(t, append([]string{"export", "briefing"}, c.args...)...)
		if code != ExitInvalid || out != "" || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want %q", c.args, code, out, errOut, c.want)
		}
		if _, err := os.Stat(pdf); err == nil {
			t.Errorf("%v: a PDF was written", c.args)
		}
	}
}
