package align_test

import (
	"fmt"
	"slices"
	"testing"

	"parley/align"
	"parley/segment"
)

// A river agreement of our own, in English and in two translations cut
// otherwise: in French point 2 is split in two (its last sentence becomes
// point 3) and points 5 and 6 are merged into 6; in Russian points 3 and 4
// are merged into 3 and point 7 is split into 6 and 7. The numbering of
// every point after the first cut differs.
const riverEnglish = `Arlen River Agreement

1. The Commission for the Arlen River is established on 1 May 2026.

2. The Commission has nine members: three appointed by Norland, three by Vessia, and three independent experts chosen jointly by both governments. Its chair rotates every two years.

3. Norland releases at least 40 cubic metres per second at the Tarno weir during the dry season.

4. Vessia maintains the irrigation canals downstream of Tarno and repairs them within 14 days of any breach.

5. Both parties exchange their measurements of water quality every month.

6. The measurements are published on www.arlen-commission.org within ten days of their exchange.

7. Disputes are first brought before the Commission; a dispute left unresolved after 60 days goes to an arbitration panel sitting in Geneva, whose award binds both parties.

8. This Agreement remains in force for 25 years and may be renewed by an exchange of notes.
`

const riverFrench = `Accord sur la rivière Arlen

1. La Commission de la rivière Arlen est instituée le 1er mai 2026.

2. La Commission compte neuf membres : trois nommés par le Norland, trois par la Vessia, et trois experts indépendants choisis d'un commun accord par les deux gouvernements.

3. Sa présidence change tous les deux ans.

4. Le Norland libère au moins 40 mètres cubes par seconde au barrage de Tarno pendant la saison sèche.

5. La Vessia entretient les canaux d'irrigation en aval de Tarno et les répare dans les 14 jours suivant toute rupture.

6. Les deux parties échangent chaque mois leurs mesures de la qualité de l'eau, qui sont publiées sur www.arlen-commission.org dans les dix jours suivant leur échange.

7. Les différends sont d'abord portés devant la Commission ; un différend non réglé après 60 jours est soumis à un tribunal arbitral siégeant à Genève, dont la sentence lie les deux parties.

8. Le présent Accord reste en vigueur pendant 25 ans et peut être renouvelé par un échange de notes.
`

const riverRussian = `Соглашение о реке Арлен

1. Комиссия по реке Арлен учреждается 1 мая 2026 года.

2. Комиссия состоит из девяти членов: трое назначаются Норландом, трое Вессией и трое независимых экспертов избираются совместно обоими правительствами. Председатель сменяется каждые два года.

3. Норланд пропускает не менее 40 кубических метров в секунду у плотины Тарно в засушливый сезон, а Вессия содержит оросительные каналы ниже Тарно и ремонтирует их в течение 14 дней после любого прорыва.

4. Стороны ежемесячно обмениваются результатами измерений качества воды.

5. Результаты измерений публикуются на www.arlen-commission.org в течение десяти дней после обмена.

6. Споры сначала передаются в Комиссию.

7. Спор, не урегулированный в течение 60 дней, передаётся в арбитражную коллегию в Женеве, решение которой обязательно для обеих сторон.

8. Настоящее Соглашение действует 25 лет и может быть продлено путём обмена нотами.
`

const riverUkrainian = `Угода про річку Арлен

1. Комісія з питань річки Арлен утворюється 1 травня 2026 року.

2. Комісія складається з дев'яти членів: трьох призначає Норланд, трьох призначає Вессія, а трьох незалежних експертів обирають спільно обидва уряди.

3. Голова Комісії змінюється кожні два роки.

4. Норланд пропускає не менше 40 кубічних метрів на секунду біля греблі Тарно в посушливий сезон, а Вессія утримує зрошувальні канали нижче Тарно і ремонтує їх протягом 14 днів після будь-якого прориву.

5. Сторони щомісяця обмінюються результатами вимірювань якості води. Результати вимірювань публікуються на www.arlen-commission.org протягом десяти днів після обміну.

6. Спори спочатку передаються до Комісії.

7. Спір, не врегульований протягом 60 днів, передається до арбітражної колегії в Женеві, рішення якої є обов'язковим для обох сторін.

8. Ця Угода діє 25 років і може бути продовжена шляхом обміну нотами.
`

