//! Routing quality on labelled incidents, as regression floors: the sample
//! wildfire set and the ice-storm, chlorine-leak, heat, landslide, tornado,
//! derailment, earthquake and snowstorm sets in this repository and, when present beside the checkout, the flood set of
//! `shared/eval`. The floors sit a little under what the
//! current matcher measures (README, "Routing quality") so that a change that
//! makes routing worse fails here.

use std::path::{Path, PathBuf};

use vigie::core::{Knowledge, Thresholds};
use vigie::eval::{Report, evaluate, parse_cases};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn report(faq: &Path, cases: &Path) -> Report {
    let knowledge: Knowledge = vigie::cli::load_knowledge(faq).expect("valid directives");
    let cases = parse_cases(&std::fs::read_to_string(cases).expect("cases")).expect("cases parse");
    evaluate(&knowledge, &cases, &Thresholds::default())
}

fn pct(n: usize, d: usize) -> f64 {
    100.0 * n as f64 / d.max(1) as f64
}

#[track_caller]
fn check_floors(r: &Report, right: f64, wrong: f64, recall: f64, precision: f64, unmatched: f64, smalltalk: f64) {
    check_floors_with(r, right, wrong, recall, precision, unmatched, 5.0, smalltalk);
}

#[allow(clippy::too_many_arguments)]
#[track_caller]
fn check_floors_with(
    r: &Report,
    right: f64,
    wrong: f64,
    recall: f64,
    precision: f64,
    unmatched: f64,
    unmatched_answered: f64,
    smalltalk: f64,
) {
    let shown = r.render(true);
    assert!(pct(r.answered_right, r.answerable) >= right, "answered right\n{shown}");
    assert!(pct(r.answered_wrong, r.answerable) <= wrong, "answered wrong\n{shown}");
    assert!(pct(r.distress_caught, r.distress) >= recall, "distress recall\n{shown}");
    assert!(pct(r.distress_caught, r.distress_flagged) >= precision, "distress precision\n{shown}");
    assert!(pct(r.unmatched_escalated, r.unmatched) >= unmatched, "unmatched escalated\n{shown}");
    assert!(pct(r.unmatched_answered, r.unmatched) <= unmatched_answered, "unmatched answered\n{shown}");
    assert!(pct(r.smalltalk_recognised, r.smalltalk) >= smalltalk, "small talk\n{shown}");
}

#[test]
fn sample_wildfire_set_routes_well() {
    let r = report(&root().join("faq"), &root().join("tests/data/wildfire-cases.jsonl"));
    check_floors(&r, 70.0, 3.0, 95.0, 85.0, 85.0, 90.0);
}

#[test]
fn ice_storm_set_routes_well() {
    // A third incident with its own vocabulary (warming centres, generators,
    // frozen pipes), written to test generalisation: see README.
    let r = report(&root().join("tests/data/verglas"), &root().join("tests/data/verglas-cases.jsonl"));
    // One of its 12 out-of-scope questions (snowploughs) is answered from an
    // entry whose keyword is "déneiger": 8.3%, over the 5% target.
    check_floors_with(&r, 68.0, 3.0, 95.0, 75.0, 75.0, 9.0, 90.0);
}

#[test]
fn chlorine_leak_set_routes_well() {
    // A fourth incident (derailment, chlorine, shelter-in-place), written and
    // measured once before any change: see README for that first run.
    let r = report(&root().join("tests/data/chlore"), &root().join("tests/data/chlore-cases.jsonl"));
    // One of its 12 out-of-scope questions ("will my property value drop")
    // is answered from the shelter-in-place entry: 8.3%.
    check_floors_with(&r, 66.0, 3.0, 95.0, 80.0, 75.0, 9.0, 90.0);
}

#[test]
fn extreme_heat_set_routes_well() {
    // A fifth incident (heat wave, outages), written and measured once
    // before any change: see README for that first run.
    let r = report(&root().join("tests/data/canicule"), &root().join("tests/data/canicule-cases.jsonl"));
    // One of its 12 out-of-scope questions is answered: "des jobs d'été à
    // la ville" (from outdoor work): 8.3%.
    check_floors_with(&r, 72.0, 3.0, 95.0, 85.0, 75.0, 9.0, 90.0);
}

#[test]
fn landslide_set_routes_well() {
    // A sixth incident (landslide), written and measured once before any
    // change: see README for that first run.
    let r = report(&root().join("tests/data/glissement"), &root().join("tests/data/glissement-cases.jsonl"));
    check_floors_with(&r, 60.0, 3.0, 95.0, 85.0, 85.0, 5.0, 90.0);
}

#[test]
fn tornado_set_routes_well() {
    // A seventh incident (tornado), written and measured once before any
    // change: see README for that first run.
    let r = report(&root().join("tests/data/tornade"), &root().join("tests/data/tornade-cases.jsonl"));
    check_floors_with(&r, 64.0, 3.0, 95.0, 85.0, 85.0, 5.0, 90.0);
}

#[test]
fn derailment_set_routes_well() {
    // An eighth incident (an oil-train derailment), written and measured
    // once before any change: see README for that first run. One of its 12
    // unmatched messages is answered (8.3%).
    let r = report(&root().join("tests/data/deraillement"), &root().join("tests/data/deraillement-cases.jsonl"));
    check_floors_with(&r, 63.0, 3.0, 95.0, 85.0, 85.0, 10.0, 90.0);
}

#[test]
fn earthquake_set_routes_well() {
    // A ninth incident (an earthquake), written and measured once before any
    // change: see README for that first run. Two gas smells, labelled as
    // questions for the gas directive, are flagged as distress.
    let r = report(&root().join("tests/data/seisme"), &root().join("tests/data/seisme-cases.jsonl"));
    check_floors_with(&r, 60.0, 3.0, 95.0, 80.0, 85.0, 5.0, 90.0);
}

#[test]
fn snowstorm_set_routes_well() {
    // A tenth incident (a record snowstorm), written and measured once before
    // any change: see README for that first run.
    let r = report(&root().join("tests/data/tempete"), &root().join("tests/data/tempete-cases.jsonl"));
    check_floors_with(&r, 70.0, 4.0, 95.0, 65.0, 80.0, 5.0, 90.0);
}

#[test]
fn boil_water_set_routes_well() {
    // An eleventh incident (a boil-water advisory), written and measured once
    // before any change: see README for that first run. Two of its 12
    // unmatched messages are answered (a tax bill paid online reaches the
    // entry on tax reductions; registering a dog, the alerts sign-up).
    let r = report(&root().join("tests/data/ebullition"), &root().join("tests/data/ebullition-cases.jsonl"));
    check_floors_with(&r, 70.0, 3.0, 95.0, 85.0, 70.0, 20.0, 90.0);
}

