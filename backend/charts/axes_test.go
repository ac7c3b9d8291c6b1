package charts

import (
	"encoding/json"
	"math"
	"reflect"
	"strconv"
	"testing"

	"dealmodel/backend/contract"
	"dealmodel/backend/engine"
	"dealmodel/backend/plot"
	"dealmodel/backend/scenario"
	"dealmodel/backend/view"
	"dealmodel/scenarios"
)

func runBuiltin(t *testing.T, stem string) (*scenario.Scenario, *engine.Result) {
	t.Helper()
	b, _ := scenarios.ByStem(stem)
	s, err := scenario.Parse(b.File, b.Data)
	if err != nil {
		t.Fatal(err)
	}
	r, err := engine.Run(s)
	if err != nil {
		t.Fatal(err)
	}
	return s, r
}

type axesOption struct {
	YearStarts []int `json:"yearStarts"`
	YAxis      []struct {
		Type     string   `json:"type"`
		Min      *float64 `json:"min"`
		Max      *float64 `json:"max"`
		Interval *float64 `json:"interval"`
	} `json:"yAxis"`
	Series []struct {
		Name     string `json:"name"`
		Stack    string `json:"stack"`
		MarkLine *struct {
			Data []struct {
				Name  string `json:"name"`
				YAxis any    `json:"yAxis"`
			} `json:"data"`
		} `json:"markLine"`
		MarkPoint *struct {
			Data []struct {
				Name  string `json:"name"`
				Label struct {
					Position string `json:"position"`
				} `json:"label"`
			} `json:"data"`
		} `json:"markPoint"`
	} `json:"series"`
}

func decodeAxes(t *testing.T, raw json.RawMessage) axesOption {
	t.Helper()
	var o axesOption
	if err := json.Unmarshal(raw, &o); err != nil {
		t.Fatal(err)
	}
	return o
}

// A quarterly axis says where its years start, so the window ticks and labels it
// at year boundaries ("2026", "2027", …) as the PDF does; a yearly one does not.
func TestQuarterlyAxesTickAtYears(t *testing.T) {
	s, r := runBuiltin(t, "briefing")
	charts, err := All(r, s)
	if err != nil {
		t.Fatal(err)
	}
	var want []int
	for i := 0; i < len(r.Periods); i += 4 {
		want = append(want, i)
	}
	if r.Periods[0] != "2025Q1" || len(r.Periods)%4 != 0 {
		t.Fatalf("periods %v: the test expects whole years from 2025Q1", r.Periods)
	}
	for _, ch := range charts {
		got := decodeAxes(t, ch.Option).YearStarts
		if ch.ID == IDPartyNet {
			// Seven parties side by side would be hairlines by quarter: by year.
			if got != nil || ch.Title != "Net flows by party, by year" {
				t.Errorf("%s %q: yearStarts %v, want a yearly axis", ch.ID, ch.Title, got)
			}
			continue
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: yearStarts %v, want %v", ch.ID, got, want)
		}
	}
	yearly, err := All(r.ByYear(), s)
	if err != nil {
		t.Fatal(err)
	}
	for _, ch := range yearly {
		if got := decodeAxes(t, ch.Option).YearStarts; got != nil {
			t.Errorf("%s by year: yearStarts %v, want none", ch.ID, got)
		}
	}
	if got := plot.YearStarts([]string{"2025Q3", "2025Q4", "2026Q1", "2026Q2", "2027Q1"}); !reflect.DeepEqual(got, []int{0, 2, 4}) {
		t.Errorf("YearStarts from 2025Q3 = %v, want [0 2 4]", got)
	}
}

