package app

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"unicode"

	"dealmodel/backend/engine"
	"dealmodel/backend/fault"
	"dealmodel/backend/files"
	"dealmodel/backend/report"
	"dealmodel/backend/usecase"
	"dealmodel/backend/view"
)

// Export formats.
const (
	FormatPDF        = "pdf"
	FormatCSV        = "csv"         // the per-period schedule
	FormatSummaryCSV = "summary-csv" // the summary figures
)

// maxCompared is how many other scenarios a briefing sets against its own: what
// the comparison table fits across a portrait page.
const maxCompared = 3

// ExportRequest asks for a file made from a working copy.
type ExportRequest struct {
	// Document is the working copy's canonical YAML.
	Document string `json:"document"`
	// Name is the scenario's name in the library, for the file name; "" takes the
	// document's name.
	Name string `json:"name"`
	// Revision names the version in the briefing ("r12", "r12 with unsaved
	// changes"); "" prints "unsaved".
	Revision string `json:"revision"`
	// Format is "pdf", "csv" (the schedule) or "summary-csv".
	Format string `json:"format"`
	// Period is "quarter" or "year": the CSV's rows, the PDF's charts.
	Period string `json:"period"`
	// Paper ("a4", "letter") and Landscape set up the PDF's pages.
	Paper     string `json:"paper"`
	Landscape bool   `json:"landscape"`
	// Compare names up to three stored scenarios to compare with in the PDF, each
	// as it would open (its draft when it has one).
	Compare []string `json:"compare"`
	// SummaryOnly makes the PDF the one-page executive summary alone.
	SummaryOnly bool `json:"summaryOnly"`
	// IncludeUncertainty adds the simulation to the PDF, when the scenario
	// declares ranges: its own runs and seed, so the briefing is reproducible.
	IncludeUncertainty bool `json:"includeUncertainty"`
	// Table, when set, adds a page with this two-way table (its Document is not
	// read: the table is of Document above) to the PDF's full report.
	Table *TableRequest `json:"table,omitempty"`
	// Labels adds a row of labels under the CSV header; BOM starts the CSV with a
	// byte order mark, for Excel.
	Labels bool `json:"labels"`
	BOM    bool `json:"bom"`
}

// ExportResult is where an export went. Exactly one of three: Cancelled (the user
// closed the save dialog; nothing was written), SavedTo (the file's path), or, in
// the browser where there is no save dialog, the file itself (Filename, Mime and
// Data, base64) for the page to download.
type ExportResult struct {
	Cancelled bool   `json:"cancelled"`
	SavedTo   string `json:"savedTo,omitempty"`
	Filename  string `json:"filename"`
	Mime      string `json:"mime,omitempty"`
	Data      string `json:"data,omitempty"`
	// Bytes is the file's size.
	Bytes int `json:"bytes"`
	// Note is what the user should know about the file, shown after the export:
	// that the PDF printed some characters as U+FFFD. "" when there is nothing.
	Note string `json:"note,omitempty"`
}

// ExportProgress is the payload of the "export:progress" event: the stage an
// export has reached, in a word for code and a phrase for people.
type ExportProgress struct {
	Stage string `json:"stage"` // simulate, render, save, done
	Label string `json:"label"`
}

