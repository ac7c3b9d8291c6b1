package report

import (
	"math"
	"strings"

	"github.com/shopspring/decimal"

	"dealmodel/backend/contract"
	"dealmodel/backend/engine"
	"dealmodel/backend/money"
	"dealmodel/backend/plot"
	"dealmodel/backend/view"
)

// render writes every section in reading order: what an executive reads first comes
// first, the material an analyst checks comes last.
func (d *doc) render() {
	d.newPage()
	d.executiveSummary()
	if d.in.b.SummaryOnly {
		return
	}
	d.newPage()
	d.titleBlock()
	d.summary()
	d.keyFigures()
	d.chartsSection()
	if len(d.in.others) > 0 {
		d.comparison()
	}
	if d.in.b.Uncertainty != nil {
		d.uncertainty(d.in.b.Uncertainty)
	}
	if d.in.b.Table != nil {
		d.twoWay(d.in.b.Table)
	}
	d.dealTerms()
	d.dealTimeline()
	d.schedule()
	d.assumptions()
	d.notes()
	d.sourcesSection()
}

func (d *doc) titleBlock() {
	s := d.in.main.s
	version, _ := versionText(d.in.main.revision)
	d.masthead("DEALMODEL BRIEFING", []string{
		d.in.now.Format("2 January 2006, 15:04 MST"),
		version,
		"Horizon " + span(s.Start, s.End),
		"Amounts in US dollars",
	})
}

// masthead draws a caption, the scenario's name as the title, a line of facts
// about the document and a rule under them.
func (d *doc) masthead(caption string, meta []string) {
	d.font(true, sizeSmall, accent)
	d.text(d.left, baseline(d.y, sizeSmall), caption)
	d.y += lineHeight(sizeSmall) + 1.5
	d.font(true, sizeTitle, ink)
	for _, line := range d.wrap(d.in.main.s.Name, d.width()) {
		d.text(d.left, baseline(d.y, sizeTitle), line)
		d.y += lineHeight(sizeTitle) * 0.92
	}
	d.y += 2
	d.font(false, sizeSmall, muted)
	for _, line := range d.wrap(strings.Join(meta, "   ·   "), d.width()) {
		d.text(d.left, baseline(d.y, sizeSmall), line)
		d.y += lineHeight(sizeSmall)
	}
	if d.in.b.Unprintable() {
		for _, line := range d.wrap(UnprintableNote, d.width()) {
			d.text(d.left, baseline(d.y, sizeSmall), line)
			d.y += lineHeight(sizeSmall)
		}
	}
	d.y += 2
	d.hline(d.left, d.right, d.y, 0.6, accent)
	d.y += 5
}

func (d *doc) summary() {
	main := d.in.main
	d.font(true, sizeH2, ink)
	d.text(d.left, baseline(d.y, sizeH2), "In brief")
	d.y += lineHeight(sizeH2) + 1.5
	bullets := summaryBullets(main.s, d.in.list.scenario(main.s), main.q)
	if note := d.in.list.note(false); note != "" {
		bullets = append(bullets, note)
	}
	d.bullets(bullets, sizeBody)
}

// keyFigures draws the figures as tiles, three or four to a row.
func (d *doc) keyFigures() {
	tiles := keyFigures(d.in.main.s, d.in.main.q)
	if len(tiles) == 0 {
		return
	}
	// Three to a row: a figure's context line needs the width, even in landscape.
	perRow := 3
	switch {
	case len(tiles) == 4:
		perRow = 2
	case len(tiles) > 6:
		perRow = 4
	}
	const gap, th = 4.0, 21.0
	rows := (len(tiles) + perRow - 1) / perRow
	d.y += 3
	d.need(lineHeight(sizeH2) + 2 + float64(rows)*(th+gap))
	d.font(true, sizeH2, ink)
	d.text(d.left, baseline(d.y, sizeH2), "Key figures")
	d.y += lineHeight(sizeH2) + 2
	d.tiles(tiles, perRow)
}

// tiles draws figures as tiles, perRow to a row, from the cursor down.
func (d *doc) tiles(tiles []tile, perRow int) {
	const gap, th = 4.0, 21.0
	tw := (d.width() - gap*float64(perRow-1)) / float64(perRow)
	for i, t := range tiles {
		col := i % perRow
		if col == 0 && i > 0 {
			d.y += th + gap
		}
		x := d.left + float64(col)*(tw+gap)
		d.fill(faint)
		d.f.RoundedRect(x, d.y, tw, th, 1.5, "1234", "F")
		d.fill(accent)
		d.f.Rect(x, d.y+2, 0.9, th-4, "F")
		d.font(false, sizeSmall, muted)
		d.text(x+4, d.y+5.6, d.fit(t.label, tw-6))
		d.font(true, 15, ink)
		d.text(x+4, d.y+12.8, d.fit(t.value, tw-6))
		d.font(false, sizeTiny, muted)
		d.text(x+4, d.y+17.6, d.fit(t.note, tw-6))
	}
	d.y += th + 2
}

