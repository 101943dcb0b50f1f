package web_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"parley"
)

// searchResult is the answer of GET /api/v1/search.
type searchResult struct {
	Query string
	Hits  []struct {
		parley.SearchHit
		Negotiation string
		URL         string
	}
}

func (t *testServer) search(tb testing.TB, token, query string) (int, searchResult, string) {
	tb.Helper()
	resp, body := t.do(tb, "GET", "/api/v1/search?"+query, token, "")
	var out searchResult
	if resp.StatusCode == http.StatusOK {
		must(tb, json.Unmarshal([]byte(body), &out))
	}
	return resp.StatusCode, out, body
}

func TestSearchAPI(t *testing.T) {
	ts := MustServe(t)
	ua, ru, mediator, observer := ts.login(t, "ua"), ts.login(t, "ru"), ts.login(t, "mediator"), ts.login(t, "observer")

	// A point by a word in it, with its snippet and its place on the page.
	code, res, body := ts.search(t, ru, "q=zaporizhzhia&kind=point")
	if code != 200 || len(res.Hits) == 0 {
		t.Fatalf("search zaporizhzhia = %d %s", code, body)
	}
	h := res.Hits[0]
	if h.Kind != "point" || h.Negotiation != ts.demo.Title || !strings.HasPrefix(h.URL, "/versions/") || !strings.Contains(h.URL, "#p-") ||
		!strings.Contains(strings.ToLower(parley.SnippetText(h.Snippet, "[", "]")), "[zaporizhzhia]") {
		t.Fatalf("first hit = %+v", h)
	}
	if resp, page := ts.do(t, "GET", h.URL, ru, ""); resp.StatusCode != 200 || !strings.Contains(page, `id="p-`+h.PointKey+`"`) {
		t.Fatalf("the hit's page %s = %d, or has no point %s", h.URL, resp.StatusCode, h.PointKey)
	}

	// A word only UA's own understanding holds: UA finds it, no one else
	// does, and nothing of it reaches them.
	resp, body := ts.do(t, "POST", "/api/v1/negotiations/"+itoa(ts.demo.ID)+"/events/"+itoa(ts.alaska.ID)+"/understandings", ua,
		`{"date":"2025-08-16","visibility":"party","claims":[{"topic":"fallback","text":"We could live with the kestrelwood formula.","agreed":true}]}`)
	if resp.StatusCode != 201 {
		t.Fatalf("understanding: %d %s", resp.StatusCode, body)
	}
	if code, res, body := ts.search(t, ua, "q=kestrelwood"); code != 200 || len(res.Hits) != 1 || res.Hits[0].Kind != "understanding" ||
		res.Hits[0].URL != "/negotiations/"+itoa(ts.demo.ID)+"/events/"+itoa(ts.alaska.ID) {
		t.Fatalf("UA searching its own word = %d %s", code, body)
	}
	for name, token := range map[string]string{"ru": ru, "mediator": mediator, "observer": observer} {
		for _, q := range []string{"q=kestrelwood", "q=fallback&kind=understanding", "q=kestrelwood&negotiation=" + itoa(ts.demo.ID)} {
			code, res, body := ts.search(t, token, q)
			if code != 200 || len(res.Hits) != 0 || strings.Contains(body, "live with") {
				t.Errorf("%s: %s = %d %s, want nothing found", name, q, code, body)
			}
		}
		if resp, page := ts.do(t, "GET", "/search?q=kestrelwood", token, ""); resp.StatusCode != 200 || strings.Contains(page, "kestrelwood formula") || !strings.Contains(page, "Nothing found") {
			t.Errorf("%s: search page = %d %s", name, resp.StatusCode, page)
		}
	}

	// Another negotiation's records are not found, and naming it is 404.
	if code, res, body := ts.search(t, ua, "q=secret"); code != 200 || strings.Contains(body, "Secret draft") {
		t.Errorf("search secret = %d %+v", code, res)
	}
	if code, _, body := ts.search(t, ua, "q=secret&negotiation="+itoa(ts.other.ID)); code != 404 || strings.Contains(body, "Secret") {
		t.Errorf("a negotiation UA is not in = %d %s, want 404", code, body)
	}

	// Bad input is 400 and names the field.
	for query, field := range map[string]string{
		"q=":                              "(q)",
		"q=" + strings.Repeat("x", 201):   "(q)",
		"q=-ceasefire":                    "(q)",
		"q=ceasefire&kind=stance":         "kind",
		"q=ceasefire&limit=0":             "limit",
		"q=ceasefire&limit=many":          "limit",
		"q=ceasefire&negotiation=abc":     "negotiation",
		"q=" + url.QueryEscape(`"a" "b"`): "",
	} {
		code, _, body := ts.search(t, ua, query)
		if field == "" {
			if code != 200 {
				t.Errorf("%s = %d %s", query, code, body)
			}
			continue
		}
		if code != 400 || !strings.Contains(body, field) {
			t.Errorf("%s = %d %s, want 400 naming %s", query, code, body, field)
		}
	}
	if code, _, _ := ts.search(t, "", "q=ceasefire"); code != 401 {
		t.Errorf("anonymous search = %d, want 401", code)
	}
}

func TestSearchPage(t *testing.T) {
	ts := MustServe(t)
	ua := ts.login(t, "ua")
	// Every page has the search box.
	for _, path := range []string{"/", "/negotiations/" + itoa(ts.demo.ID), "/versions/" + itoa(ts.plan.ID), "/search"} {
		if resp, page := ts.do(t, "GET", path, ua, ""); resp.StatusCode != 200 || !strings.Contains(page, `action="/search"`) || !strings.Contains(page, `id="site-search"`) {
			t.Errorf("%s = %d, no search box", path, resp.StatusCode)
		}
	}
	resp, page := ts.do(t, "GET", "/search?q=Zaporizhzhia+nuclear", ua, "")
	if resp.StatusCode != 200 || !strings.Contains(page, "<mark>Zaporizhzhia</mark>") || !strings.Contains(page, `href="/versions/`+itoa(ts.plan.ID)+`#p-`) ||
		!strings.Contains(page, `value="Zaporizhzhia nuclear"`) {
		t.Fatalf("search page = %d %s", resp.StatusCode, page)
	}
	if resp, page := ts.do(t, "GET", "/search?q=%22", ua, ""); resp.StatusCode != 400 || !strings.Contains(page, `class="error"`) {
		t.Errorf("a search of no word = %d %s, want 400 with the message", resp.StatusCode, page)
	}
	// Text of a record is escaped, the marks are the page's own.
	if resp, page := ts.do(t, "GET", "/search?q=%3Cscript%3E+zaporizhzhia", ua, ""); resp.StatusCode != 200 || strings.Contains(page, "<script>") {
		t.Errorf("search with markup = %d", resp.StatusCode)
	}
}
