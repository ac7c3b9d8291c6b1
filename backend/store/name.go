package store

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// MaxNameLen is the longest scenario name, in characters.
const MaxNameLen = 120

// MaxBodySize is the largest body the store accepts, in bytes: the largest
// scenario file (scenario.MaxSize), so that every stored revision exports to a
// file that imports back.
const MaxBodySize = 8 << 20

// validName checks a scenario name: 1 to MaxNameLen characters of valid
// UTF-8, no control characters, no spaces at either end.
func validName(name string) error {
	switch {
	case name == "":
		return Errorf(EINVALID, "A scenario needs a name")
	case !utf8.ValidString(name):
		return Errorf(EINVALID, "The scenario name %q is not valid UTF-8", name)
	case utf8.RuneCountInString(normalName(name)) > MaxNameLen:
		return Errorf(EINVALID, "The scenario name %q is longer than %d characters", name, MaxNameLen)
	case strings.TrimSpace(name) != name:
		return Errorf(EINVALID, "The scenario name %q begins or ends with spaces", name)
	case strings.IndexFunc(name, unicode.IsControl) >= 0:
		return Errorf(EINVALID, "The scenario name %q contains a control character", name)
	}
	return nil
}

// FoldName is the key the store compares scenario names by: names that differ
// only by case, or by Unicode form, have the same key. It is the one place names
// are folded.
func FoldName(name string) string { return nameKey(name) }

// normalName is a name as the store keeps it: in Unicode normalization form C, so
// that "Café" typed as e + combining accent (as macOS writes file names) and as é
// is one name, shown the same and compared the same.
func normalName(name string) string { return norm.NFC.String(name) }

// nameKey folds a name so that two names that differ only by case or by Unicode
// form have the same key: the name in form C, each character replaced by the
// smallest character of its Unicode simple case folding orbit (the equivalence
// strings.EqualFold uses).
func nameKey(name string) string {
	name = normalName(name)
	var b strings.Builder
	b.Grow(len(name))
	for _, r := range name {
		min := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			if f < min {
				min = f
			}
		}
		b.WriteRune(min)
	}
	return b.String()
}

func validBody(body []byte) error {
	switch {
	case len(body) == 0:
		return Errorf(EINVALID, "The scenario body is empty")
	case len(body) > MaxBodySize:
		return Errorf(EINVALID, "The scenario is larger than %d MiB once written out, the most a scenario file holds: shorten its texts", MaxBodySize>>20)
	}
	return nil
}

// Hash returns the hex SHA-256 of body: the hash the store records.
func Hash(body []byte) string {
	h := sha256.Sum256(body)
	return hex.EncodeToString(h[:])
}
