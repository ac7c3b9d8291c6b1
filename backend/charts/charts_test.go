package charts

import (
	"encoding/json"
	"testing"

	"github.com/shopspring/decimal"

	"dealmodel/backend/contract"
	"dealmodel/backend/engine"
	"dealmodel/backend/scenario"
)

// option is the part of an echarts option that the tests read.
type option struct {
	Color []string `json:"color"`
	XAxis []struct {
		Data []string `json:"data"`
	} `json:"xAxis"`
	Series []struct {
		ID    string `json:"id"`
		Name  string `json:"name"`
		Type  string `json:"type"`
		Stack string `json:"stack"`
		Data  []struct {
			Value *float64 `json:"value"`
		} `json:"data"`
		MarkLine *struct {
			Data []struct {
				Name    string   `json:"name"`
				YAxis   *float64 `json:"yAxis"`
				XAxis   string   `json:"xAxis"`
				Quarter string   `json:"quarter"`
			} `json:"data"`
		} `json:"markLine"`
		MarkPoint *struct {
			Data []struct {
				Name  string        `json:"name"`
				Coord []interface{} `json:"coord"`
				Value float64       `json:"value"`
			} `json:"data"`
		} `json:"markPoint"`
	} `json:"series"`
	Toolbox json.RawMessage `json:"toolbox"`
}

func decode(t *testing.T, raw json.RawMessage) option {
	t.Helper()
	var o option
	if err := json.Unmarshal(raw, &o); err != nil {
		t.Fatalf("option is not JSON: %v\n%s", err, raw)
	}
	return o
}

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func ds(vs ...string) []decimal.Decimal {
	out := make([]decimal.Decimal, len(vs))
	for i, v := range vs {
		out[i] = d(v)
	}
	return out
}

func q(y, n int) scenario.Quarter { return scenario.NewQuarter(y, n) }

// fixture is a four-quarter scenario with a capped revenue share that binds in
// 2025Q3, two commitments to one provider and one to another, a payment and a stake,
// and the result an engine computes for it (written out by hand).
func fixture() (*scenario.Scenario, *engine.Result) {
	capAmount := d("10")
	s := &scenario.Scenario{
		Version: 1, Name: "Fixture", Start: q(2025, 1), End: q(2025, 4),
		Streams: []scenario.Stream{{ID: "rev", Label: "OpenAI revenue"}},
		Contracts: []scenario.Contract{
			{ID: "share", Type: "revenue_share", Label: "Revenue share", Payer: "OpenAI", Payee: "Microsoft",
				Enabled: true, Ext: &contract.ShareTerms{Base: "rev", Rate: d("0.2"), Cap: &capAmount}},
			{ID: "aws", Type: "commitment", Payer: "OpenAI", Payee: "AWS", Enabled: true},
			{ID: "azure1", Type: "commitment", Payer: "OpenAI", Payee: "Azure", Enabled: true},
			{ID: "azure2", Type: "commitment", Payer: "OpenAI", Payee: "Azure", Enabled: true},
			{ID: "off", Type: "commitment", Payer: "OpenAI", Payee: "Oracle", Enabled: false},
			{ID: "stake", Type: "equity", Label: "Microsoft stake", Enabled: true, Ext: &contract.EquityTerms{Holder: "Microsoft"}},
		},
	}
	r := &engine.Result{
		Scenario: s.Name, Period: engine.Quarterly,
		Periods:  []string{"2025Q1", "2025Q2", "2025Q3", "2025Q4"},
		Quarters: []scenario.Quarter{q(2025, 1), q(2025, 2), q(2025, 3), q(2025, 4)},
		Series: []engine.Series{
			{ID: "stream.rev", Group: engine.GroupStream, Owner: "rev", Values: ds("20", "20", "20", "20")},
			{ID: "contract.share.accrued", Group: engine.GroupContract, Owner: "share", Measure: "accrued", Type: "revenue_share", Values: ds("4", "4", "4", "4")},
			{ID: "contract.share.paid", Group: engine.GroupContract, Owner: "share", Measure: "paid", Type: "revenue_share", Values: ds("4", "4", "2", "0")},
			{ID: "contract.share.cumulative", Group: engine.GroupContract, Owner: "share", Measure: "cumulative", Type: "revenue_share", Kind: engine.Level, Values: ds("4", "8", "10", "10")},
			{ID: "contract.aws.paid", Group: engine.GroupContract, Owner: "aws", Measure: "paid", Type: "commitment", Values: ds("1.25", "1.25", "1.25", "1.25")},
			{ID: "contract.azure1.paid", Group: engine.GroupContract, Owner: "azure1", Measure: "paid", Type: "commitment", Values: ds("1", "2", "3", "4")},
			{ID: "contract.azure2.paid", Group: engine.GroupContract, Owner: "azure2", Measure: "paid", Type: "commitment", Values: ds("0.5", "0.5", "0", "0")},
			{ID: "contract.stake.valuation", Group: engine.GroupContract, Owner: "stake", Measure: "valuation", Type: "equity", Kind: engine.Level, Values: ds("100", "100", "100", "100")},
			{ID: "contract.stake.value", Group: engine.GroupContract, Owner: "stake", Measure: "value", Type: "equity", Kind: engine.Level, Values: ds("27", "27", "27", "27")},
			{ID: "party.OpenAI.net", Group: engine.GroupParty, Owner: "OpenAI", Measure: "net", Values: ds("-6.75", "-7.75", "-6.25", "-5.25")},
			{ID: "party.Microsoft.net", Group: engine.GroupParty, Owner: "Microsoft", Measure: "net", Values: ds("4", "4", "2", "0")},
			{ID: "party.AWS.net", Group: engine.GroupParty, Owner: "AWS", Measure: "net", Values: ds("1.25", "1.25", "1.25", "1.25")},
			{ID: "party.Azure.net", Group: engine.GroupParty, Owner: "Azure", Measure: "net", Values: ds("1.5", "2.5", "3", "4")},
		},
		Summary: []engine.Metric{
			{ID: "contract.share.total_paid", Owner: "share", Kind: engine.Amount, Amount: d("10")},
			{ID: "contract.share.cap_hit", Owner: "share", Kind: engine.QuarterValue, Quarter: q(2025, 3)},
		},
	}
	return s, r
}

