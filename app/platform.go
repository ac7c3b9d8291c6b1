package app

// Platform is what the services need from the window system they run in: the
// desktop window (Wails' runtime) or the browser mode. It is the only place where
// the services touch either, so both modes serve the same methods.
type Platform interface {
	// Emit sends an event to the UI, such as the progress of long work.
	Emit(name string, data any)
	// OpenURL opens a link, such as the source of an assumption, in the user's
	// browser.
	OpenURL(url string) error
}

// NopPlatform is a Platform that does nothing: for tests and for a service with no
// window yet.
type NopPlatform struct{}

// Emit does nothing.
func (NopPlatform) Emit(string, any) {}

// OpenURL does nothing.
func (NopPlatform) OpenURL(string) error { return nil }
