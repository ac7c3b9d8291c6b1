package report

import (
	_ "embed" // the fonts below
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"

	"codeberg.org/go-pdf/fpdf"

	"dealmodel/backend/charts"
)

// The briefing embeds DejaVu Sans Condensed, because fpdf's core fonts only cover
// Windows-1252 and scenario names, parties and sources may use any Latin, Greek or
// Cyrillic letter and symbols such as ≥ and €. It is compiled in, so the binary
// writes the same PDF on any machine. fpdf embeds only the glyphs a document uses.
// The licence is in fonts/LICENSE.
var (
	//go:embed fonts/DejaVuSansCondensed.ttf
	fontRegular []byte
	//go:embed fonts/DejaVuSansCondensed-Bold.ttf
	fontBold []byte
)

const family = "dejavu"

// rgb is a colour.
type rgb struct{ r, g, b int }

func hexColor(s string) rgb {
	s = strings.TrimPrefix(s, "#")
	v, err := strconv.ParseUint(s, 16, 32)
	if err != nil || len(s) != 6 {
		return rgb{80, 80, 80}
	}
	return rgb{int(v >> 16 & 0xff), int(v >> 8 & 0xff), int(v & 0xff)}
}

// tint mixes c with white, as a series drawn at opacity a over a white page.
func (c rgb) tint(a float64) rgb {
	mix := func(v int) int { return int(float64(v)*a + 255*(1-a) + 0.5) }
	return rgb{mix(c.r), mix(c.g), mix(c.b)}
}

// The briefing's colours: near-black ink, grey for secondary text and rules, and the
// app's chart palette, so a chart in the PDF reads like the same chart on screen.
var (
	ink       = rgb{31, 41, 55}
	muted     = rgb{100, 108, 120}
	rule      = rgb{209, 213, 219}
	faint     = rgb{243, 244, 246}
	white     = rgb{255, 255, 255}
	accent    = paletteColor(0)
	capColor  = hexColor("#e15759") // the cap mark lines of backend/charts
	groupFill = accent.tint(0.10)
)

func paletteColor(i int) rgb {
	p := charts.Palette
	return hexColor(p[i%len(p)])
}

// doc is the document being written, with a cursor: the briefing flows from top to
// bottom and opens a new page when the next block does not fit.
type doc struct {
	in    *input
	f     *fpdf.Fpdf
	pageH float64
	// The content box: x from left to right, y from top to bottom (mm).
	left, right, top, bottom float64
	y                        float64
	sources                  *sourceList
	// cur is the font last chosen with font, restored after a page break draws
	// the running header in the middle of a paragraph or a table.
	cur struct {
		bold  bool
		size  float64
		color rgb
	}
}

// Type sizes in points, and the line height as a multiple of the size.
const (
	sizeTitle    = 20
	sizeH1       = 14
	sizeH2       = 10.5
	sizeBody     = 9.5
	sizeSmall    = 8
	sizeTable    = 8
	sizeTiny     = 7
	leading      = 1.38
	ptToMM       = 25.4 / 72
	marginSide   = 20.0
	marginTop    = 20.0
	marginBottom = 22.0 // leaves room for the footer
)

func newDoc(in *input) (*doc, error) {
	size := "A4"
	if in.b.Paper == Letter {
		size = "Letter"
	}
	orient := "P"
	if in.b.Landscape {
		orient = "L"
	}
	f := fpdf.New(orient, "mm", size, "")
	f.AddUTF8FontFromBytes(family, "", fontRegular)
	f.AddUTF8FontFromBytes(family, "B", fontBold)
	if err := f.Error(); err != nil {
		return nil, fmt.Errorf("briefing: loading fonts: %w", err)
	}
	f.SetCompression(!in.b.uncompressed)
	f.SetCatalogSort(true) // deterministic object order
	f.SetCreationDate(in.now)
	f.SetModificationDate(in.now)
	f.SetTitle(printable(in.main.s.Name), true)
	f.SetSubject("Dealmodel scenario briefing", true)
	f.SetCreator("Dealmodel", true)
	f.SetProducer("Dealmodel", true)
	f.SetAutoPageBreak(false, 0) // the cursor decides where pages break
	f.SetCellMargin(0)
	f.SetLineCapStyle("butt")
	f.SetLineJoinStyle("miter")
	w, h := f.GetPageSize()
	d := &doc{
		in: in, f: f, pageH: h,
		left: marginSide, right: w - marginSide, top: marginTop, bottom: h - marginBottom,
		sources: &sourceList{index: map[string]int{}},
	}
	return d, nil
}

