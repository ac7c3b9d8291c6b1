package scenario

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

func TestParseInputReadsWhatPeopleType(t *testing.T) {
	for text, want := range map[string]string{
		"280B":               "280000000000",
		"280bn":              "280000000000",
		"280 bn":             "280000000000",
		"$280 billion":       "280000000000",
		"280 Billion":        "280000000000",
		"280,000,000,000":    "280000000000",
		"$280,000,000,000":   "280000000000",
		"1,234.5":            "1234.5",
		"1.5 trillion":       "1500000000000",
		"250mn":              "250000000",
		"250 million":        "250000000",
		"-2.5bn":             "-2500000000",
		"13_000_000_000":     "13000000000",
		"$1.5T":              "1500000000000",
		"512":                "512",
		"  $38B ":            "38000000000",
		"US$ 45bn":           "45000000000",
		"40 thousand":        "40000",
		"1,000":              "1000",
		"0.5B":               "500000000",
		"280bn.":             "280000000000",
		".5B":                "500000000",
		"7,500,000.25":       "7500000.25",
		"100,000,000 dollar": "",
	} {
		v, err := ParseInput(KindAmount, text)
		if want == "" {
			if err == nil {
				t.Errorf("%q read as %s, want an error", text, v)
			}
			continue
		}
		if err != nil || !v.Equal(decimal.RequireFromString(want)) {
			t.Errorf("%q = %s, %v; want %s", text, v, err, want)
		}
	}
}

func TestParseInputRefusesWhatIsNotAnAmount(t *testing.T) {
	for _, text := range []string{"lots", "280 gazillion", "28,0000", "2,80", "1.5e3B", "$", "5X", "1,000,00", "12 34"} {
		if v, err := ParseInput(KindAmount, text); err == nil {
			t.Errorf("%q read as %s, want an error", text, v)
		} else if !strings.Contains(err.Error(), "not an amount") {
			t.Errorf("%q: %v, want it to say it is not an amount", text, err)
		}
	}
}

func TestParseInputOfOtherKinds(t *testing.T) {
	if v, err := ParseInput(KindRate, "20%"); err != nil || !v.Equal(decimal.RequireFromString("0.2")) {
		t.Errorf("20%% = %s, %v", v, err)
	}
	if _, err := ParseInput(KindRate, "20"); err == nil || !strings.Contains(err.Error(), "2000%") {
		t.Errorf("a bare 20 as a rate: %v, want it to say it would be 2000%%", err)
	}
	if _, err := ParseInput(KindInteger, "7.5"); err == nil {
		t.Error("7.5 read as a whole number")
	}
	if got := FormatInput(KindAmount, decimal.RequireFromString("280000000000")); got != "280B" {
		t.Errorf("format 280e9 = %s", got)
	}
}

func TestSlip(t *testing.T) {
	d := decimal.RequireFromString
	cases := []struct {
		text, typed, current, meant string
	}{
		{"280", "280", "200000000000", "280000000000"},
		{"$280", "280", "200000000000", "280000000000"},
		{"280.5", "280.5", "200000000000", "280500000000"},
		{"280K", "280000", "200000000000", ""}, // a scale was chosen
		{"280 thousand", "280000", "200000000000", ""},
		{"280", "280", "200000000", ""},            // the field is in millions
		{"5000000", "5000000", "200000000000", ""}, // a million or more
		{"0", "0", "200000000000", ""},             // zero is zero
		{"-3", "-3", "-2000000000", "-3000000000"}, // negative amounts too
		{"999,999", "999999", "38000000000", "999999000000000"},
	}
	for _, c := range cases {
		got, ok := Slip(KindAmount, c.text, d(c.typed), d(c.current))
		if c.meant == "" {
			if ok {
				t.Errorf("%q in a field at %s: asks about %s, want no question", c.text, c.current, got)
			}
			continue
		}
		if !ok || !got.Equal(d(c.meant)) {
			t.Errorf("%q in a field at %s: %s, %v; want %s", c.text, c.current, got, ok, c.meant)
		}
	}
	if _, ok := Slip(KindRate, "20", d("20"), d("2000000000")); ok {
		t.Error("a rate is never a slip of scale")
	}
}
