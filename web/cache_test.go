package web_test

import (
	"net/http"
	"strings"
	"testing"

	"parley/web"
)

// Every answer to a signed-in caller, page or API, success or refusal,
// says no-store: pages show a party's own limits, draft stances and
// members, which must not stay in a browser's or a proxy's cache after
// the session ends. Static files may be cached.
func TestSignedInAnswersAreNotStored(t *testing.T) {
	ts := MustServe(t)
	token := ts.owner(t) // an owner may use every route
	for _, rt := range web.Routes() {
		method, path, _ := strings.Cut(rt.Pattern, " ")
		for name, id := range map[string]int64{"{id}": ts.demo.ID, "{version}": ts.plan.ID, "{new}": ts.counter.ID,
			"{event}": ts.alaska.ID, "{position}": ts.position(t, "UA").ID} {
			path = strings.ReplaceAll(path, name, itoa(id))
		}
		path = strings.ReplaceAll(path, "{$}", "")
		t.Run(rt.Pattern, func(t *testing.T) {
			resp, body := ts.do(t, method, path, token, "")
			if got := resp.Header.Get("Cache-Control"); !strings.Contains(got, "no-store") {
				t.Errorf("%s %s as a signed-in caller: %d, Cache-Control %q, want no-store\n%.200s", method, path, resp.StatusCode, got, body)
			}
		})
		if rt.Pattern == "POST /logout" || rt.Pattern == "DELETE /api/v1/sessions" {
			token = ts.login(t, "owner") // those end the session
		}
	}
	resp, _ := ts.do(t, "GET", "/static/style.css", token, "")
	if resp.StatusCode != http.StatusOK || strings.Contains(resp.Header.Get("Cache-Control"), "no-store") {
		t.Errorf("static file: %d, Cache-Control %q; want it cacheable", resp.StatusCode, resp.Header.Get("Cache-Control"))
	}
}
