package web

import (
	"context"
	"io/fs"
	"net/http"
	"strings"

	"parley"
)

// rule says who may call a route. It is checked in one place, authorize,
// before the handler reads any data.
type rule int

const (
	anyone    rule = iota // no login needed
	signedIn              // any logged-in user
	member                // a member of the negotiation the path names, by {id} or through {version}
	mediating             // a mediator or owner of that negotiation
	owning                // an owner of that negotiation
)

// request is what a handler knows of the caller, decided before it runs.
type request struct {
	caller        *caller
	member        *parley.Member // for member routes
	negotiationID int64          // for member routes
}

type handler func(w http.ResponseWriter, r *http.Request, rq *request)

// route is one entry of the routing table; a test walks the whole table.
type route struct {
	pattern string
	rule    rule
	api     bool // answers JSON (and 401 with JSON) rather than pages
	handle  func(*Server) handler
}

// routeTable lists every route the server answers, with its rule.
var routeTable = []route{
	{"GET /healthz", anyone, false, (*Server).handleHealthz},
	{"GET /login", anyone, false, (*Server).handleLoginPage},
	{"POST /login", anyone, false, (*Server).handleLoginForm},
	{"POST /logout", signedIn, false, (*Server).handleLogoutForm},
	{"GET /{$}", signedIn, false, (*Server).handleHome},
	{"GET /negotiations/{id}", member, false, (*Server).handleNegotiation},
	{"GET /negotiations/{id}/lineage", member, false, (*Server).handleLineage},
	{"GET /negotiations/{id}/compare", member, false, (*Server).handleComparePick},
	{"GET /negotiations/{id}/export/{format}", member, false, (*Server).handleNegotiationDownload},
	{"GET /negotiations/{id}/stances", member, false, (*Server).handleStances},
	{"GET /negotiations/{id}/positions", member, false, (*Server).handlePositions},
	{"GET /negotiations/{id}/timeline", member, false, (*Server).handleTimeline},
	{"GET /negotiations/{id}/events/{event}", member, false, (*Server).handleEvent},
	{"GET /negotiations/{id}/synonyms", member, false, (*Server).handleSynonyms},
	{"POST /negotiations/{id}/synonyms", mediating, false, (*Server).handleSynonymsForm},

	{"POST /negotiations/{id}/events", mediating, false, (*Server).handleAddEventForm},
	{"POST /negotiations/{id}/events/{event}/understandings", member, false, (*Server).handleUnderstandingForm},
	{"POST /negotiations/{id}/sources", member, false, (*Server).handleAddSourceForm},
	{"POST /negotiations/{id}/sources/{source}/grades", mediating, false, (*Server).handleRegradeSourceForm},
	{"POST /negotiations/{id}/issues", mediating, false, (*Server).handleAddIssueForm},
	{"POST /negotiations/{id}/positions", member, false, (*Server).handlePositionForm},
	{"GET /negotiations/{id}/contacts", member, false, (*Server).handleContacts},
	{"GET /negotiations/{id}/topics", member, false, (*Server).handleTopics},
	{"GET /negotiations/{id}/record", member, false, (*Server).handleRecord},
	{"POST /negotiations/{id}/record/verify", member, false, (*Server).handleVerifyForm},
	{"POST /negotiations/{id}/record", mediating, false, (*Server).handleRecordForm},
	{"POST /negotiations/{id}/record/{version}/endorsements", member, false, (*Server).handleEndorseForm},
	{"GET /negotiations/{id}/members", owning, false, (*Server).handleMembers},
	{"POST /negotiations/{id}/members", owning, false, (*Server).handleAddMemberForm},
	{"POST /negotiations/{id}/members/{user}", owning, false, (*Server).handleChangeRoleForm},
	{"POST /negotiations/{id}/versions/preview", member, false, (*Server).handlePreviewForm},
	{"POST /negotiations/{id}/versions", member, false, (*Server).handleAddVersionForm},
	{"POST /negotiations/{id}/rounds", mediating, false, (*Server).handleOpenRoundForm},
	{"POST /negotiations/{id}/rounds/{round}/submission", member, false, (*Server).handleSubmitForm},
	{"POST /negotiations/{id}/rounds/{round}/close", mediating, false, (*Server).handleCloseRoundForm},
	{"POST /negotiations/{id}/members/{user}/revoke", owning, false, (*Server).handleRevokeMemberForm},
	{"POST /negotiations/{id}/members/{user}/remove", owning, false, (*Server).handleRemoveMemberForm},
	{"GET /negotiations/{id}/audit", owning, false, (*Server).handleAudit},
	{"GET /search", signedIn, false, (*Server).handleSearch},
	{"GET /account/password", signedIn, false, (*Server).handlePasswordPage},
	{"POST /account/password", signedIn, false, (*Server).handlePasswordForm},
	{"GET /versions/{version}", member, false, (*Server).handleVersion},
	{"GET /versions/{version}/export/{format}", member, false, (*Server).handleVersionDownload},
	{"POST /versions/{version}/stances", member, false, (*Server).handleStanceForm},
	{"POST /versions/{version}/topics", mediating, false, (*Server).handleTopicForm},
	{"GET /compare/{version}/{new}", member, false, (*Server).handleCompare},
	{"POST /compare/{version}/{new}", mediating, false, (*Server).handleCorrectForm},
	{"GET /compare/{version}/{new}/export/{format}", member, false, (*Server).handleCompareDownload},

	{"POST /api/v1/sessions", anyone, true, (*Server).apiLogin},
	{"DELETE /api/v1/sessions", signedIn, true, (*Server).apiLogout},
	{"GET /api/v1/negotiations", signedIn, true, (*Server).apiNegotiations},
	{"GET /api/v1/negotiations/{id}", member, true, (*Server).apiNegotiation},
	{"GET /api/v1/negotiations/{id}/parties", member, true, (*Server).apiParties},
	{"GET /api/v1/negotiations/{id}/versions", member, true, (*Server).apiVersions},
	{"POST /api/v1/negotiations/{id}/versions", member, true, (*Server).apiAddVersion},
	{"GET /api/v1/negotiations/{id}/issues", member, true, (*Server).apiIssues},
	{"POST /api/v1/negotiations/{id}/issues", mediating, true, (*Server).apiCreateIssue},
	{"GET /api/v1/negotiations/{id}/positions", member, true, (*Server).apiPositions},
	{"POST /api/v1/negotiations/{id}/positions", member, true, (*Server).apiCreatePosition},
	{"GET /api/v1/negotiations/{id}/forecasts", member, true, (*Server).apiForecasts},
	{"PUT /api/v1/negotiations/{id}/positions/{position}", member, true, (*Server).apiUpdatePosition},
	{"GET /api/v1/negotiations/{id}/rounds", member, true, (*Server).apiRounds},
	{"POST /api/v1/negotiations/{id}/rounds", mediating, true, (*Server).apiOpenRound},
	{"POST /api/v1/negotiations/{id}/rounds/{round}/submission", member, true, (*Server).apiSubmit},
	{"POST /api/v1/negotiations/{id}/rounds/{round}/close", mediating, true, (*Server).apiCloseRound},
	{"GET /api/v1/negotiations/{id}/stances", member, true, (*Server).apiStances},
	{"POST /api/v1/negotiations/{id}/stances", member, true, (*Server).apiCreateStance},
	{"PUT /api/v1/negotiations/{id}/stances/{stance}", member, true, (*Server).apiUpdateStance},
	{"GET /api/v1/negotiations/{id}/stances/{stance}/history", member, true, (*Server).apiStanceHistory},
	{"GET /api/v1/negotiations/{id}/events", member, true, (*Server).apiEvents},
	{"POST /api/v1/negotiations/{id}/events", mediating, true, (*Server).apiCreateEvent},
	{"GET /api/v1/negotiations/{id}/events/{event}/understandings", member, true, (*Server).apiUnderstandings},
	{"POST /api/v1/negotiations/{id}/events/{event}/understandings", member, true, (*Server).apiCreateUnderstanding},
	{"GET /api/v1/negotiations/{id}/events/{event}/comparison", member, true, (*Server).apiComparison},
	{"GET /api/v1/negotiations/{id}/synonyms", member, true, (*Server).apiSynonyms},
	{"PUT /api/v1/negotiations/{id}/synonyms", mediating, true, (*Server).apiSetSynonyms},
	{"GET /api/v1/negotiations/{id}/contacts", member, true, (*Server).apiContacts},
	{"GET /api/v1/negotiations/{id}/record", member, true, (*Server).apiRecord},
	{"GET /api/v1/negotiations/{id}/record/{version}/proof", member, true, (*Server).apiRecordProof},
	{"POST /api/v1/negotiations/{id}/record", mediating, true, (*Server).apiRecordVersion},
	{"POST /api/v1/negotiations/{id}/record/{version}/endorsements", member, true, (*Server).apiEndorseVersion},
	{"GET /api/v1/negotiations/{id}/sources", member, true, (*Server).apiSources},
	{"GET /api/v1/negotiations/{id}/topics", member, true, (*Server).apiTopics},

	{"POST /api/v1/negotiations/{id}/sources", member, true, (*Server).apiCreateSource},
	{"GET /api/v1/negotiations/{id}/sources/{source}/grades", member, true, (*Server).apiSourceGrades},
	{"POST /api/v1/negotiations/{id}/sources/{source}/grades", mediating, true, (*Server).apiRegradeSource},
	{"GET /api/v1/negotiations/{id}/members", owning, true, (*Server).apiMembers},
	{"POST /api/v1/negotiations/{id}/members", owning, true, (*Server).apiAddMember},
	{"PUT /api/v1/negotiations/{id}/members/{user}", owning, true, (*Server).apiChangeRole},
	{"DELETE /api/v1/negotiations/{id}/members/{user}/sessions", owning, true, (*Server).apiRevokeMember},
	{"DELETE /api/v1/negotiations/{id}/members/{user}", owning, true, (*Server).apiRemoveMember},
	{"GET /api/v1/negotiations/{id}/audit", owning, true, (*Server).apiAudit},
	{"POST /api/v1/password", signedIn, true, (*Server).apiChangePassword},
	{"GET /api/v1/search", signedIn, true, (*Server).apiSearch},
	{"GET /api/v1/versions/{version}", member, true, (*Server).apiVersion},
	{"GET /api/v1/versions/{version}/topics", member, true, (*Server).apiVersionTopics},
	{"POST /api/v1/versions/{version}/topics", mediating, true, (*Server).apiSetTopics},
	{"GET /api/v1/alignments/{version}/{new}", member, true, (*Server).apiAlignment},
	{"POST /api/v1/alignments/{version}/{new}/corrections", mediating, true, (*Server).apiCorrect},
	{"GET /api/v1/openapi.json", anyone, true, (*Server).apiOpenAPI},
}

