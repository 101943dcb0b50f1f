package forecast

import (
	"math/rand/v2"
	"slices"
)

// The development data is split once, by proposal, into a part the models
// are chosen and tuned on and a part nothing is ever tuned on (the
// untouched part), which checks the choice. The split was fixed (seed and
// share) before any model was scored on either part; see docs/forecast.md.
const (
	UntouchedSeed  = 16   // the issue number that asked for it
	UntouchedShare = 0.25 // a quarter of the proposals
)

// group is the issue's group, or its id when it has none.
func (is Issue) group() string {
	if is.Group != "" {
		return is.Group
	}
	return is.ID
}

// SplitByGroup draws share of the groups (rounded, at least one when
// there are two or more) with the seed and returns the issues of the other
// groups and of the drawn ones. The draw depends only on the set of group
// names, not on the order of the issues.
func SplitByGroup(issues []Issue, share float64, seed uint64) (rest, drawn []Issue) {
	var names []string
	seen := map[string]bool{}
	for _, is := range issues {
		if g := is.group(); !seen[g] {
			seen[g] = true
			names = append(names, g)
		}
	}
	slices.Sort(names)
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	rng.Shuffle(len(names), func(i, j int) { names[i], names[j] = names[j], names[i] })
	k := int(share*float64(len(names)) + 0.5)
	if k == 0 && len(names) > 1 && share > 0 {
		k = 1
	}
	pick := map[string]bool{}
	for _, g := range names[:min(k, len(names))] {
		pick[g] = true
	}
	for _, is := range issues {
		if pick[is.group()] {
			drawn = append(drawn, is)
		} else {
			rest = append(rest, is)
		}
	}
	return rest, drawn
}

// Folds assigns each issue a fold from 0 to k-1 so that the issues of one
// group share a fold: the groups are shuffled with the seed and dealt out
// in turn.
func Folds(issues []Issue, k int, seed uint64) []int {
	k = max(k, 2)
	var names []string
	index := map[string]int{}
	for _, is := range issues {
		if g := is.group(); index[g] == 0 {
			index[g] = 1
			names = append(names, g)
		}
	}
	slices.Sort(names)
	rng := rand.New(rand.NewPCG(seed, 0xf01d))
	rng.Shuffle(len(names), func(i, j int) { names[i], names[j] = names[j], names[i] })
	for n, g := range names {
		index[g] = n % k
	}
	out := make([]int, len(issues))
	for i, is := range issues {
		out[i] = index[is.group()]
	}
	return out
}
