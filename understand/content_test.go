package understand_test

import (
	"reflect"
	"testing"

	"parley/understand"
)

func TestExtractFigures(t *testing.T) {
	for _, tt := range []struct {
		text string
		want []string // each figure as Figure.String
	}{
		{"Ukraine's armed forces capped at 800,000 in peacetime.", []string{"800,000"}},
		{"capped at 100,000", []string{"100,000"}},
		{"Армия Украины ограничена 800 000 военнослужащих.", []string{"800,000 personnel"}},
		{"Армия ограничена 800\u00a0000 человек в мирное время.", []string{"800,000 personnel"}},
		{"Армия ограничена 800\u202f000.", []string{"800,000"}},
		{"Численность ВСУ — 800 тыс. в мирное время.", []string{"800,000"}},
		{"Чисельність ЗСУ обмежено 800 тис. у мирний час.", []string{"800,000"}},
		{"Чисельність ЗСУ обмежено 100 тисяч військовослужбовців.", []string{"100,000 personnel"}},
		{"Численность армии 800.000, не больше.", []string{"800,000"}},
		{"up to 1,5 млн", []string{"1,500,000"}},
		{"$100 billion of frozen assets", []string{"100,000,000,000 USD"}},
		{"elections within 100 days", []string{"100 days"}},
		{"sanctions cut by 15%", []string{"15%"}},
		{"guarantees modelled on Article 5", []string{"article 5"}},
		{"600 thousand troops", []string{"600,000 personnel"}},
		{"a $5m fund, a 100 m strip", []string{"5,000,000 USD", "100"}},
		{"between 1,250,000 and 2.5 million", []string{"1,250,000", "2,500,000"}},
	} {
		t.Run(tt.text, func(t *testing.T) {
			c := understand.Extract(tt.text, nil)
			got := []string{}
			for _, f := range c.Figures {
				got = append(got, f.String())
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("figures = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestExtractDatesNegationModalityLanguage(t *testing.T) {
	for _, tt := range []struct {
		text     string
		lang     string
		dates    []string
		negated  bool
		modality string
	}{
		{"Putin will meet Zelensky in person.", "en", []string{}, false, "will"},
		{"A meeting was mentioned only as a possibility; no promise was made.", "en", []string{}, true, "may"},
		{"The leaders may meet in May 2026.", "en", []string{"2026-05"}, false, "may"},
		{"Talks on 15 August 2025 and on August 16, 2025; the text of 2025-11-20.", "en", []string{"2025-08-15", "2025-08-16", "2025-11-20"}, false, ""},
		{"Russia won't invade its neighbours.", "en", []string{}, true, "will"},
		{"Путин встретится с Зеленским 15 августа 2025 года, это будет решено.", "ru", []string{"2025-08-15"}, false, "will"},
		{"Встреча может состояться; обещания не было.", "ru", []string{}, true, "may"},
		{"Нет никакой договорённости.", "ru", []string{}, true, ""},
		{"Зустріч лідерів буде в серпні 2025.", "uk", []string{"2025-08"}, false, "will"},
		{"Зустріч може відбутися, але ні про що не домовились.", "uk", []string{}, true, "may"},
	} {
		t.Run(tt.text, func(t *testing.T) {
			c := understand.Extract(tt.text, nil)
			if c.Lang != tt.lang || !reflect.DeepEqual(c.Dates, tt.dates) || c.Negated != tt.negated || c.Modality != tt.modality {
				t.Fatalf("got lang %s dates %q negated %v modality %q; want %s %q %v %q", c.Lang, c.Dates, c.Negated, c.Modality, tt.lang, tt.dates, tt.negated, tt.modality)
			}
		})
	}
}

func TestExtractNames(t *testing.T) {
	lex := &understand.Lexicon{}
	lex.AddName("Russia", "RU")
	lex.AddName("RU", "RU")
	lex.AddName("United States", "US")
	lex.AddName("US", "US")
	lex.AddName("Россия", "RU")
	lex.AddName("Росія", "RU")
	for _, tt := range []struct {
		text          string
		names, places []string
	}{
		{"Russia pulls back from Kherson.", []string{"RU"}, []string{"Kherson"}},
		{"Россия отводит войска из Херсона.", []string{"RU"}, []string{"Херсона"}},
		{"Росія відводить війська.", []string{"RU"}, []string{}},
		{"Give us a meeting with the United States in Geneva.", []string{"US"}, []string{"Geneva"}},
		{"Ukraine's forces leave Donbas.", []string{}, []string{"Donbas"}},
		{"The guarantee follows Putin's promise.", []string{}, []string{"Putin"}},
	} {
		t.Run(tt.text, func(t *testing.T) {
			c := understand.Extract(tt.text, lex)
			if !reflect.DeepEqual(c.Names, tt.names) || !reflect.DeepEqual(c.Places, tt.places) {
				t.Fatalf("names = %q, places %q; want %q, %q", c.Names, c.Places, tt.names, tt.places)
			}
		})
	}
}