func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	for _, rt := range routeTable {
		h := rt.handle(s)
		mux.HandleFunc(rt.pattern, func(w http.ResponseWriter, r *http.Request) {
			// Answers are made for their caller (a party's own limits,
			// draft stances): no cache keeps them. Static files may be kept.
			w.Header().Set("Cache-Control", "no-store")
			rq, err := s.authorize(r, rt)
			if err != nil {
				s.refuse(w, r, rt, err)
				return
			}
			if rq.caller != nil {
				noteUser(r, rq.caller.user.ID)
				// Changes made for this request carry its user into the audit log.
				r = r.WithContext(parley.WithActor(r.Context(), rq.caller.user.ID))
			}
			h(w, r, rq)
		})
	}
	static, _ := fs.Sub(staticFS, "static")
	mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, parley.Errorf(parley.ENOTFOUND, "no such API route: %s %s", r.Method, r.URL.Path))
	})
	// Cross-origin state changes are refused before any handler runs.
	return s.observe(securityHeaders(http.NewCrossOriginProtection().Handler(mux)))
}

// authorize decides whether the caller may use the route, before any data
// of the route is read. Members of other negotiations learn nothing: a
// negotiation they are not in is "not found", as one that does not exist.
func (s *Server) authorize(r *http.Request, rt route) (*request, error) {
	c, err := s.identify(r)
	if err != nil {
		return nil, err
	}
	rq := &request{caller: c}
	if rt.rule == anyone {
		return rq, nil
	}
	if c == nil {
		return nil, parley.Errorf(parley.EUNAUTHORIZED, "log in first")
	}
	if rt.rule == signedIn {
		return rq, nil
	}
	n, err := s.negotiationOf(r.Context(), r)
	if err != nil {
		return nil, err
	}
	m := c.members[n]
	if m == nil {
		return nil, parley.Errorf(parley.ENOTFOUND, "not found")
	}
	if rt.rule == mediating && m.Role != parley.RoleMediator && m.Role != parley.RoleOwner {
		return nil, parley.Errorf(parley.EFORBIDDEN, "only a mediator or an owner may do this; you are %s of this negotiation", parley.RoleName(m.Role))
	}
	if rt.rule == owning && m.Role != parley.RoleOwner {
		return nil, parley.Errorf(parley.EFORBIDDEN, "only an owner may do this; you are %s of this negotiation", parley.RoleName(m.Role))
	}
	rq.member, rq.negotiationID = m, n
	return rq, nil
}

