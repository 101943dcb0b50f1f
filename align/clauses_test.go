package align_test

import (
	"slices"
	"testing"

	"parley/align"
	"parley/segment"
)

// holds reports whether paths holds each of want, written "3" or "2.c".
func holds(paths [][]string, want ...[]string) bool {
	for _, w := range want {
		if !slices.ContainsFunc(paths, func(p []string) bool { return slices.Equal(p, w) }) {
			return false
		}
	}
	return true
}

func p(path ...string) []string { return path }

// A point cut in three whose third part went to another section, far from
// the first two, is one split: the third part is found by its sentence,
// not by being next to the others.
func TestSplitIntoThreeWithFarPart(t *testing.T) {
	old := segment.Text(`1. The parties establish a joint water commission of six members.

2. Each party appoints three members for a term of four years.

3. The commission monitors the flow of the Aral river at four gauging stations. It publishes the measured flows every month on a public website. It settles disputes over abstraction quotas by a two-thirds majority of its members.

4. The upstream party keeps the minimum flow of forty cubic metres per second in summer.

5. Irrigation canals are lined with concrete within ten years.

6. Fishing in the reservoirs is licensed by the local authorities.

7. Pollution incidents are reported to the other party within a day.

8. Each party bears its own costs.

9. This agreement enters into force on signature.
`).Points
	new := segment.Text(`1. The parties establish a joint water commission of six members.

2. Each party appoints three members for a term of four years.

3. The commission monitors the flow of the Aral river at four gauging stations.

4. It publishes the measured flows every month on a public website.

5. The upstream party keeps the minimum flow of forty cubic metres per second in summer.

6. Irrigation canals are lined with concrete within ten years.

7. Fishing in the reservoirs is licensed by the local authorities.

8. Pollution incidents are reported to the other party within a day.

9. Each party bears its own costs.

10. Disputes. The commission settles disputes over abstraction quotas by a two-thirds majority of its members.

11. This agreement enters into force on signature.
`).Points
	links := align.Align(old, new, align.Options{}).PathLinks()
	l := linkOf(t, links, "3")
	if !holds(l.New, p("3"), p("4"), p("10")) || len(l.Old) != 1 {
		t.Errorf("3: %v -> %v %s, want 3 -> 3, 4, 10 split", l.Old, l.New, l.Kind)
	}
	if l := linkOf(t, links, "8"); !slices.Equal(l.New[0], []string{"9"}) || len(l.New) != 1 {
		t.Errorf("8: %v -> %v %s, want 8 -> 9 alone", l.Old, l.New, l.Kind)
	}
}

// A sub-item folded word for word into a distant section is merged into
// it, not deleted.
func TestMergeOfDistantSubItem(t *testing.T) {
	old := segment.Text(`1. Scope. This protocol governs the exchange of prisoners between the parties.

2. Lists. Each party hands over a list of the persons it holds:

(a) within ten days of signature;

(b) through the International Committee of the Red Cross;

(c) with the date and place of capture of each person.

3. Exchange. Prisoners are exchanged all for all at the Varna crossing.

4. Transport. The releasing party provides buses and medical escorts.

5. Wounded. Wounded and sick prisoners are released first.

6. Verification. Observers of the Committee attend every exchange.

7. Records. The Committee keeps the records of every exchange and gives each party a copy.

8. Entry into force. This protocol enters into force on signature.
`).Points
	new := segment.Text(`1. Scope. This protocol governs the exchange of prisoners between the parties.

2. Lists. Each party hands over a list of the persons it holds:

(a) within ten days of signature;

(b) through the International Committee of the Red Cross.

3. Exchange. Prisoners are exchanged all for all at the Varna crossing.

4. Transport. The releasing party provides buses and medical escorts.

5. Wounded. Wounded and sick prisoners are released first.

6. Verification. Observers of the Committee attend every exchange.

7. Records. The Committee keeps the records of every exchange and gives each party a copy. The lists give the date and place of capture of each person.

8. Entry into force. This protocol enters into force on signature.
`).Points
	links := align.Align(old, new, align.Options{}).PathLinks()
	l := linkOf(t, links, "2", "c")
	if !holds(l.Old, p("2", "c"), p("7")) || !holds(l.New, p("7")) || len(l.New) != 1 || l.Kind != align.Merged {
		t.Errorf("2(c): %v -> %v %s, want 2(c), 7 -> 7 merged", l.Old, l.New, l.Kind)
	}
}

