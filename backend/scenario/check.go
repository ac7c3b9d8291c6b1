package scenario

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/shopspring/decimal"
	"golang.org/x/text/unicode/norm"
)

// MaxQuarters bounds the horizon: at most 40 years.
const MaxQuarters = 160

// Validate checks every rule of the format that a scenario built or edited in code
// may break (ranges, references, rules across fields). Errors carry key paths but no
// positions. Parse has already applied it to what it returns.
func (s *Scenario) Validate() error {
	sink := &errorSink{file: s.Name}
	s.check(func(path, format string, args ...any) {
		sink.addAt(0, 0, path, format, args...)
	})
	return sink.err()
}

// NormalName is a scenario name as Dealmodel keeps it: in Unicode normalization
// form C, so that a name typed with é as one character and as e and a combining
// accent (as macOS writes file names) is one name. Names are normalised wherever
// they enter: Parse, SetText, the store.
func NormalName(name string) string { return norm.NFC.String(name) }

type reportFunc func(path, format string, args ...any)

// check applies the rules of the format under "Values" and those the engine relies on.
func (s *Scenario) check(report reportFunc) {
	if n := utf8.RuneCountInString(s.Name); strings.TrimSpace(s.Name) == "" || n > 120 {
		report("name", "a name needs 1 to 120 characters, not all spaces; found %d", n)
	} else if msg := badText(s.Name); msg != "" {
		report("name", "the name %s", msg)
	}
	if s.End < s.Start {
		report("end", "end (%s) is before start (%s): end must be the same quarter as start or later", s.End, s.Start)
	} else if n := int(s.End-s.Start) + 1; n > MaxQuarters {
		report("end", "the horizon %s..%s has %d quarters: at most %d (40 years) are allowed", s.Start, s.End, n, MaxQuarters)
	}
	checkRate(report, "discount_rate", s.DiscountRate, zero, one)

	for i := range s.Streams {
		s.checkStream(report, &s.Streams[i])
	}
	for i := range s.Contracts {
		s.checkContract(report, &s.Contracts[i])
	}
	if s.Uncertainty != nil {
		s.checkUncertainty(report)
	}
}

func checkRate(report reportFunc, path string, v, lo, hi decimal.Decimal) {
	if v.Cmp(lo) < 0 || v.Cmp(hi) > 0 {
		hint := ""
		if v.GreaterThan(one) && v.LessThanOrEqual(hundredD) && hi.Equal(one) {
			hint = fmt.Sprintf(" (did you mean %s%%?)", v)
		}
		report(path, "%s is out of range: a rate here runs from %s to %s%s", FormatRate(v), FormatRate(lo), FormatRate(hi), hint)
	}
}

func checkAmount(report reportFunc, path string, v decimal.Decimal) {
	if v.IsNegative() {
		report(path, "%s is negative: amounts are 0 or more (the direction of a payment is given by payer and payee)", FormatAmount(v))
	}
}

func checkParty(report reportFunc, path, name string) {
	if n := utf8.RuneCountInString(name); strings.TrimSpace(name) == "" || n > 60 {
		report(path, "a party name needs 1 to 60 characters, not all spaces; found %d", n)
	} else if msg := badText(name); msg != "" {
		report(path, "the party name %s", msg)
	}
}

// badText says what is wrong with a name that a person could not tell apart from
// another (spaces at either end) or that breaks lines in tables and file keys
// (control characters); "" when it is fine.
func badText(s string) string {
	if strings.TrimSpace(s) != s {
		return "begins or ends with spaces: remove them"
	}
	for _, r := range s {
		if unicode.IsControl(r) {
			return "contains a control character (such as a line break or tab): write it on one line"
		}
	}
	return ""
}

func (s *Scenario) checkStream(report reportFunc, st *Stream) {
	p := "streams." + st.ID
	if len(st.Annual) == 0 {
		report(p+".annual", "stream %s has no annual amount: list at least one year, such as 2025: 13.1B", st.ID)
		return
	}
	for i, a := range st.Annual {
		checkAmount(report, fmt.Sprintf("%s.annual.%d", p, a.Year), a.Amount)
		if i > 0 && a.Year != st.Annual[i-1].Year+1 {
			report(fmt.Sprintf("%s.annual.%d", p, a.Year), "years %d to %d are missing between %d and %d: list every year between the first and the last (growth applies only after the last)",
				st.Annual[i-1].Year+1, a.Year-1, st.Annual[i-1].Year, a.Year)
		}
	}
	for i, a := range st.Actuals {
		key := fmt.Sprintf("%s.actuals.%s", p, a.Quarter)
		checkAmount(report, key, a.Amount)
		if i > 0 && a.Quarter == st.Actuals[i-1].Quarter {
			report(key, "two reported amounts in %s: give each quarter one amount, or move one", a.Quarter)
		}
	}
	for _, g := range st.Growth {
		if g.Rate.LessThan(minusOne) {
			report(fmt.Sprintf("%s.growth.%d", p, g.Year), "%s is out of range: growth is -100%% or more", FormatRate(g.Rate))
		}
	}
	// Every year after the last listed one up to the horizon's end compounds from
	// it, so a growth rate must apply from the year right after it.
	last := st.Annual[len(st.Annual)-1].Year
	if need := last + 1; need <= s.End.Year() && (len(st.Growth) == 0 || st.Growth[0].Year > need) {
		report(p+".growth", "no growth rate applies to %d, the year after the last annual amount (%d), which the horizon reaches: add growth with a key of %d or earlier, or list more years under annual", need, last, need)
	}
}

