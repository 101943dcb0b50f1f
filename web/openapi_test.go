package web_test

import (
	"encoding/json"
	"strings"
	"testing"

	"parley/web"
)

// The OpenAPI document lists exactly the API routes, with their methods.
func TestOpenAPIInStepWithRoutes(t *testing.T) {
	if undocumented, stale := web.APIDocumented(); len(undocumented)+len(stale) > 0 {
		t.Fatalf("routes without a description: %v; descriptions without a route: %v", undocumented, stale)
	}
	ts := MustServe(t)
	resp, body := ts.do(t, "GET", "/api/v1/openapi.json", "", "")
	if resp.StatusCode != 200 {
		t.Fatalf("openapi.json: %d", resp.StatusCode)
	}
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	must(t, json.Unmarshal([]byte(body), &doc))
	if doc.OpenAPI != "3.1.0" {
		t.Fatalf("openapi = %q", doc.OpenAPI)
	}
	want := map[string]bool{}
	for _, rt := range web.Routes() {
		method, path, _ := strings.Cut(rt.Pattern, " ")
		if strings.HasPrefix(path, "/api/") {
			want[strings.ToLower(method)+" "+path] = true
		}
	}
	got := map[string]bool{}
	for path, ops := range doc.Paths {
		for method := range ops {
			got[method+" "+path] = true
			if !want[method+" "+path] {
				t.Errorf("the document has %s %s, which no route serves", method, path)
			}
		}
	}
	for op := range want {
		if !got[op] {
			t.Errorf("route %s is missing from the document", op)
		}
	}
}
