package web

import (
	"fmt"
	"strings"
	"sync"

	"parley"
	"parley/forecast"
)

// forecastCache keeps the forecasts of issues by their inputs: the default
// model with its conformal 80% interval (forecast.Default). A forecast is
// a pure function of the parties' newest ideals, saliences and
// capabilities on an issue (none of them confidential); the positions page
// and the forecasts API ask for the same ones again and again.
// The key is the inputs themselves, so a changed position is a new entry
// and nothing needs invalidating; the cache is emptied when it is full.
type forecastCache struct {
	mu      sync.Mutex
	entries map[string]forecast.Forecast
	limit   int // entries kept; forecastCacheSize when 0
}

// forecastCacheSize bounds the entries kept: a negotiation has tens of
// issues, and each change of a position adds one entry.
const forecastCacheSize = 4096

func (c *forecastCache) simulate(fi forecast.Issue, sc forecast.Scale) forecast.Forecast {
	var key strings.Builder
	fmt.Fprintf(&key, "%s|%g|%g|%d", fi.ID, sc.Min, sc.Max, forecastRuns)
	for _, a := range fi.Actors {
		fmt.Fprintf(&key, "|%s %g %g %g", a.Name, a.Position, a.Salience, a.Capability)
	}
	k := key.String()
	c.mu.Lock()
	f, ok := c.entries[k]
	c.mu.Unlock()
	if ok {
		return f
	}
	f = forecast.Default(fi)
	c.mu.Lock()
	limit := c.limit
	if limit == 0 {
		limit = forecastCacheSize
	}
	if c.entries == nil || len(c.entries) >= limit {
		c.entries = map[string]forecast.Forecast{}
	}
	c.entries[k] = f
	c.mu.Unlock()
	return f
}

// issueForecast is the default model's forecast of an issue for a caller,
// from the parties' newest positions, with its conformal 80% interval, kept within the veto
// players' ranges the caller may see (its own party's, or those shared
// with it), so that a bounded forecast reveals nothing the caller does not
// know. bounded reports whether any such range bounded it. With no
// positions there is no forecast.
func (s *Server) issueForecast(m *parley.Member, is *parley.Issue, positions []*parley.Position, parties []*parley.Party) (fc *forecast.Forecast, bounded bool) {
	fi, sc := forecast.FromPositions(is, positions, func(id int64) string { return partyCode(parties, id) })
	if len(fi.Actors) == 0 {
		return nil, false
	}
	f := s.forecasts.simulate(fi, sc)
	veto := forecast.VetoRanges(is, positions, func(p *parley.Position) bool { return parley.ReservationVisible(m, p) })
	if len(veto) > 0 {
		f, bounded = forecast.BoundForecast(f, veto)
	}
	return &f, bounded
}

// issueOptions gives, for an ordinal issue, each option's probability
// around the forecast point and the forecast option (the median of the
// probabilities), the chance of an option some veto player refuses moved
// to the nearest option they all accept, by the limits the caller may see
// (as issueForecast bounds the point); nil for a numeric issue or without
// positions.
func issueOptions(m *parley.Member, is *parley.Issue, positions []*parley.Position, parties []*parley.Party, point float64) (best int, probs []float64) {
	if is.Scale != parley.ScaleOrdinal || len(is.Options) == 0 {
		return 0, nil
	}
	fi, _ := forecast.FromPositions(is, positions, func(id int64) string { return partyCode(parties, id) })
	if len(fi.Actors) == 0 {
		return 0, nil
	}
	probs = forecast.DefaultConformal.Probabilities(fi, point, len(is.Options))
	veto := forecast.VetoRanges(is, positions, func(p *parley.Position) bool { return parley.ReservationVisible(m, p) })
	if len(veto) > 0 {
		probs, _ = forecast.BoundProbabilities(probs, veto)
	}
	return forecast.MedianOption(probs), probs
}
