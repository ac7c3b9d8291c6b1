// Package report lays out a scenario's briefing as a PDF: the executive summary,
// the key figures and charts the view catalogue (backend/view) chooses, drawn from
// backend/plot's neutral plots, the deal terms, the uncertainty section,
// comparisons, the two-way table and the assumptions appendix. It also writes the
// simulation's samples and the two-way table as CSV, and forwards the run's CSV and
// JSON writers of backend/tabular, which the command line's lean build links
// without the PDF library.
package report
