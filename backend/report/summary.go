package report

import (
	"fmt"
	"regexp"
	"strings"
	"sync"

	"dealmodel/backend/contract"
	"dealmodel/backend/engine"
	"dealmodel/backend/money"
	"dealmodel/backend/scenario"
	"dealmodel/backend/view"
)

// The first page is a one-page executive summary that can be sent on its own: the
// question the scenario answers, the answer, three key figures, one chart, what is
// not firm (unconfirmed inputs), the date of the latest fact and a short
// disclaimer. The full report follows it.

// disclaimer is printed at the foot of the summary page.
const disclaimer = "This briefing models deal terms from press reports, company statements and stated assumptions. " +
	"It is not financial, legal or investment advice, and it is not a forecast: each figure follows from the inputs shown. " +
	"Figures marked unconfirmed or assumed may differ from the actual terms."

// question and answer say what the scenario is for and what it finds, in words
// made from the scenario and its result. lead is the answer's first sentence.
func questionAnswer(s *scenario.Scenario, r *engine.Result) (question, lead, answer string) {
	if q := view.Question(s, r); q != nil {
		return q.Question, q.Lead, q.Answer
	}
	if sentences := commitmentSentences(s, r); len(sentences) > 0 {
		committed, _ := amount(r, "total.commitments.committed")
		return "What is committed to compute, to whom, and when is it paid?",
			fmt.Sprintf("%s is committed to compute.", money.Short(committed)), strings.Join(sentences, " ")
	}
	bullets := summaryBullets(s, s, r)
	return "What do these deals pay, and to whom?", "", strings.Join(bullets, " ")
}

// The patterns are compiled on first use, not when the program starts.
var (
	revisionNumber = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^r([0-9]+)\b(.*)$`) })
	storedRevision = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^([0-9]+) \(sha256:[0-9a-f]+\)$`) })
)

// versionText names a revision for people: "r7" is "Saved version 7", "r7 with
// unsaved changes" is "Saved version 7 with unsaved changes", "" is "Not saved".
// Anything else (a file's content hash, "sha256:…", or a stored revision with
// its hash, "1 (sha256:…)") is "Revision …", and plain is false: it is for the
// full report, not the summary page.
func versionText(rev string) (text string, plain bool) {
	if rev == "" {
		return "Not saved", true
	}
	if m := revisionNumber().FindStringSubmatch(rev); m != nil {
		return "Saved version " + m[1] + m[2], true
	}
	return "Revision " + rev, false
}

// summaryVersion is the version the summary page names, or "" for a file's hash.
func summaryVersion(rev string) string {
	if m := storedRevision().FindStringSubmatch(rev); m != nil {
		return "Saved version " + m[1]
	}
	if v, plain := versionText(rev); plain && rev != "" {
		return v
	}
	return ""
}

