package store

import (
	"context"
	"database/sql"
	"errors"
	"unicode/utf8"
)

// MaxSettingSize bounds a setting's key and value, in bytes: settings are
// small preferences, not documents.
const MaxSettingSize = 64 << 10

// Setting returns the value stored under key. It fails with ENOTFOUND when
// the key was never set, so that callers can tell "unset" from "empty".
func (db *DB) Setting(ctx context.Context, key string) (string, error) {
	if err := validSettingKey(key); err != nil {
		return "", err
	}
	q, err := db.reader()
	if err != nil {
		return "", err
	}
	var v string
	err = q.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", Errorf(ENOTFOUND, "The setting %q is not set", key)
	} else if err != nil {
		return "", wrap(err, "Cannot read the setting "+key)
	}
	return v, nil
}

// SetSetting stores value under key, replacing what was there.
func (db *DB) SetSetting(ctx context.Context, key, value string) error {
	if err := validSettingKey(key); err != nil {
		return err
	}
	if len(value) > MaxSettingSize {
		return Errorf(EINVALID, "The setting %q is larger than %d KiB", key, MaxSettingSize>>10)
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value, updated) VALUES (?, ?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated = excluded.updated`,
			key, value, fmtTime(db.Now()))
		return wrap(err, "Cannot store the setting "+key)
	})
}

func validSettingKey(key string) error {
	switch {
	case key == "":
		return Errorf(EINVALID, "A setting needs a key")
	case len(key) > 200 || !utf8.ValidString(key):
		return Errorf(EINVALID, "Bad setting key %q", key)
	}
	return nil
}