#[test]
fn coastal_surge_set_routes_well() {
    // A twelfth incident (a storm surge on the coast), written and measured
    // once before any change: see README for that first run. One of its 12
    // unmatched messages is answered (property taxes after erosion reach the
    // erosion entry); three alarms of 18 are questions (water that reached
    // the electrical panel, a son who wants to photograph the waves,
    // children afraid of the wind).
    let r = report(&root().join("tests/data/maree"), &root().join("tests/data/maree-cases.jsonl"));
    check_floors_with(&r, 75.0, 3.0, 95.0, 80.0, 75.0, 10.0, 90.0);
}

#[test]
fn telecom_outage_set_routes_well() {
    // A thirteenth incident (a carrier's cellular and Internet outage),
    // written and measured once before any change: see README for that
    // first run. Five alarms of 20 are questions: a mother who does not
    // answer her phone when no phone works, a neighbour with no phone, a
    // mother on oxygen who could not call "if it goes wrong", feeling
    // isolated, a wife with service when the resident has none. A sixth
    // since someone holding on to a bridge is stuck (the model retrains on
    // those cues): "my elderly neighbour lives alone and has no phone, can
    // someone check on him", 0.804 against 0.8 for a calm question.
    let r = report(&root().join("tests/data/telecom"), &root().join("tests/data/telecom-cases.jsonl"));
    check_floors_with(&r, 75.0, 3.0, 95.0, 78.0, 75.0, 5.0, 90.0);
}

#[test]
fn wildfire_smoke_set_routes_well() {
    // A fourteenth incident (smoke from distant fires, no evacuation: "I
    // can't breathe" may be a question or an emergency), written and
    // measured once before any change. First run: answered right 74.8%,
    // wrong 1.9%, distress 100% / 87.5%, unmatched escalated 84.6%,
    // answered 7.7%. One alarm was "à qui je peux poser mes questions sur
    // la fumée", a question not read as one (fixed: a question word after
    // its preposition asks); the other a sore throat asked about.
    let r = report(&root().join("tests/data/fumee"), &root().join("tests/data/fumee-cases.jsonl"));
    check_floors_with(&r, 72.0, 3.0, 95.0, 85.0, 80.0, 10.0, 90.0);
}

#[test]
fn apartment_fire_set_routes_well() {
    // A fifteenth incident (one apartment block burnt, 140 tenants
    // displaced), written and measured once before any change. First run:
    // answered right 72.0%, wrong 0%, distress 100% / 63.2%, unmatched
    // escalated 75.0%, answered 0%. Where fire words are everywhere, the
    // fire named as the event ("depuis le feu", "during the fire", "perdu
    // dans le feu"), a thing that burnt and "was anybody hurt" were read as
    // danger now (fixed); a night with nowhere to sleep, formula for a baby,
    // a passport burnt and flames seen again at night still raise alarms.
    let r = report(&root().join("tests/data/immeuble"), &root().join("tests/data/immeuble-cases.jsonl"));
    check_floors_with(&r, 70.0, 3.0, 95.0, 80.0, 70.0, 5.0, 90.0);
}

#[test]
fn drought_set_routes_well() {
    // A sixteenth incident (a drought with water restrictions and wells
    // running dry; no one evacuated), written and measured once before any
    // change. First run: answered right 70.2%, wrong 0%, clarify with the
    // right entry 18.1%, distress 100% / 85.7%, unmatched escalated 75.0%,
    // answered 16.7% (rain barrels the town might sell, insurance for a dry
    // well: both an entry's words). An alarm was someone filling jugs of
    // water, read as water rising (fixed).
    let r = report(&root().join("tests/data/secheresse"), &root().join("tests/data/secheresse-cases.jsonl"));
    check_floors_with(&r, 68.0, 3.0, 95.0, 80.0, 70.0, 20.0, 90.0);
}

#[test]
fn legionnaires_outbreak_set_routes_well() {
    // A seventeenth incident (a Legionnaires' disease outbreak traced to
    // cooling towers: fevers and coughs asked about, some of them an
    // emergency), written and measured once before any change. First run:
    // answered right 81.9%, wrong 1.0%, clarify with the right entry 9.5%,
    // distress 100% / 100%, unmatched escalated 61.5%, answered 38.5%: suing
    // a tower's owner, a refund for festival tickets, a plumber for a
    // leaking water heater, the public market ("marché" stems as "marcher")
    // all carry an entry's words, and a one-word question ("Which building
    // is it?") is covered whole by any message naming a building.
    let r = report(&root().join("tests/data/legionellose"), &root().join("tests/data/legionellose-cases.jsonl"));
    // Since money, taxes, insurance or the law asked of an entry that says
    // nothing of them go to a person: unmatched escalated 84.6%, answered
    // 15.4% (the public market, a plumber for a leaking water heater).
    check_floors_with(&r, 78.0, 3.0, 95.0, 85.0, 80.0, 20.0, 90.0);
}

#[test]
fn gas_leak_set_routes_well() {
    // An eighteenth incident (a gas main torn open by roadwork in November,
    // an explosion, a perimeter evacuated, the gas cut to a sector: "ça sent
    // le gaz" a question or an emergency), written and measured once before
    // any change. First run: answered right 64.5%, wrong 2.7%, clarify with
    // the right entry 11.8%, escalated 20.9%, distress 100% / 83.3%,
    // unmatched escalated 76.9%, answered 7.7% (a glass repair company).
    // The alarms: gas smelt in a basement and asked about, a child shaking
    // since the blast (both kept), and the gas cut ("on a pu de gaz", fixed).
    let r = report(&root().join("tests/data/gaz"), &root().join("tests/data/gaz-cases.jsonl"));
    // Since the coats, the freezer, the pipe, the backhoe and relighting
    // joined the lexicon and "jreste" is "je reste": answered right 70.0%.
    check_floors_with(&r, 66.0, 4.0, 95.0, 80.0, 70.0, 10.0, 90.0);
}

#[test]
fn blue_green_algae_set_routes_well() {
    // A nineteenth incident (a blue-green algae bloom on a resort lake:
    // swimming banned, private intakes, pets at risk; no one evacuated),
    // written and measured once before any change. First run: answered
    // right 64.8%, wrong 5.5% (two of them a first form of a rule answering a close
    // runner-up, since removed), clarify with the right entry 7.7%, distress
    // 93.3% / 82.4% (missed: a kayaker tipped over and not coming up; the
    // alarms: "une fleur d'eau", "notre eau", "if I boil the water is it
    // ok"), unmatched escalated 83.3%, answered 0%.
    let r = report(&root().join("tests/data/cyano"), &root().join("tests/data/cyano-cases.jsonl"));
    // Since: answered right 67.0%, wrong 2.2%, distress 100% / 100%.
    check_floors_with(&r, 63.0, 4.0, 95.0, 85.0, 75.0, 5.0, 90.0);
}