// values returns the numbers of a series' data.
func values(t *testing.T, data []struct {
	Value *float64 `json:"value"`
}) []float64 {
	t.Helper()
	out := make([]float64, len(data))
	for i, v := range data {
		if v.Value == nil {
			t.Fatalf("data point %d has no value", i)
		}
		out[i] = *v.Value
	}
	return out
}

func equalFloats(t *testing.T, what string, got []float64, want []decimal.Decimal) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d values, want %d", what, len(got), len(want))
	}
	for i := range got {
		if got[i] != want[i].InexactFloat64() {
			t.Errorf("%s[%d] = %v, want %v", what, i, got[i], want[i])
		}
	}
}

func TestRevenueShare(t *testing.T) {
	s, r := fixture()
	raw, err := ByID(r, s, "revenue_share.share")
	if err != nil {
		t.Fatal(err)
	}
	// Values are JSON numbers, never decimal strings.
	var generic map[string]interface{}
	if err := json.Unmarshal(raw, &generic); err != nil {
		t.Fatal(err)
	}
	first := generic["series"].([]interface{})[0].(map[string]interface{})["data"].([]interface{})[0].(map[string]interface{})["value"]
	if _, ok := first.(float64); !ok {
		t.Fatalf("value is %T, want a number", first)
	}

	o := decode(t, raw)
	if o.Toolbox != nil {
		t.Errorf("toolbox left in the option: %s", o.Toolbox)
	}
	if got := o.XAxis[0].Data; len(got) != 4 || got[0] != "2025Q1" || got[3] != "2025Q4" {
		t.Errorf("x axis = %v", got)
	}
	wantSeries := []struct{ id, name, typ string }{
		{"stream.rev", "OpenAI revenue", "bar"},
		{"contract.share.paid", "Paid", "bar"},
		{"contract.share.accrued", "Share before cap", "line"},
	}
	if len(o.Series) != len(wantSeries) {
		t.Fatalf("%d series, want %d", len(o.Series), len(wantSeries))
	}
	for i, w := range wantSeries {
		sr := o.Series[i]
		if sr.ID != w.id || sr.Name != w.name || sr.Type != w.typ {
			t.Errorf("series %d = %s %q %s, want %s %q %s", i, sr.ID, sr.Name, sr.Type, w.id, w.name, w.typ)
		}
		equalFloats(t, sr.ID, values(t, sr.Data), r.SeriesByID(w.id).Values)
	}

	for _, sr := range o.Series {
		if sr.MarkLine != nil || sr.MarkPoint != nil {
			t.Errorf("%s has marks: the cap belongs to the cumulative chart", sr.ID)
		}
	}
}

