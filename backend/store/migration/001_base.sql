-- Version 1: scenarios and their immutable revisions.
--
-- Times are TEXT in UTC, "2006-01-02T15:04:05.000000000Z" (fixed width, so
-- they sort as they compare). name_key is the case-folded name: names keep the
-- spelling they were given but two names that differ only by case are one.

CREATE TABLE scenarios (
	id         INTEGER PRIMARY KEY,
	name       TEXT NOT NULL UNIQUE,
	name_key   TEXT NOT NULL UNIQUE,
	builtin    TEXT,
	created    TEXT NOT NULL,
	deleted_at TEXT
);

CREATE UNIQUE INDEX scenarios_builtin ON scenarios (builtin) WHERE builtin IS NOT NULL;

CREATE TABLE revisions (
	id          INTEGER PRIMARY KEY,
	scenario_id INTEGER NOT NULL REFERENCES scenarios (id) ON DELETE CASCADE,
	number      INTEGER NOT NULL CHECK (number >= 1),
	body        BLOB NOT NULL,
	hash        TEXT NOT NULL CHECK (length(hash) = 64),
	author      TEXT NOT NULL DEFAULT '',
	host        TEXT NOT NULL DEFAULT '',
	created     TEXT NOT NULL,
	message     TEXT NOT NULL DEFAULT '',
	UNIQUE (scenario_id, number)
);

-- A revision, once written, never changes.
CREATE TRIGGER revisions_immutable BEFORE UPDATE ON revisions
BEGIN
	SELECT RAISE(ABORT, 'revisions are immutable');
END;

-- Revisions go only with their scenario, and only once it is in the trash.
CREATE TRIGGER revisions_kept BEFORE DELETE ON revisions
WHEN EXISTS (SELECT 1 FROM scenarios WHERE id = OLD.scenario_id AND deleted_at IS NULL)
BEGIN
	SELECT RAISE(ABORT, 'revisions of a live scenario cannot be deleted');
END;
