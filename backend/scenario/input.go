package scenario

import (
	"regexp"
	"strings"
	"sync"

	"github.com/shopspring/decimal"

	"dealmodel/backend/fault"
)

// ParseInput reads a value of a field's kind as people type it into a field of the
// app: the format's syntax (38B, $1.5T, 20%), and for amounts also words and
// thousands separators ("280bn", "$280 billion", "1.5 trillion", "250mn",
// "280,000,000,000"). A rate without % above 1 is refused: "20" in a box labelled
// as a rate is almost always meant as 20%, not 2000%. Files keep the format's
// syntax; this is for what people type.
func ParseInput(kind FieldKind, text string) (decimal.Decimal, error) {
	t := strings.TrimSpace(text)
	switch kind {
	case KindAmount:
		v, err := ParseFieldValue(kind, amountSyntax(t))
		if err != nil && !strings.Contains(err.Error(), "out of range") {
			return v, fault.Errorf(fault.Invalid, "%q is not an amount: write a number with a suffix such as 50B, $1.5T, 250M, or as 280bn, $280 billion, 280,000,000,000", text)
		}
		return v, err
	case KindRate:
		v, err := ParseFieldValue(kind, t)
		if err == nil && !strings.HasSuffix(t, "%") && v.Abs().GreaterThan(decimal.NewFromInt(1)) {
			return v, fault.Errorf(fault.Invalid, "%s would be %s: write %s%% for %s percent (a rate without %% is a fraction: 0.2 is 20%%)", t, FormatRate(v), t, t)
		}
		return v, err
	case KindInteger:
		v, err := ParseFieldValue(kind, t)
		if err != nil {
			return v, fault.Errorf(fault.Invalid, "%q is not a whole number: write a number of years such as 7", text)
		}
		return v, nil
	}
	v, err := ParseFieldValue(kind, t)
	if err != nil {
		return v, fault.Errorf(fault.Invalid, "%q is not a number: write a plain number such as 2 or 0.5", text)
	}
	return v, nil
}

// FormatInput writes a value of a field's kind in the format's syntax: 38B, 20%, 7.
func FormatInput(kind FieldKind, v decimal.Decimal) string { return FormatValue(kind, v) }

// scaleWords are the words and abbreviations people write after an amount, and the
// format's suffix each stands for.
var scaleWords = map[string]string{
	"k": "K", "thousand": "K",
	"m": "M", "mn": "M", "mm": "M", "mil": "M", "mio": "M", "million": "M", "millions": "M",
	"b": "B", "bn": "B", "bil": "B", "billion": "B", "billions": "B",
	"t": "T", "tn": "T", "trillion": "T", "trillions": "T",
}

// The patterns are compiled on first use, not when the program starts.
var (
	// amountWords splits "-$1,234.5 billion" into its sign, number and scale word.
	amountWords = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^([-+]?)\s*(?:US)?\$?\s*([0-9][0-9_,]*(?:\.[0-9]+)?|\.[0-9]+)\s*([A-Za-z]*)\.?$`)
	})
	// grouped is a number with thousands separators in the right places.
	grouped = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?$`)
	})
)

// amountSyntax rewrites an amount typed with words or thousands separators in the
// format's syntax ("$280 billion" → "280B"); anything else is returned as it is,
// for ParseAmount to read or refuse.
func amountSyntax(t string) string {
	m := amountWords().FindStringSubmatch(t)
	if m == nil {
		return t
	}
	sign, num, word := m[1], m[2], strings.ToLower(m[3])
	if strings.Contains(num, ",") {
		if !grouped().MatchString(num) {
			return t
		}
		num = strings.ReplaceAll(num, ",", "")
	}
	suffix := ""
	if word != "" {
		s, ok := scaleWords[word]
		if !ok {
			return t
		}
		suffix = s
	}
	if sign == "+" {
		sign = ""
	}
	return sign + num + suffix
}

// Slip is what an amount typed into a field probably meant, when it looks like a
// slip of scale: a bare number below a million in a field whose value is in the
// billions ("280" for 2030 revenue of 200B) probably meant billions. ok is false
// when the typed amount looks meant. current is the field's value before the edit.
func Slip(kind FieldKind, text string, typed, current decimal.Decimal) (meant decimal.Decimal, ok bool) {
	if kind != KindAmount || typed.IsZero() || current.Abs().LessThan(billion) || typed.Abs().GreaterThanOrEqual(million) {
		return decimal.Decimal{}, false
	}
	if t := amountSyntax(strings.TrimSpace(text)); t != "" && !isDigit(t[len(t)-1]) && t[len(t)-1] != '.' {
		// A suffix or word was written: the scale was chosen, not slipped.
		return decimal.Decimal{}, false
	}
	return typed.Shift(9), true
}

var (
	million = decimal.New(1, 6)
	billion = decimal.New(1, 9)
)
