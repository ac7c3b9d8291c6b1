package app

import "dealmodel/internal/version"

// About is what the About dialog shows of the program: its build and the licences
// of the Go side (the runtime, the linked modules, the PDF's fonts). The UI lists
// its own npm packages from the frontend build's licences.json.
type About struct {
	Build    version.Info      `json:"build"`
	Licences []version.Licence `json:"licences"`
}

// About describes this build of Dealmodel and what it bundles.
func (s *Service) About() (*About, error) {
	l, err := version.Licences()
	if err != nil {
		s.logf("about: %v", err)
		return nil, errInternal
	}
	return &About{Build: version.Get(), Licences: l}, nil
}
