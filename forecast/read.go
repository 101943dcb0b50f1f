package forecast

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// Read reads issues from any format parley knows, told apart by content:
// the DEU table (tab-separated, an isnr column), KTAB's spatial-model CSV
// (line 1 "name,description,actors,dimensions", line 2 "Actor,...") and
// parley's own CSV (a header "issue,actor,position,salience,capability",
// and an optional "outcome" column).
func Read(r io.Reader) ([]Issue, string, error) {
	body, err := io.ReadAll(io.LimitReader(r, 64<<20))
	if err != nil {
		return nil, "", err
	}
	first, _, _ := bytes.Cut(body, []byte("\n"))
	line := strings.ToLower(strings.TrimSpace(string(first)))
	switch {
	case strings.Contains(line, "\t") && strings.Contains(line, "isnr"):
		issues, err := ReadDEU(bytes.NewReader(body))
		return issues, "deu", err
	case strings.HasPrefix(line, "issue,actor,position"):
		issues, err := ReadCSV(bytes.NewReader(body))
		return issues, "csv", err
	case strings.Count(line, ",") >= 3:
		issues, err := ReadKTAB(bytes.NewReader(body))
		return issues, "ktab", err
	}
	return nil, "", fmt.Errorf("line 1: not a DEU table (tab-separated, with isnr), a KTAB file (name,description,actors,dimensions) or a parley CSV (issue,actor,position,salience,capability)")
}

// ReadKTAB reads KTAB's spatial-model CSV: line 1 names the scenario and
// gives the number of actors and dimensions; line 2 names the columns; then
// one actor per line: name, description, power, and a position and a
// salience for each dimension. Each dimension is one issue, named after
// its position column.
func ReadKTAB(r io.Reader) ([]Issue, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	head, err := cr.Read()
	if err != nil || len(head) < 4 {
		return nil, fmt.Errorf("ktab: line 1: want name,description,actors,dimensions")
	}
	nActors, err1 := strconv.Atoi(strings.TrimSpace(head[2]))
	nDims, err2 := strconv.Atoi(strings.TrimSpace(head[3]))
	if err1 != nil || err2 != nil || nActors < 1 || nDims < 1 || nDims > 1000 {
		return nil, fmt.Errorf("ktab: line 1: actors %q and dimensions %q must be positive numbers", head[2], head[3])
	}
	cols, err := cr.Read()
	if err != nil || len(cols) < 3+2*nDims {
		return nil, fmt.Errorf("ktab: line 2: want Actor,Description,Power and a position and salience column for each of %d dimensions", nDims)
	}
	issues := make([]Issue, nDims)
	for d := range issues {
		issues[d].ID = strings.TrimSpace(cols[3+2*d])
	}
	for line := 3; ; line++ {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("ktab: line %d: %v", line, err)
		}
		if len(rec) == 0 || strings.TrimSpace(strings.Join(rec, "")) == "" {
			continue
		}
		if len(rec) < 3+2*nDims {
			return nil, fmt.Errorf("ktab: line %d: %d fields, want %d", line, len(rec), 3+2*nDims)
		}
		power, err := number(rec[2])
		if err != nil {
			return nil, fmt.Errorf("ktab: line %d: power %q is not a number", line, rec[2])
		}
		for d := range issues {
			pos, err1 := number(rec[3+2*d])
			sal, err2 := number(rec[4+2*d])
			if err1 != nil || err2 != nil {
				return nil, fmt.Errorf("ktab: line %d: dimension %d: position %q or salience %q is not a number", line, d+1, rec[3+2*d], rec[4+2*d])
			}
			a := Actor{Name: strings.TrimSpace(rec[0]), Position: pos, Salience: sal, Capability: power}
			if err := a.check(); err != nil {
				return nil, fmt.Errorf("ktab: line %d: dimension %d: %v", line, d+1, err)
			}
			issues[d].Actors = append(issues[d].Actors, a)
		}
	}
	if len(issues[0].Actors) != nActors {
		return nil, fmt.Errorf("ktab: line 1 says %d actors, the file has %d", nActors, len(issues[0].Actors))
	}
	return issues, nil
}

// ReadCSV reads parley's own CSV: a header with issue, actor, position,
// salience and capability (and optionally outcome and status_quo), then one
// actor's stand on one issue per line.
func ReadCSV(r io.Reader) ([]Issue, error) {
	cr := csv.NewReader(bufio.NewReader(r))
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("csv: line 1: %v", err)
	}
	col := map[string]int{}
	for k, h := range header {
		col[strings.ToLower(strings.TrimSpace(h))] = k
	}
	for _, need := range []string{"issue", "actor", "position", "salience", "capability"} {
		if _, ok := col[need]; !ok {
			return nil, fmt.Errorf("csv: line 1: no %q column", need)
		}
	}
	var issues []Issue
	index := map[string]int{}
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("csv: line %d: %v", line, err)
		}
		id := strings.TrimSpace(rec[col["issue"]])
		k, ok := index[id]
		if !ok {
			k = len(issues)
			index[id] = k
			issues = append(issues, Issue{ID: id})
		}
		var a Actor
		a.Name = strings.TrimSpace(rec[col["actor"]])
		for _, f := range []struct {
			name string
			to   *float64
		}{{"position", &a.Position}, {"salience", &a.Salience}, {"capability", &a.Capability}} {
			if *f.to, err = number(rec[col[f.name]]); err != nil {
				return nil, fmt.Errorf("csv: line %d: %s %q is not a number", line, f.name, rec[col[f.name]])
			}
		}
		if err := a.check(); err != nil {
			return nil, fmt.Errorf("csv: line %d: %v", line, err)
		}
		issues[k].Actors = append(issues[k].Actors, a)
		for name, to := range map[string]**float64{"outcome": &issues[k].Outcome, "status_quo": &issues[k].StatusQuo} {
			if c, ok := col[name]; ok && strings.TrimSpace(rec[c]) != "" {
				v, err := number(rec[c])
				if err != nil {
					return nil, fmt.Errorf("csv: line %d: %s %q is not a number", line, name, rec[c])
				}
				*to = &v
			}
		}
	}
	if len(issues) == 0 {
		return nil, fmt.Errorf("csv: no rows")
	}
	return issues, nil
}

// check refuses a salience off 0-100 and a negative capability.
func (a Actor) check() error {
	if a.Salience < 0 || a.Salience > 100 {
		return fmt.Errorf("actor %s: salience %g is not between 0 and 100", a.Name, a.Salience)
	}
	if a.Capability < 0 {
		return fmt.Errorf("actor %s: capability %g is negative", a.Name, a.Capability)
	}
	return nil
}

// number reads a finite number: "NaN" and "Inf", which strconv accepts,
// are refused, since no model can place them on a scale.
func number(s string) (float64, error) {
	x, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err == nil && (math.IsNaN(x) || math.IsInf(x, 0)) {
		return 0, fmt.Errorf("%q is not a finite number", s)
	}
	return x, err
}
