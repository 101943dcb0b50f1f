// Package align relates the points of different versions of a text: which
// point became which (renumbered, moved, reworded, split, merged, dropped,
// added), with word-level redlines and lineage across many versions. It is
// pure computation: no storage, no I/O. The points come from package
// segment.
package align
