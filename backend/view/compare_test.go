package view

import (
	"fmt"
	"strings"
	"testing"
)

func TestContractWarningNamesAFewAndCountsTheRest(t *testing.T) {
	names := []string{"Briefing", "Ten contracts"}
	var gaps []ContractGap
	for i := range 10 {
		gaps = append(gaps, ContractGap{ID: fmt.Sprintf("c%d", i), Label: fmt.Sprintf("Contract %d, first part", i), In: []int{1}})
	}
	gaps = append(gaps, ContractGap{ID: "aws", Label: "AWS compute", In: []int{0}})
	got := ContractWarning(names, gaps)
	want := "These scenarios do not hold the same contracts, so party totals compare different deals." +
		" Only in “Ten contracts”: Contract 0, first part; Contract 1, first part; Contract 2, first part; and 7 more." +
		" Only in “Briefing”: AWS compute."
	if got != want {
		t.Errorf("warning:\n got %q\nwant %q", got, want)
	}
	for i := 3; i < 10; i++ {
		if strings.Contains(got, fmt.Sprintf("Contract %d", i)) {
			t.Errorf("the warning names contract %d, past the first three", i)
		}
	}
}

func TestContractWarningNamesFourRatherThanOneMore(t *testing.T) {
	gaps := []ContractGap{
		{Label: "A", In: []int{0}}, {Label: "B", In: []int{0}}, {Label: "C", In: []int{0}}, {Label: "D", In: []int{0}},
	}
	if got := ContractWarning([]string{"X", "Y"}, gaps); !strings.HasSuffix(got, " Only in “X”: A; B; C; D.") {
		t.Errorf("four contracts: %q", got)
	}
	if got := ContractWarning([]string{"X", "Y"}, nil); got != "" {
		t.Errorf("no gaps: %q", got)
	}
}