#[test]
fn dam_failure_set_routes_well() {
    // A twentieth incident (a dam weakened by heavy rain, a precautionary
    // evacuation downstream, sirens, a flood wave that may come within the
    // hour), written and measured once before any change. First run:
    // answered right 72.8%, wrong 3.7% (keywords two entries share:
    // "dommages", "sécurité", "combien de temps"), clarify with the right
    // entry 8.6%, distress 86.7% / 100% (missed: "I'd rather go down with
    // the house", "they were inside"), unmatched escalated 100%.
    let r = report(&root().join("tests/data/barrage"), &root().join("tests/data/barrage-cases.jsonl"));
    // Since: answered right 74.1%, distress 100% / 100%.
    check_floors_with(&r, 70.0, 5.0, 95.0, 85.0, 80.0, 5.0, 90.0);
}

#[test]
fn extreme_cold_set_routes_well() {
    // A twenty-first incident (five days at -35 °C: warming centres, frozen
    // pipes, water main breaks, a grid at its peak), written and measured
    // once before any change, after the offer of entries only answers
    // reach. First run: answered right 57.3%, wrong 4.5% ("ce frette-là"
    // reached the warming centres' "warm up", a phone's charge a car's
    // battery), clarify with the right entry 14.6%, escalated 23.6%,
    // distress 100% / 88.2%, unmatched escalated 83.3%, answered 8.3% (a
    // rebate on the power bill).
    let r = report(&root().join("tests/data/froid"), &root().join("tests/data/froid-cases.jsonl"));
    // Since the cold is no heating, a battery no charge, a rebate money:
    // right 59.6%, wrong 2.2%, unmatched escalated 91.7%, answered 0.
    check_floors_with(&r, 56.0, 4.0, 95.0, 80.0, 85.0, 5.0, 90.0);
}

#[test]
fn torrential_rain_set_routes_well() {
    // A twenty-second incident (150 mm in an afternoon: sewer backups,
    // flooded underpasses, towed cars, a closed metro), written and
    // measured once before any change. First run: answered right 67.4%,
    // wrong 3.2%, clarify with the right entry 7.4%, escalated 22.1%,
    // distress 100% / 88.2% (a washer "under water" one asks to plug back
    // in read as someone stuck, "plug" being written "prise"), unmatched
    // escalated 91.7%, answered 8.3% (recycling's pickup).
    let r = report(&root().join("tests/data/pluies"), &root().join("tests/data/pluies-cases.jsonl"));
    // Since an outlet is no one stuck, "housing" lodging, "dédommagé"
    // compensation: right 70.5%, wrong 2.1%, distress precision 93.8%.
    check_floors_with(&r, 67.0, 4.0, 95.0, 85.0, 85.0, 9.0, 90.0);
}

#[test]
fn bridge_collapse_set_routes_well() {
    // A twenty-third incident, neither weather nor a leak (two spans of a
    // bridge fall at rush hour: relatives sought, detours, a ferry, shores
    // cut off), written and measured once before any change. First run:
    // answered right 43.6%, wrong 8.5%, clarify with the right entry 21.3%,
    // escalated 22.3%; distress 86.7% / 68.4% (someone "on the ledge" about
    // to jump, a man "accroché" to the bridge missed; "stuck on the other
    // side" read as trapped), unmatched escalated 100%.
    let r = report(&root().join("tests/data/pont"), &root().join("tests/data/pont-cases.jsonl"));
    // Since jumping and holding on are danger, a closed crossing no trap, a
    // collapse "a lâché", a detour and a bridge no road, a bus no shuttle:
    // right 52.1%, wrong 4.3%, distress 100% / 75.0% (the alarms left:
    // relatives who do not answer, witnesses who cannot sleep).
    check_floors_with(&r, 48.0, 6.0, 95.0, 70.0, 90.0, 5.0, 90.0);
}

#[test]
fn lead_in_water_set_routes_well() {
    // A twenty-fourth incident, slow and without danger of its own (lead in
    // the tap water of older homes: filters, tests, pipes, tenants), where
    // "poison", "brain" and "water" fill ordinary questions. First run:
    // answered right 60.0%, wrong 0%, clarify with the right entry 20.0%,
    // escalated 16.5%; distress 93.3% / 82.4% (earth fallen on a plumber in
    // a trench missed; water to test or to give a dog read as water
    // closing in), unmatched escalated 91.7%, answered 0%.
    let r = report(&root().join("tests/data/plomb"), &root().join("tests/data/plomb-cases.jsonl"));
    // Now right 63.5%, wrong 1.2%, distress 100% / 100%.
    check_floors_with(&r, 60.0, 3.0, 95.0, 90.0, 85.0, 5.0, 90.0);
}

#[test]
fn police_operation_set_routes_well() {
    // A twenty-fifth incident where nothing rises, burns or leaks (shots
    // fired, an armed man at large, a shelter-in-place perimeter, three
    // schools locked down), so that "arme", "coups de feu" and "shooter"
    // fill ordinary questions. First run: answered right 54.5%, wrong 4.0%,
    // clarify with the right entry 11.9%, escalated 28.7%; distress 100% /
    // 75.0% (dialysis "stuck in the lockdown zone", "injured in the
    // shooting", shaking with anxiety read as danger), unmatched escalated
    // 83.3%, answered 16.7%.
    let r = report(&root().join("tests/data/confinement"), &root().join("tests/data/confinement-cases.jsonl"));
    // Since the police, weapons, social media and the mail are concepts,
    // "coups de feu" shots, "vieux" before a thing no one old, an area
    // closed no trap and a shooting named as the event no violence now:
    // right 65.3%, wrong 3.0%, distress 100% / 88.2%, unmatched answered 0%.
    check_floors_with(&r, 60.0, 4.0, 95.0, 80.0, 80.0, 5.0, 90.0);
}

