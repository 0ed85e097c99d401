//! End-to-end tests of the `vigie` binary: `ask`, `eval` and `check-faq`
//! as DESIGN.md's contract says, and bad input that must not break them.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn vigie() -> Command {
    Command::new(env!("CARGO_BIN_EXE_vigie"))
}

fn sample_faq() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("faq")
}

fn run_with_stdin(mut command: Command, stdin: &[u8]) -> Output {
    let mut child =
        command.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("the binary starts");
    let mut pipe = child.stdin.take().expect("stdin is piped");
    let input = stdin.to_vec();
    // Write from another thread: a large input would otherwise fill the
    // pipe while the child waits for us to read its output.
    let writer = std::thread::spawn(move || {
        let _ = pipe.write_all(&input);
    });
    let output = child.wait_with_output().expect("the binary finishes");
    writer.join().expect("the writer thread finishes");
    output
}

fn ask_json(lines: &[u8]) -> Vec<serde_json::Value> {
    ask_json_on(&sample_faq(), lines)
}

/// `vigie ask --json` on the directives in `faq`, one decision a line.
fn ask_json_on(faq: &Path, lines: &[u8]) -> Vec<serde_json::Value> {
    let mut command = vigie();
    command.args(["ask", "--json", "--faq"]).arg(faq);
    let output = run_with_stdin(command, lines);
    assert!(output.status.success(), "stderr: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout)
        .expect("stdout is UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

#[test]
fn ask_json_follows_the_contract() {
    let decisions = ask_json("Où est le centre d'hébergement?\nwhere is the shelter\n".as_bytes());
    assert_eq!(decisions.len(), 2);
    for (decision, lang) in decisions.iter().zip(["fr", "en"]) {
        assert_eq!(decision["action"], "answer", "{decision}");
        assert_eq!(decision["entry"], "reception-centre");
        assert_eq!(decision["lang"], lang);
        let score = decision["score"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&score));
        let candidates = decision["candidates"].as_array().unwrap();
        assert_eq!(candidates[0]["entry"], "reception-centre");
        assert!(candidates.windows(2).all(|w| w[0]["score"].as_f64() >= w[1]["score"].as_f64()));
    }
}

#[test]
fn ask_answers_a_clear_lead_though_the_message_says_more_than_the_entry() {
    // A resident's whole question, with what else is on their mind: the
    // earthquake set's "during the shaking" entry leads every other clearly,
    // though it explains only a third of the message.
    let decisions = ask_json_on(&test_set("seisme"), b"what do i do if it starts shaking again while im in bed\n");
    let decision = &decisions[0];
    assert_eq!(decision["action"], "answer", "{decision}");
    assert_eq!(decision["entry"], "during-shaking", "{decision}");
}

/// A directive set under `tests/data`.
fn test_set(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(name)
}

/// A decision's action and what it chose: the entry answered, the reason
/// escalated, or the kind of small talk.
fn got(d: &serde_json::Value) -> (Option<String>, Option<String>) {
    (
        d["action"].as_str().map(str::to_string),
        d["entry"].as_str().or(d["reason"].as_str()).or(d["smalltalk"].as_str()).map(str::to_string),
    )
}

/// The `got` of a decision with `action` and `what`.
fn expect(action: &str, what: &str) -> (Option<String>, Option<String>) {
    (Some(action.to_string()), Some(what.to_string()))
}

#[test]
fn ask_offers_a_choice_when_a_rival_is_close_even_one_that_explains_nothing_more() {
    // The coastal set: road closures explain the route and its closing,
    // the schools' entry only its one-word keyword "fermé", but it is within
    // the margin: a choice, road closures first.
    let decisions = ask_json_on(&test_set("maree"), b"la 132 est tu fermee\n");
    assert_eq!(
        (decisions[0]["action"].as_str(), decisions[0]["candidates"][0]["entry"].as_str()),
        (Some("clarify"), Some("road-closures"))
    );
    // The algae set: the pets' "Can my dog swim in the lake?" explains more
    // of "is it safe to swim today", but swimming's own question is the one
    // the message says: a choice, with swimming among the buttons.
    let decisions = ask_json_on(&test_set("cyano"), b"is it safe to swim today\n");
    assert_eq!(decisions[0]["action"].as_str(), Some("clarify"));
    let offered: Vec<&str> =
        decisions[0]["candidates"].as_array().unwrap().iter().map(|c| c["entry"].as_str().unwrap()).collect();
    assert!(offered.contains(&"swimming"), "{offered:?}");
}

#[test]
fn ask_offers_an_entry_only_its_answer_speaks_of_and_still_sends_the_rest_to_a_person() {
    // The dam set: no question nor keyword says "rassemblement", the
    // high-ground entry's answer names the gathering points. Offered, not
    // answered; garbage pickup, which no answer speaks of, goes to a person.
    let decisions = ask_json_on(
        &test_set("barrage"),
        b"c'est ou les points de rassemblement?
when is garbage pickup this week
",
    );
    assert_eq!(decisions[0]["action"].as_str(), Some("clarify"), "{}", decisions[0]);
    assert_eq!(decisions[0]["candidates"][0]["entry"].as_str(), Some("high-ground"));
    assert_eq!(
        (decisions[1]["action"].as_str(), decisions[1]["reason"].as_str()),
        (Some("escalate"), Some("unmatched"))
    );
}

#[test]
fn ask_answers_a_question_about_an_outlet_and_sends_someone_stuck_to_a_person() {
    // The torrential-rain set: "plug" is written "prise", which also says
    // someone stuck ("elle est prise"); an appliance to plug back in is a
    // question for the directives, a mother stuck downstairs as water rises
    // is not.
    let decisions = ask_json_on(
        &test_set("pluies"),
        "my washer and dryer were under water, can i plug them back in?\nl'eau monte dans le sous-sol pis ma mère est prise en bas\n"
            .as_bytes(),
    );
    assert_eq!(
        (decisions[0]["action"].as_str(), decisions[0]["entry"].as_str()),
        (Some("answer"), Some("electrical-safety")),
        "{}",
        decisions[0]
    );
    assert_eq!(
        (decisions[1]["action"].as_str(), decisions[1]["reason"].as_str()),
        (Some("escalate"), Some("distress"))
    );
}

#[test]
fn ask_on_a_bridge_collapse_and_lead_in_water_tells_danger_from_questions() {
    // The bridge set: someone about to jump goes to a person; a parent cut
    // off on the other shore is asking about school, and a bus is no ferry
    // shuttle. The lead set: an evening meeting asked after is no "bonne
    // soirée", and earth fallen on a plumber is an emergency.
    let bridge = ask_json_on(
        &test_set("pont"),
        "my friend is on the ledge of the south bridge saying he's going to jump\n\
         i'm stuck on the other side, who will pick up my kids from school\n\
         l'autobus est-tu gratuit?\n"
            .as_bytes(),
    );
    let lead = ask_json_on(
        &test_set("plomb"),
        "c'est quand la soirée d'information\n\
         le plombier est tombé dans la tranchée pis la terre lui a tombé dessus\n"
            .as_bytes(),
    );
    assert_eq!(got(&bridge[0]), expect("escalate", "distress"), "{}", bridge[0]);
    assert_eq!(got(&bridge[1]), expect("answer", "schools"), "{}", bridge[1]);
    assert_eq!(got(&bridge[2]), expect("answer", "public-transit"), "{}", bridge[2]);
    assert_eq!(got(&lead[0]), expect("answer", "contact"), "{}", lead[0]);
    assert_eq!(got(&lead[1]), expect("escalate", "distress"), "{}", lead[1]);
}

#[test]
fn ask_on_a_police_operation_a_missing_child_and_measles_tells_danger_from_questions() {
    // The police set: dialysis "stuck in the lockdown zone" is a question
    // for the medical entry, an armed man in the hallway a person's to read,
    // cop cars what is going on. The search set: a drone by its brand, and a
    // hotline named "SOS" that is no cry. The measles set: what to give for
    // a fever is no fever now, the ER is the emergency room, a baby barely
    // moving is an emergency.
    let police = ask_json_on(
        &test_set("confinement"),
        "I have dialysis at 5 and I'm stuck in the lockdown zone\n\
         there's a guy with a gun in the hallway of my building right now\n\
         why are there like 20 cop cars on my street\n"
            .as_bytes(),
    );
    let search = ask_json_on(
        &test_set("recherche"),
        "my son wants to use his dji to help, is that ok\n\
         c'est quoi le numéro de SOS violence conjugale?\n"
            .as_bytes(),
    );
    let measles = ask_json_on(
        &test_set("rougeole"),
        "je donne quoi à mon enfant pour la fièvre\n\
         should i take my son to the ER for a fever\n\
         my baby is 6 weeks old and has a fever of 39, she's barely moving\n"
            .as_bytes(),
    );
    assert_eq!(got(&police[0]), expect("answer", "medical-needs"), "{}", police[0]);
    assert_eq!(got(&police[1]), expect("escalate", "distress"), "{}", police[1]);
    assert_eq!(got(&police[2]), expect("answer", "situation"), "{}", police[2]);
    assert_eq!(got(&search[0]), expect("answer", "drones"), "{}", search[0]);
    assert_ne!(search[1]["reason"].as_str(), Some("distress"), "{}", search[1]);
    assert_ne!(measles[0]["reason"].as_str(), Some("distress"), "{}", measles[0]);
    assert_eq!(
        (measles[1]["action"].as_str(), measles[1]["candidates"][0]["entry"].as_str()),
        (Some("clarify"), Some("when-to-consult")),
        "{}",
        measles[1]
    );
    assert_eq!(got(&measles[2]), expect("escalate", "distress"), "{}", measles[2]);
}

#[test]
fn ask_on_a_spill_rabies_a_bus_crash_and_a_recall_tells_danger_from_questions() {
    // The spill set: a headache from the smell is a question about the
    // fumes; oil on a lot "au bord de l'eau" is no water closing in. The
    // rabies set: a raccoon attacking a dog and its owner is an emergency, a
    // bat found in the attic is no one stuck. The bus crash set: a blood
    // drive for the crash victims and a dashcam video of the crash are
    // questions, a car driven into the ambulances with people on the ground
    // an emergency.
    let spill = ask_json_on(
        &test_set("hydrocarbures"),
        "the smell is giving me a headache what should i do
         ya du mazout sur mon terrain au bord de l'eau, qui nettoie ca
"
        .as_bytes(),
    );
    let rabies = ask_json_on(
        &test_set("rage"),
        "help a rabid raccoon is attacking my dog and me on the porch
         jai trouvé une chauve-souris dans le grenier
"
        .as_bytes(),
    );
    let crash = ask_json_on(
        &test_set("autobus"),
        "is there a blood drive for the crash victims
         i have dashcam footage of the bus going off the road
         un autre char vient de foncer dans les ambulances, y a du monde à terre
"
        .as_bytes(),
    );
    assert_eq!(got(&spill[0]), expect("answer", "fumes-health"), "{}", spill[0]);
    assert_eq!(got(&spill[1]), expect("answer", "property"), "{}", spill[1]);
    assert_eq!(got(&rabies[0]), expect("escalate", "distress"), "{}", rabies[0]);
    assert_eq!(got(&rabies[1]), expect("answer", "bat"), "{}", rabies[1]);
    assert_eq!(got(&crash[0]), expect("answer", "blood-donation"), "{}", crash[0]);
    assert_eq!(got(&crash[1]), expect("answer", "witnesses"), "{}", crash[1]);
    assert_eq!(got(&crash[2]), expect("escalate", "distress"), "{}", crash[2]);
    // The cheese recall set: residents say "listeria" where the questions
    // say "listériose"; a pregnant resident asking if it can hurt her baby
    // asks, she is not in danger now.
    let recall = ask_json_on(
        &test_set("listeria"),
        "c quoi les symptômes de la listeria
         y a tu un test pour savoir si j'ai la listeria
         im pregnant, can listeria hurt my baby
"
        .as_bytes(),
    );
    assert_eq!(got(&recall[0]), expect("answer", "symptoms"), "{}", recall[0]);
    assert_eq!(got(&recall[1]), expect("answer", "testing-treatment"), "{}", recall[1]);
    assert_ne!(recall[2]["reason"].as_str(), Some("distress"), "{}", recall[2]);
}

#[test]
fn ask_on_evacuees_a_residence_fire_a_cyberattack_bird_flu_and_a_nuclear_plant_reads_their_words() {
    // Each line's outcome differs from its set's first run.
    // Fired from a job for missing work: no fire, nobody missing.
    // Toothbrushes and shampoo are toiletries.
    let evacuees = ask_json_on(
        &test_set("evacues"),
        "can my employer fire me for missing work
         need toothbrushes and shampoo for the family
"
        .as_bytes(),
    );
    assert_eq!(got(&evacuees[0]), expect("answer", "work-insurance"), "{}", evacuees[0]);
    assert_eq!(got(&evacuees[1]), expect("answer", "clothing-essentials"), "{}", evacuees[1]);
    // A fire named by its cause is the event, not a fire now; a son who
    // means to hang himself goes to a person first, whatever the set.
    let residence = ask_json_on(
        &test_set("residence"),
        "c quoi qui a cause le feu
         je vais me pendre ce soir, c'est moi qui a mis ma mère là
"
        .as_bytes(),
    );
    assert_eq!(got(&residence[0]), expect("answer", "cause-investigation"), "{}", residence[0]);
    assert_eq!(got(&residence[1]), expect("escalate", "distress"), "{}", residence[1]);
    // Being followed home is danger; "la biblio" is the library.
    let cyber = ask_json_on(
        &test_set("cyberattaque"),
        "someone is following me home from the bus stop and i'm scared
         la biblio est tu ouverte
"
        .as_bytes(),
    );
    assert_eq!(got(&cyber[0]), expect("escalate", "distress"), "{}", cyber[0]);
    assert_eq!(got(&cyber[1]), expect("answer", "library-recreation"), "{}", cyber[1]);
    // "La grippe des oiseaux" is the avian flu, not a pet; a flea market is
    // no bird sale; "an AI" asks about a bot.
    let birds = ask_json_on(
        &test_set("aviaire"),
        "c quoi l'histoire de la grippe des oiseaux
         c'est quand le marche aux puces
         are you an ai
"
        .as_bytes(),
    );
    assert_eq!(got(&birds[0]), expect("answer", "situation"), "{}", birds[0]);
    assert_eq!(got(&birds[1]), expect("escalate", "unmatched"), "{}", birds[1]);
    assert_eq!(got(&birds[2]), expect("smalltalk", "bot_question"), "{}", birds[2]);
    // Iodine pills asked about are a treatment; cows brought in, nothing
    // rising.
    let plant = ask_json_on(
        &test_set("nucleaire"),
        "on prend tu les pilules d'iode maintenant
         mes vaches sont dans le pacage, je les rentre tu
"
        .as_bytes(),
    );
    assert_eq!(got(&plant[0]), expect("answer", "iodine-pills"), "{}", plant[0]);
    assert_eq!(got(&plant[1]), expect("answer", "pets-livestock"), "{}", plant[1]);
}

#[test]
fn ask_on_mosquitoes_a_forest_fire_an_ammonia_leak_a_second_flood_and_probe_25_reads_their_words() {
    // Each line's outcome differs from its set's or probe's first run.
    // Larvae killed with bleach: no one violent, no water closing in.
    let mosquitoes = ask_json_on(
        &test_set("moustiques"),
        "je peux tu mettre de l'eau de javel dans le fosse pour tuer les larves\n".as_bytes(),
    );
    assert_ne!(mosquitoes[0]["reason"].as_str(), Some("distress"), "{}", mosquitoes[0]);
    // Unemployment benefits are work, not the insurance of a home; a close
    // runner-up is a choice.
    let fire = ask_json_on(
        &test_set("feuforet"),
        "can i get ei because of the fire
         par ou on sort de la ville
"
        .as_bytes(),
    );
    assert_eq!(got(&fire[0]), expect("answer", "work-employers"), "{}", fire[0]);
    assert_eq!(fire[1]["action"].as_str(), Some("clarify"), "{}", fire[1]);
    // A plumber for a water heater.
    let ammonia = ask_json_on(&test_set("ammoniac"), "je cherche un plombier pour mon chauffe-eau\n".as_bytes());
    assert_eq!(got(&ammonia[0]), expect("escalate", "unmatched"), "{}", ammonia[0]);
    // Burnt out is exhausted; water an insurer covers is a claim.
    let flood = ask_json_on(
        &test_set("crue"),
        "je suis brule, ca fait 4 nuits que je dors pas a cause de la riviere
         mes assurances couvrent tu l'eau qui rentre par le sol
"
        .as_bytes(),
    );
    assert_ne!(flood[0]["reason"].as_str(), Some("distress"), "{}", flood[0]);
    assert_eq!(got(&flood[1]), expect("answer", "insurance"), "{}", flood[1]);
    // A girl pulled into a van and a finger almost cut off are danger; a
    // school fire drill is not.
    let probe = ask_json_on(
        &sample_faq(),
        "a man just pulled a girl into a van outside the school and drove off
         j'ai coupé mon doigt presque au complet avec la scie ronde
         on a fait un exercice d'incendie à l'école, les enfants ont aimé ça
"
        .as_bytes(),
    );
    assert_eq!(got(&probe[0]), expect("escalate", "distress"), "{}", probe[0]);
    assert_eq!(got(&probe[1]), expect("escalate", "distress"), "{}", probe[1]);
    assert_ne!(probe[2]["reason"].as_str(), Some("distress"), "{}", probe[2]);
}

#[test]
fn ask_sends_money_or_the_law_an_entry_does_not_cover_to_a_person_and_reads_a_bare_plea_as_distress() {
    // The outbreak set's cooling-towers entry is surely what "the building
    // owner" is about, but it says nothing of suing: a person answers that.
    // Its own question is still answered.
    let decisions = ask_json_on(
        &test_set("legionellose"),
        b"can i sue the building owner\nwhich building has the contaminated cooling tower\nhelp?\n",
    );
    assert_eq!(
        (decisions[0]["action"].as_str(), decisions[0]["reason"].as_str()),
        (Some("escalate"), Some("unmatched"))
    );
    assert_eq!(
        (decisions[1]["action"].as_str(), decisions[1]["entry"].as_str()),
        (Some("answer"), Some("cooling-towers"))
    );
    assert_eq!(
        (decisions[2]["action"].as_str(), decisions[2]["reason"].as_str()),
        (Some("escalate"), Some("distress"))
    );
}

#[test]
fn ask_escalates_with_a_reason_and_candidates_are_always_present() {
    let decisions = ask_json(
        "on est pris sur le toit pis le feu s'en vient, envoyez quelqu'un\nje veux parler à un humain\nest-ce que le festival western est annulé?\nmerci!\n"
            .as_bytes(),
    );
    let summary: Vec<(String, String)> = decisions
        .iter()
        .map(|d| {
            assert!(d["candidates"].is_array(), "{d}");
            (d["action"].as_str().unwrap().to_string(), d["reason"].as_str().unwrap_or("").to_string())
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("escalate".into(), "distress".into()),
            ("escalate".into(), "human_requested".into()),
            ("escalate".into(), "unmatched".into()),
            ("smalltalk".into(), String::new()),
        ]
    );
}

#[test]
fn ask_survives_hostile_input() {
    let mut input = Vec::new();
    input.extend_from_slice(b"\n"); // empty line
    input.extend_from_slice(b"   \r\n"); // blanks and CRLF
    input.extend_from_slice("a".repeat(1 << 20).as_bytes()); // 1 MB line
    input.push(b'\n');
    input.extend_from_slice(b"o\x00\x07\x1b[31m\xe2\x80\xae l'eau \x7f monte\n"); // control and bidi characters
    input.extend_from_slice(b"\xff\xfe invalid \xc3\x28 utf8\n"); // invalid UTF-8
    input.extend_from_slice(b"<script>alert(1)</script> **gras** @everyone"); // no final newline
    let decisions = ask_json(&input);
    assert_eq!(decisions.len(), 6);
    for d in &decisions {
        assert!(["answer", "clarify", "escalate", "smalltalk"].contains(&d["action"].as_str().unwrap()), "{d}");
    }
}

#[test]
fn ask_plain_output_has_one_line_per_message() {
    let mut command = vigie();
    command.args(["ask", "--faq"]).arg(sample_faq());
    let output = run_with_stdin(command, "pourquoi je n'ai plus de courant?\nbonjour\n".as_bytes());
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0].starts_with("answer:power-outage\t"), "{}", lines[0]);
    assert!(lines[0].contains("Hydro-Québec"), "the answer text and its footer follow: {}", lines[0]);
    assert!(lines[1].starts_with("smalltalk\t"));
}