func TestCumulativeCap(t *testing.T) {
	s, r := fixture()
	o := decode(t, mustJSON(t)(ByID(r, s, "cumulative_cap.share")))
	if len(o.Series) != 2 {
		t.Fatalf("%d series, want the cumulative payments and the cumulative without the cap", len(o.Series))
	}
	cum, uncapped := o.Series[0], o.Series[1]
	if cum.ID != "contract.share.cumulative" || cum.Name != "Cumulative paid" || cum.Type != "line" {
		t.Errorf("first series = %s %q %s", cum.ID, cum.Name, cum.Type)
	}
	equalFloats(t, "cumulative", values(t, cum.Data), r.SeriesByID("contract.share.cumulative").Values)
	if uncapped.Name != "Without the cap" {
		t.Errorf("second series = %q", uncapped.Name)
	}
	// paid_before (0) plus the running sum of the accrued share.
	equalFloats(t, "without the cap", values(t, uncapped.Data), ds("4", "8", "12", "16"))

	if cum.MarkLine == nil || len(cum.MarkLine.Data) != 2 {
		t.Fatalf("cumulative series mark lines = %+v, want the cap and the quarter it binds", cum.MarkLine)
	}
	capLine := cum.MarkLine.Data[0]
	if capLine.Name != MarkCap || capLine.YAxis == nil || *capLine.YAxis != 10 {
		t.Errorf("cap mark line = %+v, want %s at 10", capLine, MarkCap)
	}
	hit := cum.MarkLine.Data[1]
	if hit.Name != MarkCapReached || hit.XAxis != "2025Q3" || hit.Quarter != "2025Q3" {
		t.Errorf("cap reached mark line = %+v, want at 2025Q3", hit)
	}
	if cum.MarkPoint == nil || len(cum.MarkPoint.Data) != 1 {
		t.Fatalf("cumulative series mark point = %+v", cum.MarkPoint)
	}
	if p := cum.MarkPoint.Data[0]; p.Coord[0] != "2025Q3" || p.Coord[1] != 10.0 || p.Value != 10 {
		t.Errorf("cap reached mark point = %+v, want [2025Q3 10]", p)
	}
}

func TestCumulativeCapCountsPaidBefore(t *testing.T) {
	s, r := fixture()
	contract.Share(&s.Contracts[0]).PaidBefore = d("1.5")
	o := decode(t, mustJSON(t)(ByID(r, s, "cumulative_cap.share")))
	equalFloats(t, "without the cap", values(t, o.Series[1].Data), ds("5.5", "9.5", "13.5", "17.5"))
}

func TestCumulativeCapWithoutCapHasNoMarks(t *testing.T) {
	s, r := fixture()
	contract.Share(&s.Contracts[0]).Cap = nil
	r.Summary[1].Null = true
	o := decode(t, mustJSON(t)(ByID(r, s, "cumulative_cap.share")))
	if len(o.Series) != 1 {
		t.Errorf("%d series: without a cap there is nothing to set the payments against", len(o.Series))
	}
	if o.Series[0].MarkLine != nil || o.Series[0].MarkPoint != nil {
		t.Errorf("uncapped contract has marks: %+v %+v", o.Series[0].MarkLine, o.Series[0].MarkPoint)
	}
}

func TestCumulativeCapNeverReached(t *testing.T) {
	s, r := fixture()
	r.Summary[1].Null = true
	o := decode(t, mustJSON(t)(ByID(r, s, "cumulative_cap.share")))
	ml := o.Series[0].MarkLine
	if ml == nil || len(ml.Data) != 1 || ml.Data[0].Name != MarkCap {
		t.Errorf("mark lines = %+v, want the cap only", ml)
	}
	if o.Series[0].MarkPoint != nil {
		t.Errorf("mark point for a cap that never binds: %+v", o.Series[0].MarkPoint)
	}
}

func TestCumulativeCapYearlyMarksTheYear(t *testing.T) {
	s, r := fixture()
	r.Period = engine.Yearly
	r.Periods = []string{"2025"}
	r.Quarters = []scenario.Quarter{q(2025, 1)}
	for i := range r.Series {
		sr := &r.Series[i]
		sr.Values = sr.Values[3:]
	}
	o := decode(t, mustJSON(t)(ByID(r, s, "cumulative_cap.share")))
	hit := o.Series[0].MarkLine.Data[1]
	if hit.XAxis != "2025" || hit.Quarter != "2025Q3" {
		t.Errorf("cap reached mark line = %+v, want on 2025 for 2025Q3", hit)
	}
}

func TestRevenueShareErrors(t *testing.T) {
	s, r := fixture()
	if _, err := ByID(r, s, "revenue_share.aws"); err == nil {
		t.Error("a commitment drawn as a revenue share")
	}
	if _, err := ByID(r, s, "revenue_share.nope"); err == nil {
		t.Error("an unknown contract drawn")
	}
	if _, err := ByID(r, s, "cumulative_cap.aws"); err == nil {
		t.Error("a commitment drawn against a cap")
	}
}

