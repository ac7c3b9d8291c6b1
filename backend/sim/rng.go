package sim

import (
	"hash/fnv"
	"math/rand/v2"
)

// DefaultSeed is the seed when neither the options nor the scenario give one: a
// fixed value, so that the same file gives the same figures every time.
const DefaultSeed int64 = 1

// mix is the SplitMix64 finalizer: a bijection of 64-bit words whose outputs for
// nearby inputs look unrelated.
func mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// pathKey is the stream key of an uncertain input: a hash of its path, so that its
// draws do not depend on where it is listed or on which other inputs exist.
func pathKey(path string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(path))
	return h.Sum64()
}

// source is the random stream of one input in one run.
type source struct{ pcg rand.PCG }

// seedSource positions src at the stream of (seed, run, key). PCG's 128-bit state is
// set from mixed words, so that streams of neighbouring runs start at unrelated
// points of the generator's cycle.
func (src *source) seed(seed uint64, run int, key uint64) {
	hi := mix(seed ^ mix(key))
	lo := mix(uint64(run) ^ mix(hi^0x5851f42d4c957f2d))
	src.pcg.Seed(hi, lo)
}

// uniform returns a number in the open interval (0, 1): 53 random bits, centred
// in their cell, so that neither 0 nor 1 can occur (inverse CDFs are infinite there).
func (src *source) uniform() float64 {
	return (float64(src.pcg.Uint64()>>11) + 0.5) * 0x1p-53
}
