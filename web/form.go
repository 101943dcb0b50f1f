package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"parley"
)

// MaxPageFormBytes bounds the forms that add records from the pages (an
// event, an understanding's claims, an issue, a position, a member):
// 64 KiB.
const MaxPageFormBytes = 64 << 10

// formState is a refused form shown again on its page: which form, the
// message, the field it names (shown next to that field, or above the
// form when it names none of the form's fields) and the values sent. A
// page without a refused form gets an empty one, so that templates can
// ask it anything.
type formState struct {
	Name   string
	Error  string
	Field  string
	Values url.Values
}

// fieldAliases maps the fields an error message names (as the API names
// them) to the form field that holds them.
var fieldAliases = map[string]string{
	"reliability": "grade", "credibility": "grade", "party_id": "party", "issue_id": "issue", "source_id": "source",
	"party_ids": "parties", "actor_ids": "actors", "version_ids": "versions", "source_ids": "sources",
	"reservation_visibility": "visibility", "veto_party_ids": "veto",
}

// refusedForm makes the formState of a refused form: the field is the
// word before the message's first colon, when it is one of fields.
func refusedForm(name string, err error, values url.Values, fields []string) *formState {
	msg := parley.ErrorMessage(publicError(err))
	f := &formState{Name: name, Error: msg, Values: values}
	if head, _, ok := strings.Cut(msg, ":"); ok && !strings.ContainsAny(head, " \"") {
		if alias, ok := fieldAliases[head]; ok {
			head = alias
		}
		if slices.Contains(fields, head) {
			f.Field = head
		}
	}
	return f
}

// Open says whether the form name was refused, to show it open.
func (f *formState) Open(name string) bool { return f.Name == name }

// ErrorFor returns the message of a refused form name if it names field.
func (f *formState) ErrorFor(name, field string) string {
	if f.Name == name && f.Field == field {
		return f.Error
	}
	return ""
}

// General returns the message of a refused form name that names none of
// its fields, to show above the form.
func (f *formState) General(name string) string {
	if f.Name == name && f.Field == "" {
		return f.Error
	}
	return ""
}

// Value returns what was sent in field of the refused form name, or def.
func (f *formState) Value(name, field, def string) string {
	if f.Name != name {
		return def
	}
	return f.Values.Get(field)
}

// Chosen says whether value was sent for the select or checkboxes field
// of the refused form name; for any other form, whether it is chosen by
// default.
func (f *formState) Chosen(name, field, value string, def bool) bool {
	if f.Name != name {
		return def
	}
	return slices.Contains(f.Values[field], value)
}

// pageForm is a page that holds forms: its template, the data it shows
// (with any refused form) and where a form sent from it goes back to.
type pageForm struct {
	template string
	data     func(ctx context.Context) (map[string]any, error)
	back     string
}

// submit reads a form posted from the page, runs save on it and goes
// back to the page (at the anchor save returns). A refused form shows
// the page again, with the status of the error, the form open, its
// message next to the field it names and the values sent.
//
// name names the form on the page; where one page holds a form per item,
// it is made from the form sent (see formName).
func (s *Server) submit(w http.ResponseWriter, r *http.Request, rq *request, pg pageForm, name func(url.Values) string, fields []string, save func(url.Values) (string, error)) {
	r = withCaller(r, rq)
	err := readForm(w, r, MaxPageFormBytes)
	anchor := ""
	if err == nil {
		anchor, err = save(r.PostForm)
	}
	if err == nil {
		http.Redirect(w, r, pg.back+anchor, http.StatusSeeOther)
		return
	}
	err = publicError(err)
	if code := parley.ErrorCode(err); code == parley.EFORBIDDEN || code == parley.ENOTFOUND {
		// The caller's page has no such form to show again.
		s.fail(w, r, err)
		return
	}
	data, derr := pg.data(r.Context())
	if derr != nil {
		s.fail(w, r, err)
		return
	}
	noteError(w, err)
	data["Form"] = refusedForm(name(r.PostForm), err, r.PostForm, fields)
	s.render(w, r, pg.template, statusOf(err), data)
}

// formName names a form that is one of its kind on its page.
func formName(name string) func(url.Values) string {
	return func(url.Values) string { return name }
}

// formIDs reads the ids a multiple select or checkboxes sent in field.
func formIDs(form url.Values, field string) ([]int64, error) {
	var out []int64
	for _, v := range form[field] {
		for _, one := range strings.Split(v, ",") {
			one = strings.TrimSpace(one)
			if one == "" {
				continue
			}
			id := formInt(url.Values{"x": {one}}, "x")
			if id <= 0 {
				return nil, parley.Errorf(parley.EINVALID, "%s: %q is not an id", field, one)
			}
			out = append(out, id)
		}
	}
	return out, nil
}
