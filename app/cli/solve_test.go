package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestSolveCommand(t *testing.T) {
	out, errOut, code := simCLI(t, "solve", "briefing", "--input", "contracts.msft_revshare.cap",
		"--metric", "contract.msft_revshare.total_paid", "--target", "41.2B")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	// Total paid holds the $3.76B paid before the cap counts (2025Q1-2026Q1).
	want := "contracts.msft_revshare.cap = 37.44B\ncontract.msft_revshare.total_paid = 41200000000.00 ($41.20B; target $41.20B)\n"
	if out != want {
		t.Errorf("output\n%s\nwant\n%s", out, want)
	}

	out, errOut, code = simCLI(t, "solve", "microsoft-cap", "--input", "contracts.msft_revshare.changes.2026Q2.rate",
		"--metric", "contract.msft_revshare.cap_hit", "--target", "2028Q4", "--format", "json")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	// By 2028Q4, 20% of 163.2B accrues: a rate of 38 / 163.2 binds the cap then.
	if v, _ := doc["value"].(string); !strings.HasPrefix(v, "23.28431372549") || doc["reached"] != "2028Q4" || doc["side"] != "above" {
		t.Errorf("json: %v", doc)
	}
}

func TestSolveCommandInvalid(t *testing.T) {
	base := []string{"solve", "briefing", "--input", "contracts.msft_revshare.cap", "--metric", "contract.msft_revshare.total_paid"}
	cases := []struct {
		args []string
		msg  string
	}{
		{append(base, "--target", "500B"), "no value of"},
		{append(base, "--target", "lots"), "not an amount"},
		{base, "needs --target"},
		{[]string{"solve", "briefing", "--input", "contracts.msft.cap", "--metric", "contract.msft_revshare.total_paid", "--target", "1B"}, "not a numeric field"},
		{[]string{"solve", "briefing", "--input", "contracts.msft_revshare.cap", "--metric", "x", "--target", "1B"}, "unknown metric"},
		{append(base, "--target", "40B", "--low", "50B"), "from 50B"},
		{append(base, "--target", "40B", "--format", "xml"), "--format"},
	}
	for _, c := range cases {
		out, errOut, code := simCLI(t, c.args...)
		if code != ExitInvalid || out != "" || !strings.Contains(errOut, c.msg) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 2 mentioning %q", c.args, code, out, errOut, c.msg)
		}
	}
}