#[test]
fn check_faq_accepts_the_sample_and_rejects_a_bad_file_with_its_position() {
    let ok = vigie().args(["check-faq"]).arg(sample_faq()).output().unwrap();
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stdout));

    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(sample_faq().join("feux-evacuation.toml"), dir.path().join("a.toml")).unwrap();
    std::fs::write(
        dir.path().join("b.toml"),
        "[directive]\ntitle = \"x\"\nissued_by = \"y\"\nissued_at = 2026-06-01T00:00:00Z\n\n[[entry]]\nid = \"pets\"\nquestions.fr = [\"?\"]\nanswer.fr = \"\"\ncolour = 1\n",
    )
    .unwrap();
    let bad = vigie().args(["check-faq"]).arg(dir.path()).output().unwrap();
    assert_eq!(bad.status.code(), Some(1));
    let stdout = String::from_utf8(bad.stdout).unwrap();
    assert!(stdout.contains("b.toml:10:1: unknown field `colour`"), "{stdout}");
}

#[test]
fn check_faq_reports_duplicates_across_files_and_empty_answers() {
    let dir = tempfile::tempdir().unwrap();
    let file = |id: &str, answer: &str| {
        format!(
            "[directive]\ntitle = \"x\"\nissued_by = \"y\"\nissued_at = 2026-06-01T00:00:00Z\n\n[[entry]]\nid = \"{id}\"\nquestions.fr = [\"Où?\"]\nanswer.fr = \"{answer}\"\n"
        )
    };
    std::fs::write(dir.path().join("a.toml"), file("same", "Ici.")).unwrap();
    std::fs::write(dir.path().join("b.toml"), file("same", "Là.")).unwrap();
    std::fs::write(dir.path().join("c.toml"), file("other", " ")).unwrap();
    let out = vigie().args(["check-faq"]).arg(dir.path()).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout.contains("b.toml:7:6: duplicate entry id `same` (first defined at a.toml:7:6)"), "{stdout}");
    assert!(stdout.contains("c.toml:9:13: entry `other` has an empty French answer"), "{stdout}");
    assert!(stdout.contains("warning: entry `same` has no English"), "{stdout}");
}