// pathLinks renders the links as "old -> new kind" strings, points by
// their paths, in the alignment's order.
func pathLinks(al *align.Alignment) []string {
	var out []string
	for _, l := range al.PathLinks() {
		out = append(out, fmt.Sprintf("%v -> %v %s", l.Old, l.New, l.Kind))
	}
	return out
}

// A translation cut into other points is aligned point for point by its
// order, its lengths and the figures, names and addresses it keeps: the
// split and the merge are found, the rest is one to one, nothing is
// deleted or added.
func TestTranslationRecutAligned(t *testing.T) {
	old := segment.Text(riverEnglish).Points
	for _, tc := range []struct {
		name      string
		text      string
		want      []string
		confident []string
	}{
		{"french", riverFrench, []string{
			"[[1]] -> [[1]] reworded",
			"[[2]] -> [[2] [3]] split",
			"[[3]] -> [[4]] reworded",
			"[[4]] -> [[5]] reworded",
			"[[5] [6]] -> [[6]] merged",
			"[[7]] -> [[7]] reworded",
			"[[8]] -> [[8]] reworded",
		}, []string{"[[1]] -> [[1]] reworded", "[[3]] -> [[4]] reworded", "[[5] [6]] -> [[6]] merged", "[[7]] -> [[7]] reworded", "[[8]] -> [[8]] reworded"}},
		{"russian", riverRussian, []string{
			"[[1]] -> [[1]] reworded",
			"[[2]] -> [[2]] reworded",
			"[[3] [4]] -> [[3]] merged",
			"[[5]] -> [[4]] reworded",
			"[[6]] -> [[5]] reworded",
			"[[7]] -> [[6] [7]] split",
			"[[8]] -> [[8]] reworded",
		}, []string{"[[1]] -> [[1]] reworded", "[[3] [4]] -> [[3]] merged", "[[7]] -> [[6] [7]] split", "[[8]] -> [[8]] reworded"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			al := align.Align(old, segment.Text(tc.text).Points, align.Options{})
			got := pathLinks(al)
			if !slices.Equal(got, tc.want) {
				t.Errorf("links:\n got  %q\n want %q", got, tc.want)
			}
			// A link whose sides share a figure or an address is
			// confident; one placed by lengths alone (Russian 2, 5) may
			// be flagged for a check.
			for k, l := range al.Links {
				if l.Confidence < 0 || l.Confidence > 1 {
					t.Errorf("%s: confidence %v out of [0, 1]", got[k], l.Confidence)
				}
				if k < len(got) && slices.Contains(tc.confident, got[k]) && l.Confidence < align.LowConfidence {
					t.Errorf("%s: confidence %v, want at least %v", got[k], l.Confidence, align.LowConfidence)
				}
			}
		})
	}
}

