// Package sim is Dealmodel's uncertainty analysis: Monte Carlo simulation over a
// scenario's uncertain inputs, tornado sensitivity, and goal seek.
//
// Monte Carlo needs thousands of evaluations of a scenario, and the exact decimal
// engine costs about 200 µs each for the largest built-in scenario, far above the
// budget of 250 ms for 10,000 runs. So Compile builds a float64 model of the
// scenario (the same semantics as backend/engine, see the format), which Simulate
// evaluates with sampled inputs. A test holds the float model to the decimal engine
// within 1e-9 relative on every built-in scenario, for base and random inputs.
// Tornado and Solve need a few dozen evaluations only and use the exact engine.
//
// Random numbers: every draw comes from its own PCG stream (math/rand/v2), seeded
// from (seed, run index, input path) through a SplitMix64 mix. A result therefore
// depends only on the scenario, the seed and the number of runs, never on the
// number of worker goroutines or on how runs are split among them; the first N runs
// of a longer simulation are exactly those of a simulation of N runs (a quick
// estimate is a prefix of the full run); and changing one input's distribution
// leaves every other input's draws as they were (common random numbers). The
// random bits are the same on every machine; the arithmetic after them is IEEE
// float64 in a fixed order, so one architecture always prints the same figures. Go
// may fuse multiply-adds on some architectures (arm64) and computes Exp and Log
// with assembly on some (amd64), so figures from two architectures can differ in
// their last binary digits: far below a cent.
//
// Uncertain inputs: each draw is truncated to its field's valid range (the
// distribution is conditioned on the range, not clamped to it), integer fields
// (a commitment's years) are rounded, and a drawn term is applied after the drawn
// weights (see With). A scenario without uncertain inputs has nothing to simulate
// or swing: Simulate and Tornado return ENOINPUTS rather than 10,000 identical runs.
//
// Percentiles are those of the sample, interpolated linearly between order
// statistics (the definition of Excel's PERCENTILE.INC and NumPy's default):
// with n sorted values x[0..n-1], Pp = x[h] + (h - ⌊h⌋)(x[⌊h⌋+1] - x[⌊h⌋]) at
// h = (n-1)p.
package sim
