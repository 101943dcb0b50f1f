package understand_test

import (
	"fmt"
	"strings"
	"testing"

	"parley"
	"parley/understand"
)

const us, ru, ua = 1, 2, 3

// armyCap is the demo's numeric issue, 0-1,000,000 personnel.
var armyCap = &parley.Issue{ID: 1, Name: "Ceiling on Ukraine's armed forces", Scale: parley.ScaleNumeric, Unit: "personnel", Min: 0, Max: 1000000}

var context = understand.Context{
	Parties: []*parley.Party{{ID: us, Code: "US", Name: "United States"}, {ID: ru, Code: "RU", Name: "Russia"}, {ID: ua, Code: "UA", Name: "Ukraine"}},
	Issues:  []*parley.Issue{armyCap},
	Synonyms: []parley.SynonymGroup{
		{Key: "army-cap", Terms: []string{"army ceiling", "потолок армии", "ліміт армії"}},
		{Key: "RU", Terms: []string{"Moscow", "Россия", "Росія", "Москва"}},
		{Key: "leaders-meeting", Terms: []string{"Putin-Zelensky meeting", "встреча лидеров", "зустріч лідерів"}},
	},
}

func understanding(id, party int64, date string, claims ...parley.Claim) *parley.Understanding {
	return &parley.Understanding{ID: id, EventID: 9, PartyID: party, Date: parley.MustParseDate(date), Claims: claims, Visibility: parley.VisibilityPublished}
}

func agreed(topic, text string) parley.Claim {
	return parley.Claim{Topic: topic, Text: text, Agreed: true}
}
func refused(topic, text string) parley.Claim {
	return parley.Claim{Topic: topic, Text: text}
}
func onIssue(c parley.Claim, issue int64) parley.Claim { c.IssueID = issue; return c }
func onPoint(c parley.Claim, point int64) parley.Claim { c.PointID = point; return c }

// summary writes a comparison compactly: key outcome[*] agreed=parties
// not=parties silent=parties [differences], where * marks differing points.
func summary(topics []understand.Topic) string {
	var lines []string
	for _, t := range topics {
		s := t.Key + " " + t.Outcome
		if t.PointsDiffer {
			s += "*"
		}
		ids := func(cs []understand.Claim) []int64 {
			out := []int64{}
			for _, c := range cs {
				out = append(out, c.PartyID)
			}
			return out
		}
		s += fmt.Sprintf(" agreed=%v not=%v silent=%v", ids(t.Agreed), ids(t.NotAgreed), t.Silent)
		for _, d := range t.Differences {
			s += " [" + d.String() + "]"
		}
		lines = append(lines, s)
	}
	return strings.Join(lines, "\n")
}

