package parley

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// Date is when something happened, as precisely as it is known, written
// in the Extended Date/Time Format (EDTF, ISO 8601-2) up to level 1:
//
//	2025, 2025-11, 2025-11-20   a year, a month, a day
//	2025-11?  2025-11~  2025-11%  uncertain, approximate, both
//	2025-1X  2025-11-2X  202X     digits not known (X)
//	2025-21 .. 2025-24            spring, summer, autumn, winter
//	2025-11-20/2025-11-23         an interval (either end may be
//	../2025-11  2025-11/..        open, "..", or unknown, empty)
//
// A single date is its Bound; an interval has Interval set, its start in
// Bound and its end in End. The zero Date means "unknown". Dates compare
// with == as values, and sort by the earliest day they may mean (Compare).
type Date struct {
	Bound          // the date, or an interval's start
	End      Bound // an interval's end
	Interval bool
}

// Bound is one date of EDTF level 1, or one end of an interval. Digits
// written X are 0 in Year, Month and Day and set in Unspecified.
type Bound struct {
	Year  int
	Month int // 0 when only the year is known; 21-24 a season
	Day   int // 0 when only the year or month is known
	// Unspecified has a bit per digit written X: 1<<0 to 1<<3 the year's
	// from the thousands, 1<<4 and 1<<5 the month's, 1<<6 and 1<<7 the
	// day's.
	Unspecified uint8
	Qualifier   Qualifier
	Open        bool // "..": the interval has no limit on this side
}

// Qualifier says how sure a date is: EDTF's "?" (uncertain, as a source
// may be wrong), "~" (approximate, "around") and "%" (both).
type Qualifier uint8

// Qualifiers of a Bound; UncertainApproximate is both bits.
const (
	Uncertain            Qualifier = 1
	Approximate          Qualifier = 2
	UncertainApproximate           = Uncertain | Approximate
)

// Precisions of a Date.
const (
	PrecisionNone  = ""
	PrecisionYear  = "year"
	PrecisionMonth = "month"
	PrecisionDay   = "day"
)

// seasons are EDTF level 1's month numbers 21 to 24 and the months they
// span (northern hemisphere, as EDTF level 1 leaves it): spring is March
// to May, winter December to February of the next year.
var seasons = [4]struct {
	name       string
	from, span int
}{{"spring", 3, 3}, {"summer", 6, 3}, {"autumn", 9, 3}, {"winter", 12, 3}}

// dateSyntax is what ParseDate reads, for its messages.
const dateSyntax = "YYYY, YYYY-MM or YYYY-MM-DD (EDTF: ? uncertain, ~ approximate, X for an unknown digit, 21-24 for a season, A/B for an interval)"

// ParseDate reads an EDTF level 1 date (see Date); "" is the unknown
// date.
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Date{}, nil
	}
	from, to, interval := strings.Cut(s, "/")
	if !interval {
		b, err := parseBound(s, from)
		if err != nil {
			return Date{}, err
		}
		if b.Open {
			return Date{}, Errorf(EINVALID, "date %q: \"..\" is an open end of an interval, as in ../2025-11", s)
		}
		return Date{Bound: b}, nil
	}
	if strings.Contains(to, "/") {
		return Date{}, Errorf(EINVALID, "date %q: an interval has two ends, one \"/\"", s)
	}
	d := Date{Interval: true}
	var err error
	if d.Bound, err = parseBound(s, from); err != nil {
		return Date{}, err
	}
	if d.End, err = parseBound(s, to); err != nil {
		return Date{}, err
	}
	if d.Bound.Year == 0 && d.End.Year == 0 {
		return Date{}, Errorf(EINVALID, "date %q: an interval needs at least one end that is a date", s)
	}
	if !d.Bound.unknown() && !d.End.unknown() && d.End.last().Before(d.Bound.first()) {
		return Date{}, Errorf(EINVALID, "date %q: the interval ends before it starts", s)
	}
	return d, nil
}