// Export makes a PDF briefing or a CSV file of a working copy and saves it where
// the user chooses: in the save dialog, which opens in the folder of the last
// export (the folder is remembered in the settings), or, in the browser mode, by
// handing the bytes back for the page to download. The file is built before the
// dialog opens, so a failure never leaves the user with a chosen path and no
// file, and it is written atomically, so an existing file is replaced whole or
// not at all. Stages go out as "export:progress" events.
func (s *Service) Export(req ExportRequest) (out *ExportResult, err error) {
	defer s.guard(&err)
	e, err := s.parse(req.Document)
	if err != nil {
		return nil, err
	}
	p, err := checkPeriod(req.Period)
	if err != nil {
		return nil, err
	}
	var ext, mime, kind string
	switch req.Format {
	case FormatPDF:
		ext, mime, kind = ".pdf", "application/pdf", "PDF briefing"
	case FormatCSV:
		ext, mime, kind = ".csv", "text/csv", "Schedule"
	case FormatSummaryCSV:
		ext, mime, kind = "-summary.csv", "text/csv", "Summary"
	default:
		return nil, fault.Errorf(fault.Invalid, "format %q: use %q, %q or %q", req.Format, FormatPDF, FormatCSV, FormatSummaryCSV)
	}
	data, note, err := s.exportBytes(e, p, req)
	if err != nil {
		return nil, err
	}
	name := req.Name
	if strings.TrimSpace(name) == "" {
		name = e.sc.Name
	}
	filename := fileName(name) + ext
	out = &ExportResult{Filename: filename, Bytes: len(data), Note: note}

	filter := FileFilter{DisplayName: "PDF documents (*.pdf)", Pattern: "*.pdf"}
	if req.Format != FormatPDF {
		filter = FileFilter{DisplayName: "CSV files (*.csv)", Pattern: "*.csv"}
	}
	path, err := s.platform().SaveFileDialog("Export "+kind, filename, []FileFilter{filter})
	switch {
	case errors.Is(err, ErrNoDialogs):
		out.Mime, out.Data = mime, base64.StdEncoding.EncodeToString(data)
		s.exportProgress("done", "Ready to download")
		return out, nil
	case err != nil:
		s.logf("save dialog: %v", err)
		return nil, fault.New(fault.Internal, "the save dialog could not open: "+err.Error())
	case path == "":
		out.Cancelled = true
		return out, nil
	}
	s.exportProgress("save", "Saving…")
	if err := files.WriteAtomic(path, data); err != nil {
		return nil, fault.Errorf(fault.Internal, "could not save %s: %v", path, unwrapPathError(err))
	}
	s.rememberExportFolder(filepath.Dir(path))
	out.SavedTo, out.Filename = path, filepath.Base(path)
	s.exportProgress("done", "Saved")
	return out, nil
}

// exportBytes builds the file of an export in memory, with a note for the user
// when the PDF could not print every character.
func (s *Service) exportBytes(e *parsed, p engine.Period, req ExportRequest) ([]byte, string, error) {
	q, err := engine.Run(e.sc)
	if err != nil {
		s.logf("run %s: %v", e.sc.Name, err)
		return nil, "", errInternal
	}
	note := ""
	var b bytes.Buffer
	opt := report.CSVOptions{Labels: req.Labels, BOM: req.BOM}
	r := q
	if p == engine.Yearly {
		r = q.ByYear()
	}
	switch req.Format {
	case FormatCSV:
		err = report.WriteScheduleCSV(&b, r, opt)
	case FormatSummaryCSV:
		err = report.WriteSummaryCSV(&b, r, opt)
	case FormatPDF:
		var brief *report.Briefing
		if brief, err = s.briefing(e, q, p, req); err != nil {
			return nil, "", err
		}
		s.exportProgress("render", "Laying out the briefing…")
		err = report.WritePDF(&b, brief)
		if brief.Unprintable() {
			note = "Some characters (emoji and other symbols beyond the PDF font's reach) are printed as \uFFFD in this briefing; it says so under its title."
		}
	}
	if err != nil {
		s.logf("export %s of %s: %v", req.Format, e.sc.Name, err)
		return nil, "", errInternal
	}
	return b.Bytes(), note, nil
}

// unsaved says a working copy differs from the latest saved revision of the
// scenario it names (false when none is saved under its name).
func (s *Service) unsaved(e *parsed) bool {
	if s.lib == nil || s.lib.DB == nil {
		return false
	}
	r, err := s.lib.DB.Get(s.ctx(), e.sc.Name, 0)
	return err == nil && r.Hash != e.hash
}

