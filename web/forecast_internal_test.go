package web

import (
	"testing"

	"parley/forecast"
)

// The cache answers what forecast.Default answers, keys on every input, and
// stays bounded.
func TestForecastCache(t *testing.T) {
	var c forecastCache
	is := forecast.Issue{ID: "7", Actors: []forecast.Actor{{Name: "UA", Position: 900000, Salience: 75, Capability: 50}, {Name: "RU", Position: 100000, Salience: 65, Capability: 70}}}
	sc := forecast.Scale{Min: 0, Max: 1000000}
	want := forecast.Default(is)
	for range 2 {
		if got := c.simulate(is, sc); got != want {
			t.Fatalf("cached forecast %+v, want %+v", got, want)
		}
	}
	if len(c.entries) != 1 {
		t.Fatalf("%d entries after one input twice", len(c.entries))
	}
	moved := is
	moved.Actors = []forecast.Actor{is.Actors[0], {Name: "RU", Position: 300000, Salience: 65, Capability: 70}}
	if got := c.simulate(moved, sc); got == want || got != forecast.Default(moved) {
		t.Fatalf("a moved position got %+v (the old forecast was %+v)", got, want)
	}
	c.limit = 8
	for i := range 20 {
		small := forecast.Issue{ID: "x", Actors: []forecast.Actor{{Name: "A", Position: float64(i % 100), Salience: 1, Capability: float64(1 + i)}}}
		c.simulate(small, forecast.Percent)
	}
	if len(c.entries) > c.limit {
		t.Fatalf("%d entries, over the bound %d", len(c.entries), c.limit)
	}
}
