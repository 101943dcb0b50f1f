package web

// RouteRule describes one route of the table for the authorization test.
type RouteRule struct {
	Pattern string
	Rule    string
}

// Routes returns every route with its rule: "anyone", "signedIn", "member"
// or "mediating".
func Routes() []RouteRule {
	names := map[rule]string{anyone: "anyone", signedIn: "signedIn", member: "member", mediating: "mediating", owning: "owning"}
	var out []RouteRule
	for _, r := range routeTable {
		out = append(out, RouteRule{r.pattern, names[r.rule]})
	}
	return out
}

// APIDocumented reports the API routes without a description, and the
// descriptions without a route.
func APIDocumented() (undocumented, stale []string) {
	seen := map[string]bool{}
	for _, r := range routeTable {
		if !r.api {
			continue
		}
		seen[r.pattern] = true
		if _, ok := apiDocs[r.pattern]; !ok {
			undocumented = append(undocumented, r.pattern)
		}
	}
	for p := range apiDocs {
		if !seen[p] {
			stale = append(stale, p)
		}
	}
	return undocumented, stale
}
