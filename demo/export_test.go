package demo

// SetAfterWrite makes the load call f after each entry it writes, until the
// returned function is called.
func SetAfterWrite(f func(n int)) (reset func()) {
	afterWrite = f
	return func() { afterWrite = nil }
}
