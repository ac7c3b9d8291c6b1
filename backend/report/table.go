package report

import "math"

// column is one column of a table: its header, width (mm) and alignment.
type column struct {
	title  string
	w      float64
	right  bool
	indent float64 // extra space before left-aligned text, to set a column apart
}

// rowKind is how a table row is drawn.
type rowKind int

const (
	rowPlain rowKind = iota
	rowGroup         // a heading across all columns, e.g. a contract's name
)

type tableRow struct {
	cells []string
	kind  rowKind
	muted []bool // cells drawn in grey (optional, per cell)
}

const (
	cellPadX = 1.6
	cellPadY = 1.1
)

// table draws rows under a header row. It breaks between rows, never inside one, and
// repeats the header at the top of every page it continues on. Cells wrap.
func (d *doc) table(cols []column, rows []tableRow) {
	lh := lineHeight(sizeTable)
	headerH := d.rowHeight(cols, tableRow{cells: titles(cols)}, true)
	first := true
	var group *tableRow // the group the next row belongs to, repeated after a break
	for i := range rows {
		r := rows[i]
		h := d.rowHeight(cols, r, r.kind != rowPlain)
		keep := h
		if r.kind == rowGroup {
			keep += lh + 2*cellPadY // a group heading stays with its first row
		}
		if first || d.y+keep > d.bottom {
			if !first {
				d.newPage()
			}
			d.need(headerH + keep)
			d.tableHeader(cols, headerH)
			if !first && r.kind != rowGroup && group != nil {
				cont := tableRow{cells: []string{group.cells[0] + " (continued)"}, kind: rowGroup}
				d.tableRow(cols, cont, d.rowHeight(cols, cont, true))
			}
			first = false
		}
		if r.kind == rowGroup {
			group = &rows[i]
		}
		d.tableRow(cols, r, h)
	}
	d.y += 1
}

func titles(cols []column) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.title
	}
	return out
}

func (d *doc) rowHeight(cols []column, r tableRow, bold bool) float64 {
	d.font(bold, sizeTable, ink)
	lines := 1
	if r.kind == rowGroup {
		lines = len(d.wrap(r.cells[0], d.width()-2*cellPadX))
	} else {
		for i, c := range cols {
			if i < len(r.cells) && !c.right {
				lines = max(lines, len(d.wrap(r.cells[i], c.w-2*cellPadX-c.indent)))
			}
		}
	}
	return float64(lines)*lineHeight(sizeTable) + 2*cellPadY
}

func (d *doc) tableHeader(cols []column, h float64) {
	d.fill(faint)
	d.f.Rect(d.left, d.y, d.width(), h, "F")
	d.font(true, sizeTable, ink)
	d.cells(cols, titles(cols), nil)
	d.y += h
	d.hline(d.left, d.right, d.y, 0.3, muted)
}

func (d *doc) tableRow(cols []column, r tableRow, h float64) {
	switch r.kind {
	case rowGroup:
		d.fill(groupFill)
		d.f.Rect(d.left, d.y, d.width(), h, "F")
		d.font(true, sizeTable, ink)
		y := d.y + cellPadY
		for _, line := range d.wrap(r.cells[0], d.width()-2*cellPadX) {
			d.text(d.left+cellPadX, baseline(y, sizeTable), line)
			y += lineHeight(sizeTable)
		}
	default:
		d.font(false, sizeTable, ink)
		d.cells(cols, r.cells, r.muted)
	}
	d.y += h
	d.hline(d.left, d.right, d.y, 0.1, rule)
}

// cells writes one row's cells at the cursor, in the current font.
func (d *doc) cells(cols []column, cells []string, grey []bool) {
	x := d.left
	r, g, b := d.f.GetTextColor()
	for i, c := range cols {
		if i >= len(cells) {
			break
		}
		if i < len(grey) && grey[i] {
			d.f.SetTextColor(muted.r, muted.g, muted.b)
		} else {
			d.f.SetTextColor(r, g, b)
		}
		y := d.y + cellPadY
		if c.right {
			// Figures never wrap: a number split over two lines misreads.
			d.textRight(x+c.w-cellPadX, baseline(y, sizeTable), cells[i])
		} else {
			for _, line := range d.wrap(cells[i], c.w-2*cellPadX-c.indent) {
				d.text(x+cellPadX+c.indent, baseline(y, sizeTable), line)
				y += lineHeight(sizeTable)
			}
		}
		x += c.w
	}
	d.f.SetTextColor(r, g, b)
}

// figureWidth is the column width that holds every figure of cells without
// wrapping, and at least min.
func (d *doc) figureWidth(cells []string, min float64) float64 {
	d.font(false, sizeTable, ink)
	w := min
	for _, c := range cells {
		w = math.Max(w, d.strWidth(c)+2*cellPadX+0.5)
	}
	return w
}

// flexColumns gives the first column what the others leave of the page width.
func (d *doc) flexColumns(cols []column) []column {
	used := 0.0
	for _, c := range cols[1:] {
		used += c.w
	}
	cols[0].w = d.width() - used
	return cols
}