// chartsSection draws the app's charts for the main scenario.
func (d *doc) chartsSection() {
	h := d.chartHeight()
	// The first chart may shrink to share the first page with the summary.
	first := math.Min(60, h)
	d.heading("Charts", first+20)
	for _, spec := range view.Charts(d.in.main.s, d.in.main.r) {
		if !spec.Print || spec.Contract != nil && !d.in.list.contract(spec.Contract.ID) {
			continue
		}
		if title, note, c := d.chartOf(spec); c != nil {
			d.figure(title, note, c, h, first)
			first = h
		}
	}
}

// chartOf is the PDF's drawing of one chart of the main scenario, with its title
// and note; a nil chart when there is nothing to draw.
func (d *doc) chartOf(spec view.Chart) (title, note string, ch *chart) {
	r := d.in.main.r
	if spec.Kind == view.ChartPartyNet {
		// Laid out for the page: see partyChart.
		if c, note := partyChart(r, d.width()); c != nil {
			unit := "quarter"
			if d.in.yearly || len(c.periods) != len(r.Periods) {
				unit = "year"
			}
			return "Net flows by party, by " + unit, note, c
		}
		return "", "", nil
	}
	if spec.Draw == nil {
		return "", "", nil
	}
	p := spec.Draw()
	periods := r.Periods
	if p.Periods != nil {
		periods = p.Periods
	}
	if c := printed(periods, p); c != nil {
		return p.PrintTitle, p.Note, c
	}
	return "", "", nil
}

// printed is the PDF's drawing of a plot: what it draws on paper (plot.Print and
// plot.Both); nil when that is nothing. A series without a colour takes the
// palette's colour of its place among the printed series, bars first.
func printed(periods []string, p plot.Plot) *chart {
	ch := &chart{periods: periods, gw: p.Unit == plot.UnitGW}
	switch p.BarMode {
	case plot.Stacked:
		ch.mode = barsStacked
	case plot.Overlap:
		ch.mode = barsOverlap
	}
	k := 0
	colorOf := func(c string) rgb {
		defer func() { k++ }()
		if c != "" {
			return hexColor(c)
		}
		return paletteColor(k)
	}
	for _, sr := range p.Bars {
		if sr.On.In(plot.Print) {
			ch.bars = append(ch.bars, chartSeries{name: sr.Name, values: gapped(sr.Values, sr.Gaps), color: colorOf(sr.Color), stack: sr.Stack, light: sr.Hatch || (sr.Light && sr.Stack != "")})
		}
	}
	for _, sr := range p.Lines {
		if sr.On.In(plot.Print) {
			cs := chartSeries{name: sr.Name, values: gapped(sr.Values, sr.Gaps), color: colorOf(sr.Color), dashed: sr.Dashed, area: sr.Area > 0}
			if sr.Bold {
				cs.width = 0.8
			}
			ch.lines = append(ch.lines, cs)
		}
	}
	if len(ch.bars) == 0 && len(ch.lines) == 0 {
		return nil
	}
	for _, b := range p.Bands {
		if b.On.In(plot.Print) {
			ch.bands = append(ch.bands, band{name: b.Name, lo: gapped(b.Lo, b.Gaps), hi: gapped(b.Hi, b.Gaps), color: hexColor(b.Color)})
		}
	}
	for _, r := range p.Refs {
		if r.On.In(plot.Print) {
			ch.refs = append(ch.refs, refLine{value: r.Value.InexactFloat64(), label: r.Label, color: hexColor(r.Color)})
		}
	}
	for _, m := range p.Marks {
		if m.On.In(plot.Print) {
			ch.marks = append(ch.marks, periodMark{index: m.Index, label: m.Label, color: hexColor(m.Color)})
		}
	}
	for _, pt := range p.Points {
		if pt.On.In(plot.Print) {
			ch.points = append(ch.points, pointMark{index: pt.Index, value: money.Float(pt.Value), color: hexColor(pt.Color)})
		}
	}
	return ch
}

