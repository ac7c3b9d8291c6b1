package app

import (
	"testing"

	"dealmodel/internal/version"
)

func TestAbout(t *testing.T) {
	a, err := NewService(nil).About()
	if err != nil {
		t.Fatal(err)
	}
	if a.Build != version.Get() {
		t.Errorf("build %+v", a.Build)
	}
	found := false
	for _, l := range a.Licences {
		if l.Name == "github.com/wailsapp/wails/v2" && l.License == "MIT" && l.Text != "" {
			found = true
		}
	}
	if !found {
		t.Errorf("Wails is not listed with its MIT licence among %d entries", len(a.Licences))
	}
}
