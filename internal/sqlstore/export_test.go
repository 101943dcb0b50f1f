package sqlstore

// SetAfterPointInsert installs a hook that runs after each point is written
// inside CreateVersion's transaction; tests use it to crash mid-import.
func SetAfterPointInsert(f func(n int)) { afterPointInsert = f }

// SetAfterRecordInsert installs a hook that runs inside AppendRecord's
// transaction once the leaf and its checkpoint are written.
func SetAfterRecordInsert(f func()) { afterRecordInsert = f }
