package sqlstore

// SetAfterPointInsert installs a hook that runs after each point is written
// inside CreateVersion's transaction; tests use it to crash mid-import.
func SetAfterPointInsert(f func(n int)) { afterPointInsert = f }