// gapped is dollars with NaN (not drawn) where gaps says there is no value.
func gapped(vs []decimal.Decimal, gaps []bool) []float64 {
	out := dollars(vs)
	for i := range out {
		if i < len(gaps) && gaps[i] {
			out[i] = math.NaN()
		}
	}
	return out
}

// partyChart draws each party's net flow as grouped bars, as the app does. With
// many parties on a quarterly axis the bars would be hairlines, so it switches to
// years; if they are still too thin, it stacks them: receivers above zero, payers
// below, which reads well because the nets of a period add up to zero.
func partyChart(r *engine.Result, width float64) (*chart, string) {
	var nets []*engine.Series
	pick := func(r *engine.Result) {
		nets = nets[:0]
		for i := range r.Series {
			if r.Series[i].Group == engine.GroupParty && r.Series[i].Measure == "net" {
				nets = append(nets, &r.Series[i])
			}
		}
	}
	pick(r)
	if len(nets) == 0 {
		return nil, ""
	}
	barW := func(r *engine.Result) float64 { return width / float64(len(r.Periods)) * 0.78 / float64(len(nets)) }
	if barW(r) < 1.2 && r.Period == engine.Quarterly {
		r = r.ByYear()
		pick(r)
	}
	ch := &chart{periods: r.Periods}
	note := "What each party receives minus what it pays under the enabled contracts. Above zero: it receives on balance."
	if barW(r) < 0.9 {
		ch.mode = barsStacked
		note = "What each party receives minus what it pays under the enabled contracts, stacked: receivers above zero, payers below; the two sides of a period are equal."
	}
	for k, sr := range nets {
		ch.bars = append(ch.bars, chartSeries{name: sr.Owner, values: dollars(sr.Values), color: paletteColor(k)})
	}
	return ch, note
}

// dealTerms lists every contract with its parties and terms in words.
func (d *doc) dealTerms() {
	s := d.in.main.s
	if len(s.Contracts) == 0 {
		return
	}
	d.heading("Deal terms", 30)
	cols := d.flexColumns([]column{
		{title: "Contract"},
		{title: "Type", w: 23},
		{title: "Parties", w: 34},
		{title: "Terms", w: d.width() * 0.40},
	})
	var rows []tableRow
	for i := range s.Contracts {
		c := &s.Contracts[i]
		if !d.in.list.contract(c.ID) {
			continue
		}
		label := c.DisplayLabel()
		if !c.Enabled {
			label += " (disabled: not counted)"
		}
		title, parties, terms := c.Type, "", ""
		if t, ok := contract.Lookup(c.Type); ok {
			title, parties, terms = t.Describe().Title, t.Parties(c), t.Terms(s, c)
		}
		rows = append(rows, tableRow{cells: []string{label, title, parties, terms}})
	}
	d.table(cols, rows)
	d.leftOut(false)
}

// leftOut says, under a list, what a large briefing leaves out of it.
func (d *doc) leftOut(streams bool) {
	if note := d.in.list.note(streams); note != "" {
		d.y += 1.5
		d.paragraph(note, sizeSmall, muted, 0)
	}
}

// dealTimeline lists every dated event of the deal (format v2): changes of terms,
// tranches and their deadlines, valuation marks and reported quarters, each with
// its note (a tranche's condition) and sources.
func (d *doc) dealTimeline() {
	events := view.Timeline(d.in.main.s)
	if len(events) == 0 {
		return
	}
	d.heading("Deal timeline", 90)
	d.paragraph("Every dated change of terms, tranche and deadline of the enabled contracts, the valuation marks and the reported quarters, in the order they take effect.", sizeSmall, muted, 0)
	d.y += 1
	cols := d.flexColumns([]column{
		{title: "Note and source"},
		{title: "When", w: 15},
		{title: "Contract or stream", w: 42},
		{title: "What", w: 40},
	})
	// The wide note column reads last.
	cols = append(cols[1:], cols[0])
	var rows []tableRow
	for _, e := range events {
		if !d.in.list.path(e.Path) {
			continue
		}
		note := e.Note
		if (e.Kind == contract.EventTranche || e.Kind == contract.EventDeadline) && note != "" {
			note = "Condition: " + note
		}
		if len(e.Sources) > 0 {
			if note != "" {
				note = strings.TrimRight(note, ". ") + ". "
			}
			note += "Source: " + strings.Join(e.Sources, "; ")
		}
		what := e.What
		if len(what) > 0 {
			what = strings.ToUpper(what[:1]) + what[1:]
		}
		rows = append(rows, tableRow{cells: []string{e.Quarter.String(), e.Of, what, note}, muted: []bool{false, false, false, e.Note == ""}})
	}
	d.table(cols, rows)
	d.leftOut(true)
}

