// Package gen writes large, valid scenarios for benchmarks and tests: N contracts
// of every type (revenue shares with caps, commitments of each profile, payment
// schedules, equity stakes of both valuation methods) over Y years, with streams to
// base them on and uncertain inputs to simulate. The output is deterministic: the
// same size gives the same text.
//
// It writes the file format (SCENARIO-FORMAT.md) rather than building structs, so
// that what it makes is read by the same parser and rules as a user's file. Each
// contract type writes its own samples (contract.Sampler); the contracts cycle
// through every kind of sample of every type that writes them.
package gen

import (
	"fmt"
	"strings"

	"dealmodel/backend/contract"
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
	kinds := sampleKinds()
	var uncertain []string
	for i := range sz.Contracts {
		id := fmt.Sprintf("c%d", i)
		k := kinds[i%len(kinds)]
		body, input := k.t.Sample(k.k, contract.SampleEnv{
			ID: id, N: i, Stream: fmt.Sprintf("s%d", i%ns), Payee: parties[1+i%(len(parties)-1)],
			From: StartYear + i%max(1, sz.Years), End: end, Years: sz.Years, Round: i / len(kinds),
		})
		w("  %s:\n", id)
		b.WriteString(body)
		uncertain = append(uncertain, input)
		w("    source: generated\n")
	}
	if sz.Contracts == 0 {
		// The format needs a contract; the smallest scenario has a payment.
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

// sampleKind is one kind of sample contract: of type t, its kind k.
type sampleKind struct {
	t contract.Sampler
	k int
}

// sampleKinds lists every kind of sample of every registered type that writes
// samples, in the types' order: the contracts cycle through them.
func sampleKinds() []sampleKind {
	var out []sampleKind
	for _, name := range contract.Names() {
		t, _ := contract.Lookup(name)
		if sp, ok := t.(contract.Sampler); ok {
			for k := range sp.Samples() {
				out = append(out, sampleKind{sp, k})
			}
		}
	}
	return out
}
