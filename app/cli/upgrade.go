//go:build !lean

package cli

import (
	"errors"
	"fmt"

	"dealmodel/backend/engine"
	"dealmodel/backend/files"
	"dealmodel/backend/library"
	"dealmodel/backend/scenario"
)

// scnUpgrade rewrites a format v1 file as v2 and checks that it computes the same:
// every series and summary figure of the v1 file is in the v2 result with the same
// value (v2 adds toward_cap to capped revenue shares).
func scnUpgrade(e *env, _ *library.Library, o opts) error {
	args := o.pos
	if len(args) != 1 && len(args) != 2 {
		return invalidf("expected FILE [OUT] (found %d arguments)", len(args))
	}
	in, out := args[0], args[0]
	if len(args) == 2 {
		out = args[1]
	}
	data, err := readScenarioFile(in)
	if err != nil {
		return err
	}
	up, s2, err := scenario.Upgrade(in, data)
	if errors.Is(err, scenario.ErrAlreadyV2) {
		return invalidf("%s: already format version 2: nothing to upgrade", in)
	}
	if err != nil {
		return err
	}
	s1, err := scenario.Parse(in, data)
	if err != nil {
		return err
	}
	if err := sameResults(s1, s2); err != nil {
		return fmt.Errorf("%s: the upgraded file would compute differently, so nothing was written: %w", in, err)
	}
	if err := files.WriteAtomic(out, up); err != nil {
		return fmt.Errorf("writing %s: %w", out, err)
	}
	fmt.Fprintf(e.stdout, "%s: upgraded to format version 2 (same results), written to %s\n", in, out)
	return nil
}

// sameResults reports the first figure of a's result that b's result does not
// have with the same value.
func sameResults(a, b *scenario.Scenario) error {
	ra, err := engine.Run(a)
	if err != nil {
		return err
	}
	rb, err := engine.Run(b)
	if err != nil {
		return err
	}
	for _, sa := range ra.Series {
		sb := rb.SeriesByID(sa.ID)
		if sb == nil {
			return fmt.Errorf("series %s is missing", sa.ID)
		}
		for i, v := range sa.Values {
			if !v.Equal(sb.Values[i]) {
				return fmt.Errorf("%s in %s: %s, was %s", sa.ID, ra.Periods[i], sb.Values[i], v)
			}
		}
	}
	for _, ma := range ra.Summary {
		mb := rb.MetricByID(ma.ID)
		if mb == nil {
			return fmt.Errorf("%s is missing", ma.ID)
		}
		if ma.Kind != mb.Kind || ma.Null != mb.Null || ma.Quarter != mb.Quarter || !ma.Amount.Equal(mb.Amount) {
			return fmt.Errorf("%s differs", ma.ID)
		}
	}
	return nil
}