// parseBound reads one date or one end of an interval of s: "" is an
// unknown end, ".." an open one.
func parseBound(s, v string) (Bound, error) {
	switch v {
	case "":
		return Bound{}, nil
	case "..":
		return Bound{Open: true}, nil
	}
	var b Bound
	switch v[len(v)-1] {
	case '?':
		b.Qualifier = Uncertain
	case '~':
		b.Qualifier = Approximate
	case '%':
		b.Qualifier = UncertainApproximate
	}
	if b.Qualifier != 0 {
		v = v[:len(v)-1]
	}
	parts := strings.Split(v, "-")
	if len(parts) > 3 || len(parts[0]) != 4 {
		return Bound{}, Errorf(EINVALID, "date %q: want %s", s, dateSyntax)
	}
	var nums [3]int
	bit := 0
	for i, p := range parts {
		if (i > 0 && len(p) != 2) || p == "" {
			return Bound{}, Errorf(EINVALID, "date %q: want %s", s, dateSyntax)
		}
		for _, c := range []byte(p) {
			switch {
			case c == 'X':
				b.Unspecified |= 1 << bit
				nums[i] *= 10
			case c >= '0' && c <= '9':
				nums[i] = nums[i]*10 + int(c-'0')
			default:
				return Bound{}, Errorf(EINVALID, "date %q: %q is not a number", s, p)
			}
			bit++
		}
		if i == 0 {
			bit = 4
		}
		// A month or day of 00 is not "unknown": that is written by
		// leaving it out ("2025", not "2025-00") or with X.
		if i > 0 && nums[i] == 0 && !strings.Contains(p, "X") {
			return Bound{}, Errorf(EINVALID, "date %q: there is no %s 00 (leave out what is not known: YYYY or YYYY-MM)", s, [3]string{"", "month", "day"}[i])
		}
	}
	if b.Unspecified&1 != 0 {
		return Bound{}, Errorf(EINVALID, "date %q: the year needs at least its first digit", s)
	}
	b.Year, b.Month, b.Day = nums[0], nums[1], nums[2]
	if err := b.validate(); err != nil {
		return Bound{}, err
	}
	return b, nil
}

// unspecified reports whether any digit from bit lo to hi-1 is X.
func (b Bound) unspecified(lo, hi int) bool {
	return b.Unspecified&(1<<hi-1<<lo) != 0
}

// unknown reports whether b is an unknown end (or the unknown date).
func (b Bound) unknown() bool { return b.Year == 0 && !b.Open }

// MustParseDate is ParseDate for literals known to be right; it panics on a
// bad literal, so use it only with constants.
func MustParseDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// DateOf returns the day-precision Date of t.
func DateOf(t time.Time) Date {
	return Date{Bound: Bound{Year: t.Year(), Month: int(t.Month()), Day: t.Day()}}
}

// IsZero reports whether the date is unknown.
func (d Date) IsZero() bool { return !d.Interval && d.Year == 0 }

// Exact reports whether d is one day, a month or a year as written, with
// no qualifier, no unknown digit, no season and no interval: the dates a
// day count or a calendar can take as they are.
func (d Date) Exact() bool {
	return !d.Interval && d.Unspecified == 0 && d.Qualifier == 0 && d.Month <= 12
}

// Precision is PrecisionDay, PrecisionMonth, PrecisionYear or
// PrecisionNone: the finest part of the date (of an interval, of its
// start) that is written in full. A season, or a month with an unknown
// digit, is year precision; a day with one is month precision.
func (d Date) Precision() string {
	b := d.Bound
	if d.Interval && (b.unknown() || b.Open) {
		b = d.End
	}
	switch {
	case b.Year == 0:
		return PrecisionNone
	case b.Month == 0 || b.Month > 12 || b.unspecified(4, 6):
		return PrecisionYear
	case b.Day == 0 || b.unspecified(6, 8):
		return PrecisionMonth
	}
	return PrecisionDay
}

// Validate checks that the date exists on the calendar at its precision.
func (d Date) Validate() error {
	if err := d.Bound.validate(); err != nil {
		return err
	}
	if !d.Interval {
		if d.End != (Bound{}) {
			return Errorf(EINVALID, "date: an end given for a date that is not an interval")
		}
		return nil
	}
	return d.End.validate()
}