#[test]
fn missing_child_search_set_routes_well() {
    // A twenty-sixth incident, the search for a missing child (an Amber
    // alert, volunteers, drones, the lake, the woods closed to hunters),
    // where "disparue", "missing" and "retrouvée" fill ordinary questions.
    // First run: answered right 54.8%, wrong 5.4%, clarify with the right
    // entry 14.0%, escalated 23.7%; distress 86.7% / 100%, unmatched
    // escalated 100%, answered 0%.
    let r = report(&root().join("tests/data/recherche"), &root().join("tests/data/recherche-cases.jsonl"));
    // Since drones, gear, a meeting point, a fundraiser, dog breeds and
    // trailers are concepts, and "le poste de commandement" no mail:
    // right 63.4%, wrong 5.4%. The two distress messages still missed are
    // the incident's own: the girl's boot found in a creek "right now", a
    // girl getting into a man's car; nothing general reads them yet.
    check_floors_with(&r, 56.0, 8.0, 85.0, 90.0, 90.0, 5.0, 90.0);
}

#[test]
fn measles_outbreak_set_routes_well() {
    // A twenty-seventh incident, an outbreak of measles (clinics, doses,
    // exposure sites, children kept home, pregnancy, chemotherapy), where a
    // fever, a rash and "can't breathe" fill questions and some are an
    // emergency. First run: answered right 51.2%, wrong 3.7%, clarify with
    // the right entry 19.5%, escalated 23.2%; distress 100% / 93.8% ("je
    // donne quoi à mon enfant pour la fièvre" read as a fever now),
    // unmatched escalated 91.7%, answered 0%.
    let r = report(&root().join("tests/data/rougeole"), &root().join("tests/data/rougeole-cases.jsonl"));
    // Since "je donne quoi" asks, what a remedy is for is a question, and
    // chemotherapy, a fever, travel, events, painkillers by name and "à
    // l'urgence" are concepts: right 61.0%, wrong 3.7%, distress 100% /
    // 100%.
    check_floors_with(&r, 56.0, 5.0, 95.0, 90.0, 85.0, 5.0, 90.0);
}

#[test]
fn fuel_oil_spill_set_routes_well() {
    // A twenty-eighth incident, fuel oil in the river (the intake closed,
    // fumes, wells, the shore, fishing, boats and the ferry, oiled birds and
    // dogs), where smells, headaches and "someone fell in the water" fill
    // questions. First run: answered right 72.5%, wrong 5.5%, clarify with
    // the right entry 8.3%, escalated 13.8%; distress 100% / 78.9% (a
    // headache "à cause de l'odeur", a dog in the water, oil on a lot "au
    // bord de l'eau"), unmatched escalated 83.3%, answered 8.3%.
    let r = report(&root().join("tests/data/hydrocarbures"), &root().join("tests/data/hydrocarbures-cases.jsonl"));
    // Since a mild symptom put down to the air is a question and the shore,
    // fish and seafood and boats by name are concepts: right 75.2%, wrong
    // 2.8%, distress 100% / 93.8%.
    check_floors_with(&r, 70.0, 4.0, 95.0, 90.0, 80.0, 10.0, 90.0);
}

#[test]
fn rabies_set_routes_well() {
    // A twenty-ninth incident, raccoon rabies (bites and scratches, bats in
    // the house, vaccine baits, traps, pets and livestock), where "bitten"
    // and "attacked" fill questions. First run: answered right 50.6%, wrong
    // 4.5%, clarify with the right entry 19.1%, escalated 23.6%; distress
    // 93.3% / 82.4% (a raccoon "attacking my dog and me" missed; a bat found
    // "dans le grenier" read as someone stuck), unmatched escalated 75.0%,
    // answered 8.3%.
    let r = report(&root().join("tests/data/rage"), &root().join("tests/data/rage-cases.jsonl"));
    // Since a bite, a scratch and a fight are concepts and "rabies" no
    // longer reads as the French "rabais": right 55.1%, wrong 5.6% (two
    // entries that both speak of bites, one for people, one for pets),
    // distress 100% / 93.8%.
    check_floors_with(&r, 50.0, 7.0, 95.0, 90.0, 70.0, 10.0, 90.0);
}

#[test]
fn school_bus_crash_set_routes_well() {
    // A thirtieth incident, a school bus off the road (news of a child, the
    // reunification centre, hospitals, grief, the road, the investigation,
    // witnesses' videos), where "accident", "blessés" and "my son was on the
    // bus" fill questions. First run: answered right 56.5%, wrong 4.7%,
    // clarify with the right entry 14.1%, escalated 20.0%; distress 93.3% /
    // 66.7% (seven alarms, most a parent's child named with the bus),
    // unmatched escalated 75.0%, answered 8.3%.
    let r = report(&root().join("tests/data/autobus"), &root().join("tests/data/autobus-cases.jsonl"));
    // Since the event named by its victims or filmed is no hazard now and
    // the injured one offers to help are no body failing: right 61.2%,
    // wrong 4.7%, distress 100% / 83.3% (three alarms left, all a parent's
    // child named with the bus: the model's family words). The model
    // retrained on a later session's cues put a fourth over the line ("le
    // sac d'école de ma fille est resté dans l'autobus", 0.614 against
    // 0.6): right 60.0%, distress 100% / 78.9%. A runner-up within the
    // margin made a choice, not an answer: right 55.3% (four to clarify
    // with the right entry first), wrong unchanged.
    check_floors_with(&r, 53.0, 6.0, 95.0, 75.0, 70.0, 10.0, 90.0);
}

#[test]
fn listeriosis_recall_set_routes_well() {
    // A thirty-first incident, a cheese recall and listeriosis (products,
    // refunds, symptoms, pregnancy, people at risk, kitchens), where a
    // fever, diarrhea, "pregnant" and "chemo" fill questions. Written after
    // this session's fixes. First run: answered right 49.3%, wrong 6.8%,
    // clarify with the right entry 23.3%, escalated 17.8%; distress 100% /
    // 83.3% ("pregnant, can listeria hurt my baby" not read as a question;
    // "enceinte de 5 mois pis j'ai mangé du brie", a husband "en chimio":
    // the model's words), unmatched escalated 91.7%, answered 8.3%.
    let r = report(&root().join("tests/data/listeria"), &root().join("tests/data/listeria-cases.jsonl"));
    // Since a modal with a thing as its subject asks and an infection named
    // after its germ is the germ ("listériose" is "listeria"): right 54.8%,
    // wrong 4.1%, distress 100% / 88.2%.
    check_floors_with(&r, 50.0, 6.0, 95.0, 85.0, 85.0, 10.0, 90.0);
}