func (d *doc) width() float64 { return d.right - d.left }

// newPage starts a page; pages after the first carry a running header.
func (d *doc) newPage() {
	d.f.AddPage()
	d.y = d.top
	if d.f.PageNo() > 1 {
		saved := d.cur
		d.font(false, sizeTiny, muted)
		name := d.fit(d.in.main.s.Name, d.width()*0.7)
		d.text(d.left, d.top-7, name)
		d.textRight(d.right, d.top-7, "Dealmodel briefing")
		d.hline(d.left, d.right, d.top-5, 0.2, rule)
		if saved.size > 0 {
			d.font(saved.bold, saved.size, saved.color)
		}
	}
}

// need makes sure h millimetres fit below the cursor, opening a page if not. It
// never opens a page at the top of an empty one, so a block taller than a page
// cannot produce empty pages.
func (d *doc) need(h float64) {
	if d.y+h > d.bottom && d.y > d.top+0.01 {
		d.newPage()
	}
}

func (d *doc) font(bold bool, size float64, c rgb) {
	style := ""
	if bold {
		style = "B"
	}
	d.f.SetFont(family, style, size)
	d.f.SetTextColor(c.r, c.g, c.b)
	d.cur.bold, d.cur.size, d.cur.color = bold, size, c
}

func (d *doc) fill(c rgb) { d.f.SetFillColor(c.r, c.g, c.b) }

func (d *doc) stroke(c rgb, width float64) {
	d.f.SetDrawColor(c.r, c.g, c.b)
	d.f.SetLineWidth(width)
}

func (d *doc) hline(x0, x1, y, width float64, c rgb) {
	d.stroke(c, width)
	d.f.Line(x0, y, x1, y)
}

// lineHeight is the height of one line of text at size points.
func lineHeight(size float64) float64 { return size * ptToMM * leading }

// baseline is where text of size points sits in a line box whose top is at top.
func baseline(top, size float64) float64 {
	em := size * ptToMM
	return top + (lineHeight(size)-em)/2 + 0.8*em
}

func (d *doc) text(x, y float64, s string) { d.f.Text(x, y, printable(s)) }

func (d *doc) textRight(x, y float64, s string) {
	s = printable(s)
	d.f.Text(x-d.f.GetStringWidth(s), y, s)
}

func (d *doc) textCenter(x, y float64, s string) {
	s = printable(s)
	d.f.Text(x-d.f.GetStringWidth(s)/2, y, s)
}

func (d *doc) strWidth(s string) float64 { return d.f.GetStringWidth(printable(s)) }

// replacement is what the briefing prints for a character its font cannot hold.
const replacement = '\uFFFD'

// printable replaces what fpdf cannot write with a visible replacement: its
// Unicode fonts hold only the Basic Multilingual Plane (a character beyond it,
// such as an emoji, makes it fail), and control characters have no glyph.
// WritePDF says in the document when it did.
func printable(s string) string {
	if !needsReplacing(s) {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t':
			return ' '
		case unprintable(r):
			return replacement
		}
		return r
	}, s)
}

func unprintable(r rune) bool {
	return r > 0xFFFF || (r < 0x20 && r != '\n' && r != '\t') || (r >= 0x7F && r < 0xA0) || (r >= 0xD800 && r <= 0xDFFF)
}

func needsReplacing(s string) bool {
	for _, r := range s {
		if unprintable(r) || r == '\t' {
			return true
		}
	}
	return false
}

// Unprintable says whether the briefing has text that its PDF prints with the
// replacement character (the PDF says so under its title).
func (b *Briefing) Unprintable() bool {
	if b == nil {
		return false
	}
	found := false
	visit := func(s string) {
		if !found {
			for _, r := range s {
				if unprintable(r) {
					found = true
					return
				}
			}
		}
	}
	walkStrings(reflect.ValueOf(b.Scenario), visit)
	for _, a := range b.Compare {
		walkStrings(reflect.ValueOf(a.Scenario), visit)
	}
	walkStrings(reflect.ValueOf(b.Uncertainty), visit)
	visit(b.Revision)
	return found
}

// walkStrings calls visit with every string reachable from v.
func walkStrings(v reflect.Value, visit func(string)) {
	switch v.Kind() {
	case reflect.String:
		visit(v.String())
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			walkStrings(v.Elem(), visit)
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				walkStrings(v.Field(i), visit)
			}
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			walkStrings(v.Index(i), visit)
		}
	case reflect.Map:
		it := v.MapRange()
		for it.Next() {
			walkStrings(it.Key(), visit)
			walkStrings(it.Value(), visit)
		}
	}
}

