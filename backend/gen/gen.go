// Package gen writes large, valid scenarios for benchmarks and tests: N contracts
// of every type (revenue shares with caps, commitments of each profile, payment
// schedules, equity stakes of both valuation methods) over Y years, with streams to
// base them on and uncertain inputs to simulate. The output is deterministic: the
// same size gives the same text.
//
// It writes the file format (SCENARIO-FORMAT.md) rather than building structs, so
// that what it makes is read by the same parser and rules as a user's file.
package gen

import (
	"fmt"
	"strings"
)

// Size is the shape of a generated scenario.
type Size struct {
	// Contracts is how many contracts there are; they cycle through every type.
	Contracts int
	// Years is the horizon, from 2025Q1 (1 to 40).
	Years int
	// Uncertain is how many uncertain inputs to give (spread over the contracts);
	// 0 gives one for every ten contracts, at least one.
	Uncertain int
}

// StartYear is the first year of every generated horizon.
const StartYear = 2025

// streamsFor is how many revenue streams back n contracts: one per ten contracts.
func streamsFor(n int) int { return max(1, (n+9)/10) }

// YAML returns the scenario as a file.
func YAML(sz Size) []byte {
	if sz.Years < 1 {
		sz.Years = 1
	}
	if sz.Years > 40 {
		sz.Years = 40
	}
	if sz.Contracts < 0 {
		sz.Contracts = 0
	}
	end := StartYear + sz.Years - 1
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	w("version: 1\n")
	w("name: Generated %d contracts over %d years\n", sz.Contracts, sz.Years)
	w("description: A generated scenario for benchmarks and tests (backend/gen).\n")
	w("start: %dQ1\nend: %dQ4\ndiscount_rate: 8%%\n", StartYear, end)

	ns := streamsFor(sz.Contracts)
	w("streams:\n")
	for s := range ns {
		w("  s%d:\n    label: Revenue %d\n    annual:\n", s, s+1)
		w("      %d: %dB\n", StartYear, 10+s%17)
		if sz.Years > 1 {
			w("      %d: %dB\n", StartYear+1, 12+s%19)
		}
		w("    growth:\n      %d: %d%%\n", StartYear+min(2, sz.Years), 5+s%20)
		w("    source: generated\n")
	}

	w("contracts:\n")
	parties := []string{"Builder", "Cloud A", "Cloud B", "Chips", "Investor", "Partner"}
	var uncertain []string
	for i := range sz.Contracts {
		stream := fmt.Sprintf("s%d", i%ns)
		payee := parties[1+i%(len(parties)-1)]
		from := StartYear + i%max(1, sz.Years)
		id := fmt.Sprintf("c%d", i)
		w("  %s:\n", id)
		switch i % 6 {
		case 0: // revenue share with a cap
			w("    type: revenue_share\n    label: Revenue share %d\n    payer: Builder\n    payee: %s\n", i, payee)
			w("    base: %s\n    rate: %d%%\n    cap: %dB\n", stream, 5+i%15, 20+i%50)
			uncertain = append(uncertain, fmt.Sprintf("    contracts.%s.cap:\n      dist: triangular\n      low: %dB\n      mode: %dB\n      high: %dB\n", id, 10+i%50, 20+i%50, 40+i%50))
		case 1: // even commitment
			years := 1 + i%min(8, sz.Years)
			w("    type: commitment\n    label: Compute %d\n    payer: Builder\n    payee: %s\n", i, payee)
			w("    total: %dB\n    from: %dQ%d\n    years: %d\n    profile: even\n", 5+i%40, from, 1+i%4, years)
			uncertain = append(uncertain, fmt.Sprintf("    contracts.%s.total:\n      dist: uniform\n      low: %dB\n      high: %dB\n", id, 4+i%40, 6+i%40))
		case 2: // ramp commitment
			w("    type: commitment\n    label: Ramp %d\n    payer: Builder\n    payee: %s\n", i, payee)
			w("    total: %dB\n    from: %dQ1\n    years: %d\n    profile: ramp\n", 3+i%30, from, 1+i%5)
			uncertain = append(uncertain, fmt.Sprintf("    contracts.%s.total:\n      dist: triangular\n      low: %dB\n      mode: %dB\n      high: %dB\n", id, 2+i%30, 3+i%30, 5+i%30))
		case 3: // custom commitment
			years := 1 + i%4
			ws := make([]string, years)
			for k := range ws {
				ws[k] = fmt.Sprint(1 + (i+k)%3)
			}
			w("    type: commitment\n    label: Custom %d\n    payer: Builder\n    payee: %s\n", i, payee)
			w("    total: %dB\n    from: %dQ2\n    years: %d\n    profile: custom\n    weights: [%s]\n", 2+i%20, from, years, strings.Join(ws, ", "))
			uncertain = append(uncertain, fmt.Sprintf("    contracts.%s.weights.1:\n      dist: uniform\n      low: 0.5\n      high: 3\n", id))
		case 4: // payment schedule
			w("    type: payment\n    label: Investment %d\n    payer: Investor\n    payee: Builder\n    schedule:\n", i)
			w("      %dQ1: %dB\n", from, 1+i%9)
			last := min(from+1, end)
			w("      %dQ3: %dM\n", last, 100+i%900)
			uncertain = append(uncertain, fmt.Sprintf("    contracts.%s.schedule.%dQ1:\n      dist: uniform\n      low: 0\n      high: %dB\n", id, from, 2+i%9))
		case 5: // equity, alternating constant and revenue multiple
			w("    type: equity\n    label: Stake %d\n    holder: %s\n    stake: %d%%\n    valuation:\n", i, payee, 1+i%30)
			w("      amount: %dB\n      at: %dQ1\n", 100+i%800, from)
			if (i/6)%2 == 1 {
				w("      method: revenue_multiple\n      stream: %s\n", stream)
			}
			uncertain = append(uncertain, fmt.Sprintf("    contracts.%s.stake:\n      dist: uniform\n      low: %d%%\n      high: %d%%\n", id, 1+i%30, 2+i%30))
		}
		w("    source: generated\n")
	}
	if sz.Contracts == 0 {
		// The format needs a contract; the smallest scenario has one.
		w("  c0:\n    type: payment\n    payer: Investor\n    payee: Builder\n    schedule:\n      %dQ1: 1B\n", StartYear)
	}

	want := sz.Uncertain
	if want <= 0 {
		want = max(1, len(uncertain)/10)
	}
	if want > len(uncertain) {
		want = len(uncertain)
	}
	w("uncertainty:\n  runs: 10000\n  seed: 42\n  inputs:\n")
	w("    discount_rate:\n      dist: triangular\n      low: 6%%\n      mode: 8%%\n      high: 12%%\n")
	// Spread the chosen inputs over the contracts (and so over every type).
	for k := range want {
		b.WriteString(uncertain[k*len(uncertain)/want])
	}
	return []byte(b.String())
}
