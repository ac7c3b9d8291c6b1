package report

import (
	"strings"
	"testing"
)

func TestTicks(t *testing.T) {
	for _, c := range []struct {
		lo, hi float64
		want   string
	}{
		{0, 80e9, "$0 $20B $40B $60B $80B"},
		{-150e9, 100e9, "-$150B -$100B -$50B $0 $50B $100B"},
		{0, 1.25e6, "$0 $0.25M $0.50M $0.75M $1.00M $1.25M"},
		{0, 92.6e9, "$0 $20B $40B $60B $80B $100B"},
		{0, 3e12, "$0 $1T $2T $3T"},
	} {
		ticks, step := niceTicks(c.lo, c.hi, 5)
		unit, suffix := scaleUnit(max(-c.lo, c.hi))
		var labels []string
		for _, v := range ticks {
			labels = append(labels, tickLabel(v, unit, suffix, step))
		}
		if got := strings.Join(labels, " "); got != c.want {
			t.Errorf("ticks of [%g, %g]: %s, want %s", c.lo, c.hi, got, c.want)
		}
	}
}
