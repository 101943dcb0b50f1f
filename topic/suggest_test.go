package topic_test

import (
	"slices"
	"testing"

	"parley/topic"
)

func TestSuggest(t *testing.T) {
	for _, tc := range []struct {
		name, lang, text, topic string
		evidence                []string
	}{
		{"english ceasefire", "en", "A complete ceasefire takes effect along the line of contact.", "ceasefire", []string{"ceasefire", "line of contact"}},
		{"english inflection", "en", "All prisoners are exchanged within sixty days.", "justice", []string{"prisoners", "exchanged"}},
		{"russian sanctions", "ru", "Санкции, введённые в связи с конфликтом, отменяются поэтапно.", "economy", []string{"Санкции"}},
		{"russian inflection", "ru", "Стороны освобождают всех пленных по принципу «всех на всех».", "justice", []string{"освобождают", "пленных"}},
		{"ukrainian rights", "uk", "Кожен має право на свободу світогляду і віросповідання.", "rights", []string{"право", "свободу", "віросповідання"}},
		{"ukrainian state", "uk", "Державними символами України є Державний Прапор України.", "state", []string{"Державними символами", "Прапор"}},
		{"language read from the text", "", "Україна зберігає право на вступ до НАТО.", "international", []string{"НАТО"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := topic.Suggest(tc.text, tc.lang)
			if len(got) == 0 || got[0].Topic != tc.topic {
				t.Fatalf("Suggest = %+v, want %s first", got, tc.topic)
			}
			if !slices.Equal(got[0].Evidence, tc.evidence) {
				t.Errorf("evidence = %q, want %q", got[0].Evidence, tc.evidence)
			}
		})
	}
}

func TestSuggestNothing(t *testing.T) {
	for _, text := range []string{"", "Done at Geneva in two originals.", "Das Abkommen tritt in Kraft."} {
		if got := topic.Suggest(text, "de"); got != nil {
			t.Errorf("Suggest(%q, de) = %+v, want nothing for a language without a lexicon", text, got)
		}
	}
	if got := topic.Suggest("The weather was fine.", "en"); len(got) != 0 {
		t.Errorf("Suggest = %+v, want nothing", got)
	}
}

func TestLanguage(t *testing.T) {
	for text, want := range map[string]string{
		"The parties cease fire.":           "en",
		"Стороны прекращают огонь.":         "ru",
		"Сторони припиняють вогонь у їхніх": "uk",
		"12 / 34": "",
	} {
		if got := topic.Language(text); got != want {
			t.Errorf("Language(%q) = %q, want %q", text, got, want)
		}
	}
}

func TestSuggestPointsInheritsFromParent(t *testing.T) {
	got := topic.SuggestPoints([]topic.Point{
		{Path: []string{"2"}, Text: "Стороны отводят подразделения от линии соприкосновения в следующих районах:"},
		{Path: []string{"2", "а"}, Text: "у населённого пункта Заречное;"},
		{Path: []string{"3"}, Text: "Не известно."},
	})
	if len(got[1]) == 0 || got[1][0].Topic != "ceasefire" || !slices.Equal(got[1][0].From, []string{"2"}) {
		t.Errorf("2(а) = %+v, want ceasefire from 2", got[1])
	}
	if len(got[2]) != 0 {
		t.Errorf("an unknown point = %+v, want no topics", got[2])
	}
}

func TestSchemeKeysAreUnique(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range topic.Scheme {
		if seen[c.Key] || c.Name == "" || c.Definition == "" {
			t.Errorf("category %+v repeated or incomplete", c)
		}
		seen[c.Key] = true
	}
}
