// Package web serves parley over HTTP: the pages people read, the JSON API
// under /api/v1 and /healthz. Pages are html/template files embedded in the
// binary and parsed once; charts are SVG made on the server; there is no
// front-end build step.
package web
