package sim

import (
	"testing"

	"dealmodel/backend/scenario"
)

// The window shows an uncertain input to four decimals, the command line to
// twelve; amounts, integers and quarters round the same in both.
func TestFormatFieldPlaces(t *testing.T) {
	cases := []struct {
		kind   scenario.FieldKind
		x      float64
		places int32
		want   string
	}{
		{scenario.KindRate, 0.123456789, 4, "12.35%"},
		{scenario.KindRate, 0.123456789, 12, "12.3456789%"},
		{scenario.KindNumber, 1.23456789, 4, "1.2346"},
		{scenario.KindNumber, 1.23456789, 12, "1.23456789"},
		{scenario.KindAmount, 38e9 + 0.126, 4, "38.00000000013B"},
		{scenario.KindAmount, 38e9 + 0.126, 12, "38.00000000013B"},
		{scenario.KindInteger, 7, 4, "7"},
		{scenario.KindQuarter, float64(scenario.Quarter(2029*4 + 1)), 12, scenario.Quarter(2029*4 + 1).String()},
	}
	for _, c := range cases {
		if got := FormatField(c.kind, c.x, c.places); got != c.want {
			t.Errorf("FormatField(%s, %v, %d) = %q, want %q", c.kind, c.x, c.places, got, c.want)
		}
	}
}

func TestMetricMoves(t *testing.T) {
	if (MetricStats{P10: 100, P50: 100, P90: 100}).Moves() {
		t.Error("a figure with P10 = P90 moves")
	}
	if !(MetricStats{P10: 90, P50: 100, P90: 110}).Moves() {
		t.Error("a figure from 90 to 110 does not move")
	}
	if (MetricStats{P10: 1e12, P50: 1e12, P90: 1e12 + 1}).Moves() {
		t.Error("a dollar on a trillion moves")
	}
}
