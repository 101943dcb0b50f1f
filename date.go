package parley

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Date is a calendar date known to a precision: a year, a month or a day,
// written in the EDTF style ("2025", "2025-11", "2025-11-20"). The zero Date
// means "unknown".
type Date struct {
	Year  int
	Month int // 0 when only the year is known
	Day   int // 0 when only the year or month is known
}

// Precisions of a Date.
const (
	PrecisionNone  = ""
	PrecisionYear  = "year"
	PrecisionMonth = "month"
	PrecisionDay   = "day"
)

// ParseDate reads an EDTF-style date: "", "2025", "2025-11" or "2025-11-20".
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Date{}, nil
	}
	parts := strings.Split(s, "-")
	if len(parts) > 3 || len(parts[0]) != 4 {
		return Date{}, Errorf(EINVALID, "date %q: want YYYY, YYYY-MM or YYYY-MM-DD", s)
	}
	var nums [3]int
	for i, p := range parts {
		if (i > 0 && len(p) != 2) || p == "" {
			return Date{}, Errorf(EINVALID, "date %q: want YYYY, YYYY-MM or YYYY-MM-DD", s)
		}
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 || strings.ContainsAny(p, "+-") {
			return Date{}, Errorf(EINVALID, "date %q: %q is not a number", s, p)
		}
		// A month or day of 00 is not "unknown": that is written by
		// leaving it out ("2025", not "2025-00").
		if i > 0 && n == 0 {
			return Date{}, Errorf(EINVALID, "date %q: there is no %s 00 (leave out what is not known: YYYY or YYYY-MM)", s, [3]string{"", "month", "day"}[i])
		}
		nums[i] = n
	}
	d := Date{Year: nums[0], Month: nums[1], Day: nums[2]}
	if err := d.Validate(); err != nil {
		return Date{}, err
	}
	return d, nil
}

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
	return Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day()}
}

// IsZero reports whether the date is unknown.
func (d Date) IsZero() bool { return d.Year == 0 }

// Precision returns PrecisionDay, PrecisionMonth, PrecisionYear or
// PrecisionNone.
func (d Date) Precision() string {
	switch {
	case d.Year == 0:
		return PrecisionNone
	case d.Month == 0:
		return PrecisionYear
	case d.Day == 0:
		return PrecisionMonth
	}
	return PrecisionDay
}

// Validate checks that the date exists on the calendar at its precision.
func (d Date) Validate() error {
	if d.IsZero() {
		if d.Month != 0 || d.Day != 0 {
			return Errorf(EINVALID, "date: month or day given without a year")
		}
		return nil
	}
	if d.Year < 1 || d.Year > 9999 {
		return Errorf(EINVALID, "date: year %d out of range", d.Year)
	}
	if d.Month < 0 || d.Month > 12 {
		return Errorf(EINVALID, "date %04d-%02d: no such month", d.Year, d.Month)
	}
	if d.Month == 0 && d.Day != 0 {
		return Errorf(EINVALID, "date: day given without a month")
	}
	if d.Day != 0 {
		t := time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC)
		if t.Day() != d.Day {
			return Errorf(EINVALID, "date %04d-%02d-%02d: no such day", d.Year, d.Month, d.Day)
		}
	}
	return nil
}

// String writes the date in EDTF style, "" when unknown.
func (d Date) String() string {
	switch d.Precision() {
	case PrecisionYear:
		return fmt.Sprintf("%04d", d.Year)
	case PrecisionMonth:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	case PrecisionDay:
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
	}
	return ""
}

// Before reports whether d starts before e; an unknown date sorts first.
func (d Date) Before(e Date) bool {
	if d.Year != e.Year {
		return d.Year < e.Year
	}
	if d.Month != e.Month {
		return d.Month < e.Month
	}
	return d.Day < e.Day
}

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