// briefing gathers what the PDF shows: the working copy, the scenarios to
// compare it with, and its simulation when asked for and it has ranges.
func (s *Service) briefing(e *parsed, q *engine.Result, p engine.Period, req ExportRequest) (*report.Briefing, error) {
	paper := report.Paper(req.Paper)
	switch paper {
	case "":
		paper = report.A4
	case report.A4, report.Letter:
	default:
		return nil, fault.Errorf(fault.Invalid, "paper %q: use %q or %q", req.Paper, report.A4, report.Letter)
	}
	if len(req.Compare) > maxCompared {
		return nil, fault.Errorf(fault.Invalid, "a briefing compares with at most %d other scenarios, not %d", maxCompared, len(req.Compare))
	}
	brief := &report.Briefing{
		Scenario: e.sc, Result: q, Revision: req.Revision, Now: s.now(),
		Period: p, Paper: paper, Landscape: req.Landscape, SummaryOnly: req.SummaryOnly,
		Unsaved: s.unsaved(e),
	}
	if req.SummaryOnly {
		return brief, nil
	}
	seen := map[string]bool{}
	for _, name := range req.Compare {
		if seen[foldName(name)] {
			return nil, fault.Errorf(fault.Invalid, "%q is picked twice: pick different scenarios to compare with", name)
		}
		seen[foldName(name)] = true
		w, err := s.OpenScenario(name)
		if err != nil {
			return nil, err
		}
		other, err := s.parse(w.Document)
		if err != nil {
			return nil, err
		}
		rev := fmt.Sprintf("r%d", w.Revision)
		if w.Draft {
			rev += " with unsaved changes"
		}
		brief.Compare = append(brief.Compare, report.Alternative{Scenario: other.sc, Revision: rev})
	}
	if usecase.WantsUncertainty(brief, req.IncludeUncertainty) {
		s.exportProgress("simulate", "Simulating…")
		m, err := s.model(e)
		if err != nil {
			return nil, err
		}
		ctx := context.Background()
		if brief.Uncertainty, err = usecase.Uncertainty(ctx, m, p, view.HeadlineMetric(e.sc)); err != nil {
			return nil, s.simError(err, ctx)
		}
	}
	if req.Table != nil && !req.SummaryOnly {
		s.exportProgress("table", "Computing the table…")
		tw, err := s.twoWay(e, *req.Table)
		if err != nil {
			return nil, err
		}
		brief.Table = tw
	}
	return brief, nil
}

func (s *Service) exportProgress(stage, label string) {
	s.platform().Emit("export:progress", ExportProgress{Stage: stage, Label: label})
}

// rememberExportFolder keeps the folder of the last export in the settings, where
// the desktop's save dialog opens next time. A service without a library has no
// settings and remembers nothing: nothing is lost but a convenience.
func (s *Service) rememberExportFolder(dir string) {
	if s.lib == nil || s.lib.DB == nil {
		return
	}
	if err := s.SaveSettings(Settings{ExportFolder: dir}); err != nil {
		s.logf("remembering the export folder: %v", err)
	}
}

// fileName turns a scenario name into a file name that every system accepts:
// no path separators, reserved or control characters, no leading dots. It drops
// the bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F,
// U+061C), with which a name such as "Deal \u202egnp.exe" would be shown as
// "Deal exe.png" and hide what the file is.
func fileName(name string) string {
	// "Briefing: OpenAI's deals" reads best as "Briefing - OpenAI's deals".
	name = strings.ReplaceAll(name, ": ", " - ")
	var b strings.Builder
	for _, r := range name {
		switch {
		case unicode.Is(unicode.Bidi_Control, r):
		case strings.ContainsRune(`/\:*?"<>|`, r), unicode.IsControl(r):
			b.WriteRune('-')
		default:
			b.WriteRune(r)
		}
	}
	out := strings.Trim(strings.TrimSpace(b.String()), ".")
	if out == "" {
		return "scenario"
	}
	if r := []rune(out); len(r) > 120 {
		out = strings.TrimSpace(string(r[:120]))
	}
	return out
}

// unwrapPathError drops the operation and path of an *fs.PathError, which the
// message around it already names.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
