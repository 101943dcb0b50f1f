package web

// loader runs the reads a page or an answer needs and keeps the first
// error, so that a handler reads as the list of what it shows, with one
// error check at the end.
type loader struct{ err error }

// load runs f unless an earlier read failed, and returns its value.
func load[T any](l *loader, f func() (T, error)) T {
	var v T
	if l.err != nil {
		return v
	}
	v, l.err = f()
	return v
}
