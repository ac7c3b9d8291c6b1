package app

import (
	"bytes"
	"encoding/base64"
	"encoding/csv"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"dealmodel/backend/engine"
	"dealmodel/backend/money"
	"dealmodel/backend/scenario"
)

func TestExportCSVInTheBrowser(t *testing.T) {
	s, p := analysisService(t)
	p.noDialogs = true
	doc := builtinDoc(t, "microsoft-cap", nil)
	out, err := s.Export(ExportRequest{Document: doc, Name: "Microsoft cap", Format: FormatCSV, Period: "year"})
	if err != nil {
		t.Fatal(err)
	}
	if out.Cancelled || out.SavedTo != "" || out.Filename != "Microsoft cap.csv" || out.Mime != "text/csv" {
		t.Fatalf("%+v", out)
	}
	data, err := base64.StdEncoding.DecodeString(out.Data)
	if err != nil {
		t.Fatal(err)
	}
	if out.Bytes != len(data) {
		t.Errorf("bytes %d, data %d", out.Bytes, len(data))
	}
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	// Every cell is the engine's figure of that year, to the cent.
	res, err := engine.Run(mustParse(t, doc))
	if err != nil {
		t.Fatal(err)
	}
	res = res.ByYear()
	if rows[0][0] != "period" || len(rows) != len(res.Periods)+1 {
		t.Fatalf("header %v, %d rows for %d periods", rows[0], len(rows), len(res.Periods))
	}
	for i, sr := range res.Series {
		if rows[0][i+1] != sr.ID {
			t.Fatalf("column %d is %s, want %s", i+1, rows[0][i+1], sr.ID)
		}
		for p := range res.Periods {
			if got, want := rows[p+1][i+1], money.Cents(sr.Values[p]); got != want {
				t.Errorf("%s %s: %s, engine %s", sr.ID, res.Periods[p], got, want)
			}
		}
	}
	if len(p.dialogs) != 1 || p.dialogs[0] != "Microsoft cap.csv" {
		t.Errorf("dialog default names %v", p.dialogs)
	}
}

func TestExportSummaryCSV(t *testing.T) {
	s, p := analysisService(t)
	p.noDialogs = true
	doc := builtinDoc(t, "microsoft-cap", nil)
	out, err := s.Export(ExportRequest{Document: doc, Format: FormatSummaryCSV, Labels: true, BOM: true})
	if err != nil {
		t.Fatal(err)
	}
	data, _ := base64.StdEncoding.DecodeString(out.Data)
	if !bytes.HasPrefix(data, []byte("\uFEFFid,label,value\n")) {
		t.Errorf("summary starts %q", data[:min(40, len(data))])
	}
	if !strings.HasSuffix(out.Filename, "-summary.csv") {
		t.Errorf("file name %s", out.Filename)
	}
	res, _ := engine.Run(mustParse(t, doc))
	paid := res.MetricByID("contract.msft_revshare.total_paid")
	if !bytes.Contains(data, []byte("contract.msft_revshare.total_paid,"+paid.Label+","+money.Cents(paid.Amount))) {
		t.Errorf("total paid %s missing from the summary", money.Cents(paid.Amount))
	}
}

