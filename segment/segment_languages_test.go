package segment_test

import (
	"slices"
	"strings"
	"testing"

	"parley/segment"
)

// pathLabels lists the points of seg as "path label": "1/a (a)".
func pathLabels(seg segment.Segmented) []string {
	out := make([]string, len(seg.Points))
	for i, p := range seg.Points {
		out[i] = p.Key() + " " + p.Label
	}
	return out
}

// TestSegmentArticleKeywords checks that the article headings of real
// legal texts in many languages and layouts become points whose path is
// the article's number and whose label names the article.
func TestSegmentArticleKeywords(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       []string
	}{
		{"russian", "Статья 1. Российская Федерация есть государство.\n\nСтатья 2. Человек есть высшая ценность.\n",
			[]string{"1 Статья 1", "2 Статья 2"}},
		{"russian caps", "СТАТЬЯ 1\n\nТекст первой статьи.\n\nСТАТЬЯ 2\n\nТекст второй статьи.\n",
			[]string{"1 СТАТЬЯ 1", "2 СТАТЬЯ 2"}},
		{"ukrainian", "Стаття 1\nУкраїна є суверенна і незалежна, демократична, соціальна, правова держава.\n\nСтаття 2\nСуверенітет України поширюється на всю її територію.\n",
			[]string{"1 Стаття 1", "2 Стаття 2"}},
		{"belarusian", "Артыкул 1. Рэспубліка Беларусь – унітарная дзяржава.\n\nАртыкул 2. Чалавек з'яўляецца найвышэйшай каштоўнасцю.\n",
			[]string{"1 Артыкул 1", "2 Артыкул 2"}},
		{"bulgarian", "Член 1\n\nБългария е република.\n\nЧлен 2\n\nНародното събрание.\n",
			[]string{"1 Член 1", "2 Член 2"}},
		{"spanish ordinals", "**Artículo 1o**\n\nEn los Estados Unidos Mexicanos todas las personas gozarán de derechos.\n\n**Artículo 2o.-** La Nación Mexicana es única e indivisible.\n\nARTÍCULO 3º. Toda persona tiene derecho a la educación.\n\nArtículo 4°.- La mujer y el hombre son iguales ante la ley.\n\nArtículo 5 Ninguna persona podrá ser impedida.\n",
			[]string{"1o Artículo 1o", "2o Artículo 2o", "3 ARTÍCULO 3º", "4 Artículo 4°", "5 Artículo 5"}},
		{"french premier and inserted", "ARTICLE PREMIER.\n\nLa France est une République.\n\nARTICLE 2.\n\nLa langue de la République est le français.\n\nARTICLE 2-1.\n\nUn article inséré.\n\nArticle 3\n\nLa souveraineté nationale appartient au peuple.\n\nArticle 3 bis\n\nEncore un article inséré.\n",
			[]string{"1 ARTICLE PREMIER", "2 ARTICLE 2", "2-1 ARTICLE 2-1", "3 Article 3", "3bis Article 3 bis"}},
		{"spanish transitional articles", "Artículo 136. Esta Constitución no perderá su fuerza.\n\nTRANSITORIOS\n\nPRIMERO.- El presente Decreto entrará en vigor al día siguiente.\n\nSEGUNDO.- Se derogan las disposiciones contrarias.\n\nDECRETO por el que se reforma el artículo 4o.\n\n**Único**\n\nEl presente Decreto entrará en vigor.\n",
			[]string{"136 Artículo 136", "1 PRIMERO", "2 SEGUNDO", "1~2 Único"}},
		{"french 1er", "Article 1er\n\nLa France est une République.\n\nArticle 2\n\nLa langue est le français.\n",
			[]string{"1 Article 1er", "2 Article 2"}},
		{"inserted dotted", "Статья 67\n\nТекст.\n\nСтатья 67.1\n\nВставленная статья.\n\nСтатья 68\n\nТекст.\n",
			[]string{"67 Статья 67", "67.1 Статья 67.1", "68 Статья 68"}},
		{"flattened superscript", "Статья 67\n\nТекст.\n\nСтатья 671\n\nВставленная статья.\n\nСтатья 68\n\nТекст.\n",
			[]string{"67 Статья 67", "671 Статья 671", "68 Статья 68"}},
		{"superscript", "Article 89\n\nText.\n\nArticle 89¹\n\nInserted text.\n\nArticle 90\n\nText.\n",
			[]string{"89 Article 89", "89.1 Article 89¹", "90 Article 90"}},
		{"italian portuguese polish czech", "Articolo 1\n\nTesto.\n\nArtigo 2\n\nTexto.\n\nArtykuł 3\n\nTekst.\n\nČlánek 4\n\nText.\n",
			[]string{"1 Articolo 1", "2 Artigo 2", "3 Artykuł 3", "4 Článek 4"}},
		{"arabic", "المادة ١\nالجمهورية دولة مستقلة.\n\nالمادة ٢\nالإسلام دين الدولة.\n\nالمادة 3\nالشعب مصدر السلطات.\n",
			[]string{"1 المادة ١", "2 المادة ٢", "3 المادة 3"}},
		{"markdown emphasis", "*Article 1*\n\n*Subject matter*\n\nThis Regulation lays down rules.\n\n*Article 2 Definitions*\n\nFor the purposes of this Regulation the following definitions apply.\n\n_Art. 3_\n\nText.\n",
			[]string{"1 Article 1", "2 Article 2", "3 Art. 3"}},
		{"basic law", "### Art 1\n\n(1) Die Würde des Menschen ist unantastbar.\n\n(2) Das Deutsche Volk bekennt sich.\n\n### Art 2\n\n(1) Jeder hat das Recht.\n\n### Art 12a\n\n(1) Männer können verpflichtet werden.\n",
			[]string{"1 Art 1", "1/1 (1)", "1/2 (2)", "2 Art 2", "2/1 (1)", "12a Art 12a", "12a/1 (1)"}},
		{"recitals before articles", "Whereas:\n\n(1) The first recital.\n\n(2) The second recital.\n\n(3) The third recital.\n\nHAVE ADOPTED THIS REGULATION:\n\nArticle 1\n\nThis Regulation lays down rules.\n\nArticle 2\n\nThis Regulation applies to all.\n",
			[]string{"1~2 (1)", "2~2 (2)", "3 (3)", "1 Article 1", "2 Article 2"}},
		{"invisible marks", "1. One.\n\n\u200b2. Two.\n\n\u00a03. Three.\n\n\u20284. Four.\n\n\ufeff5. Five.\n\n\u200f§ 6 Six.\n",
			[]string{"1 1.", "2 2.", "3 3.", "4 4.", "5 5.", "6 § 6"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			seg := segment.Text(tc.text)
			checkInvariants(t, seg)
			if got := pathLabels(seg); !slices.Equal(got, tc.want) {
				t.Errorf("points %q, want %q", got, tc.want)
			}
		})
	}
}