// validate checks one bound: its month and day exist for the digits that
// are known.
func (b Bound) validate() error {
	if b.unknown() || b.Open {
		if b.Month != 0 || b.Day != 0 {
			return Errorf(EINVALID, "date: month or day given without a year")
		}
		return nil
	}
	if b.Year < 1 || b.Year > 9999 {
		return Errorf(EINVALID, "date: year %d out of range", b.Year)
	}
	if b.Month > 20 && b.Month < 25 && !b.unspecified(4, 6) {
		if b.Day != 0 || b.unspecified(6, 8) {
			return Errorf(EINVALID, "date %s: a season has no day", b)
		}
		return nil
	}
	if lo, _ := b.months(); b.Month < 0 || lo > 12 || (!b.unspecified(4, 6) && b.Month > 12) {
		return Errorf(EINVALID, "date %s: no such month", b)
	}
	if b.Month == 0 && !b.unspecified(4, 6) && (b.Day != 0 || b.unspecified(6, 8)) {
		return Errorf(EINVALID, "date: day given without a month")
	}
	if b.Day != 0 || b.unspecified(6, 8) {
		lo, hi := b.days()
		if lo > hi {
			return Errorf(EINVALID, "date %s: no such day", b)
		}
	}
	return nil
}

// months is the range of months b may mean, 1 to 12 (a season's months
// run past 12 into the next year).
func (b Bound) months() (lo, hi int) {
	switch {
	case b.Month == 0 && !b.unspecified(4, 6):
		return 1, 12
	case b.Month > 20 && b.Month < 25 && !b.unspecified(4, 6):
		s := seasons[b.Month-21]
		return s.from, s.from + s.span - 1
	}
	lo, hi = b.Month, b.Month
	if b.unspecified(5, 6) {
		hi += 9
	}
	if b.unspecified(4, 5) {
		hi += 10
	}
	return max(lo, 1), min(hi, 12)
}

// days is the range of days b may mean, the last cut to the length of
// the last month it may mean.
func (b Bound) days() (lo, hi int) {
	_, month := b.months()
	last := daysIn(b.years(), month)
	if b.Day == 0 && !b.unspecified(6, 8) {
		return 1, last
	}
	lo, hi = b.Day, b.Day
	if b.unspecified(7, 8) {
		hi += 9
	}
	if b.unspecified(6, 7) {
		hi += 30
	}
	return max(lo, 1), min(hi, last)
}

// years is the last year b may mean: its year with every X digit a 9.
func (b Bound) years() int {
	y := b.Year
	for k, unit := range [4]int{1000, 100, 10, 1} {
		if b.Unspecified&(1<<k) != 0 {
			y += 9 * unit
		}
	}
	return y
}

