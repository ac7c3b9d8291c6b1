package contract

import (
	"strings"

	"github.com/shopspring/decimal"

	"dealmodel/backend/scenario"
)

// Editing a list of amounts keyed by quarter (a capacity's gw keys, a stake's
// valuation marks) by path, relative to the contract:
//
//	<prefix>.<quarter>    SetInput adds the key, or sets its amount; SetDate moves it;
//	                      Remove removes it (a ramp keeps its last step; a stake's
//	                      last mark goes, and its check says a valuation needs one)
//
// The list is kept in quarter order. Two keys in one quarter are left for the
// type's check to report, so that a move onto a taken quarter is refused with a
// message that says so.

// datedKey reads <prefix>.<quarter>; ok is false for another key.
func datedKey(key, prefix string) (scenario.Quarter, bool) {
	r, found := strings.CutPrefix(key, prefix+".")
	if !found {
		return 0, false
	}
	q, err := scenario.ParseQuarter(r, false)
	return q, err == nil
}

// setDated gives the list the amount v at q: the key's amount when it has one, a
// new key otherwise.
func setDated(list *[]scenario.QuarterAmount, q scenario.Quarter, v decimal.Decimal) {
	for i := range *list {
		if (*list)[i].Quarter == q {
			(*list)[i].Amount = v
			return
		}
	}
	*list = append(*list, scenario.QuarterAmount{Quarter: q, Amount: v})
	sortDated(*list)
}

// moveDated moves the key at from to q; false when there is no such key.
func moveDated(list []scenario.QuarterAmount, from, q scenario.Quarter) bool {
	for i := range list {
		if list[i].Quarter == from {
			list[i].Quarter = q
			sortDated(list)
			return true
		}
	}
	return false
}

// removeDated removes the key at q, unless it is the last one (a ramp needs a
// step); false when nothing was removed.
func removeDated(list *[]scenario.QuarterAmount, q scenario.Quarter) bool {
	if len(*list) < 2 {
		return false
	}
	for i := range *list {
		if (*list)[i].Quarter == q {
			*list = append((*list)[:i:i], (*list)[i+1:]...)
			return true
		}
	}
	return false
}

// sortDated keeps a list keyed by quarter in quarter order after an edit (stable:
// two keys in one quarter stay in the order they came).
func sortDated(list []scenario.QuarterAmount) {
	for i := 1; i < len(list); i++ {
		for j := i; j > 0 && list[j].Quarter < list[j-1].Quarter; j-- {
			list[j], list[j-1] = list[j-1], list[j]
		}
	}
}
