package tabular

import (
	"bufio"
	"io"
	"strings"
)

// CSVWriter writes CSV as encoding/csv does (',' between cells, '"' around a cell
// that needs it, "\n" after each row), but quotes every cell that holds any
// separator a spreadsheet may be set to split on (',' ';' TAB), a quote or a line
// break. encoding/csv quotes only for ',': opened with ';' or TAB as the
// separator (Excel's default in many locales), "Acme;=HYPERLINK(…)" would split
// into two cells, the second a live formula.
type CSVWriter struct {
	w   *bufio.Writer
	err error
}

func NewCSVWriter(w io.Writer) *CSVWriter { return &CSVWriter{w: bufio.NewWriter(w)} }

// csvSpecial are the characters that make a cell quoted.
const csvSpecial = ",;\t\"\r\n"

func (c *CSVWriter) Write(row []string) error {
	if c.err != nil {
		return c.err
	}
	for i, cell := range row {
		if i > 0 {
			c.w.WriteByte(',')
		}
		if cell == "" || (!strings.ContainsAny(cell, csvSpecial) && cell[0] != ' ') {
			c.w.WriteString(cell)
			continue
		}
		c.w.WriteByte('"')
		c.w.WriteString(strings.ReplaceAll(cell, `"`, `""`))
		c.w.WriteByte('"')
	}
	_, c.err = c.w.WriteString("\n")
	return c.err
}

func (c *CSVWriter) Flush() {
	if c.err == nil {
		c.err = c.w.Flush()
	}
}

func (c *CSVWriter) Error() error { return c.err }