func TestCompare(t *testing.T) {
	for _, tt := range []struct {
		name string
		in   []*parley.Understanding
		want string
	}{
		// The demo's Alaska summit as the press reported each reading.
		{"Alaska: disputed meeting, one-sided trade",
			[]*parley.Understanding{
				understanding(1, us, "2025-08", agreed("leaders-meeting", "Putin promised to meet Zelensky in person.")),
				understanding(2, ru, "2025-08", agreed("security-guarantees", "Moscow agreed that Ukraine could receive Western security guarantees modelled on Article 5."),
					agreed("donbas-withdrawal", "In return, Kyiv would pull its forces out of Donbas."),
					refused("Putin-Zelensky meeting", "A Putin-Zelensky meeting was mentioned only as a possibility; no promise was made.")),
			},
			"leaders meeting disputed agreed=[1] not=[2] silent=[] [negation: affirmative vs negative] [modality: will vs may]\n" +
				"security guarantees one-sided agreed=[2] not=[] silent=[1]\n" +
				"donbas withdrawal one-sided agreed=[2] not=[] silent=[1]"},
		{"Alaska, had both said agreed: will against may",
			[]*parley.Understanding{
				understanding(1, us, "2025-08", agreed("leaders-meeting", "Putin promised to meet Zelensky in person.")),
				understanding(2, ru, "2025-08", agreed("Leaders' meeting", "Putin may meet Zelensky once a meeting is prepared.")),
			},
			"leaders meeting contradiction agreed=[1 2] not=[] silent=[] [modality: will vs may]"},
		// The army cap, in three languages: different figures contradict,
		// the same figure written three ways agrees.
		{"army cap, English: 800,000 against 100,000",
			[]*parley.Understanding{
				understanding(1, ua, "2025-11-23", agreed("army-cap", "Ukraine's armed forces capped at 800,000 in peacetime.")),
				understanding(2, ru, "2025-11-23", agreed("Army Cap", "capped at 100,000")),
			},
			"army cap contradiction agreed=[2 3] not=[] silent=[] [figures: 100,000 vs 800,000]"},
		{"army cap, Russian and Ukrainian: 800 тис. against 100 тыс.",
			[]*parley.Understanding{
				understanding(1, ua, "2025-11-23", agreed("ліміт армії", "Чисельність ЗСУ обмежено 800 тис. у мирний час.")),
				understanding(2, ru, "2025-11-23", agreed("потолок армии", "Численность ВСУ ограничена 100 тыс. военнослужащих.")),
			},
			"army cap contradiction agreed=[2 3] not=[] silent=[] [figures: 100,000 personnel vs 800,000]"},
		{"army cap, three languages, one figure: agreed",
			[]*parley.Understanding{
				understanding(1, ua, "2025-11-23", onIssue(agreed("ліміт армії", "Чисельність ЗСУ — 600 тис. військовослужбовців."), 1)),
				understanding(2, ru, "2025-11-23", onIssue(agreed("потолок", "Армия Украины: 600 000 человек."), 1)),
				understanding(3, us, "2025-11-23", onIssue(agreed("army", "The army is capped at 600,000."), 1)),
			},
			"army cap agreed agreed=[1 2 3] not=[] silent=[]"},
		{"disputed, Russian against Ukrainian",
			[]*parley.Understanding{
				understanding(1, ua, "2025-11", agreed("зустріч лідерів", "Зустріч лідерів відбудеться.")),
				understanding(2, ru, "2025-11", refused("встреча лидеров", "Встреча лидеров не согласована.")),
			},
			"leaders meeting disputed agreed=[3] not=[2] silent=[] [negation: affirmative vs negative]"},
		{"one-sided, in Ukrainian, the others silent",
			[]*parley.Understanding{
				understanding(1, ua, "2025-11", agreed("обмін полоненими", "Обмін усіх на всіх.")),
				understanding(2, ru, "2025-11", agreed("другое", "Что-то ещё.")),
			},
			"обмін полоненими one-sided agreed=[3] not=[] silent=[2]\nдругое one-sided agreed=[2] not=[] silent=[3]"},
		{"not agreed by all, in Russian",
			[]*parley.Understanding{understanding(1, ru, "2025", refused("nato", "Вступление в НАТО не согласовано.")), understanding(2, ua, "2025", refused("NATO", "Вступ до НАТО не погоджено."))},
			"nato not-agreed agreed=[] not=[2 3] silent=[]"},
		{"negation contradicts: will against will not",
			[]*parley.Understanding{understanding(1, us, "2025", agreed("expansion", "NATO will expand no further.")), understanding(2, ru, "2025", agreed("expansion", "NATO will expand."))},
			"expansion contradiction agreed=[1 2] not=[] silent=[] [negation: negative vs affirmative]"},
		{"dates contradict, in Ukrainian and English",
			[]*parley.Understanding{understanding(1, ua, "2025", agreed("elections", "Вибори 15 березня 2026.")), understanding(2, us, "2025", agreed("elections", "Elections on 15 May 2026."))},
			"elections contradiction agreed=[1 3] not=[] silent=[] [dates: 2026-05-15 vs 2026-03-15]"},
		{"places contradict; naming fewer does not",
			[]*parley.Understanding{understanding(1, ua, "2025", agreed("withdrawal", "Russian forces leave Kherson.")), understanding(2, ru, "2025", agreed("withdrawal", "Russian forces leave Zaporizhzhia.")),
				understanding(3, us, "2025", agreed("plant", "The plant restarts under the IAEA.")), understanding(4, ru, "2025", agreed("plant", "The plant restarts."))},
			"withdrawal contradiction agreed=[2 3] not=[] silent=[1] [places: Zaporizhzhia vs Kherson]\nplant agreed agreed=[1 2] not=[] silent=[3]"},
		{"different issues contradict under one key",
			[]*parley.Understanding{understanding(1, us, "2025", onIssue(agreed("the trade", "Agreed."), 2)), understanding(2, ru, "2025", onIssue(agreed("the trade", "Agreed."), 3))},
			"the trade contradiction agreed=[1 2] not=[] silent=[] [issue: issue 2 vs issue 3]"},
		{"one issue ties two keys together",
			[]*parley.Understanding{understanding(1, ua, "2025", onIssue(agreed("army-size", "800,000"), 1)), understanding(2, ru, "2025", onIssue(agreed("demilitarisation", "100,000"), 1))},
			"army size contradiction agreed=[2 3] not=[] silent=[] [figures: 100,000 vs 800,000]"},
		{"different points: flagged, not a contradiction",
			[]*parley.Understanding{understanding(1, us, "2025", onPoint(agreed("army", "Agreed."), 6)), understanding(2, ua, "2025", onPoint(agreed("army", "Agreed."), 106))},
			"army agreed* agreed=[1 3] not=[] silent=[]"},
		{"a party's newer understanding wins, whatever the input order",
			[]*parley.Understanding{understanding(7, us, "2025-09", refused("leaders-meeting", "No.")), understanding(3, us, "2025-08", agreed("leaders-meeting", "Yes."), agreed("other", "x")),
				understanding(4, ru, "2025-08", refused("leaders-meeting", "No."))},
			"other one-sided agreed=[1] not=[] silent=[2]\nleaders meeting not-agreed agreed=[] not=[1 2] silent=[]"},
		{"nothing", nil, ""},
		{"nil entries are skipped", []*parley.Understanding{nil, understanding(1, us, "2025", agreed("x", "x")), nil}, "x one-sided agreed=[1] not=[] silent=[]"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := summary(understand.Compare(tt.in, context)); got != tt.want {
				t.Fatalf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestComparePlacesFiguresOnTheScale(t *testing.T) {
	topics := understand.Compare([]*parley.Understanding{
		understanding(1, ua, "2025-11-23", onIssue(agreed("army-cap", "Ukraine's armed forces capped at 800,000 in peacetime."), 1)),
		understanding(2, ru, "2025-11-23", agreed("Army Cap", "capped at 100 тыс. военнослужащих, with $5 billion of aid")),
	}, context)
	if len(topics) != 1 || topics[0].Scale == nil {
		t.Fatalf("topics = %+v", topics)
	}
	var marks []string
	for _, m := range topics[0].Scale.Marks {
		marks = append(marks, fmt.Sprintf("%d:%s@%.2f", m.PartyID, m.Label, m.At))
	}
	if got, want := strings.Join(marks, " "), "2:100,000@0.10 3:800,000@0.80"; got != want {
		t.Fatalf("marks = %s, want %s", got, want)
	}
	name := func(id int64) string { return map[int64]string{us: "US", ru: "RU", ua: "UA"}[id] }
	if got, want := topics[0].Describe(name), "RU, UA say agreed, but differ: figures: 100,000 personnel, 5,000,000,000 USD vs 800,000"; got != want {
		t.Fatalf("Describe = %q, want %q", got, want)
	}
}

func TestCompareKeepsTheClaims(t *testing.T) {
	topics := understand.Compare([]*parley.Understanding{
		understanding(1, us, "2025-08", agreed("leaders-meeting", "Putin promised to meet Zelensky.")),
		understanding(2, ru, "2025-08", refused("leaders-meeting", "No promise was made."), agreed("guarantees", "Guarantees.")),
	}, understand.Context{})
	lm := topics[0]
	if c := lm.ClaimOf(us); c == nil || c.Text != "Putin promised to meet Zelensky." || c.UnderstandingID != 1 || c.Date.String() != "2025-08" || c.Content.Modality != "will" {
		t.Fatalf("US claim = %+v", c)
	}
	if c := lm.ClaimOf(ru); c == nil || c.Agreed || c.UnderstandingID != 2 || !c.Content.Negated {
		t.Fatalf("RU claim = %+v", c)
	}
	if c := topics[1].ClaimOf(us); c != nil {
		t.Fatalf("US is silent on guarantees, got %+v", c)
	}
	name := func(id int64) string { return map[int64]string{us: "US", ru: "RU"}[id] }
	for _, tt := range []struct {
		topic understand.Topic
		want  string
	}{
		{lm, "US says agreed; RU says not agreed"},
		{topics[1], "only RU says agreed; US silent"},
	} {
		if got := tt.topic.Describe(name); got != tt.want {
			t.Errorf("Describe = %q, want %q", got, tt.want)
		}
	}
	counts := understand.CountOutcomes(topics)
	if counts[understand.Disputed] != 1 || counts[understand.OneSided] != 1 || counts[understand.Agreed] != 0 || counts[understand.Contradiction] != 0 {
		t.Fatalf("counts = %v", counts)
	}
}

// A claim tied to an issue has the issue's name as a topic, so that a
// synonym of the name joins it to claims that name no issue.
func TestCompareJoinsAnIssueByItsName(t *testing.T) {
	cx := context
	cx.Synonyms = []parley.SynonymGroup{{Key: "army-cap", Terms: []string{"Ceiling on Ukraine's armed forces", "потолок армии"}}}
	topics := understand.Compare([]*parley.Understanding{
		understanding(1, ua, "2025-11", onIssue(agreed("армія", "Чисельність ЗСУ обмежено 800 тис."), 1)),
		understanding(2, ru, "2025-11", agreed("потолок армии", "Численность ВСУ — 100 тыс.")),
	}, cx)
	if got, want := summary(topics), "army cap contradiction agreed=[2 3] not=[] silent=[] [figures: 100,000 vs 800,000]"; got != want {
		t.Fatalf("got %s, want %s", got, want)
	}
}
