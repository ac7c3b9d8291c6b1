package app

import "dealmodel/backend/fault"

// Platform is what the services need from the window system they run in: the
// desktop window (Wails' runtime) or the browser mode. It is the only place where
// the services touch either, so both modes serve the same methods.
type Platform interface {
	// Emit sends an event to the UI, such as the progress of long work.
	Emit(name string, data any)
	// OpenURL opens a link, such as the source of an assumption, in the user's
	// browser.
	OpenURL(url string) error
	// OpenFileDialog asks the user for a file to open and returns its path, or ""
	// when the user cancelled. ErrNoDialogs means this platform has no dialogs.
	OpenFileDialog(title string, filters []FileFilter) (string, error)
	// SaveFileDialog asks the user where to save a file, suggesting defaultName,
	// and returns the path, or "" when the user cancelled. ErrNoDialogs means
	// this platform has no dialogs: hand the bytes to the page instead.
	SaveFileDialog(title, defaultName string, filters []FileFilter) (string, error)
}

// FileFilter narrows a file dialog to some kinds of file.
type FileFilter struct {
	// DisplayName is what the dialog shows: "Scenario files (*.yaml, *.json)".
	DisplayName string `json:"displayName"`
	// Pattern lists the patterns, separated by semicolons: "*.yaml;*.yml;*.json".
	Pattern string `json:"pattern"`
}

// ErrNoDialogs is returned by the file dialogs of a platform that has none: the
// browser mode, where a page cannot be given a path on the user's disk. The
// service then takes files from the page (uploads) and gives files to it
// (downloads) instead.
var ErrNoDialogs = fault.New(fault.Invalid, "this window has no file dialogs: the file goes through the browser instead")

// NopPlatform is a Platform that does nothing: for tests and for a service with no
// window yet. It has no dialogs.
type NopPlatform struct{}

// Emit does nothing.
func (NopPlatform) Emit(string, any) {}

// OpenURL does nothing.
func (NopPlatform) OpenURL(string) error { return nil }

// OpenFileDialog returns ErrNoDialogs.
func (NopPlatform) OpenFileDialog(string, []FileFilter) (string, error) { return "", ErrNoDialogs }

// SaveFileDialog returns ErrNoDialogs.
func (NopPlatform) SaveFileDialog(string, string, []FileFilter) (string, error) {
	return "", ErrNoDialogs
}