func TestExportPDFSavedWhereChosen(t *testing.T) {
	s, p := analysisService(t)
	dir := t.TempDir()
	p.savePath = filepath.Join(dir, "briefing.pdf")
	if err := os.WriteFile(p.savePath, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	other := builtinName(t, "microsoft-no-cap")
	out, err := s.Export(ExportRequest{
		Document: builtinDoc(t, "microsoft-cap", nil), Name: "Microsoft: cap/high?", Revision: "r3",
		Format: FormatPDF, Paper: "letter", Landscape: true, Compare: []string{other}, IncludeUncertainty: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	if out.SavedTo != p.savePath || out.Data != "" || out.Cancelled {
		t.Fatalf("%+v", out)
	}
	if p.dialogs[0] != "Microsoft - cap-high-.pdf" {
		t.Errorf("default name %q", p.dialogs[0])
	}
	data, err := os.ReadFile(p.savePath)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte("%PDF-")) || len(data) != out.Bytes {
		t.Errorf("saved %d bytes starting %q", len(data), data[:min(8, len(data))])
	}
	if st, _ := os.Stat(p.savePath); st.Mode().Perm() != 0o600 {
		t.Errorf("replacing the file changed its mode to %v", st.Mode().Perm())
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*.tmp")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
	st, err := s.Settings()
	if err != nil {
		t.Fatal(err)
	}
	if st.ExportFolder != dir {
		t.Errorf("export folder %q, want %q", st.ExportFolder, dir)
	}
	stages := map[string]bool{}
	for _, e := range p.named("export:progress") {
		stages[e.(ExportProgress).Stage] = true
	}
	for _, want := range []string{"simulate", "render", "save", "done"} {
		if !stages[want] {
			t.Errorf("no %q progress among %v", want, stages)
		}
	}
}

// TestExportPDFUncertainty checks that the simulation is in the briefing only
// when asked for: it adds a page.
func TestExportPDFUncertainty(t *testing.T) {
	s, p := analysisService(t)
	p.noDialogs = true
	doc := builtinDoc(t, "microsoft-cap", nil)
	pages := func(include bool) int {
		out, err := s.Export(ExportRequest{Document: doc, Format: FormatPDF, IncludeUncertainty: include})
		if err != nil {
			t.Fatal(err)
		}
		data, _ := base64.StdEncoding.DecodeString(out.Data)
		if !bytes.HasPrefix(data, []byte("%PDF-")) || out.Mime != "application/pdf" {
			t.Fatalf("not a PDF: %q, %s", data[:min(8, len(data))], out.Mime)
		}
		return len(regexp.MustCompile(`/Type /Page\b[^s]`).FindAll(data, -1))
	}
	if with, without := pages(true), pages(false); with <= without || without == 0 {
		t.Errorf("with the simulation %d pages, without %d", with, without)
	}
	// A scenario without ranges exports without the section, and without error.
	plain := builtinDoc(t, "microsoft-cap", func(sc *scenario.Scenario) { sc.Uncertainty = nil })
	if _, err := s.Export(ExportRequest{Document: plain, Format: FormatPDF, IncludeUncertainty: true}); err != nil {
		t.Fatal(err)
	}
}

// The export adds the Table view's two-way table as a page of the PDF's full
// report; a table that cannot be computed fails the export with its message.
func TestExportPDFTwoWayTable(t *testing.T) {
	s, p := analysisService(t)
	p.noDialogs = true
	doc := builtinDoc(t, "microsoft-cap", nil)
	table := &TableRequest{X: "contracts.msft_revshare.cap", XValues: "25B,38B,60B", Y: "streams.openai_revenue.annual.2030", YValues: "200B,280B", Metric: "contract.msft_revshare.cap_hit"}
	pdf := func(req ExportRequest) []byte {
		out, err := s.Export(req)
		if err != nil {
			t.Fatal(err)
		}
		data, _ := base64.StdEncoding.DecodeString(out.Data)
		return data
	}
	pages := func(data []byte) int { return len(regexp.MustCompile(`/Type /Page\b[^s]`).FindAll(data, -1)) }
	without := pdf(ExportRequest{Document: doc, Format: FormatPDF})
	with := pdf(ExportRequest{Document: doc, Format: FormatPDF, Table: table})
	if pages(with) != pages(without)+1 {
		t.Errorf("with the table %d pages, without %d: want one more", pages(with), pages(without))
	}
	// The executive summary alone leaves it out.
	if one := pdf(ExportRequest{Document: doc, Format: FormatPDF, SummaryOnly: true, Table: table}); pages(one) != 1 {
		t.Errorf("the summary alone has %d pages", pages(one))
	}
	bad := *table
	bad.XValues = "25X"
	if _, err := s.Export(ExportRequest{Document: doc, Format: FormatPDF, Table: &bad}); err == nil || !strings.Contains(err.Error(), `"25X" is not an amount`) {
		t.Errorf("a bad table: %v", err)
	}
}

func TestExportCancelledWritesNothing(t *testing.T) {
	s, p := analysisService(t)
	p.cancel = true
	dir := t.TempDir()
	out, err := s.Export(ExportRequest{Document: builtinDoc(t, "microsoft-cap", nil), Format: FormatPDF})
	if err != nil {
		t.Fatal(err)
	}
	if !out.Cancelled || out.SavedTo != "" || out.Data != "" {
		t.Errorf("%+v", out)
	}
	if entries, _ := os.ReadDir(dir); len(entries) > 0 {
		t.Errorf("files written: %v", entries)
	}
	if st, _ := s.Settings(); st.ExportFolder != "" {
		t.Errorf("a cancelled export remembered the folder %q", st.ExportFolder)
	}
}

func TestExportRejects(t *testing.T) {
	s, p := analysisService(t)
	p.noDialogs = true
	doc := builtinDoc(t, "microsoft-cap", nil)
	for _, bad := range []ExportRequest{
		{Document: doc, Format: "xlsx"},
		{Document: doc, Format: FormatPDF, Paper: "a3"},
		{Document: doc, Format: FormatPDF, Period: "month"},
		{Document: doc, Format: FormatPDF, Compare: []string{"a", "b", "c", "d"}},
		{Document: doc, Format: FormatPDF, Compare: []string{"No such scenario"}},
		{Document: "name: [", Format: FormatCSV},
	} {
		if _, err := s.Export(bad); err == nil || strings.Contains(err.Error(), "internal") {
			t.Errorf("%+v: error %v, want one for people", bad.Format, err)
		}
	}
	// A save that fails says where.
	p.noDialogs = false
	p.savePath = filepath.Join(t.TempDir(), "missing", "x.csv")
	if _, err := s.Export(ExportRequest{Document: doc, Format: FormatCSV}); err == nil || !strings.Contains(err.Error(), "missing") {
		t.Errorf("unwritable path: %v", err)
	}
}

func TestFileName(t *testing.T) {
	for in, want := range map[string]string{
		"Microsoft cap":       "Microsoft cap",
		"a/b\\c:d*e?f\"g<h>i": "a-b-c-d-e-f-g-h-i",
		"..hidden":            "hidden",
		"   ":                 "scenario",
		"tab\there":           "tab-here",
		"Deal \u202egnp.exe":  "Deal gnp.exe",
		"\u202b\u202a\u202c\u202d\u2066\u2067\u2068\u2069\u200e\u200f\u061cx": "x",
		"\u202e":               "scenario",
		"Caf\u00e9 \U0001F680": "Caf\u00e9 \U0001F680",
	} {
		if got := fileName(in); got != want {
			t.Errorf("fileName(%q) = %q, want %q", in, got, want)
		}
	}
}

// A name with an emoji and a right-to-left override: the suggested file name
// drops the override, and a PDF that printed the emoji as U+FFFD says so in the
// result, for the page to tell the user.
func TestExportOfHostileName(t *testing.T) {
	s, p := analysisService(t)
	p.noDialogs = true
	doc := builtinDoc(t, "microsoft-cap", func(sc *scenario.Scenario) { sc.Name = "Deal 🚀 \u202egnp.exe" })
	out, err := s.Export(ExportRequest{Document: doc, Format: FormatPDF, SummaryOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if out.Filename != "Deal 🚀 gnp.exe.pdf" || !strings.Contains(out.Note, "printed as \uFFFD") {
		t.Errorf("PDF: file name %q, note %q", out.Filename, out.Note)
	}
	out, err = s.Export(ExportRequest{Document: doc, Format: FormatCSV})
	if err != nil {
		t.Fatal(err)
	}
	if out.Filename != "Deal 🚀 gnp.exe.csv" || out.Note != "" {
		t.Errorf("CSV: file name %q, note %q", out.Filename, out.Note)
	}
	doc = builtinDoc(t, "microsoft-cap", nil)
	if out, err = s.Export(ExportRequest{Document: doc, Format: FormatPDF, SummaryOnly: true}); err != nil || out.Note != "" {
		t.Errorf("a briefing that prints every character: note %q, %v", out.Note, err)
	}
}