#[test]
fn evacuees_hosted_in_another_town_set_routes_well() {
    // A thirty-second incident: a town emptied by a forest fire, its people
    // in hotels and an arena four hours south (lodging, meals, money,
    // medication, pets, school, news of home and of relatives). First run:
    // answered right 55.4%, wrong 0.0%, clarify with the right entry 16.3%,
    // escalated 27.2%; distress 100% / 75.0% (five alarms: a mother who
    // "marche mal", "can my employer fire me for missing work", a pregnant
    // resident asking where her follow-up is "maintenant", no news of a
    // cousin since the evacuation, "chu pu capable… quelqu'un à qui
    // parler").
    let r = report(&root().join("tests/data/evacues"), &root().join("tests/data/evacues-cases.jsonl"));
    // Since a dismissal, absence from work and a poor walk are no danger and
    // underwear, toiletries and laundry are words of the lexicon: right
    // 58.7%, wrong 0.0%, distress 100% / 83.3% (the last three alarms).
    check_floors_with(&r, 54.0, 3.0, 95.0, 80.0, 85.0, 5.0, 90.0);
}

#[test]
fn seniors_residence_fire_set_routes_well() {
    // A thirty-third incident: a night fire in a seniors' residence, written
    // from the families' side (news of a parent, hospitals, relocation,
    // visits, belongings, pills, rent, insurance). First run: answered right
    // 48.7%, wrong 3.9%, clarify with the right entry 14.5%, escalated
    // 31.6%; distress 100% / 93.8% ("c quoi qui a causé le feu").
    let r = report(&root().join("tests/data/residence"), &root().join("tests/data/residence-cases.jsonl"));
    // Since a fire named by its cause is the event, "correcte" is no typo
    // of "collecte" and intensive care is a ward of the hospital: right
    // 51.3%, wrong 1.3%, distress 100% / 100%.
    check_floors_with(&r, 46.0, 4.0, 95.0, 90.0, 85.0, 5.0, 90.0);
}

#[test]
fn cyberattack_set_routes_well() {
    // A thirty-fourth incident, written after the first fixes of its
    // session: ransomware on a city's systems (data, fraud, taxes, permits,
    // the 311 line, transit). First run: answered right 58.7%, wrong 2.7%,
    // clarify with the right entry 10.7%, escalated 24.0%; distress 93.3% /
    // 100% (someone "following me home from the bus stop" missed).
    let r = report(&root().join("tests/data/cyberattaque"), &root().join("tests/data/cyberattaque-cases.jsonl"));
    // Since being followed is violence, "cyber attack" is one word and
    // "biblio" a library: right 62.7%, wrong 1.3%, distress 100% / 100%.
    check_floors_with(&r, 56.0, 4.0, 95.0, 90.0, 85.0, 5.0, 90.0);
}

#[test]
fn avian_flu_set_routes_well() {
    // A thirty-fifth incident, written after that session's fixes: avian
    // influenza on poultry farms (eggs and chicken, backyard hens, dead wild
    // birds, the control zone, culls). First run: answered right 58.3%,
    // wrong 5.6%, clarify with the right entry 9.7%, escalated 23.6%;
    // distress 100% / 93.8% (a hen's swollen head read as a body failing),
    // unmatched escalated 91.7%, answered 8.3% (a flea market), small talk
    // 83.3% ("are you an ai").
    let r = report(&root().join("tests/data/aviaire"), &root().join("tests/data/aviaire-cases.jsonl"));
    // Since "la grippe des oiseaux" is the avian flu, "notre ferme" a farm,
    // counts written out weigh as numbers and "an AI" asks about a bot:
    // right 61.1%, wrong 4.2%, distress 100% / 93.8%.
    check_floors_with(&r, 55.0, 6.0, 95.0, 90.0, 85.0, 9.0, 90.0);
}

#[test]
fn nuclear_plant_set_routes_well() {
    // A thirty-sixth incident, written last: a cooling fault at a nuclear
    // plant (shelter in place, the 8 km zone, iodine pills, radiation,
    // gardens and milk, schools). First run: answered right 58.5%, wrong
    // 3.1%, clarify with the right entry 13.8%, escalated 23.1%; distress
    // 100% / 88.2% ("on prend-tu les pilules d'iode maintenant", cows
    // brought in: "je les rentre-tu").
    let r = report(&root().join("tests/data/nucleaire"), &root().join("tests/data/nucleaire-cases.jsonl"));
    // Since pills asked about are a treatment, "je les rentre" brings
    // something in and the plural of a generic word is generic: right
    // 63.1%, wrong 3.1%, distress 100% / 100%.
    check_floors_with(&r, 56.0, 5.0, 95.0, 90.0, 85.0, 5.0, 90.0);
}

#[test]
fn festival_collapse_set_routes_well() {
    // A thirty-seventh incident: a lighting tower falls on a festival crowd
    // (the reunification centre, hospitals, minor injuries, lost phones and
    // cars, refunds, witnesses' videos, a vigil), where "je trouve pas mon
    // chum" may be a question or a person missing. First run: answered
    // right 63.0%, wrong 2.5%, clarify with the right entry 13.6%,
    // escalated 21.0%; distress 93.3% / 82.4% (a man climbing the fallen
    // tower missed; "j'ai mal au pied", "un bleu sur le bras" flagged);
    // unmatched escalated 83.3%, answered 8.3%.
    let r = report(&root().join("tests/data/festival"), &root().join("tests/data/festival-cases.jsonl"));
    // Since a sore limb and a bruise are discomforts: distress 93.3% /
    // 93.3%; right 63.0%, wrong 2.5%.
    check_floors_with(&r, 57.0, 5.0, 90.0, 85.0, 80.0, 10.0, 90.0);
}

#[test]
fn mosquito_virus_set_routes_well() {
    // A thirty-eighth incident: a mosquito-borne virus and larvicide
    // sprayed from the air ("maringouins", "bibittes", repellent for a
    // baby, bees, horses, pools, standing water). First run: answered right
    // 51.9%, wrong 3.9%, clarify with the right entry 14.3%, escalated
    // 29.9%; distress 100% / 73.7% (five alarms: "tuer les larves", "mes
    // vieux pneus", a green pool, a headache, bees killed).
    let r = report(&root().join("tests/data/moustiques"), &root().join("tests/data/moustiques-cases.jsonl"));
    // Since pests killed, bleach, old things, standing water and a headache
    // alone are no danger, and mosquitoes, bites, repellents and bees are
    // words of the lexicon: right 64.9%, wrong 3.9%, distress 100% / 93.3%.
    check_floors_with(&r, 58.0, 5.0, 95.0, 85.0, 90.0, 5.0, 90.0);
}

