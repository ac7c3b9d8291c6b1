package report

import (
	"context"
	"strings"
	"testing"

	"dealmodel/backend/sim"
)

// twoWayOf computes a two-way table of a built-in with the exact engine.
func twoWayOf(t *testing.T, b *Briefing, x, xv, y, yv, metric string) *sim.TwoWay {
	t.Helper()
	m, err := sim.Compile(b.Scenario)
	if err != nil {
		t.Fatal(err)
	}
	xs, err := m.TableValues(x, xv)
	if err != nil {
		t.Fatal(err)
	}
	ys, err := m.TableValues(y, yv)
	if err != nil {
		t.Fatal(err)
	}
	tw, err := m.Table(context.Background(), x, xs, y, ys, metric)
	if err != nil {
		t.Fatal(err)
	}
	return tw
}

// The two-way table page: on a page of its own after the uncertainty section,
// every cell's figure, the base case named, and for an amount the exact figures.
func TestBriefingPDFTwoWay(t *testing.T) {
	b := briefingOf(t, "briefing")
	b.Table = twoWayOf(t, b, "contracts.msft_revshare.cap", "25B,38B,60B", "streams.openai_revenue.annual.2030", "200B,280B", "contract.msft_revshare.cap_hit")
	pages := pdfText(t, mustPDF(t, b))
	page := -1
	for i, p := range pages {
		if strings.Contains(p, "Two-way table: Revenue share to Microsoft: quarter the cap binds") {
			page = i
		}
	}
	if page < 0 {
		t.Fatal("no two-way table page")
	}
	text := flat(pages[page])
	if strings.Contains(text, "Deal terms") || !strings.Contains(flat(pages[page+1]), "Deal terms") {
		t.Error("the table does not have its page to itself")
	}
	for _, w := range []string{"The outlined cell is the scenario as it is", "OpenAI revenue 2030 = 280B): 2029Q2", "Down: OpenAI revenue 2030. Across: Revenue share to Microsoft: cap.", "25B 38B 60B"} {
		if !strings.Contains(text, w) {
			t.Errorf("the table page lacks %q:\n%s", w, text)
		}
	}
	for i, row := range b.Table.Cells {
		line := b.Table.Y.Texts[i]
		for j := range row {
			line += " " + MetricShort(&row[j])
		}
		if !strings.Contains(text, line) {
			t.Errorf("the table page lacks the row %q", line)
		}
	}
	if strings.Contains(text, "Exact figures") {
		t.Error("a table of quarters has exact figures apart")
	}

	b.Table = twoWayOf(t, b, "contracts.msft_revshare.cap", "25B,38B,60B", "streams.openai_revenue.annual.2030", "200B..300B:3", "contract.msft_revshare.total_paid")
	all := flat(strings.Join(pdfText(t, mustPDF(t, b)), " "))
	for _, w := range []string{"Two-way table: Revenue share to Microsoft: total paid", "is not among the values: it gives $41.76B", "Exact figures", "250B $28,760,000,000.00 $41,760,000,000.00 $63,760,000,000.00"} {
		if !strings.Contains(all, w) {
			t.Errorf("the table page lacks %q", w)
		}
	}
}
