package contract

import (
	"strings"

	"dealmodel/backend/scenario"
)

// The quarters of a contract that a discrete uncertain input may draw
// (scenario.ContractQuarters): from, until, cap_from as written, a tranche's at
// and expires as written.

func (revenueShare) Quarters(c *scenario.Contract, add func(key, label string, q scenario.Quarter)) {
	add("from", "from", c.From)
	add("until", "until", c.Until)
	if t := Share(c); t.CapFromSet {
		add("cap_from", "cap counted from", t.CapFrom)
	}
}

func (revenueShare) SetQuarter(c *scenario.Contract, key string, q scenario.Quarter) bool {
	switch key {
	case "from":
		c.From, c.FromSet = q, true
	case "until":
		c.Until, c.UntilSet = q, true
	case "cap_from":
		t, ok := c.Ext.(*ShareTerms)
		if !ok || !t.CapFromSet {
			return false
		}
		t.CapFrom = q
	default:
		return false
	}
	return true
}

func (commitment) Quarters(c *scenario.Contract, add func(key, label string, q scenario.Quarter)) {
	add("from", "from", c.From)
}

func (commitment) SetQuarter(c *scenario.Contract, key string, q scenario.Quarter) bool {
	if key != "from" {
		return false
	}
	c.From, c.FromSet = q, true
	return true
}

func (capacity) Quarters(c *scenario.Contract, add func(key, label string, q scenario.Quarter)) {
	add("until", "until", c.Until)
}

func (capacity) SetQuarter(c *scenario.Contract, key string, q scenario.Quarter) bool {
	if key != "until" {
		return false
	}
	c.Until, c.UntilSet = q, true
	return true
}

func (payment) Quarters(c *scenario.Contract, add func(key, label string, q scenario.Quarter)) {
	for _, t := range Tranches(c) {
		add("tranches."+t.ID+".at", "tranche "+t.ID+" paid in", t.At)
		if t.ExpiresSet {
			add("tranches."+t.ID+".expires", "tranche "+t.ID+" expires", t.Expires)
		}
	}
}

func (payment) SetQuarter(c *scenario.Contract, key string, q scenario.Quarter) bool {
	rest, ok := strings.CutPrefix(key, "tranches.")
	if !ok {
		return false
	}
	id, field, _ := strings.Cut(rest, ".")
	ts := Tranches(c)
	for i := range ts {
		if ts[i].ID != id {
			continue
		}
		switch {
		case field == "at":
			ts[i].At = q
		case field == "expires" && ts[i].ExpiresSet:
			ts[i].Expires = q
		default:
			return false
		}
		return true
	}
	return false
}