// executiveSummary draws the first page, and only it.
func (d *doc) executiveSummary() {
	main := d.in.main
	s, q := main.s, main.q
	b := d.in.b

	var meta []string
	if asOf := view.FactsAsOf(s); asOf != "" {
		meta = append(meta, "Facts as of "+asOf)
	}
	meta = append(meta, "Prepared "+d.in.now.Format("2 January 2006"))
	if v := summaryVersion(main.revision); v != "" {
		meta = append(meta, v)
	}
	meta = append(meta, "Horizon "+span(s.Start, s.End), "Amounts in US dollars")
	if b.Unsaved {
		meta = append(meta, "Includes changes not yet saved")
	}
	d.masthead("EXECUTIVE SUMMARY", meta)

	question, lead, answer := questionAnswer(s, q)
	d.label("The question")
	d.font(true, 11.5, ink)
	for _, line := range d.wrap(question, d.width()) {
		d.text(d.left, baseline(d.y, 11.5), line)
		d.y += lineHeight(11.5)
	}
	d.y += 3
	d.label("The answer")
	if lead != "" {
		d.font(true, 11.5, accent)
		for _, line := range d.wrap(lead, d.width()) {
			d.text(d.left, baseline(d.y, 11.5), line)
			d.y += lineHeight(11.5)
		}
		d.y += 0.8
	}
	d.paragraph(answer, sizeBody, ink, 0)
	d.y += 3

	figs := view.KeyFigures(s, q)
	if len(figs) > 3 {
		figs = figs[:3]
	}
	tiles := make([]tile, len(figs))
	for i := range figs {
		tiles[i] = tile{label: figs[i].Label, value: figs[i].Short(), note: figs[i].Context}
	}
	d.tiles(tiles, 3)
	d.y += 4

	// What is left of the page goes to one chart, above the caveats and the
	// disclaimer, which are laid out from the foot of the page up.
	caveats := d.caveatLines()
	d.font(false, sizeTiny, muted)
	discLines := d.wrap(disclaimer, d.width())
	discH := float64(len(discLines)) * lineHeight(sizeTiny)
	d.font(false, sizeSmall, ink)
	cavH := lineHeight(sizeSmall) + 2
	for _, c := range caveats {
		cavH += float64(len(d.wrap(c, d.width()-4.5)))*lineHeight(sizeSmall) + 0.8
	}
	foot := cavH + 4 + discH
	if spec, ok := d.summaryChart(); ok {
		title, _, c := d.chartOf(spec)
		h := min(115, d.bottom-foot-d.y-lineHeight(sizeH2)-6)
		if h >= 40 && c != nil {
			d.font(true, sizeH2, ink)
			d.text(d.left, baseline(d.y, sizeH2), title)
			d.y += lineHeight(sizeH2) + 1.5
			d.drawChart(c, d.left, d.y, d.width(), h)
			d.y += h + 3
		}
	}
	d.y = max(d.y, d.bottom-foot)
	if len(caveats) > 0 {
		d.label("Caveats")
		d.font(false, sizeSmall, ink)
		for _, c := range caveats {
			d.fill(capColor)
			d.f.Circle(d.left+1.3, baseline(d.y, sizeSmall)-sizeSmall*ptToMM*0.3, 0.6, "F")
			d.font(false, sizeSmall, ink)
			for _, line := range d.wrap(c, d.width()-4.5) {
				d.text(d.left+4.5, baseline(d.y, sizeSmall), line)
				d.y += lineHeight(sizeSmall)
			}
			d.y += 0.8
		}
	}
	d.y = d.bottom - discH
	d.hline(d.left, d.right, d.y-1.5, 0.2, rule)
	d.font(false, sizeTiny, muted)
	for _, line := range discLines {
		d.text(d.left, baseline(d.y, sizeTiny), line)
		d.y += lineHeight(sizeTiny)
	}
}

// label writes a small capitalised caption above a block of the summary page.
func (d *doc) label(s string) {
	d.font(true, sizeTiny, muted)
	d.text(d.left, baseline(d.y, sizeTiny), strings.ToUpper(s))
	d.y += lineHeight(sizeTiny) + 0.5
}

// caveatLines are the summary page's caveats: the unconfirmed facts, how many
// inputs are assumptions, and the unsaved changes.
func (d *doc) caveatLines() []string {
	s := d.in.main.s
	facts, unconfirmed, assumed := view.Caveats(s, 3)
	var out []string
	if ph := contract.Placeholders(s); len(ph) > 0 {
		out = append(out, placeholderLine(ph))
	}
	for _, f := range facts {
		out = append(out, fmt.Sprintf("Unconfirmed — %s: %s", f.Owner, f.Text))
	}
	if more := unconfirmed - len(facts); more > 0 {
		out = append(out, fmt.Sprintf("%d more unconfirmed %s in the full report's sources.", more, plural(more, "fact is", "facts are")))
	}
	if assumed > 0 {
		out = append(out, fmt.Sprintf("%d %s the scenario's own %s, not reported figures; the full report lists each with its reasoning.",
			assumed, plural(assumed, "input is", "inputs are"), plural(assumed, "assumption", "assumptions")))
	}
	if d.in.b.Unsaved {
		out = append(out, "This briefing includes changes not yet saved: the scenario's notes describe the saved inputs.")
	}
	return out
}

// placeholderLine says, first among the caveats, that texts are still as a
// template wrote them, naming the first few: nobody sends one unknowingly.
func placeholderLine(ph []contract.Placeholder) string {
	return fmt.Sprintf("Placeholders — %s: replace %s before this briefing is sent.",
		contract.DescribePlaceholders(ph), plural(len(ph), "it", "them"))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// summaryChart is the one chart of the summary page: the printed chart that leads
// (the lowest view.Chart.Lead: a revenue share's cap, then compute spend by
// provider), otherwise the first chart of the report.
func (d *doc) summaryChart() (view.Chart, bool) {
	specs := view.Charts(d.in.main.s, d.in.main.r)
	best := -1
	for i, spec := range specs {
		if spec.Print && spec.Lead > 0 && (best < 0 || spec.Lead < specs[best].Lead) {
			best = i
		}
	}
	if best >= 0 {
		return specs[best], true
	}
	for _, spec := range specs {
		if spec.Print {
			if _, _, c := d.chartOf(spec); c != nil {
				return spec, true
			}
		}
	}
	return view.Chart{}, false
}
