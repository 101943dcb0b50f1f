package align_test

import (
	"strconv"
	"strings"
	"testing"

	"parley"
	"parley/align"
)

// numbered makes one version's points from texts, numbered 1, 2, 3...
func numbered(texts ...string) []parley.Point {
	out := make([]parley.Point, len(texts))
	for i, text := range texts {
		n := strconv.Itoa(i + 1)
		out[i] = parley.Point{Ordinal: i, Path: []string{n}, Label: n + ".", Text: text}
	}
	return out
}

// TestInflectedRedraftLinks: a redraft that moves its points and changes
// the case and number of their words (a German and a Russian text) links
// each point to its own redraft, which the word similarity only sees
// through the stems: the texts share no word as written but their
// function words, which carry no evidence.
func TestInflectedRedraftLinks(t *testing.T) {
	for _, tt := range []struct {
		name     string
		old, new []parley.Point
		want     map[int]int // old index to new index
	}{
		{
			name: "German",
			old: numbered(
				"Die Vertragspartei verpflichtet sich zur sofortigen Einstellung der Kampfhandlung.",
				"Der Gefangene wird binnen eines Monats dem Roten Kreuz übergeben.",
				"Die Beobachtermission überwacht die Grenzlinie.",
				"Der Wiederaufbau der Schule wird aus dem Fonds finanziert.",
			),
			new: numbered(
				"Beobachtermissionen überwachen Grenzlinien.",
				"Wiederaufbaus der Schulen aus Fonds finanzierte.",
				"Vertragsparteien verpflichten sich zu sofortigen Einstellungen aller Kampfhandlungen.",
				"Gefangenen werden binnen zweier Monate an Rote Kreuze übergeben.",
			),
			want: map[int]int{0: 2, 1: 3, 2: 0, 3: 1},
		},
		{
			name: "Russian",
			old: numbered(
				"Стороны обязуются немедленно прекратить огонь по всей линии соприкосновения.",
				"Пленные освобождаются в течение месяца под наблюдением Красного Креста.",
				"Наблюдательная миссия контролирует границу.",
				"Восстановление школы финансируется из фонда.",
			),
			new: numbered(
				"Наблюдательной миссией контролируются границы.",
				"Восстановлению школ финансирование из фондов.",
				"Сторона обязуется немедленно прекратить огонь по всей линии соприкосновения.",
				"Пленных освобождают в течение месяцев под наблюдением Красным Крестом.",
			),
			want: map[int]int{0: 2, 1: 3, 2: 0, 3: 1},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			al := align.Align(tt.old, tt.new, align.Options{})
			got := map[int]int{}
			for _, l := range al.Links {
				if len(l.Old) == 1 && len(l.New) == 1 {
					got[l.Old[0]] = l.New[0]
				}
			}
			for i, j := range tt.want {
				if k, ok := got[i]; !ok || k != j {
					t.Errorf("old point %d %q: linked to %v, want new point %d %q", i+1, tt.old[i].Text, linkedTo(al, i), j+1, tt.new[j].Text)
				}
			}
		})
	}
}

// linkedTo describes the link of old point i.
func linkedTo(al *align.Alignment, i int) string {
	for _, l := range al.Links {
		for _, o := range l.Old {
			if o == i {
				var b strings.Builder
				b.WriteString(l.Kind)
				for _, j := range l.New {
					b.WriteString(" " + al.New[j].Label)
				}
				return b.String()
			}
		}
	}
	return "nothing"
}

// TestRedlineKeepsWordsAsWritten: the aligner links inflected forms
// through their stems, but the redline of the link shows the words as the
// two versions print them.
func TestRedlineKeepsWordsAsWritten(t *testing.T) {
	old := numbered("Die Beobachtermission überwacht die Grenzlinie.", "Der Gefangene wird binnen eines Monats übergeben.")
	new := numbered("Der Gefangene wird binnen eines Monats übergeben.", "Beobachtermissionen überwachen Grenzlinien.")
	al := align.Align(old, new, align.Options{})
	for _, l := range al.Links {
		if len(l.Old) != 1 || l.Old[0] != 0 {
			continue
		}
		if len(l.New) != 1 || l.New[0] != 1 {
			t.Fatalf("old point 1 linked to %v, want new point 2", l.New)
		}
		var before, after string
		var deleted, inserted []string
		for _, op := range al.Redline(l) {
			if op.Op != align.OpInsert {
				before += op.Text
			}
			if op.Op != align.OpDelete {
				after += op.Text
			}
			switch op.Op {
			case align.OpDelete:
				deleted = append(deleted, op.Text)
			case align.OpInsert:
				inserted = append(inserted, op.Text)
			}
		}
		if before != old[0].Text || after != new[1].Text {
			t.Errorf("redline rebuilds %q and %q", before, after)
		}
		if d, i := strings.Join(deleted, "|"), strings.Join(inserted, "|"); !strings.Contains(d, "Beobachtermission überwacht") || !strings.Contains(i, "Beobachtermissionen überwachen") {
			t.Errorf("redline deletes %q and inserts %q; want the words as written", d, i)
		}
		return
	}
	t.Fatal("old point 1 not linked")
}

// TestRedlineArabicMarks: an Arabic word's vowel signs are part of it, so
// adding them to one word changes that word, not single marks.
func TestRedlineArabicMarks(t *testing.T) {
	got := align.Redline("يجب احترام الاتفاق بين الطرفين", "يجب احترام الاتِّفاقِ بين الطرفين")
	want := []align.Op{{Op: align.OpEqual, Text: "يجب احترام "}, {Op: align.OpDelete, Text: "الاتفاق"}, {Op: align.OpInsert, Text: "الاتِّفاقِ"}, {Op: align.OpEqual, Text: " بين الطرفين"}}
	if len(got) != len(want) {
		t.Fatalf("Redline = %q, want %q", got, want)
	}
	for k := range want {
		if got[k] != want[k] {
			t.Fatalf("Redline = %q, want %q", got, want)
		}
	}
}

func TestStem(t *testing.T) {
	for _, tc := range []struct{ a, b, lang string }{
		{"Withdraws", "withdraw", "en"},
		{"санкций", "Санкции", "ru"},
		{"учёт", "учет", "ru"},
		{"угодою", "угода", "uk"},
		{"об'єднань", "обєднань", "uk"},
	} {
		if a, b := align.Stem(tc.a, tc.lang), align.Stem(tc.b, tc.lang); a != b {
			t.Errorf("Stem(%q) = %q, Stem(%q) = %q, want one term", tc.a, a, tc.b, b)
		}
	}
	if got := align.Stem("Abkommen", "xx"); got != "abkommen" {
		t.Errorf("a language without a stemmer: %q, want the word lower-cased", got)
	}
}
