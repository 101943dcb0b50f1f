package forecast

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// DefaultSalience is the salience of an actor whose position is recorded
// but whose salience is not: the middle of the scale.
const DefaultSalience = 50

// ReadDEU reads the DEU table format: tab-separated, a header line naming
// the columns (p<actor> positions and s<actor> saliences on 0-100, rp the
// reference point, out the outcome, isnr the issue id), then a line of
// capability weights under the p<actor> columns (GDP weights), then one
// issue per line. An actor with an empty position took none.
func ReadDEU(r io.Reader) ([]Issue, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	if !sc.Scan() {
		return nil, fmt.Errorf("deu: empty input")
	}
	header := strings.Split(sc.Text(), "\t")
	col := map[string]int{}
	for k, name := range header {
		col[strings.TrimSpace(name)] = k
	}
	for _, need := range []string{"isnr", "out"} {
		if _, ok := col[need]; !ok {
			return nil, fmt.Errorf("deu: line 1: no %q column", need)
		}
	}
	var actors []string
	for _, name := range header {
		if strings.HasPrefix(name, "p") && len(name) > 1 {
			if _, ok := col["s"+name[1:]]; ok {
				actors = append(actors, name[1:])
			}
		}
	}
	if len(actors) == 0 {
		return nil, fmt.Errorf("deu: line 1: no p<actor>/s<actor> column pairs")
	}
	if !sc.Scan() {
		return nil, fmt.Errorf("deu: line 2: the capability weights are missing")
	}
	weights := strings.Split(sc.Text(), "\t")
	capability := map[string]float64{}
	for _, a := range actors {
		k := col["p"+a]
		if k >= len(weights) {
			return nil, fmt.Errorf("deu: line 2: no weight for actor %s", a)
		}
		w, err := number(weights[k])
		if err != nil || w < 0 {
			return nil, fmt.Errorf("deu: line 2: weight of %s is %q, not a number", a, weights[k])
		}
		capability[a] = w
	}
	var issues []Issue
	for line := 3; sc.Scan(); line++ {
		fields := strings.Split(sc.Text(), "\t")
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		get := func(name string) string {
			if k, ok := col[name]; ok && k < len(fields) {
				return strings.TrimSpace(fields[k])
			}
			return ""
		}
		is := Issue{ID: get("isnr"), Group: get("prnr")}
		switch strings.ToLower(get("counvte")) {
		case "unan", "unanimity":
			is.Rule = RuleUnanimity
		case "qmv", "majority", "sm":
			is.Rule = RuleMajority
		}
		if is.ID == "" {
			return nil, fmt.Errorf("deu: line %d: no issue id (isnr)", line)
		}
		for _, a := range actors {
			p, s := get("p"+a), get("s"+a)
			if p == "" {
				continue
			}
			pos, err1 := number(p)
			sal, err2 := number(s)
			if s == "" {
				// A position without a recorded salience counts as middling.
				sal, err2 = DefaultSalience, nil
			}
			if err1 != nil || err2 != nil {
				return nil, fmt.Errorf("deu: line %d: actor %s: position %q or salience %q is not a number", line, a, p, s)
			}
			act := Actor{Name: a, Position: pos, Salience: sal, Capability: capability[a]}
			if err := act.check(); err != nil {
				return nil, fmt.Errorf("deu: line %d: %v", line, err)
			}
			is.Actors = append(is.Actors, act)
		}
		if v := get("rp"); v != "" {
			if x, err := number(v); err == nil {
				is.StatusQuo = &x
			}
		}
		if v := get("out"); v != "" {
			x, err := number(v)
			if err != nil {
				return nil, fmt.Errorf("deu: line %d: outcome %q is not a number", line, v)
			}
			is.Outcome = &x
		}
		if len(is.Actors) > 0 {
			issues = append(issues, is)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("deu: %w", err)
	}
	return issues, nil
}

// MeanAbsoluteError scores a model on the issues with known outcomes.
func MeanAbsoluteError(model func(Issue) float64, issues []Issue) (float64, int) {
	sum, n := 0.0, 0
	for _, is := range issues {
		if is.Outcome == nil {
			continue
		}
		d := model(is) - *is.Outcome
		if d < 0 {
			d = -d
		}
		sum += d
		n++
	}
	if n == 0 {
		return 0, 0
	}
	return sum / float64(n), n
}