// A translation with no figure, name or address at all, cut otherwise
// (2 split at a sentence, 3 and 4 joined as two sentences of one point)
// but numbered 1-8 on both sides like the original, so that numbering
// points the wrong way from 2 to 4: order, lengths, sentences and the
// stems of international words align it.
func TestTranslationWithoutAnchorsAligned(t *testing.T) {
	old := segment.Text(`1. The parties agree to an immediate ceasefire along the whole front.

2. Each side withdraws its artillery from the line of contact. Observers from the mission verify every withdrawal and report any breach without delay.

3. Prisoners of war are exchanged on an all-for-all basis.

4. Civilians detained during the conflict are released unconditionally.

5. Humanitarian organisations receive safe and unhindered access to all affected areas.

6. Roads, bridges and railways damaged in the fighting are repaired jointly.

7. A joint working group meets every week to review progress.

8. This agreement enters into force on the day of its signature.
`).Points
	new := segment.Text(`1. Las partes acuerdan un alto el fuego inmediato a lo largo de todo el frente.

2. Cada parte retira su artillería de la línea de contacto.

3. Los observadores de la misión verifican cada retirada e informan sin demora de cualquier violación.

4. Los prisioneros de guerra se intercambian según el principio de todos por todos. Los civiles detenidos durante el conflicto son liberados sin condiciones.

5. Las organizaciones humanitarias reciben acceso seguro y sin trabas a todas las zonas afectadas.

6. Las carreteras, los puentes y los ferrocarriles dañados en los combates se reparan conjuntamente.

7. Un grupo de trabajo conjunto se reúne cada semana para examinar los avances.

8. El presente acuerdo entra en vigor el día de su firma.
`).Points
	got := pathLinks(align.Align(old, new, align.Options{}))
	want := []string{
		"[[1]] -> [[1]] reworded",
		"[[2]] -> [[2] [3]] split",
		"[[3] [4]] -> [[4]] merged",
		"[[5]] -> [[5]] reworded",
		"[[6]] -> [[6]] reworded",
		"[[7]] -> [[7]] reworded",
		"[[8]] -> [[8]] reworded",
	}
	if !slices.Equal(got, want) {
		t.Errorf("links:\n got  %q\n want %q", got, want)
	}
}

// Russian and Ukrainian share many common words ("на", "не", "за"), so
// the words alone take the two for one language; their letters (і, ї, є
// against ы, э, ъ) do not. The Russian river agreement against a
// Ukrainian translation that splits point 2 and merges 4 and 5.
func TestCloseLanguagesTranslationAligned(t *testing.T) {
	ukrainian := segment.Text(riverUkrainian).Points
	got := pathLinks(align.Align(segment.Text(riverRussian).Points, ukrainian, align.Options{}))
	want := []string{
		"[[1]] -> [[1]] reworded",
		"[[2]] -> [[2] [3]] split",
		"[[3]] -> [[4]] reworded",
		"[[4] [5]] -> [[5]] merged",
		"[[6]] -> [[6]] reworded",
		"[[7]] -> [[7]] reworded",
		"[[8]] -> [[8]] reworded",
	}
	if !slices.Equal(got, want) {
		t.Errorf("links:\n got  %q\n want %q", got, want)
	}
}

// Two unrelated texts in two languages numbered alike (the English river
// agreement against French rules for a shared garden, eight points each,
// of similar lengths) are no translation: nothing is linked.
func TestUnrelatedTextsInTwoLanguagesNotLinked(t *testing.T) {
	garden := segment.Text(`Règlement du jardin partagé

1. Le jardin est ouvert aux membres de l'association du lever au coucher du soleil.

2. Chaque membre arrose les parcelles communes les jours affichés sur la porte de la cabane, et signale au bureau toute fuite du réseau d'arrosage.

3. Les outils sont rangés dans la cabane, nettoyés, avant la tombée de la nuit.

4. Le compost n'accepte que les épluchures de légumes crus, les feuilles et l'herbe coupée.

5. Les feux sont interdits d'avril à septembre.

6. Les enfants sont les bienvenus sous la surveillance d'un adulte.

7. Les différends entre membres sont portés devant le bureau, qui entend les deux parties avant de trancher lors de sa réunion suivante.

8. Le présent règlement est affiché à l'entrée et peut être modifié par l'assemblée générale.
`).Points
	al := align.Align(segment.Text(riverEnglish).Points, garden, align.Options{})
	for _, l := range al.PathLinks() {
		if len(l.Old) > 0 && len(l.New) > 0 {
			t.Errorf("unrelated texts linked: %v -> %v (%s)", l.Old, l.New, l.Kind)
		}
	}
}