#[test]
fn ask_refuses_an_invalid_directive_folder_clearly() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.toml"), "[directive\n").unwrap();
    let mut command = vigie();
    command.args(["ask", "--faq"]).arg(dir.path());
    let out = run_with_stdin(command, b"bonjour\n");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("a.toml:1:"), "{stderr}");
    let missing = vigie().args(["check-faq", "/nonexistent/faq"]).output().unwrap();
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("cannot read the directive folder"));
}

#[test]
fn eval_prints_the_figures_and_the_misses() {
    let cases = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/wildfire-cases.jsonl");
    let out = vigie().args(["eval", "--faq"]).arg(sample_faq()).arg(&cases).output().unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    for needle in ["answerable (", "answered right", "distress (", "recall", "precision", "unmatched (", "smalltalk ("]
    {
        assert!(stdout.contains(needle), "missing {needle}: {stdout}");
    }
}

#[test]
fn eval_lists_a_false_alarm_among_the_misses() {
    // An unmatched message raised as distress is escalated, but ahead of
    // everyone: counted against precision and listed.
    let dir = tempfile::tempdir().unwrap();
    let cases = dir.path().join("cases.jsonl");
    std::fs::write(
        &cases,
        concat!(
            r#"{"id":"a","text":"help we are trapped on the roof and the water keeps rising","expect":"unmatched"}"#,
            "\n",
            r#"{"id":"b","text":"the city truck knocked over my fence","expect":"unmatched"}"#,
            "\n",
        ),
    )
    .unwrap();
    let out = vigie().args(["eval", "--faq"]).arg(sample_faq()).arg(&cases).output().unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("(1 flagged)"), "{stdout}");
    assert!(stdout.contains("unmatched (2): escalated 100.0%"), "{stdout}");
    assert!(stdout.contains("misses (1):"), "{stdout}");
    assert!(stdout.contains("  a\texpected unmatched\tgot distress\t"), "{stdout}");
}