// TestSegmentArticleBodies checks that an article heading takes its body
// from the lines after it: its text or its numbered parts, never an empty
// heading, and that "Article 7 Text" after a finished line is article 7.
func TestSegmentArticleBodies(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       []string
		texts      map[string]string // path key -> text
	}{
		{"parts on the next lines", "Статья 1\n\n1. Российская Федерация - Россия есть демократическое государство.\n\n2. Наименования Российская Федерация и Россия равнозначны.\n\nСтатья 2\n\nЧеловек является высшей ценностью.\n",
			[]string{"1 Статья 1", "1/1 1.", "1/2 2.", "2 Статья 2"},
			map[string]string{"1/2": "Наименования Российская Федерация и Россия равнозначны.", "2": "Человек является высшей ценностью."}},
		{"short body is no title", "Стаття 4\nВ Україні існує єдине громадянство.\n\nСтаття 5\nУкраїна є республікою.\n\nСтаття 6\nДержавна влада здійснюється на засадах її поділу.\n",
			[]string{"4 Стаття 4", "5 Стаття 5", "6 Стаття 6"},
			map[string]string{"4": "В Україні існує єдине громадянство.", "5": "Україна є республікою."}},
		{"article without punctuation", "Article 6. The Parties agree to meet every year at the seat of the Commission.\nArticle 7 The Parties shall settle their disputes by peaceful means.\n",
			[]string{"6 Article 6", "7 Article 7"},
			map[string]string{"7": "The Parties shall settle their disputes by peaceful means."}},
		{"consecutive sections", "§ 1 Scope. This Act applies to all contracts.\n§ 2 Definitions. In this Act words mean what they say.\n§ 3 Entry into force. This Act enters into force tomorrow.\n",
			[]string{"1 § 1", "2 § 2", "3 § 3"},
			map[string]string{"2": "In this Act words mean what they say."}},
		{"cyrillic letters", "Статья 83\n\nПрезидент Российской Федерации:\n\nа) назначает Председателя Правительства;\n\nб) осуществляет общее руководство;\n\nв) принимает решение об отставке.\n\nСтатья 84\n\nТекст.\n",
			[]string{"83 Статья 83", "83/а а)", "83/б б)", "83/в в)", "84 Статья 84"},
			map[string]string{"83/б": "осуществляет общее руководство;"}},
		{"ukrainian letters with ґ", "1. Перелік:\nа) перше;\nб) друге;\nв) третє;\nг) четверте;\nґ) п'яте;\nд) шосте.\n",
			[]string{"1 1.", "1/а а)", "1/б б)", "1/в в)", "1/г г)", "1/ґ ґ)", "1/д д)"}, nil},
		{"continued letters", "1. Terms:\n\n(g) seven;\n\n(h) eight;\n\n(i) nine;\n\n(j) ten.\n",
			[]string{"1 1.", "1/g (g)", "1/h (h)", "1/i (i)", "1/j (j)"}, nil},
		{"list from zero", "1. Intro.\n\n2. Levels:\n\n(0) none;\n\n(1) low;\n\n(2) high.\n",
			[]string{"1 1.", "2 2.", "2/0 (0)", "2/1 (1)", "2/2 (2)"},
			map[string]string{"2": "Levels:", "2/0": "none;"}},
		{"list from zero in an article", "Preamble text.\n\nArticle 1\n\nLevels:\n\n0. none;\n1. low;\n2. high.\n",
			[]string{"1 Article 1", "1/0 0.", "1/1 1.", "1/2 2."}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			seg := segment.Text(tc.text)
			checkInvariants(t, seg)
			if got := pathLabels(seg); !slices.Equal(got, tc.want) {
				t.Errorf("points %q, want %q", got, tc.want)
			}
			for _, p := range seg.Points {
				if want, ok := tc.texts[p.Key()]; ok && p.Text != want {
					t.Errorf("%s text %q (heading %q), want %q", p.Key(), p.Text, p.Heading, want)
				}
			}
		})
	}
}

