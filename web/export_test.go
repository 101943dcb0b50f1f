package web

// RouteRule describes one route of the table for the authorization test.
type RouteRule struct {
	Pattern string
	Rule    string
}

// Routes returns every route with its rule: "anyone", "signedIn", "member"
// or "mediating".
func Routes() []RouteRule {
	names := map[rule]string{anyone: "anyone", signedIn: "signedIn", member: "member", mediating: "mediating"}
	var out []RouteRule
	for _, r := range routeTable {
		out = append(out, RouteRule{r.pattern, names[r.rule]})
	}
	return out
}