// wrap breaks s into lines no wider than w in the current font; "\n" breaks a line.
func (d *doc) wrap(s string, w float64) []string {
	if s == "" {
		return []string{""}
	}
	var out []string
	for _, para := range strings.Split(s, "\n") {
		if para == "" {
			out = append(out, "")
			continue
		}
		out = append(out, d.f.SplitText(printable(para), w)...)
	}
	return out
}

// fit shortens s with an ellipsis until it is no wider than w.
func (d *doc) fit(s string, w float64) string {
	if d.strWidth(s) <= w {
		return s
	}
	r := []rune(s)
	for len(r) > 1 && d.strWidth(string(r)+"…") > w {
		r = r[:len(r)-1]
	}
	return strings.TrimRight(string(r), " ") + "…"
}

// paragraph writes wrapped text at the cursor, breaking pages between lines.
func (d *doc) paragraph(s string, size float64, c rgb, indent float64) {
	d.font(false, size, c)
	lh := lineHeight(size)
	for _, line := range d.wrap(s, d.width()-indent) {
		d.need(lh)
		d.text(d.left+indent, baseline(d.y, size), line)
		d.y += lh
	}
}

// bullets writes a list with hanging indents, keeping each item on one page when
// it fits.
func (d *doc) bullets(items []string, size float64) {
	lh := lineHeight(size)
	const indent = 4.5
	for _, it := range items {
		d.font(false, size, ink)
		lines := d.wrap(it, d.width()-indent)
		d.need(float64(len(lines)) * lh)
		d.f.SetFillColor(accent.r, accent.g, accent.b)
		d.f.Circle(d.left+1.3, baseline(d.y, size)-size*ptToMM*0.3, 0.6, "F")
		for _, line := range lines {
			d.need(lh)
			d.text(d.left+indent, baseline(d.y, size), line)
			d.y += lh
		}
		d.y += lh * 0.35
	}
}

// heading starts a section. keep is how much of what follows must fit on the same
// page, so a heading never ends a page.
func (d *doc) heading(title string, keep float64) {
	h := lineHeight(sizeH1) + 4
	if d.y > d.top+0.01 {
		d.y += 4
	}
	d.need(h + keep)
	d.font(true, sizeH1, ink)
	d.text(d.left, baseline(d.y, sizeH1), title)
	d.y += lineHeight(sizeH1) + 0.8
	d.hline(d.left, d.right, d.y, 0.4, accent)
	d.y += 3.2
}

// subheading titles a block inside a section.
func (d *doc) subheading(title string, keep float64) {
	h := lineHeight(sizeH2) + 1
	if d.y > d.top+0.01 {
		d.y += 2.5
	}
	d.need(h + keep)
	d.font(true, sizeH2, ink)
	for _, line := range d.wrap(title, d.width()) {
		d.text(d.left, baseline(d.y, sizeH2), line)
		d.y += lineHeight(sizeH2)
	}
	d.y += 1
}

// finish writes the footers, now that the page count is known, and the document.
func (d *doc) finish(w io.Writer) error {
	f := d.f
	n := f.PageCount()
	stamp := d.in.now.Format("2 Jan 2006 15:04 MST")
	rev, _ := versionText(d.in.main.revision)
	for p := 1; p <= n; p++ {
		f.SetPage(p)
		// A page's content stream keeps the state its own drawing left, which need
		// not be what fpdf last recorded: set everything explicitly.
		f.SetFont(family, "B", sizeTiny)
		f.SetFont(family, "", sizeTiny)
		f.SetFillColor(255, 255, 255)
		f.SetTextColor(muted.r, muted.g, muted.b)
		f.SetDashPattern(nil, 0)
		y := d.pageH - 12
		d.hline(d.left, d.right, y-4, 0.2, rule)
		page := fmt.Sprintf("Page %d of %d", p, n)
		d.textRight(d.right, y, page)
		left := fmt.Sprintf("%s · generated %s", rev, stamp)
		if p == 1 {
			// The summary page goes out on its own: no content hash on it.
			left = "generated " + stamp
		}
		avail := d.width() - d.strWidth(page) - 8 - d.strWidth(left) - 4
		name := d.fit(d.in.main.s.Name, max(avail, 20))
		d.text(d.left, y, name+" · "+left)
	}
	f.SetPage(n)
	return f.Output(w)
}