func TestComputeSpend(t *testing.T) {
	s, r := fixture()
	o := decode(t, mustJSON(t)(ByID(r, s, IDComputeSpend)))
	if len(o.Series) != 2 {
		t.Fatalf("%d series, want AWS and Azure (the disabled Oracle one has no series)", len(o.Series))
	}
	aws, azure := o.Series[0], o.Series[1]
	if aws.Name != "AWS" || azure.Name != "Azure" {
		t.Errorf("providers = %q, %q", aws.Name, azure.Name)
	}
	for _, sr := range o.Series {
		if sr.Type != "bar" || sr.Stack != "compute" {
			t.Errorf("%s: type %s stack %q, want stacked bars", sr.Name, sr.Type, sr.Stack)
		}
	}
	equalFloats(t, "AWS", values(t, aws.Data), r.SeriesByID("contract.aws.paid").Values)
	// Two commitments to Azure add up.
	equalFloats(t, "Azure", values(t, azure.Data), ds("1.5", "2.5", "3", "4"))
}

func TestPartyNet(t *testing.T) {
	s, r := fixture()
	o := decode(t, mustJSON(t)(ByID(r, s, IDPartyNet)))
	want := []string{"OpenAI", "Microsoft", "AWS", "Azure"}
	if len(o.Series) != len(want) {
		t.Fatalf("%d series, want %d", len(o.Series), len(want))
	}
	for i, name := range want {
		// Grouped, side by side as in the PDF: a party's bar reads against zero.
		if o.Series[i].Name != name || o.Series[i].Type != "bar" || o.Series[i].Stack != "" {
			t.Errorf("series %d = %q %s stack %q, want %q as grouped bars", i, o.Series[i].Name, o.Series[i].Type, o.Series[i].Stack, name)
		}
		equalFloats(t, name, values(t, o.Series[i].Data), r.SeriesByID("party."+name+".net").Values)
	}
}

func TestStakeValue(t *testing.T) {
	s, r := fixture()
	o := decode(t, mustJSON(t)(ByID(r, s, IDStakeValue)))
	if len(o.Series) != 1 || o.Series[0].Name != "Microsoft stake" || o.Series[0].Type != "line" {
		t.Fatalf("series = %+v", o.Series)
	}
	equalFloats(t, "stake", values(t, o.Series[0].Data), r.SeriesByID("contract.stake.value").Values)
}

func TestAll(t *testing.T) {
	s, r := fixture()
	got, err := All(r, s)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"revenue_share.share", "cumulative_cap.share", IDComputeSpend, IDPartyNet, IDStakeValue}
	if len(got) != len(want) {
		t.Fatalf("%d charts, want %d", len(got), len(want))
	}
	for i, id := range want {
		if got[i].ID != id || got[i].Title == "" || len(got[i].Option) == 0 {
			t.Errorf("chart %d = %s %q (%d bytes), want %s", i, got[i].ID, got[i].Title, len(got[i].Option), id)
		}
	}
	if got[0].Title != "Revenue share: revenue and payments" || got[1].Title != "Revenue share: cumulative payments and the cap" {
		t.Errorf("revenue share chart titles = %q, %q", got[0].Title, got[1].Title)
	}
}

func TestAllSkipsWhatIsNotThere(t *testing.T) {
	s, r := fixture()
	var keep []engine.Series
	for _, sr := range r.Series {
		if sr.Group == engine.GroupStream || sr.Type == "revenue_share" || sr.Group == engine.GroupParty {
			keep = append(keep, sr)
		}
	}
	r.Series = keep
	got, err := All(r, s)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got[0].ID != "revenue_share.share" || got[1].ID != "cumulative_cap.share" || got[2].ID != IDPartyNet {
		ids := []string{}
		for _, c := range got {
			ids = append(ids, c.ID)
		}
		t.Errorf("charts = %v, want the revenue share's two and party net only", ids)
	}
}

func mustJSON(t *testing.T) func(json.RawMessage, error) json.RawMessage {
	return func(raw json.RawMessage, err error) json.RawMessage {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return raw
	}
}

func BenchmarkAll(b *testing.B) {
	s, r := fixture()
	for b.Loop() {
		if _, err := All(r, s); err != nil {
			b.Fatal(err)
		}
	}
}

func TestStreamsWhenNothingElseDrawsThem(t *testing.T) {
	s, r := fixture()
	s.Contracts = nil
	r.Series = r.Series[:1]
	r.Series[0].Label = "OpenAI revenue"
	got, err := All(r, s)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].ID != IDStreams {
		t.Fatalf("charts = %+v, want the streams", got)
	}
	o := decode(t, got[0].Option)
	if len(o.Series) != 1 || o.Series[0].Name != "OpenAI revenue" || o.Series[0].Type != "bar" {
		t.Errorf("series %+v", o.Series)
	}
}
