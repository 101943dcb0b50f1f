package web_test

import (
	"encoding/json"
	"fmt"
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

// The document passes the rules standard OpenAPI linters (Redocly's and
// Spectral's recommended sets) failed it on: a server to send requests
// to, a unique operationId, a description and a declared tag on every
// operation, security stated on every operation (empty for public ones)
// and naming only defined schemes, and schemas whose "required" is a
// non-empty list and whose arrays say what they hold.
func TestOpenAPILintsClean(t *testing.T) {
	ts := MustServe(t)
	_, body := ts.do(t, "GET", "/api/v1/openapi.json", "", "")
	var doc map[string]any
	must(t, json.Unmarshal([]byte(body), &doc))
	if servers, _ := doc["servers"].([]any); len(servers) == 0 {
		t.Error("no servers")
	}
	components, _ := doc["components"].(map[string]any)
	schemes, _ := components["securitySchemes"].(map[string]any)
	tags := map[string]bool{}
	declared, _ := doc["tags"].([]any)
	for _, tag := range declared {
		tags[tag.(map[string]any)["name"].(string)] = true
	}
	ids := map[string]string{}
	for path, ops := range doc["paths"].(map[string]any) {
		for method, raw := range ops.(map[string]any) {
			op := raw.(map[string]any)
			where := strings.ToUpper(method) + " " + path
			id, _ := op["operationId"].(string)
			if id == "" || ids[id] != "" {
				t.Errorf("%s: operationId %q missing or also on %s", where, id, ids[id])
			}
			ids[id] = where
			if d, _ := op["description"].(string); d == "" {
				t.Errorf("%s: no description", where)
			}
			opTags, _ := op["tags"].([]any)
			if len(opTags) == 0 || !tags[opTags[0].(string)] {
				t.Errorf("%s: tags %v not declared", where, opTags)
			}
			security, ok := op["security"].([]any)
			if !ok {
				t.Errorf("%s: security not stated", where)
			}
			for _, req := range security {
				for name := range req.(map[string]any) {
					if schemes[name] == nil {
						t.Errorf("%s: security scheme %q not defined", where, name)
					}
				}
			}
		}
	}
	var walk func(where string, v any)
	walk = func(where string, v any) {
		switch v := v.(type) {
		case map[string]any:
			if req, ok := v["required"]; ok {
				if list, isList := req.([]any); !isList || len(list) == 0 {
					if _, flag := req.(bool); !flag {
						t.Errorf("%s: required is %v, not a non-empty list", where, req)
					}
				}
			}
			if v["type"] == "array" && v["items"] == nil {
				t.Errorf("%s: an array without items", where)
			}
			for k, sub := range v {
				walk(where+"."+k, sub)
			}
		case []any:
			for k, sub := range v {
				walk(fmt.Sprintf("%s[%d]", where, k), sub)
			}
		}
	}
	walk("#", doc)
}
