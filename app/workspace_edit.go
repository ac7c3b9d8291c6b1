package app

import (
	"dealmodel/backend/fault"
	"dealmodel/backend/scenario"
)

// applyEdit applies one edit to sc and checks the whole scenario. On error sc may be
// half changed: the caller applies edits to a clone and drops it.
func applyEdit(sc *scenario.Scenario, ed Edit) error {
	var err error
	switch ed.Op {
	case OpSet:
		err = sc.SetInput(ed.Path, ed.Value)
	case OpQuarter:
		err = sc.SetDate(ed.Path, ed.Value)
	case OpEnable:
		err = sc.SetEnabled(ed.Path, ed.Value)
	case OpText:
		err = sc.SetText(ed.Path, ed.Value)
	case OpAdd:
		err = addFromTemplate(sc, ed.Path, ed.Value)
	case OpRemove:
		err = sc.Remove(ed.Path)
	case OpFollow:
		err = sc.FollowRange(ed.Path, ed.Value)
	case OpCorrelations:
		err = editCorrelations(sc, ed.Value)
	case OpDistribution:
		err = editDistribution(sc, ed.Path, ed.Value)
	default:
		err = fault.Errorf(fault.Invalid, "unknown edit %q: the edits are set, quarter, enable, text, add, remove, follow, correlations and distribution", ed.Op)
	}
	if err != nil {
		return err
	}
	sc.Tidy()
	dropDanglingCorrelations(sc)
	return sc.ValidateEdit(ed.Path)
}