// schedule prints every series by calendar year, in blocks of as many years as fit.
func (d *doc) schedule() {
	main := d.in.main
	r := main.q.ByYear()
	var series []engine.Series
	for _, sr := range r.Series {
		if !d.in.list.series(sr) {
			continue
		}
		for _, v := range sr.Values {
			if !v.IsZero() {
				series = append(series, sr)
				break
			}
		}
	}
	if len(series) == 0 {
		return
	}
	unit, unitName := tableUnit(series)
	var cells []string
	for _, sr := range series {
		for _, v := range sr.Values {
			cells = append(cells, inUnit(v, unit))
		}
	}
	d.heading("Schedule by year", 40)
	d.paragraph(unitName+". Flows are the sums of their quarters; cumulative payments, valuations and stake values are at the end of each year. Series that are zero throughout are left out; the CSV export holds every series, by quarter or by year.", sizeSmall, muted, 0)
	d.leftOut(true)
	d.y += 2
	// Years go in blocks as wide as the page takes, of even size: with room for 9,
	// 40 years make five blocks of 8 rather than four of 9 and one of 4.
	valW := d.figureWidth(cells, 12)
	labelW := math.Min(48, d.width()*0.3) // the least the labels get; they wrap

	fit := max(1, int((d.width()-labelW)/valW))
	blocks := (len(r.Periods) + fit - 1) / fit
	per := (len(r.Periods) + blocks - 1) / blocks
	for start := 0; start < len(r.Periods); start += per {
		end := min(len(r.Periods), start+per)
		cols := []column{{title: "Series", w: d.width() - float64(end-start)*valW}}
		for _, p := range r.Periods[start:end] {
			cols = append(cols, column{title: p, w: valW, right: true})
		}
		var rows []tableRow
		group := engine.Group("")
		for _, sr := range series {
			if sr.Group != group {
				group = sr.Group
				rows = append(rows, tableRow{cells: []string{groupTitle(group)}, kind: rowGroup})
			}
			row := tableRow{cells: []string{sr.Label}, muted: []bool{false}}
			for _, v := range sr.Values[start:end] {
				row.cells = append(row.cells, inUnit(v, unit))
				row.muted = append(row.muted, v.IsZero())
			}
			rows = append(rows, row)
		}
		if start > 0 {
			d.y += 3
		}
		d.table(cols, rows)
	}
}

func groupTitle(g engine.Group) string {
	switch g {
	case engine.GroupStream:
		return "Revenue"
	case engine.GroupContract:
		return "Contracts"
	case engine.GroupParty:
		return "Parties"
	case engine.GroupTotal:
		return "Totals"
	}
	return string(g)
}

// tableUnit picks the unit of the schedule from its largest amount, so that a
// scenario of millions does not print as 0.01.
func tableUnit(series []engine.Series) (decimal.Decimal, string) {
	peak := decimal.Zero
	for _, sr := range series {
		for _, v := range sr.Values {
			if a := v.Abs(); a.Cmp(peak) > 0 {
				peak = a
			}
		}
	}
	switch {
	case peak.Cmp(decimal.New(1, 9)) >= 0:
		return decimal.New(1, 9), "US$ billions"
	case peak.Cmp(decimal.New(1, 6)) >= 0:
		return decimal.New(1, 6), "US$ millions"
	case peak.Cmp(decimal.New(1, 3)) >= 0:
		return decimal.New(1, 3), "US$ thousands"
	}
	return decimal.New(1, 0), "US$"
}

// inUnit writes an amount in the table's unit with two decimals. Zero is a dash, so
// the amounts stand out.
func inUnit(v, unit decimal.Decimal) string {
	if v.IsZero() {
		return "–"
	}
	return money.InUnit(v, unit)
}

// notes prints the scenario's own description: the author's reasoning behind the
// numbers.
func (d *doc) notes() {
	desc := strings.TrimSpace(d.in.main.s.Description)
	if desc == "" {
		return
	}
	d.heading("Scenario notes", 20)
	if d.in.b.Unsaved {
		d.paragraph("These notes were written for the saved inputs. This briefing includes changes not yet saved, so figures the notes state may differ from those in it.", sizeSmall, capColor, 0)
		d.y += 2
	}
	for _, para := range strings.Split(desc, "\n\n") {
		para = strings.TrimSpace(para)
		if para == "" {
			continue
		}
		d.paragraph(strings.Join(strings.Fields(para), " "), sizeBody, ink, 0)
		d.y += 2
	}
}
