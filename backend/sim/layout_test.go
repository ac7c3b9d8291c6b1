package sim

import (
	"context"
	"testing"

	"github.com/shopspring/decimal"

	"dealmodel/backend/money"
	"dealmodel/backend/scenario"
)

// Lay makes the decisions every output shares: which figures move, each input's
// value in its field's syntax, which tornado bars move the metric, and the
// labels of a correlation group.
func TestLay(t *testing.T) {
	m := mustCompile(t, mustBuiltin(t, "briefing"))
	seed := int64(3)
	out, err := m.Simulate(context.Background(), Options{Runs: 400, Seed: &seed})
	if err != nil {
		t.Fatal(err)
	}
	tor, err := m.Tornado(context.Background(), out.Histogram.Metric)
	if err != nil {
		t.Fatal(err)
	}
	out.Correlations = append(out.Correlations, CorrelationGroup{Inputs: []string{out.Inputs[0].Path, "no.such.input"}, Rho: 0.5})
	l := Lay(out, tor, 4)

	if len(l.Figures) != len(out.Summary) {
		t.Fatalf("%d figures for %d metrics", len(l.Figures), len(out.Summary))
	}
	moving := 0
	for i, f := range l.Figures {
		s := out.Summary[i]
		if f.ID != s.ID || f.Moves != s.Moves() || f.P10 != money.FloatCents(s.P10) || f.Stats() != s {
			t.Errorf("figure %d: %+v, from %+v", i, f, s)
		}
		if f.Moves {
			moving++
		}
	}
	if got := len(l.Moving()); got != moving || moving == 0 || moving == len(l.Figures) {
		t.Errorf("%d figures move, Moving lists %d of %d", moving, got, len(l.Figures))
	}
	for i, in := range l.Inputs {
		k := scenario.FieldKind(out.Inputs[i].Kind)
		if in.P90 != FormatField(k, out.Inputs[i].P90, 4) || in.Base != FormatField(k, out.Inputs[i].Base, 4) {
			t.Errorf("input %s: p90 %q, base %q", in.Path, in.P90, in.Base)
		}
	}
	last := l.Correlations[len(l.Correlations)-1]
	if last.Labels[0] != out.Inputs[0].Label || last.Labels[1] != "no.such.input" {
		t.Errorf("correlation labels %q: want the input's label, else its path", last.Labels)
	}
	if l.Tornado == nil || len(l.Tornado.Bars) != len(tor.Bars) {
		t.Fatalf("tornado %+v", l.Tornado)
	}
	for i, b := range l.Tornado.Bars {
		if b.Moves != !tor.Bars[i].Swing.IsZero() {
			t.Errorf("bar %s: moves %v, swing %s", b.Path, b.Moves, tor.Bars[i].Swing)
		}
	}
	if Lay(out, nil, 12).Tornado != nil {
		t.Error("a layout without a tornado has one")
	}
}

// Glance keeps a value in its field's syntax, short enough for a column.
func TestGlance(t *testing.T) {
	for _, c := range []struct {
		kind scenario.FieldKind
		d    string
		want string
	}{
		{scenario.KindAmount, "33099295739.72", "33.1B"},
		{scenario.KindAmount, "103291796067.5", "103.3B"},
		{scenario.KindAmount, "350000000", "350M"},
		{scenario.KindAmount, "12.345", "12.35"},
		{scenario.KindAmount, "0", "0"},
		{scenario.KindRate, "0.1551234", "15.51%"},
		{scenario.KindNumber, "0.77391234", "0.7739"},
		{scenario.KindInteger, "7", "7"},
	} {
		if got := Glance(c.kind, decimal.RequireFromString(c.d)); got != c.want {
			t.Errorf("Glance(%s, %s) = %q, want %q", c.kind, c.d, got, c.want)
		}
	}
}
