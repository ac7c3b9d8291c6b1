-- Version 2: what was shipped for each built-in scenario.
--
-- shipped_*: the body the running program ships (updated on every seed).
-- base_hash: the shipped body the user's copy was seeded from or last updated to.
-- dismissed_hash: a shipped body the user chose not to take.
-- A built-in whose shipped_hash differs from base_hash and dismissed_hash is
-- offered as an update; it is never applied without the user's say.

CREATE TABLE builtins (
	stem           TEXT PRIMARY KEY,
	name           TEXT NOT NULL,
	version        TEXT NOT NULL DEFAULT '',
	shipped_hash   TEXT NOT NULL,
	shipped_body   BLOB NOT NULL,
	base_hash      TEXT NOT NULL,
	dismissed_hash TEXT,
	seen_at        TEXT NOT NULL
);

-- Built-ins seeded under version 1 came from their first revision.
INSERT INTO builtins (stem, name, version, shipped_hash, shipped_body, base_hash, seen_at)
SELECT s.builtin, s.name, '', r.hash, r.body, r.hash, s.created
FROM scenarios s JOIN revisions r ON r.scenario_id = s.id AND r.number = 1
WHERE s.builtin IS NOT NULL;