// Sentences recut across three points, none of them a neighbour of the
// others' counterparts, come out as one many-to-many link.
func TestManyToManyRegrouping(t *testing.T) {
	old := segment.Text(`1. General. The parties agree on the following steps.

2. Heavy weapons. Artillery above 100 mm calibre is withdrawn 30 km from the line of contact. Mortars are stored at the Kestel and Varo depots under monitoring.

3. Prisoners. All prisoners of war are released within 60 days. Detained civilians are released within 30 days.

4. Monitoring. A mission of 200 unarmed observers patrols both sides of the line.

5. Civilians. Displaced families may return to the villages of the buffer zone.

6. Mines. Both sides clear the mines from the roads to the buffer zone within a year.

7. Final provisions. The agreement is reviewed after six months.
`).Points
	new := segment.Text(`1. General. The parties agree on the following steps.

2. Monitoring. A mission of 200 unarmed observers patrols both sides of the line.

3. Civilians. Displaced families may return to the villages of the buffer zone. Detained civilians are released within 30 days.

4. Mines. Both sides clear the mines from the roads to the buffer zone within a year.

5. Withdrawal. Artillery above 100 mm calibre is withdrawn 30 km from the line of contact. All prisoners of war are released within 60 days.

6. Storage. Mortars are stored at the Kestel and Varo depots under monitoring.

7. Final provisions. The agreement is reviewed after six months.
`).Points
	links := align.Align(old, new, align.Options{}).PathLinks()
	l := linkOf(t, links, "2")
	if !holds(l.Old, p("2"), p("3"), p("5")) || !holds(l.New, p("3"), p("5"), p("6")) || len(l.Old) != 3 || len(l.New) != 3 {
		t.Errorf("2: %v -> %v %s, want 2, 3, 5 -> 3, 5, 6", l.Old, l.New, l.Kind)
	}
	for _, n := range []string{"4", "6"} {
		if l := linkOf(t, links, n); len(l.Old) != 1 || len(l.New) != 1 {
			t.Errorf("%s: %v -> %v %s, want it alone", n, l.Old, l.New, l.Kind)
		}
	}
}

// Two points that share a sentence of boilerplate are not one provision:
// where the sentence survives in one of them only, or in both, neither
// point joins the other's link.
func TestSharedBoilerplateIsNoGroup(t *testing.T) {
	old := segment.Text(`1. Deliveries. The Supplier delivers the goods to the Buyer's warehouse in Leeds within fourteen days of each order. Any notice under this clause is given in writing to the address in Schedule B.

2. Packaging. Goods travel on returnable pallets.

3. Inspection. The Buyer inspects each delivery on arrival and reports visible defects within two working days. Any notice under this clause is given in writing to the address in Schedule B.

4. Price. The prices are those of Schedule A.

5. Payment. Invoices are paid within thirty days. Any notice under this clause is given in writing to the address in Schedule B.

6. Warranty. The goods are free from defects for twenty-four months.

7. Liability. Neither party is liable for indirect loss.

8. Force majeure. A party hit by floods, strikes or war is excused while it lasts.

9. Assignment. Neither party assigns this contract without consent.

10. Law. The law of England governs this contract.

11. Courts. The courts of London decide disputes.

12. Term. This contract runs for three years.
`).Points
	new := segment.Text(`1. Deliveries. The Supplier delivers the goods to the Buyer's depot in York within ten days of each order.

2. Packaging. Goods travel on returnable pallets.

3. Inspection. The Buyer inspects each delivery on arrival and reports visible defects within five working days. Any notice under this clause is given in writing to the address in Schedule B.

4. Price. The prices are those of Schedule A.

5. Payment. Invoices are paid within forty-five days. Any notice under this clause is given in writing to the address in Schedule B.

6. Warranty. The goods are free from defects for twenty-four months.

7. Liability. Neither party is liable for indirect loss.

8. Force majeure. A party hit by floods, strikes or war is excused while it lasts.

9. Assignment. Neither party assigns this contract without consent.

10. Law. The law of England governs this contract.

11. Courts. The courts of London decide disputes.

12. Term. This contract runs for three years.
`).Points
	links := align.Align(old, new, align.Options{}).PathLinks()
	for _, n := range []string{"1", "3", "5"} {
		l := linkOf(t, links, n)
		if len(l.Old) != 1 || len(l.New) != 1 || !slices.Equal(l.New[0], []string{n}) {
			t.Errorf("%s: %v -> %v %s, want %s -> %s alone", n, l.Old, l.New, l.Kind, n, n)
		}
	}
}

// A heading with no text of its own, split in two, follows its items: the
// two new headings each hold items of the old one, and share no word with
// it.
func TestHeadingSplitFollowsItems(t *testing.T) {
	old := segment.Text(`# Recovery plan

## 1. Security

### 1.1 Demining

All farmland within ten kilometres of the front line is cleared within three years.

## 2. Economy

### 2.1 Fund

A fund of twelve billion euros pays for housing, schools and hospitals.

### 2.2 Grid

The regional power grid is rebuilt and joined to the European network.

### 2.3 Duties

Goods from the region enter the common market free of duty for ten years.

### 2.4 Loans

Small firms borrow at zero interest for five years.

## 3. Elections

### 3.1 Date

Regional elections are held within a year.
`).Points
	new := segment.Text(`# Recovery plan

## 1. Security

### 1.1 Demining

All farmland within ten kilometres of the front line is cleared within three years.

## 2. Reconstruction

### 2.1 Fund

A fund of twelve billion euros pays for housing, schools and hospitals.

### 2.2 Grid

The regional power grid is rebuilt and joined to the European network.

## 3. Trade and enterprise

### 3.1 Duties

Goods from the region enter the common market free of duty for ten years.

### 3.2 Loans

Small firms borrow at zero interest for five years.

## 4. Elections

### 4.1 Date

Regional elections are held within a year.
`).Points
	links := align.Align(old, new, align.Options{}).PathLinks()
	l := linkOf(t, links, "2")
	if len(l.Old) != 1 || !holds(l.New, p("2"), p("3")) || len(l.New) != 2 {
		t.Errorf("2: %v -> %v %s, want 2 -> 2, 3 split", l.Old, l.New, l.Kind)
	}
}
