package sim

import (
	"context"
	"strings"
	"testing"

	"dealmodel/backend/engine"
)

// Every cell of a table equals the exact engine run on the whole scenario with the
// two inputs set, whichever contracts the figure and the inputs belong to: a
// contract's figure (also of one period), a stream's, a party's and the
// commitments' total, with inputs of the figure's contract, of another contract,
// of a stream and the discount rate.
func TestTableCellsEqualEngineOnEditedScenario(t *testing.T) {
	s := mustBuiltin(t, "briefing")
	m := mustCompile(t, s)
	cases := []struct{ metric, x, xv, y, yv string }{
		{"contract.msft_revshare.cap_hit", "contracts.msft_revshare.cap", "25B,38B,60B", "streams.openai_revenue.annual.2030", "150B..300B:3"},
		{"contract.msft_revshare.paid@2029", "discount_rate", "5%,12%", "contracts.aws_compute.total", "30B,50B"},
		{"contract.amazon_investment.npv", "discount_rate", "0%,8%,14%", "contracts.amazon_investment.tranches.contingent.amount", "0,35B"},
		{"stream.openai_revenue.total", "streams.openai_revenue.growth.2031", "10%,40%", "contracts.oracle_capacity.price", "12B,15B"},
		{"party.OpenAI.net_total", "contracts.oracle_capacity.price", "12B,15B", "contracts.msft_revshare.cap", "30B,45B"},
		{"total.commitments.total_paid", "contracts.azure_compute.total", "200B,250B", "contracts.aws_expansion.price", "7B,9B"},
		{"contract.aws_compute.npv", "contracts.azure_compute.weights.1", "0.5,3", "discount_rate", "9%,10%"},
	}
	for _, c := range cases {
		t.Run(c.metric, func(t *testing.T) {
			xs, err := m.TableValues(c.x, c.xv)
			if err != nil {
				t.Fatal(err)
			}
			ys, err := m.TableValues(c.y, c.yv)
			if err != nil {
				t.Fatal(err)
			}
			tw, err := m.Table(context.Background(), c.x, xs, c.y, ys, c.metric)
			if err != nil {
				t.Fatal(err)
			}
			f, err := m.figure(c.metric)
			if err != nil {
				t.Fatal(err)
			}
			for i, y := range ys {
				for j, x := range xs {
					ds, err := With(s, []Assignment{{Path: c.x, Value: x}, {Path: c.y, Value: y}})
					if err != nil {
						t.Fatal(err)
					}
					if err := ds.Validate(); err != nil {
						t.Fatal(err)
					}
					res, err := engine.Run(ds)
					if err != nil {
						t.Fatal(err)
					}
					want, err := f.exact(res)
					if err != nil {
						t.Fatal(err)
					}
					got := tw.Cells[i][j]
					if got.Null != want.Null || got.Quarter != want.Quarter || !got.Amount.Equal(want.Amount) {
						t.Errorf("%s = %s, %s = %s: the table has %+v, the engine %+v", c.x, x, c.y, y, got, want)
					}
				}
			}
		})
	}
}

// A pair that breaks a rule of the format is an error naming the pair, also when
// the figure belongs to another contract.
func TestTableInvalidPair(t *testing.T) {
	m := mustCompile(t, mustBuiltin(t, "briefing"))
	xs, _ := m.TableValues("contracts.msft_revshare.paid_before", "0,50B")
	ys, _ := m.TableValues("discount_rate", "5%,10%")
	_, err := m.Table(context.Background(), "contracts.msft_revshare.paid_before", xs, "discount_rate", ys, "contract.aws_compute.npv")
	if err == nil || !strings.Contains(err.Error(), "contracts.msft_revshare.paid_before = 50B with discount_rate") {
		t.Errorf("error %v, want one naming paid_before 50B", err)
	}
}