#[test]
fn migrate_then_moderator_add_prints_a_token_last_and_purge_reports() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("vigie.db").display());
    let run = |args: &[&str]| {
        let out = vigie().args(args).env("VIGIE_DATABASE_URL", &url).env_remove("VIGIE_CONFIG").output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    assert!(run(&["migrate"]).contains("database ready"));
    assert!(dir.path().join("vigie.db").exists());

    let out = run(&["moderator", "add", "Alice Tremblay", "--role", "official", "--telegram-id", "123"]);
    let token = out.lines().last().unwrap();
    assert_eq!(token.len(), 64);
    assert!(token.bytes().all(|b| b.is_ascii_hexdigit()));
    let second = run(&["moderator", "add", "Bob", "--role", "moderator"]);
    assert_ne!(second.lines().last().unwrap(), token, "every token is new");

    assert!(run(&["purge", "--older-than", "30d"]).contains("0 messages"));
    let bad = vigie().args(["purge", "--older-than", "soon"]).env("VIGIE_DATABASE_URL", &url).output().unwrap();
    assert_eq!(bad.status.code(), Some(2));
    let role =
        vigie().args(["moderator", "add", "x", "--role", "boss"]).env("VIGIE_DATABASE_URL", &url).output().unwrap();
    assert!(!role.status.success());
}
