package ingest

import (
	"strconv"
	"strings"
)

// Number formats, named as Word names them (w:numFmt). HTML list types
// map onto them; "lowerAlpha" and "upperAlpha" are HTML's letters, which
// go on "z, aa, ab" where Word's go on "z, aa, bb".
const (
	fmtDecimal     = "decimal"
	fmtDecimalZero = "decimalZero"
	fmtLowerLetter = "lowerLetter"
	fmtUpperLetter = "upperLetter"
	fmtLowerAlpha  = "lowerAlpha"
	fmtUpperAlpha  = "upperAlpha"
	fmtLowerRoman  = "lowerRoman"
	fmtUpperRoman  = "upperRoman"
	fmtBullet      = "bullet"
	fmtNone        = "none"
)

// Numbers past these are written in decimal: letters and roman numerals
// that long are not a numbering anyone reads (and a forged start value of
// two billion must not make a label of eighty million letters).
const (
	maxRoman   = 3999
	maxLetters = 26 * 30
)

// formatNumber writes n in a numbering format. Formats without letters
// or numerals for n (zero or less in letters, past maxRoman in roman
// numerals) and unknown formats fall back to decimal, as Word and the
// browsers do.
func formatNumber(n int, format string) string {
	switch format {
	case fmtNone:
		return ""
	case fmtBullet:
		return "•"
	case fmtDecimalZero:
		if n >= 0 && n < 10 {
			return "0" + strconv.Itoa(n)
		}
	case fmtLowerLetter, fmtUpperLetter:
		if n >= 1 && n <= maxLetters {
			s := strings.Repeat(string(rune('a'+(n-1)%26)), (n-1)/26+1)
			if format == fmtUpperLetter {
				s = strings.ToUpper(s)
			}
			return s
		}
	case fmtLowerAlpha, fmtUpperAlpha:
		if n >= 1 && n <= maxLetters {
			var b []byte
			for m := n; m > 0; m = (m - 1) / 26 {
				b = append([]byte{byte('a' + (m-1)%26)}, b...)
			}
			if format == fmtUpperAlpha {
				return strings.ToUpper(string(b))
			}
			return string(b)
		}
	case fmtLowerRoman, fmtUpperRoman:
		if n >= 1 && n <= maxRoman {
			s := roman(n)
			if format == fmtLowerRoman {
				s = strings.ToLower(s)
			}
			return s
		}
	}
	return strconv.Itoa(n)
}

// roman writes 1 to 3999 in roman numerals.
func roman(n int) string {
	var b strings.Builder
	for _, r := range []struct {
		value  int
		symbol string
	}{
		{1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"}, {90, "XC"},
		{50, "L"}, {40, "XL"}, {10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"},
	} {
		for n >= r.value {
			b.WriteString(r.symbol)
			n -= r.value
		}
	}
	return b.String()
}

// startsWithNumber reports whether text already begins with the number a
// list would put in front of it ("1. The parties" in an item numbered 1,
// "(a) text" in an item "(a)"), so that the number is not written twice.
func startsWithNumber(text, label string) bool {
	token := strings.Trim(label, "().")
	if token == "" {
		return false
	}
	text = strings.TrimSpace(text)
	text = strings.TrimPrefix(text, "(")
	if len(text) <= len(token) || !strings.EqualFold(text[:len(token)], token) {
		return false
	}
	rest := text[len(token):]
	return strings.HasPrefix(rest, ". ") || strings.HasPrefix(rest, ") ") || rest == "." || rest == ")"
}