#[test]
fn second_forest_fire_set_routes_well() {
    // A thirty-ninth incident, a forest fire again, written by another hand
    // than faq/ and as large as the flood set (33 entries, 262 messages):
    // the pre-alert beside the order, the zone beside the forest, lodging
    // beside the allowance. First run: answered right 56.7%, wrong 6.2%,
    // clarify with the right entry 18.3%, escalated 16.8%; distress 95.8% /
    // 74.2% (someone who "a l'air de vouloir sauter" missed; eight alarms:
    // relatives without news, a cat hiding, pills forgotten, a cottage
    // "est-tu brûlé", hectares burning, "an actual human being to help me");
    // unmatched escalated 72.2%, answered 11.1%.
    let r = report(&root().join("tests/data/feuforet"), &root().join("tests/data/feuforet-cases.jsonl"));
    // Since those cues, unemployment benefits told from insurance and a
    // close runner-up made a choice: right 58.7%, wrong 5.3%, distress
    // 100% / 88.9%.
    check_floors_with(&r, 54.0, 7.0, 95.0, 85.0, 65.0, 15.0, 90.0);
}

#[test]
fn ammonia_leak_set_routes_well() {
    // A fortieth incident, a chemical leak again (ammonia from a
    // cold-storage warehouse: a 1 km evacuation, 2 km sheltered in place,
    // the order lifted by sector, the smell that lingers), 23 entries,
    // written after the three sets above were fixed. First run: answered
    // right 49.2%, wrong 4.7%, clarify with the right entry 22.7%, escalated
    // 20.3%; distress 100% / 81.5% (five alarms: a nose that burns, a
    // cleaning-product smell in the street, "are we being poisoned", a boy
    // crying, a plumber for a "chauffe-eau" read as water); unmatched
    // escalated 87.5%, answered 6.2%.
    let r = report(&root().join("tests/data/ammoniac"), &root().join("tests/data/ammoniac-cases.jsonl"));
    // Since a water heater is one word, being "sur les nerfs" is stress and
    // a few words more are known: right 52.3%, wrong 4.7%, distress 100% /
    // 84.6%.
    check_floors_with(&r, 47.0, 6.0, 95.0, 80.0, 80.0, 10.0, 90.0);
}

#[test]
fn second_spring_flood_set_routes_well() {
    // A forty-first incident, a spring flood again, by another hand than
    // the evaluation set (an ice jam at a covered bridge, rangs, wells,
    // septic fields, cattle, a seasonal campground), written after every
    // other fix of its session. First run: answered right 63.0%, wrong
    // 4.3%, clarify with the right entry 15.9%, escalated 15.2%; distress
    // 100% / 66.7% (eleven alarms: water at the electrical panel, cut off
    // with dialysis or oxygen, a father not answering in the evacuated
    // zone, cattle in a rising field, "je suis brûlé" for exhausted, water
    // an insurance covers, children scared of the rain); unmatched
    // escalated 81.2%, answered 6.2%.
    let r = report(&root().join("tests/data/crue"), &root().join("tests/data/crue-cases.jsonl"));
    // Since being "brûlé" is being exhausted and water asked of an insurer
    // is a claim: right 63.8%, distress 100% / 71.0%.
    check_floors_with(&r, 58.0, 6.0, 95.0, 65.0, 75.0, 10.0, 90.0);
}

#[test]
fn recycling_plant_fire_set_routes_well() {
    // A forty-second incident, written last: a plastics and battery
    // recycling plant burning for two days (smoke and a lifted order, ash
    // in yards, pools and gardens, firefighting water in the river above
    // the intake). First run: answered right 71.1%, wrong 0.0%, clarify with
    // the right entry 12.4%, escalated 15.5%; distress 100% / 81.8% (burnt
    // plastic in a yard, a son "scared of fire now", a fire that "burns
    // there" again, a mother worried for her children); unmatched
    // escalated 64.3%, answered 28.6% (a fishing licence, an old mattress, a
    // bonfire in the backyard, a job fair: an entry's words around a topic
    // no entry covers).
    let r = report(&root().join("tests/data/usine"), &root().join("tests/data/usine-cases.jsonl"));
    // Since a burnt material and a fire feared are no fire here, and a
    // sandbox is no sandbag: right 72.2%, distress 100% / 85.7%.
    check_floors_with(&r, 66.0, 3.0, 95.0, 80.0, 60.0, 30.0, 90.0);
}

