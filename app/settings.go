package app

import (
	"context"
	"encoding/json"
	"sync"

	"dealmodel/backend/fault"
	"dealmodel/backend/store"
)

// Settings are the user's preferences that outlive a session: what was open, how
// it was shown, where the window was and where exports went. They live in the
// scenario database, so a user who points --db elsewhere gets that file's settings.
type Settings struct {
	// LastScenario is the scenario open when the app last closed; "" for none.
	LastScenario string `json:"lastScenario"`
	// Period is "quarter" or "year", as in Evaluate.
	Period string `json:"period"`
	// WindowWidth and WindowHeight are the desktop window's size when it last
	// closed, in pixels; 0 when never recorded.
	WindowWidth  int `json:"windowWidth"`
	WindowHeight int `json:"windowHeight"`
	// ExportFolder is the folder of the last export, where the save dialog opens.
	ExportFolder string `json:"exportFolder"`
}

// settingsKey is the store setting that holds Settings as JSON. One key for the
// whole struct keeps a save atomic.
const settingsKey = "app.settings"

// maxWindowSide bounds a remembered window side: no screen is larger, and a
// corrupt value must not open a window nobody can see the edge of.
const maxWindowSide = 16384

// settingsMu serialises the read-merge-write of SaveSettings, which the UI and
// the desktop window (on close) may call at the same moment.
var settingsMu sync.Mutex

// Settings returns the stored settings; all fields are zero on first run.
func (s *Service) Settings() (out *Settings, err error) {
	defer s.guard(&err)
	db, err := s.settingsDB()
	if err != nil {
		return nil, err
	}
	return loadSettings(context.Background(), db)
}

// SaveSettings stores the fields of v that are set. A zero field (an empty
// string, 0) keeps the stored value: the UI and the desktop window each save
// the fields they own (the UI the scenario and period, the window its size and
// export folder) from copies read at different times, and neither may undo the
// other's change.
func (s *Service) SaveSettings(v Settings) (err error) {
	defer s.guard(&err)
	db, err := s.settingsDB()
	if err != nil {
		return err
	}
	return saveSettings(context.Background(), db, v)
}

// settingsDB is the store of the service's library.
func (s *Service) settingsDB() (*store.DB, error) {
	if s.lib == nil || s.lib.DB == nil {
		return nil, fault.Errorf(fault.Internal, "no scenario database is open, so settings cannot be kept")
	}
	return s.lib.DB, nil
}

func loadSettings(ctx context.Context, db *store.DB) (*Settings, error) {
	raw, err := db.Setting(ctx, settingsKey)
	if store.ErrorCode(err) == store.ENOTFOUND {
		return &Settings{}, nil
	} else if err != nil {
		return nil, err
	}
	var v Settings
	if err := json.Unmarshal([]byte(raw), &v); err != nil {
		// Preferences are not worth failing over: start again from none.
		return &Settings{}, nil
	}
	return &v, nil
}

func saveSettings(ctx context.Context, db *store.DB, v Settings) error {
	if err := v.validate(); err != nil {
		return err
	}
	settingsMu.Lock()
	defer settingsMu.Unlock()
	cur, err := loadSettings(ctx, db)
	if err != nil {
		return err
	}
	if v.LastScenario != "" {
		cur.LastScenario = v.LastScenario
	}
	if v.Period != "" {
		cur.Period = v.Period
	}
	if v.WindowWidth != 0 {
		cur.WindowWidth = v.WindowWidth
	}
	if v.WindowHeight != 0 {
		cur.WindowHeight = v.WindowHeight
	}
	if v.ExportFolder != "" {
		cur.ExportFolder = v.ExportFolder
	}
	raw, err := json.Marshal(cur)
	if err != nil {
		return err
	}
	return db.SetSetting(ctx, settingsKey, string(raw))
}

func (v *Settings) validate() error {
	switch v.Period {
	case "", "quarter", "year":
	default:
		return fault.Errorf(fault.Invalid, "period %q: use \"quarter\" or \"year\"", v.Period)
	}
	for _, side := range []int{v.WindowWidth, v.WindowHeight} {
		if side < 0 || side > maxWindowSide {
			return fault.Errorf(fault.Invalid, "window size %dx%d: each side is 1 to %d pixels", v.WindowWidth, v.WindowHeight, maxWindowSide)
		}
	}
	return nil
}
