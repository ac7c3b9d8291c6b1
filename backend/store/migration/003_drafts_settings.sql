-- Version 3: autosaved drafts and the app's settings.
--
-- A draft is the working copy of a scenario that the user has not saved yet:
-- at most one per scenario, replaced on every autosave. It hangs on the
-- scenario's id, so a rename carries it, and a purge removes it with the
-- scenario. Saving the scenario deletes it.
--
-- settings holds the app's own preferences (window size, last scenario...) as
-- text under a key; what the values mean is the app's business.

CREATE TABLE drafts (
	scenario_id INTEGER PRIMARY KEY REFERENCES scenarios (id) ON DELETE CASCADE,
	body        BLOB NOT NULL,
	updated     TEXT NOT NULL
);

CREATE TABLE settings (
	key     TEXT PRIMARY KEY,
	value   TEXT NOT NULL,
	updated TEXT NOT NULL
);