// TestSegmentGroupingHeadings checks that the headings that group
// articles (parts, titles, chapters, sections of a code) are neither
// swallowed by the article before them nor dropped: they are blocks of
// their own, and the articles keep their own numbers as paths.
func TestSegmentGroupingHeadings(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       []string
		blocks     []string // the text of each block
	}{
		{"russian", "Статья 1. Текст первой статьи.\n\nГлава 2. Права и свободы человека\n\nСтатья 2. Текст второй статьи.\n\nРАЗДЕЛ ВТОРОЙ\n\nЗАКЛЮЧИТЕЛЬНЫЕ ПОЛОЖЕНИЯ\n\nСтатья 3. Текст третьей статьи.\n",
			[]string{"1 Статья 1", "2 Статья 2", "3 Статья 3"},
			[]string{"Глава 2. Права и свободы человека", "РАЗДЕЛ ВТОРОЙ\n\nЗАКЛЮЧИТЕЛЬНЫЕ ПОЛОЖЕНИЯ"}},
		{"heading right after a sentence", "Статья 1. Текст первой статьи.\nРаздел II. Права и свободы\nСтатья 2. Текст второй статьи.\n",
			[]string{"1 Статья 1", "2 Статья 2"},
			[]string{"Раздел II. Права и свободы"}},
		{"ukrainian", "Стаття 1\nУкраїна є держава.\n\nРозділ II\n\nПРАВА, СВОБОДИ ТА ОБОВ'ЯЗКИ ЛЮДИНИ\n\nСтаття 2\nТекст.\n",
			[]string{"1 Стаття 1", "2 Стаття 2"},
			[]string{"Розділ II\n\nПРАВА, СВОБОДИ ТА ОБОВ'ЯЗКИ ЛЮДИНИ"}},
		{"spanish", "Artículo 1. Texto.\n\nTítulo Segundo\n\nCapítulo I: De la Soberanía Nacional\n\nArtículo 2. Texto.\n",
			[]string{"1 Artículo 1", "2 Artículo 2"},
			[]string{"Título Segundo\n\nCapítulo I: De la Soberanía Nacional"}},
		{"french", "ARTICLE PREMIER.\n\nLa France est une République.\nTitre premier - DE LA SOUVERAINETÉ\nARTICLE 2.\n\nLa langue est le français.\n",
			[]string{"1 ARTICLE PREMIER", "2 ARTICLE 2"},
			[]string{"Titre premier - DE LA SOUVERAINETÉ"}},
		{"german numbered", "## 1. Abschnitt - Allgemeine Vorschriften\n\n### § 1 Zweck\n\n(1) Text.\n\n## 2. Abschnitt - Koordinierung\n\n### § 2 Begriffe\n\n(1) Text.\n",
			[]string{"1 § 1", "1/1 (1)", "2 § 2", "2/1 (1)"},
			[]string{"2. Abschnitt - Koordinierung"}},
		{"german ordinal", "§ 1 Zweck. Text.\n\nZweiter Teil\n\n§ 2 Begriffe. Text.\n",
			[]string{"1 § 1", "2 § 2"},
			[]string{"Zweiter Teil"}},
		{"group word in a sentence", "Article 1\n\nThe goods are delivered.\nPart A of the Schedule applies.\n\nArticle 2\n\nText two.\n",
			[]string{"1 Article 1", "2 Article 2"}, nil},
		{"english", "Article 1\n\nText one.\n\nPART II\nGENERAL PROVISIONS\n\nArticle 2\n\nText two.\n\nCHAPTER 3 Final provisions\n\nArticle 3\n\nText three.\n",
			[]string{"1 Article 1", "2 Article 2", "3 Article 3"},
			[]string{"PART II\n\nGENERAL PROVISIONS", "CHAPTER 3 Final provisions"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			seg := segment.Text(tc.text)
			checkInvariants(t, seg)
			if got := pathLabels(seg); !slices.Equal(got, tc.want) {
				t.Errorf("points %q, want %q", got, tc.want)
			}
			for _, p := range seg.Points {
				for _, b := range tc.blocks {
					first, _, _ := strings.Cut(b, "\n")
					if strings.Contains(p.Text, first) || strings.Contains(p.Heading, first) {
						t.Errorf("%s swallowed the heading %q: %q", p.Key(), first, p.Text)
					}
				}
			}
			var got []string
			for _, b := range seg.Blocks {
				got = append(got, b.Text)
				if b.Next < 0 || b.Next > len(seg.Points) || (b.Next < len(seg.Points) && seg.Points[b.Next].Line <= b.Line) {
					t.Errorf("block at line %d is followed by point %d", b.Line, b.Next)
				}
			}
			if !slices.Equal(got, tc.blocks) {
				t.Errorf("blocks %q, want %q", got, tc.blocks)
			}
		})
	}
}