// The value axis reaches the cap even when the payments stay far below it, so
// the cap's line is drawn; it ends on a round tick above the cap.
func TestValueAxisIncludesTheCap(t *testing.T) {
	s, _ := runBuiltin(t, "microsoft-cap")
	c := s.Contract("msft_revshare")
	huge := d("500000000000") // $500B: far above every payment
	contract.Share(c).Cap = &huge
	r, err := engine.Run(s)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := ByID(r, s, "cumulative_cap.msft_revshare")
	if err != nil {
		t.Fatal(err)
	}
	o := decodeAxes(t, raw)
	if len(o.YAxis) != 1 || o.YAxis[0].Max == nil || o.YAxis[0].Interval == nil {
		t.Fatalf("y axis %+v: want a max set to reach the cap", o.YAxis)
	}
	max, step := *o.YAxis[0].Max, *o.YAxis[0].Interval
	if max < 500e9 || max > 700e9 {
		t.Errorf("the axis ends at %v, want just above the cap of 500e9", max)
	}
	if r := max / step; math.Abs(r-math.Round(r)) > 1e-9 || !nice(step) {
		t.Errorf("the axis ends at %v by steps of %v: not round ticks", max, step)
	}
	// The cap is still a mark line of the chart.
	found := false
	for _, se := range o.Series {
		if se.MarkLine != nil {
			for _, d := range se.MarkLine.Data {
				if d.Name == MarkCap {
					found = true
				}
			}
		}
	}
	if !found {
		t.Error("no cap line")
	}

	// A cap below the data leaves the axis to echarts.
	s, r = runBuiltin(t, "microsoft-cap")
	raw, err = ByID(r, s, "cumulative_cap.msft_revshare")
	if err != nil {
		t.Fatal(err)
	}
	if o := decodeAxes(t, raw); len(o.YAxis) == 1 && o.YAxis[0].Max != nil {
		t.Errorf("a cap the payments reach sets the axis' max to %v", *o.YAxis[0].Max)
	}
}

// nice reports whether a step is 1, 2, 2.5 or 5 times a power of ten.
func nice(step float64) bool {
	mag := math.Pow(10, math.Floor(math.Log10(step)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if math.Abs(step/mag-m) < 1e-9 {
			return true
		}
	}
	return false
}

// The label of the point where the cap binds stays inside the chart: beside the
// point, on the side with room, when it is near an edge.
func TestCapReachedLabelStaysInside(t *testing.T) {
	_, r := fixture()
	n := len(r.Periods)
	base := r.SeriesByID("contract.aws.paid").Values
	for i, want := range map[int]string{0: "right", n - 1: "left"} {
		spec := view.Chart{ID: "p" + strconv.Itoa(i), Draw: func() plot.Plot {
			return plot.Plot{
				Lines:  []plot.Series{{ID: "l", Name: "L", Values: base, Marked: true}},
				Points: []plot.Point{{Name: MarkCapReached, Index: i, Value: base[i], Quarter: r.Quarters[i]}},
			}
		}}
		raw, err := Render(r, spec)
		if err != nil {
			t.Fatal(err)
		}
		o := decodeAxes(t, raw)
		if got := o.Series[0].MarkPoint.Data[0].Label.Position; got != want {
			t.Errorf("point at %d of %d: label %q, want %q", i, n, got, want)
		}
	}
	if got := pointLabel(16, 32); got != "top" {
		t.Errorf("a point in the middle: label %q, want top", got)
	}
}

// The briefing's party flows are grouped bars, one per party, by year (seven
// parties by quarter would be hairlines), each the sum of its quarters.
func TestPartyFlowsGroupedByYear(t *testing.T) {
	s, r := runBuiltin(t, "briefing")
	raw, err := ByID(r, s, IDPartyNet)
	if err != nil {
		t.Fatal(err)
	}
	var o struct {
		XAxis []struct {
			Data []string `json:"data"`
		} `json:"xAxis"`
		Series []struct {
			ID, Name, Type, Stack string
			Data                  []struct{ Value float64 } `json:"data"`
		} `json:"series"`
	}
	if err := json.Unmarshal(raw, &o); err != nil {
		t.Fatal(err)
	}
	y := r.ByYear()
	if !reflect.DeepEqual(o.XAxis[0].Data, y.Periods) {
		t.Errorf("x axis %v, want the years %v", o.XAxis[0].Data, y.Periods)
	}
	if len(o.Series) < 4 {
		t.Fatalf("%d series", len(o.Series))
	}
	for _, se := range o.Series {
		if se.Type != "bar" || se.Stack != "" {
			t.Errorf("%s: %s stack %q, want grouped bars", se.Name, se.Type, se.Stack)
		}
		want := y.SeriesByID(se.ID).Values
		for i, d := range se.Data {
			if math.Abs(d.Value-want[i].InexactFloat64()) > 0.5 {
				t.Errorf("%s %s: %v, want %v", se.Name, y.Periods[i], d.Value, want[i])
			}
		}
	}
}
