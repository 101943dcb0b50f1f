// Package alloc makes slices whose memory is written before it is used, for
// the large tables of segmentation and alignment.
package alloc

// Written returns a slice of n zero values whose memory has been written
// once. Memory the kernel has not yet given the process is mapped on first
// touch: touched first by a read (a count incremented, a bit set), a page
// is mapped to the shared zero page and then copied at the first write,
// which costs a second fault and, with several threads, a flush of every
// core's address cache. Written first, it costs one fault.
func Written[T any](n int) []T {
	s := make([]T, n)
	clear(s)
	return s
}

// WrittenBy returns an empty slice with room for n values whose memory
// touch has written once, for values that hold pointers: while the
// collector marks, storing a pointer (or clearing one) first reads the
// old one, so touch must store a plain field.
func WrittenBy[T any](n int, touch func(*T)) []T {
	s := make([]T, n)
	for k := range s {
		touch(&s[k])
	}
	return s[:0]
}
