package report

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"dealmodel/backend/scenario"
)

// sourceList numbers sources in order of first citation. A table cites a source by
// number and the sources section prints each text once: the built-in scenarios cite
// the same four sources for six revenue figures.
type sourceList struct {
	texts []string
	index map[string]int
}

func (l *sourceList) cite(srcs []string) string {
	var refs []string
	for _, s := range srcs {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		n, ok := l.index[s]
		if !ok {
			l.texts = append(l.texts, s)
			n = len(l.texts)
			l.index[s] = n
		}
		refs = append(refs, strconv.Itoa(n))
	}
	return compactRefs(refs)
}

// compactRefs writes reference numbers with runs joined: "1–4, 7".
func compactRefs(refs []string) string {
	var out []string
	for i := 0; i < len(refs); {
		a, _ := strconv.Atoi(refs[i])
		j := i
		for j+1 < len(refs) {
			b, _ := strconv.Atoi(refs[j+1])
			c, _ := strconv.Atoi(refs[j])
			if b != c+1 {
				break
			}
			j++
		}
		if j-i >= 2 {
			z, _ := strconv.Atoi(refs[j])
			out = append(out, fmt.Sprintf("%d–%d", a, z))
		} else {
			out = append(out, refs[i:j+1]...)
		}
		i = j + 1
	}
	return strings.Join(out, ", ")
}

// assumptions lists every numeric input of the scenario with its value, as the file
// writes it, and the sources behind it; then the ranges for the uncertainty analysis.
func (d *doc) assumptions() {
	s := d.in.main.s
	d.heading("Assumptions", 30)
	d.paragraph("Every numeric input of the scenario, as the scenario file writes it. Numbers in the last column refer to the sources at the end of the briefing.", sizeSmall, muted, 0)
	d.y += 2
	// Values sit next to their labels rather than across an empty page width.
	cols := []column{
		{title: "Input", w: math.Min(95, d.width()*0.5)},
		{title: "Value", w: 24, right: true},
		{title: "Sources", indent: 5},
	}
	cols[2].w = d.width() - cols[0].w - cols[1].w
	var rows []tableRow
	owner := ""
	for _, f := range s.Fields() {
		if !d.in.list.path(f.Path) {
			continue
		}
		if o := fieldOwner(s, f.Path); o != owner {
			owner = o
			rows = append(rows, tableRow{cells: []string{o}, kind: rowGroup})
		}
		refs := d.sources.cite(f.Sources)
		if refs == "" {
			refs = "—"
		}
		rows = append(rows, tableRow{cells: []string{rowLabel(f.Label, owner), scenario.FormatValue(f.Kind, f.Value), refs}})
	}
	d.table(cols, rows)
	d.leftOut(true)

	u := s.Uncertainty
	if u == nil || len(u.Inputs) == 0 {
		return
	}
	d.subheading("Ranges for the uncertainty analysis", 20)
	note := "The distributions the scenario declares for Monte Carlo and tornado analysis"
	if u.Runs > 0 {
		// The seed is named once, in the uncertainty section's closing method note.
		note += fmt.Sprintf(": %s runs", thousands(u.Runs))
	}
	d.paragraph(note+".", sizeSmall, muted, 0)
	d.y += 2
	cols = d.flexColumns([]column{
		{title: "Input"},
		{title: "Distribution", w: 21},
		{title: "Parameters", w: 56},
		{title: "Sources", w: 18},
	})
	rows = rows[:0]
	for _, in := range u.Inputs {
		if !d.in.list.path(in.Path) {
			continue
		}
		label := in.Path
		kind := scenario.KindNumber
		if f, ok := s.AnyField(in.Path); ok {
			label, kind = f.Label, f.Kind
		}
		var params []string
		for _, p := range in.Params {
			v := p.Value.String()
			if p.Name != "mu" && p.Name != "sigma" {
				v = scenario.FormatValue(kind, p.Value)
			}
			params = append(params, p.Name+" "+v)
		}
		refs := d.sources.cite(in.Sources)
		if refs == "" {
			refs = "—"
		}
		rows = append(rows, tableRow{cells: []string{label, in.Dist, strings.Join(params, " · "), refs}})
	}
	d.table(cols, rows)
}

// rowLabel drops the owner's name from a field's label under the owner's group row:
// "weight of year 1" under "AWS compute", not "AWS compute: weight of year 1".
func rowLabel(label, owner string) string {
	rest, ok := strings.CutPrefix(label, owner)
	if !ok || rest == "" || owner == "General" {
		return label
	}
	rest = strings.TrimLeft(rest, ": ")
	if rest == "" {
		return label
	}
	r := []rune(rest)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}

// thousands writes n with thousands separators: 10,000.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// fieldOwner names what a field belongs to, for the group rows of the table.
func fieldOwner(s *scenario.Scenario, path string) string {
	parts := strings.SplitN(path, ".", 3)
	switch {
	case parts[0] == "streams" && len(parts) > 1:
		if st := s.Stream(parts[1]); st != nil {
			return st.DisplayLabel()
		}
	case parts[0] == "contracts" && len(parts) > 1:
		if c := s.Contract(parts[1]); c != nil {
			return c.DisplayLabel()
		}
	}
	return "General"
}

// sourcesSection prints every source the briefing cites, numbered. Sources of
// streams and contracts with no numeric input are cited here too, so none is lost.
func (d *doc) sourcesSection() {
	s := d.in.main.s
	for i := range s.Streams {
		d.sources.cite(s.Streams[i].Sources)
	}
	for i := range s.Contracts {
		d.sources.cite(s.Contracts[i].Sources)
	}
	if s.Uncertainty != nil {
		for _, in := range s.Uncertainty.Inputs {
			d.sources.cite(in.Sources)
		}
	}
	if len(d.sources.texts) == 0 {
		return
	}
	d.heading("Sources", 12)
	d.font(false, sizeSmall, ink)
	lh := lineHeight(sizeSmall)
	const numW = 8.0
	for i, t := range d.sources.texts {
		d.font(false, sizeSmall, ink)
		lines := d.wrap(t, d.width()-numW)
		d.need(float64(len(lines)) * lh)
		d.font(true, sizeSmall, muted)
		d.textRight(d.left+numW-2.5, baseline(d.y, sizeSmall), strconv.Itoa(i+1))
		d.font(false, sizeSmall, ink)
		for _, line := range lines {
			d.need(lh)
			d.text(d.left+numW, baseline(d.y, sizeSmall), line)
			d.y += lh
		}
		d.y += 0.9
	}
}
