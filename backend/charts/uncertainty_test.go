package charts

import (
	"context"
	"encoding/json"
	"math"
	"testing"

	"dealmodel/backend/scenario"
	"dealmodel/backend/sim"
	"dealmodel/scenarios"
)

func simulateBuiltin(t *testing.T, stem string) (*sim.Outcome, *sim.Sensitivity) {
	t.Helper()
	b, _ := scenarios.ByStem(stem)
	s, err := scenario.Parse(b.File, b.Data)
	if err != nil {
		t.Fatal(err)
	}
	m, err := sim.Compile(s)
	if err != nil {
		t.Fatal(err)
	}
	seed := int64(3)
	o, err := m.Simulate(context.Background(), sim.Options{Runs: 2000, Seed: &seed, Period: sim.PeriodYear})
	if err != nil {
		t.Fatal(err)
	}
	tor, err := m.Tornado(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	return o, tor
}

type uncOption struct {
	XAxis  []struct{ Data []any } `json:"xAxis"`
	YAxis  []struct{ Data []any } `json:"yAxis"`
	Series []struct {
		Name  string `json:"name"`
		Stack string `json:"stack"`
		Data  []struct {
			Value float64 `json:"value"`
		} `json:"data"`
	} `json:"series"`
}

func decodeUnc(t *testing.T, raw json.RawMessage) uncOption {
	t.Helper()
	var o uncOption
	if err := json.Unmarshal(raw, &o); err != nil {
		t.Fatalf("%v: %s", err, raw)
	}
	return o
}

func TestFanStacksTheBandOnP10(t *testing.T) {
	o, _ := simulateBuiltin(t, "microsoft-cap")
	b := o.Bands[0]
	opt := decodeUnc(t, rawOrFail(t, func() (json.RawMessage, error) { return Fan(o, b.ID) }))
	if len(opt.Series) != 4 || opt.Series[0].Name != SeriesP10 || opt.Series[1].Name != SeriesBand || opt.Series[0].Stack != "band" || opt.Series[1].Stack != "band" {
		t.Fatalf("series: %+v", opt.Series)
	}
	for i := range b.P10 {
		lo, width := opt.Series[0].Data[i].Value, opt.Series[1].Data[i].Value
		if math.Abs(lo-b.P10[i]) > 1e-6 || math.Abs(lo+width-b.P90[i]) > 1e-3 || opt.Series[2].Data[i].Value != b.P50[i] {
			t.Fatalf("period %d: P10 %v width %v, want P10 %v P90 %v", i, lo, width, b.P10[i], b.P90[i])
		}
	}
	if _, err := Fan(o, "no.such.band"); err == nil {
		t.Fatal("Fan accepted an unknown band")
	}
}

// The histogram's bars stand at their bins' middles on a value axis ticked at
// round numbers (1, 2, 2.5 or 5 times a power of ten, as the PDF's), spanning
// every bin; their shares of the runs sum to one.
func TestHistogramSharesSumToOne(t *testing.T) {
	o, _ := simulateBuiltin(t, "microsoft-cap")
	var opt struct {
		XAxis []struct {
			Type               string
			Min, Max, Interval float64
			Data               []any
		} `json:"xAxis"`
		Series []struct {
			Data []struct {
				Value []float64 `json:"value"`
			} `json:"data"`
		} `json:"series"`
	}
	raw := rawOrFail(t, func() (json.RawMessage, error) { return Histogram(o) })
	if err := json.Unmarshal(raw, &opt); err != nil {
		t.Fatal(err)
	}
	h := o.Histogram
	sum := 0.0
	for i, d := range opt.Series[0].Data {
		sum += d.Value[1]
		if mid := (h.Edges[i] + h.Edges[i+1]) / 2; math.Abs(d.Value[0]-mid) > 1e-3 {
			t.Errorf("bar %d at %v, want its bin's middle %v", i, d.Value[0], mid)
		}
	}
	if math.Abs(sum-1) > 1e-9 || len(opt.Series[0].Data) != len(h.Counts) {
		t.Fatalf("shares sum to %v over %d bins", sum, len(opt.Series[0].Data))
	}
	x := opt.XAxis[0]
	if x.Type != "value" || len(x.Data) != 0 {
		t.Fatalf("x axis %+v: want a value axis", x)
	}
	if x.Min > h.Edges[0] || x.Max < h.Edges[len(h.Edges)-1] || !nice(x.Interval) {
		t.Errorf("x axis %v..%v by %v: want round ticks around %v..%v", x.Min, x.Max, x.Interval, h.Edges[0], h.Edges[len(h.Edges)-1])
	}
	for _, v := range []float64{x.Min, x.Max} {
		if r := v / x.Interval; math.Abs(r-math.Round(r)) > 1e-9 {
			t.Errorf("the axis ends at %v, off its ticks of %v", v, x.Interval)
		}
	}
	if n := (x.Max - x.Min) / x.Interval; n < 3 || n > 12 {
		t.Errorf("%v ticks", n)
	}
}

func TestTornadoPutsTheLargestSwingOnTop(t *testing.T) {
	_, tor := simulateBuiltin(t, "microsoft-cap")
	raw := rawOrFail(t, func() (json.RawMessage, error) { return Tornado(tor) })
	var opt struct {
		YAxis  []struct{ Data []string } `json:"yAxis"`
		Series []struct {
			Name   string `json:"name"`
			Stack  string `json:"stack"`
			BarGap string `json:"barGap"`
			Data   []struct {
				Value float64 `json:"value"`
				End   string  `json:"end"`
			} `json:"data"`
		} `json:"series"`
	}
	if err := json.Unmarshal(raw, &opt); err != nil {
		t.Fatal(err)
	}
	labels := opt.YAxis[0].Data
	n := len(tor.Bars)
	if len(labels) != n || labels[n-1] != tor.Bars[0].Label {
		t.Fatalf("top label %v, want %s", labels[n-1], tor.Bars[0].Label)
	}
	if opt.Series[0].Stack != "" || opt.Series[1].Stack != "" || opt.Series[1].BarGap != "-100%" {
		t.Fatal("the two ends must overlap from the base, not stack")
	}
	base := tor.Base.InexactFloat64()
	for i, b := range tor.Bars {
		k := n - 1 - i
		far, near := opt.Series[0].Data[k], opt.Series[1].Data[k]
		if math.Abs(far.Value) < math.Abs(near.Value) || far.End == near.End {
			t.Fatalf("%s: far %+v, near %+v", b.Label, far, near)
		}
		got := map[string]float64{far.End: far.Value, near.End: near.Value}
		if math.Abs(got["P10"]-(b.MetricLow.InexactFloat64()-base)) > 1e-3 || math.Abs(got["P90"]-(b.MetricHigh.InexactFloat64()-base)) > 1e-3 {
			t.Fatalf("%s: %v, want P10 %v P90 %v", b.Label, got, b.MetricLow, b.MetricHigh)
		}
	}
}

// A tornado that leaves inputs out says how many, in its title: the chart alone
// must not pass for every input there is.
func TestTornadoTitleSaysHowManyInputsItOmits(t *testing.T) {
	o, tor := simulateBuiltin(t, "briefing")
	if got := TornadoTitle(tor); got != "What moves "+tor.Label {
		t.Errorf("every input shown: %q", got)
	}
	one := *tor
	one.Omitted = 1
	if got, want := TornadoTitle(&one), "What moves "+tor.Label+" (1 more input, which moves it least, omitted)"; got != want {
		t.Errorf("one left out: %q, want %q", got, want)
	}
	many := *tor
	many.Omitted = 180
	list, err := Uncertainty(o, &many)
	if err != nil {
		t.Fatal(err)
	}
	last := list[len(list)-1]
	if want := "What moves " + tor.Label + " (180 more inputs, which move it least, omitted)"; last.ID != IDTornado || last.Title != want {
		t.Errorf("tornado chart %s titled %q, want %q", last.ID, last.Title, want)
	}
}

func TestUncertaintyListsEveryChart(t *testing.T) {
	o, tor := simulateBuiltin(t, "briefing")
	list, err := Uncertainty(o, tor)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != len(o.Bands)+2 || list[len(list)-1].ID != IDTornado || list[len(list)-2].ID != IDHistogram {
		t.Fatalf("%d charts for %d bands", len(list), len(o.Bands))
	}
}

func rawOrFail(t *testing.T, f func() (json.RawMessage, error)) json.RawMessage {
	t.Helper()
	raw, err := f()
	if err != nil {
		t.Fatal(err)
	}
	return raw
}