// negotiationOf finds the negotiation a member route is about.
func (s *Server) negotiationOf(ctx context.Context, r *http.Request) (int64, error) {
	if r.PathValue("id") != "" {
		return pathID(r, "id")
	}
	id, err := pathID(r, "version")
	if err != nil {
		return 0, err
	}
	v, err := s.Store.ListVersions(ctx, parley.VersionFilter{ID: id})
	if err != nil {
		return 0, err
	}
	if len(v) == 0 {
		return 0, parley.Errorf(parley.ENOTFOUND, "not found")
	}
	return v[0].NegotiationID, nil
}

// refuse answers a request that authorize turned down.
func (s *Server) refuse(w http.ResponseWriter, r *http.Request, rt route, err error) {
	if rt.api || strings.HasPrefix(r.URL.Path, "/api/") {
		if parley.ErrorCode(err) == parley.EUNAUTHORIZED {
			w.Header().Set("WWW-Authenticate", `Bearer realm="parley"`)
		}
		writeError(w, err)
		return
	}
	if parley.ErrorCode(err) == parley.EUNAUTHORIZED {
		http.Redirect(w, r, "/login?next="+urlQueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
		return
	}
	s.fail(w, r, err)
}

// securityHeaders sets the headers every response carries: no inline
// scripts, no framing, no type sniffing, no referrer leaks.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		next.ServeHTTP(w, r)
	})
}