#[test]
fn the_distress_probes_hold_across_hazards() {
    // Four probes (half in danger, half alarming but not), each
    // written before the changes it measured; distress does not depend on
    // the directive set, so the sample set serves. The third still raises
    // three alarms (smoke smelled outside from far-off fires, a child afraid
    // of water since the flood, "stuck inside for two days lol").
    for (probe, precision) in [
        ("tests/data/distress-probe.jsonl", 87.0),
        ("tests/data/distress-probe-2.jsonl", 87.0),
        ("tests/data/distress-probe-3.jsonl", 85.0),
        // The fourth (20 and 20; a cold snap, a dike, an ammonia leak, a
        // derecho) caught 19 of 20 with two alarms on its first run; one
        // alarm is left: a neighbour stuck in his car "hier" who is fine.
        ("tests/data/distress-probe-4.jsonl", 90.0),
        // The fifth (20 and 30, many of them damage and hardship told as
        // statements) raised four alarms on its first run, 100% recall;
        // one is left: "I'm trapped at my in-laws' … haha send wine".
        ("tests/data/distress-probe-5.jsonl", 90.0),
        // The sixth (25 and 35, typed fast: no accents, SMS, joual) caught
        // 24 of 25 with six alarms on its first run; two are left, both a
        // neighbour's worry ("mon voisin a peur de perdre sa maison") or a
        // roof fallen with nobody inside.
        ("tests/data/distress-probe-6.jsonl", 90.0),
        // The seventh (15 and 35: vulnerable people named in ordinary
        // requests, the same people in danger): 15 of 15 with one alarm on
        // its first run (water "going down now"), none now.
        ("tests/data/distress-probe-7.jsonl", 90.0),
        // The eighth (20 in danger without the usual words, 15 not): 17 of
        // 20 on its first run, no alarm; now 20 of 20 (a door nobody comes
        // to open, farewells, someone lying outside in the heat).
        ("tests/data/distress-probe-8.jsonl", 90.0),
        // The ninth (15 in danger, 30 not: family and neighbours named in
        // ordinary statements) caught 14 of 15 with six alarms on its first
        // run; four are left, the model's family words (corpus lines for
        // them cost recall in cross-validation and were dropped), and a
        // fifth since someone filling jugs stopped reading as water rising
        // (CV 1.5 fewer alarms a seed; "my mom is 91 and lives alone, she
        // wants to know…" at 0.457 against 0.45). Since a message with no
        // sign of danger needs 0.6, three are left.
        ("tests/data/distress-probe-9.jsonl", 80.0),
        // The tenth (15 and 25: a metro stuck in a tunnel, a plant explosion,
        // a bridge, a crowd at the gates, propane, an ice jam): 15 of 15 with
        // two alarms on its first run, both a relative named ("mon fils…
        // c'est pas grave", "ma grand-mère a 95 ans… merci aux bénévoles").
        // A cue of thanks and "pas grave" as resolved fixed neither and cost
        // CV two false alarms a seed: dropped.
        ("tests/data/distress-probe-10.jsonl", 85.0),
        // The eleventh (25 in danger, many without the usual words; 25 with
        // the same words, not in danger), written before the threshold for
        // messages with no sign of danger was set: at 0.8 it lost 3 of 25
        // on its first run (a man on a bridge railing, a bat at the windows,
        // a floor cracking open), so 0.6; the session's base caught 24 of 25
        // with three alarms. Now 25 of 25, one alarm (a finger cut, a
        // bandage on).
        ("tests/data/distress-probe-11.jsonl", 90.0),
        // The twelfth (20 and 20: a snowmobile through the ice, an elevator
        // stopped with oxygen needed, a seniors' residence on fire, a child
        // in a hot car; the same places and people in no danger), written
        // after the session's changes to check them: 20 of 20, no alarm,
        // as with the session's base.
        ("tests/data/distress-probe-12.jsonl", 95.0),
        // The thirteenth (30 in danger across hazards, 20 alarming words in
        // ordinary questions): 29 of 30, no alarm, on its first run; the
        // miss was typed without accents nor apostrophes ("jai la tete qui
        // tourne pis jarrive pu a me lever"). Now 30 of 30, no alarm.
        ("tests/data/distress-probe-13.jsonl", 95.0),
        // The fourteenth (30 and 20: a ceiling caved in, a bus in a ditch,
        // a boat pulled to a dam, bleach swallowed; a water stain, an
        // elevator stuck yesterday, a hunting rifle): 30 of 30, no alarm,
        // on its first run.
        ("tests/data/distress-probe-14.jsonl", 95.0),
        // The fifteenth (30 and 20: someone beaten or threatened, a bear at
        // a tent, anaphylaxis, an overdose, a stroke, a child abducted,
        // ammonia at an arena; the same words in ordinary questions): 27 of
        // 30 with three alarms on its first run (blows said "punching", a
        // threat said "menacée", a leak of ammonia; "SOS Violence
        // conjugale" taken for a cry, the signs of a stroke asked about,
        // an arrival). Now 30 of 30, no alarm.
        ("tests/data/distress-probe-15.jsonl", 95.0),
        // The sixteenth (30 and 20: a fall from a ladder, a car on a roof in
        // an underpass, a dog on a live wire, a snowmobile on cracking ice,
        // a snake bite; the same words in questions and past events), written
        // after this session's fixes: 30 of 30, no alarm, on its first run.
        ("tests/data/distress-probe-16.jsonl", 95.0),
        // The seventeenth (30 and 20: ice, a chainsaw, a hot car, dementia,
        // hypoglycaemia, botulism, lightning, bites, wasps): 28 of 30 with
        // three alarms on its first run (someone "qui se noie", a man who
        // "casse tout" with a broken bottle; a drowning "y a 10 ans",
        // bleeding that stopped, "we're home now"). Now 30 of 30, one alarm
        // ("we're home now", the model's "stuck").
        ("tests/data/distress-probe-17.jsonl", 95.0),
        // The eighteenth (30 and 20: a button battery, a crowd crush, an
        // ice-fishing cabin, a chairlift, a sinkhole, a stroke), written
        // after this session's fixes: 28 of 30 with two alarms on its first
        // run (a car fallen in "avec quelqu'un", a friend "seizing"; "j'ai
        // manqué m'étouffer en riant"). Now 30 of 30, one alarm (a son
        // afraid of fire since the kitchen fire: the model's family words).
        ("tests/data/distress-probe-18.jsonl", 95.0),
        // The nineteenth (30 and 20: a grain bin, a tractor rollover, a
        // hot car, a trench collapse, a stabbing; the same words told as
        // past or asked about): 29 of 30 with three alarms on its first run
        // (a stabbing said "poignarder"; a hip broken "last winter", an
        // overdose "il y a deux ans", a canoe over and everyone "corrects").
        // Now 30 of 30, no alarm.
        ("tests/data/distress-probe-19.jsonl", 95.0),
        // The twentieth, written after this session's first fixes (30 and
        // 20: anaphylaxis, dishwasher pods, a moose, a barn on fire, a
        // locked room): 29 of 30 with four alarms on its first run (pods and
        // "gagging"; a deer hit "l'automne passé", a heart attack "en
        // 2019", workshops on violence, an ice fishing trip planned). Now
        // 30 of 30, no alarm.
        ("tests/data/distress-probe-20.jsonl", 95.0),
        // The twenty-first (40 and 20: a hunting accident, a birth in
        // traffic, a needle, a pool, CPR under way, a well, an abduction),
        // written after all of that session's fixes: 40 of 40 with three
        // alarms on its first run (a foot shot "y a 20 ans" asked with a
        // gun licence, learning CPR, lost on a trail "mais tout est
        // beau"). Now 40 of 40, no alarm.
        ("tests/data/distress-probe-21.jsonl", 95.0),
        // The twenty-second (30 in danger typed fast, 20 relatives named in
        // ordinary questions): 27 of 30 with two alarms on its first run
        // (missed an ex "with a bat", youths fighting "avec des couteaux",
        // a car in the ditch in a whiteout "getting really cold"; flagged a
        // flu shot "at the clinic" and a sister who "vient d'accoucher"
        // asking for a "tire-lait"). Now 30 of 30, no alarm.
        ("tests/data/distress-probe-22.jsonl", 95.0),
        // The twenty-third (30 and 20: a sump pump, an elevator in a fire,
        // a hanging, a trampoline, the subway tracks, a sinking pontoon),
        // written last: 29 of 30 with one alarm on its first run (a woman
        // fallen on the tracks "and the train is coming" missed; a husband
        // with "mal au dos" after shovelling flagged). Now 30 of 30, no
        // alarm.
        ("tests/data/distress-probe-23.jsonl", 95.0),
        // The twenty-fourth (30 and 20: thin ice, a school lockdown, an
        // elevator filling with water, a canoe in the rapids, a downed line
        // on a car), written this session before its fixes: 29 of 30 with
        // two alarms on its first run (a finger almost cut off "avec la scie
        // ronde" missed; a broken arm "au soccer" asked about refunds and a
        // news report of a man who threatened to jump flagged). Now 30 of
        // 30; both alarms remain.
        ("tests/data/distress-probe-24.jsonl", 90.0),
        // The twenty-fifth (30 and 20: a child locked in a hot car, a
        // tractor rolled over, fentanyl, an abduction, a goodbye letter,
        // frostbite, a downed line on a man), written after every fix of
        // this session: 26 of 30 with five alarms on its first run (missed:
        // a girl pulled into a van, an ex waiting outside "avec une
        // carabine", fingers black "pis je les sens pu", a hiker lost and
        // shivering; flagged: a tractor stuck in the mud, a school fire
        // drill, an old rifle found in the basement, chest pain "in march",
        // a daughter's nightmares). Now 30 of 30 with the last two alarms.
        ("tests/data/distress-probe-25.jsonl", 90.0),
    ] {
        let r = report(&root().join("faq"), &root().join(probe));
        let shown = r.render(true);
        assert!(pct(r.distress_caught, r.distress) >= 93.0, "{probe}: distress recall\n{shown}");
        assert!(pct(r.distress_caught, r.distress_flagged) >= precision, "{probe}: distress precision\n{shown}");
    }
}