func (s *Scenario) checkContract(report reportFunc, c *Contract) {
	p := "contracts." + c.ID
	if c.MovesMoney() {
		checkParty(report, p+".payer", c.Payer)
		checkParty(report, p+".payee", c.Payee)
		if c.Payer != "" && c.Payer == c.Payee {
			report(p+".payee", "payer and payee are both %q: a contract moves money between two different parties", c.Payer)
		}
	}
	if t := contractTypeOf(c); t != nil {
		t.Check(&ContractCheck{s: s, report: report, path: p}, c)
	}
}

func (s *Scenario) streamIDs() []string {
	ids := make([]string, len(s.Streams))
	for i, st := range s.Streams {
		ids[i] = st.ID
	}
	return ids
}

func didYouMean(v string, options []string) string {
	if s := suggest(v, options); s != "" {
		return fmt.Sprintf(" (did you mean %q?)", s)
	}
	if len(options) > 0 {
		return fmt.Sprintf(" (defined: %s)", strings.Join(options, ", "))
	}
	return ""
}

func (s *Scenario) checkUncertainty(report reportFunc) {
	defer s.checkCorrelations(report)
	fields := fieldLookup{s: s}
	for i := range s.Uncertainty.Inputs {
		in := &s.Uncertainty.Inputs[i]
		p := "uncertainty.inputs." + in.Path
		if in.Dist == "" {
			continue // already reported while decoding
		}
		f, ok := fields.field(in.Path)
		if !ok {
			if _, isQ := s.QuarterField(in.Path); isQ {
				s.checkQuarterInput(report, p, in)
				continue
			}
			_, err := s.fieldRef(in.Path)
			report(p, "%s", err)
			continue
		}
		get := func(name string) (decimal.Decimal, bool) { return in.Get(name) }
		needAll := func(names ...string) bool {
			ok := true
			for _, n := range names {
				if _, has := get(n); !has {
					report(p, "missing: a %s distribution needs %s", in.Dist, strings.Join(names, ", "))
					ok = false
					break
				}
			}
			return ok
		}
		inRange := func(names ...string) {
			for _, n := range names {
				v, _ := get(n)
				if f.Min != nil && v.LessThan(*f.Min) || f.Max != nil && v.GreaterThan(*f.Max) {
					report(p+"."+n, "%s is outside the field's range: %s", FormatValue(f.Kind, v), describeRange(f.Kind, f.Min, f.Max))
				}
			}
		}
		switch in.Dist {
		case DistTriangular, DistPert:
			if needAll("low", "mode", "high") {
				lo, _ := get("low")
				mo, _ := get("mode")
				hi, _ := get("high")
				if lo.GreaterThan(mo) || mo.GreaterThan(hi) || !lo.LessThan(hi) {
					report(p, "needs low <= mode <= high with low < high, found %s, %s, %s", FormatValue(f.Kind, lo), FormatValue(f.Kind, mo), FormatValue(f.Kind, hi))
				}
				inRange("low", "mode", "high")
			}
		case DistUniform:
			if needAll("low", "high") {
				lo, _ := get("low")
				hi, _ := get("high")
				if !lo.LessThan(hi) {
					report(p, "needs low < high, found %s and %s", FormatValue(f.Kind, lo), FormatValue(f.Kind, hi))
				}
				inRange("low", "high")
			}
		case DistNormal:
			if needAll("mean", "sd") {
				if sd, _ := get("sd"); !sd.IsPositive() {
					report(p+".sd", "sd must be more than 0, found %s", sd)
				}
			}
		case DistBernoulli:
			checkBernoulli(report, p, in, f)
		case DistDiscrete:
			checkDiscrete(report, p, in, f)
		case DistLognormal:
			_, hasP10 := get("p10")
			_, hasMu := get("mu")
			switch {
			case hasP10 && hasMu:
				report(p, "give either p10 and p90, or mu and sigma, not both")
			case hasP10:
				if needAll("p10", "p90") {
					a, _ := get("p10")
					b, _ := get("p90")
					if !a.IsPositive() || !a.LessThan(b) {
						report(p, "needs 0 < p10 < p90, found %s and %s", FormatValue(f.Kind, a), FormatValue(f.Kind, b))
					}
				}
			default:
				if needAll("mu", "sigma") {
					if sg, _ := get("sigma"); !sg.IsPositive() {
						report(p+".sigma", "sigma must be more than 0, found %s", sg)
					}
				}
			}
		}
	}
}
