package topic

// Category is one topic of a scheme: a short key that points carry, a name
// for people and a definition that says what belongs to it.
type Category struct {
	Key        string `json:"key"`
	Name       string `json:"name"`
	Definition string `json:"definition"`
}

// Scheme is the topic scheme every negotiation starts from. Its categories
// follow the top-level headings of the PA-X Peace Agreements Database
// codebook (University of Edinburgh, Political Settlements Research
// Programme): the codebook's own categories are grouped more coarsely here,
// so that a person can hold the whole list in mind while confirming a
// point's topics. The wording of the definitions is ours. Where a point
// could sit in two categories, the definitions say which one it takes; a
// point may carry several topics.
var Scheme = []Category{
	{"ceasefire", "Ceasefire",
		"Ending hostilities: the ceasefire and when it starts, the line of contact, withdrawal of weapons and forces from it, buffer and demilitarised zones that separate the forces. A withdrawal that gives up ground is territory."},
	{"security", "Security sector and armed forces",
		"Armed forces and their size, weapons and arms control, military deployments and foreign troops, non-aggression, and security guarantees given to a party (not guarantors of the agreement itself, which are implementation)."},
	{"territory", "Territory",
		"Borders, territorial control and its recognition, the status of disputed or occupied areas, withdrawal from territory, sovereignty over land."},
	{"governance", "Governance and power sharing",
		"Elections, the constitution and its reform, the branches of government, federal and regional structure, autonomy, decentralisation and local self-government, political parties."},
	{"rights", "Human rights and equality",
		"Rights and freedoms of persons, equality, minorities and their languages and cultures, religious freedom, freedom of expression and assembly, social rights, hate speech."},
	{"justice", "Transitional justice and amnesty",
		"Prisoners and detainees and their exchange, amnesty, accountability for war crimes, missing persons and the remains of the dead, reparations and compensation for harm."},
	{"economy", "Sanctions and economy",
		"Sanctions and their lifting, trade and market access, frozen assets, energy and its transit, shipping and economic cooperation."},
	{"reconstruction", "Reconstruction and humanitarian relief",
		"Rebuilding and its funds, humanitarian aid and corridors, refugees and displaced persons and their return, demining for civilian life."},
	{"implementation", "Implementation and guarantees",
		"Monitoring and verification missions, joint commissions, guarantors of the agreement, entry into force, ratification, duration, dispute settlement and what follows a breach."},
	{"international", "International relations and alignment",
		"Membership of alliances and unions (NATO, the European Union), neutrality, diplomatic relations, dialogue between states and blocs, international law and treaties."},
	{"state", "State definition",
		"The nature of the state: sovereignty and independence, form of government as a principle, citizenship, state language, symbols and capital, the relation of state and religion."},
	{"land", "Land, resources and environment",
		"Land and its ownership, natural resources, the environment and ecological safety."},
}

// Find returns the category of key, and whether there is one.
func Find(key string) (Category, bool) {
	for _, c := range Scheme {
		if c.Key == key {
			return c, true
		}
	}
	return Category{}, false
}