#[test]
fn a_plain_request_for_a_person_is_not_distress() {
    let knowledge = vigie::cli::load_knowledge(&root().join("faq")).unwrap();
    let t = Thresholds::default();
    let plain = vigie::core::decide(&knowledge, "je voudrais parler à quelqu'un de la municipalité svp", None, &t);
    assert_eq!(plain.reason, Some(vigie::core::Reason::HumanRequested));
    let urgent = vigie::core::decide(
        &knowledge,
        "je veux parler à quelqu'un, mon père respire pu pis la fumée rentre",
        None,
        &t,
    );
    assert_eq!(urgent.reason, Some(vigie::core::Reason::Distress));
}

#[test]
fn a_resident_offering_help_is_answered_with_volunteering_not_one_helping_a_neighbour() {
    let knowledge = vigie::cli::load_knowledge(&root().join("faq")).unwrap();
    let t = Thresholds::default();
    for text in [
        "I have a chainsaw and free time, how can I help out",
        "on aimerait donner un coup de main samedi, qui on appelle?",
    ] {
        let offer = vigie::core::decide(&knowledge, text, None, &t);
        assert_eq!(offer.entry.as_deref(), Some("volunteering"), "{text}: {offer:?}");
    }
    let neighbour = vigie::core::decide(&knowledge, "je peux aider mes voisins âgés?", None, &t);
    assert_eq!(neighbour.entry, None, "{neighbour:?}");
}

#[test]
fn asking_how_one_will_be_told_is_answered_with_the_warnings_not_what_happened() {
    // Before "comment on va savoir" read as being notified, this was
    // answered with what happened.
    let knowledge = vigie::cli::load_knowledge(&root().join("tests/data/tornade")).unwrap();
    let t = Thresholds::default();
    for text in
        ["comment on va savoir si une autre tempête s'en vient", "how will we know if another tornado is coming"]
    {
        let decision = vigie::core::decide(&knowledge, text, None, &t);
        assert_eq!(decision.entry.as_deref(), Some("warnings"), "{text}: {decision:?}");
    }
}

#[test]
fn someone_to_talk_to_about_a_feeling_gets_the_support_entry_a_named_person_gets_a_person() {
    let knowledge = vigie::cli::load_knowledge(&root().join("faq")).unwrap();
    let t = Thresholds::default();
    let support = vigie::core::decide(
        &knowledge,
        "j'ai besoin de parler à quelqu'un, je suis tellement anxieuse depuis le feu",
        None,
        &t,
    );
    assert_eq!(support.entry.as_deref(), Some("mental-health"), "{support:?}");
    let human = vigie::core::decide(&knowledge, "je suis stressé, je veux parler à un humain", None, &t);
    assert_eq!(human.reason, Some(vigie::core::Reason::HumanRequested));
    assert_eq!(human.entry, None);
}

#[test]
fn shared_flood_set_routes_well() {
    let flood = root().join("../shared/eval/flood");
    if !flood.exists() {
        eprintln!("skipped: {} is not beside the checkout", flood.display());
        return;
    }
    let r = report(&flood.join("faq"), &flood.join("cases.jsonl"));
    check_floors(&r, 55.0, 3.5, 97.0, 82.0, 80.0, 90.0);
}

#[test]
fn distress_overrides_a_confident_faq_match() {
    let knowledge = vigie::cli::load_knowledge(&root().join("faq")).unwrap();
    let thresholds = Thresholds::default();
    let plain = vigie::core::decide(&knowledge, "où est le centre d'hébergement?", None, &thresholds);
    assert_eq!(plain.entry.as_deref(), Some("reception-centre"));
    let urgent = vigie::core::decide(
        &knowledge,
        "où est le centre d'hébergement? on est pris dans l'auto pis le feu est rendu sur le chemin, aidez-nous",
        None,
        &thresholds,
    );
    assert_eq!(urgent.reason, Some(vigie::core::Reason::Distress));
    // The candidates still say what the message was about.
    assert!(urgent.candidates.iter().any(|c| c.entry == "reception-centre"));
}

#[test]
fn the_reply_language_follows_the_message_or_the_residents_choice() {
    let knowledge = vigie::cli::load_knowledge(&root().join("faq")).unwrap();
    let t = Thresholds::default();
    let en = vigie::core::decide(&knowledge, "is the tap water safe to drink", None, &t);
    assert_eq!(en.lang, vigie::core::Lang::En);
    let chosen = vigie::core::decide(&knowledge, "is the tap water safe to drink", Some(vigie::core::Lang::Fr), &t);
    assert_eq!(chosen.lang, vigie::core::Lang::Fr);
    let replies = vigie::core::reply::replies(&knowledge, &chosen);
    assert!(replies[0].text.contains("ébullition"), "{}", replies[0].text);
    assert!(replies[0].text.contains("émise le 2026-06-09T16:00:00-04:00"), "the footer names the directive");
}

#[test]
fn expired_directives_are_not_served() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join("faq/feux-sante-services.toml")).unwrap().replace(
        "issued_at = 2026-06-09T16:00:00-04:00",
        "issued_at = 2020-06-09T16:00:00-04:00\nexpires_at = 2020-07-01T00:00:00-04:00",
    );
    std::fs::write(dir.path().join("a.toml"), text).unwrap();
    let knowledge = vigie::cli::load_knowledge(dir.path()).unwrap();
    assert!(knowledge.directive_set.entries.is_empty());
    let d = vigie::core::decide(&knowledge, "is the tap water safe to drink", None, &Thresholds::default());
    assert_eq!(d.reason, Some(vigie::core::Reason::Unmatched));
}