// daysIn is the number of days of month m (1 to 12, or 13 and 14 for a
// winter's January and February of the next year) of year y.
func daysIn(y, m int) int {
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// first is the earliest day b may mean; last the latest.
func (b Bound) first() time.Time {
	if b.Open {
		return time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	m, _ := b.months()
	d, _ := b.days()
	if b.Day == 0 && !b.unspecified(6, 8) {
		d = 1
	}
	return time.Date(b.Year, time.Month(m), d, 0, 0, 0, 0, time.UTC)
}

func (b Bound) last() time.Time {
	if b.Open {
		return time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)
	}
	_, m := b.months()
	_, d := b.days()
	return time.Date(b.years(), time.Month(m), d, 0, 0, 0, 0, time.UTC)
}

// Span is the earliest and the latest day d may mean, at midnight UTC;
// ok is false for the unknown date. An interval's open end is the other
// end's day, an unknown end likewise: the span is what is known.
func (d Date) Span() (from, to time.Time, ok bool) {
	if d.IsZero() {
		return time.Time{}, time.Time{}, false
	}
	if !d.Interval {
		return d.Bound.first(), d.Bound.last(), true
	}
	start, end := d.Bound, d.End
	switch {
	case start.unknown() || start.Open:
		return end.first(), end.last(), true
	case end.unknown() || end.Open:
		return start.first(), start.last(), true
	}
	return start.first(), end.last(), true
}

// sortSpan is Span with an open end as far as the calendar goes.
func (d Date) sortSpan() (from, to time.Time, ok bool) {
	from, to, ok = d.Span()
	if d.Interval && d.Bound.Open {
		from = d.Bound.first()
	}
	if d.Interval && d.End.Open {
		to = d.End.last()
	}
	return from, to, ok
}

// String writes the date in EDTF, "" when unknown.
func (d Date) String() string {
	if !d.Interval {
		return d.Bound.String()
	}
	return d.Bound.String() + "/" + d.End.String()
}

// String writes one bound in EDTF: "" when unknown, ".." when open.
func (b Bound) String() string {
	if b.Open {
		return ".."
	}
	if b.Year == 0 {
		return ""
	}
	digits := func(n, width, bit int) string {
		s := []byte(fmt.Sprintf("%0*d", width, n))
		for k := range s {
			if b.Unspecified&(1<<(bit+k)) != 0 {
				s[k] = 'X'
			}
		}
		return string(s)
	}
	s := digits(b.Year, 4, 0)
	if b.Month != 0 || b.unspecified(4, 6) {
		s += "-" + digits(b.Month, 2, 4)
	}
	if b.Day != 0 || b.unspecified(6, 8) {
		s += "-" + digits(b.Day, 2, 6)
	}
	return s + [4]string{"", "?", "~", "%"}[b.Qualifier&3]
}

// Words says the date for a reader: "around November 2025", "spring
// 2025", "between 20 and 23 November 2025"; the EDTF string where words
// would say no more.
func (d Date) Words() string {
	if d.IsZero() {
		return "date not known"
	}
	if !d.Interval {
		return d.Bound.words()
	}
	switch {
	case d.Bound.Open:
		return "until " + d.End.words()
	case d.Bound.unknown():
		return "at some time until " + d.End.words()
	case d.End.Open:
		return "from " + d.Bound.words() + " on"
	case d.End.unknown():
		return "from " + d.Bound.words() + ", end not known"
	}
	return "between " + d.Bound.words() + " and " + d.End.words()
}

// words says one bound: its qualifier in front, its season by name.
func (b Bound) words() string {
	var s string
	switch {
	case b.Unspecified != 0:
		// The days, months or years the unknown digits leave open.
		from, to := b.first(), b.last()
		switch {
		case b.unspecified(0, 4):
			s = fmt.Sprintf("%04d–%04d", from.Year(), to.Year())
		case b.unspecified(4, 6):
			s = fmt.Sprintf("%s–%s %04d", from.Month(), to.Month(), b.Year)
		default:
			s = fmt.Sprintf("%d–%d %s %04d", from.Day(), to.Day(), from.Month(), b.Year)
		}
	case b.Month > 20:
		s = fmt.Sprintf("%s %04d", seasons[b.Month-21].name, b.Year)
	case b.Month == 0:
		s = fmt.Sprintf("%04d", b.Year)
	case b.Day == 0:
		s = fmt.Sprintf("%s %04d", time.Month(b.Month), b.Year)
	default:
		s = fmt.Sprintf("%d %s %04d", b.Day, time.Month(b.Month), b.Year)
	}
	switch b.Qualifier {
	case Uncertain:
		return s + " (uncertain)"
	case Approximate:
		return "around " + s
	case UncertainApproximate:
		return "around " + s + " (uncertain)"
	}
	return s
}

// Compare orders dates by the earliest day they may mean (an interval
// open at its start before every other), then by the latest, later first
// (so a month sorts before the days in it and a year before its months),
// then by their EDTF strings; the unknown date sorts first.
func (d Date) Compare(e Date) int {
	df, dt, dok := d.sortSpan()
	ef, et, eok := e.sortSpan()
	switch {
	case !dok || !eok:
		return cmpBool(dok, eok)
	case !df.Equal(ef):
		return df.Compare(ef)
	case !dt.Equal(et):
		return et.Compare(dt)
	}
	return strings.Compare(d.String(), e.String())
}

// cmpBool orders false before true.
func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// Before reports whether d sorts before e (see Compare).
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// MarshalJSON writes the date as its EDTF string.
func (d Date) MarshalJSON() ([]byte, error) { return json.Marshal(d.String()) }

// UnmarshalJSON reads an EDTF string.
func (d *Date) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return Errorf(EINVALID, "date: want a string such as \"2025-11-20\"")
	}
	v, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}
