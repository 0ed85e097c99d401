//! Routing metrics on labelled cases (`shared/eval/*/cases.jsonl`):
//! `{"id","text","lang","expect"}` where `expect` is `answer:ENTRY`,
//! `distress`, `human_requested`, `unmatched` or `smalltalk`.

use std::fmt::Write as _;

use anyhow::Context;
use serde::Deserialize;

use crate::core::decide::clarify_choices;
use crate::core::{Action, Decision, Knowledge, Lang, Reason, Thresholds, decide};

#[derive(Clone, Debug, Deserialize)]
pub struct Case {
    #[serde(default)]
    pub id: String,
    pub text: String,
    #[serde(default)]
    pub lang: Option<String>,
    pub expect: String,
}

pub fn parse_cases(text: &str) -> anyhow::Result<Vec<Case>> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| serde_json::from_str(l).with_context(|| format!("line {}: not a case", i + 1)))
        .collect()
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Report {
    pub answerable: usize,
    pub answered_right: usize,
    pub answered_wrong: usize,
    pub clarify_with_right: usize,
    pub clarify_without_right: usize,
    pub answerable_escalated: usize,
    pub distress: usize,
    pub distress_caught: usize,
    pub distress_flagged: usize,
    pub human: usize,
    pub human_caught: usize,
    pub unmatched: usize,
    pub unmatched_escalated: usize,
    pub unmatched_answered: usize,
    pub smalltalk: usize,
    pub smalltalk_recognised: usize,
    pub lang_known: usize,
    pub lang_right: usize,
    /// (case id, expected, got, text)
    pub misses: Vec<(String, String, String, String)>,
}

fn pct(n: usize, d: usize) -> f64 {
    if d == 0 { 0.0 } else { 100.0 * n as f64 / d as f64 }
}

pub fn describe(decision: &Decision) -> String {
    match decision.action {
        Action::Answer => format!("answer:{}", decision.entry.as_deref().unwrap_or("?")),
        Action::Clarify => format!(
            "clarify[{}]",
            clarify_choices(decision, &Thresholds::default())
                .iter()
                .map(|c| c.entry.as_str())
                .collect::<Vec<_>>()
                .join(",")
        ),
        Action::Escalate => decision.reason.map_or("escalate".into(), |r| r.as_str().to_string()),
        Action::Smalltalk => "smalltalk".into(),
    }
}

pub fn evaluate(knowledge: &Knowledge, cases: &[Case], thresholds: &Thresholds) -> Report {
    let mut r = Report::default();
    for case in cases {
        let decision = decide(knowledge, &case.text, None, thresholds);
        let got = describe(&decision);
        let expect = case.expect.as_str();
        let ok;
        if let Some(lang) = case.lang.as_deref().and_then(Lang::parse) {
            r.lang_known += 1;
            r.lang_right += usize::from(decision.lang == lang);
        }
        if decision.reason == Some(Reason::Distress) {
            r.distress_flagged += 1;
        }
        if let Some(entry) = expect.strip_prefix("answer:") {
            r.answerable += 1;
            let in_buttons = clarify_choices(&decision, thresholds).iter().any(|c| c.entry == entry);
            match decision.action {
                Action::Answer if decision.entry.as_deref() == Some(entry) => r.answered_right += 1,
                Action::Answer => r.answered_wrong += 1,
                Action::Clarify if in_buttons => r.clarify_with_right += 1,
                Action::Clarify => r.clarify_without_right += 1,
                Action::Escalate => r.answerable_escalated += 1,
                Action::Smalltalk => {}
            }
            ok = decision.action == Action::Answer && decision.entry.as_deref() == Some(entry);
        } else {
            match expect {
                "distress" => {
                    r.distress += 1;
                    ok = decision.reason == Some(Reason::Distress);
                    r.distress_caught += usize::from(ok);
                }
                "human_requested" => {
                    r.human += 1;
                    ok = decision.reason == Some(Reason::HumanRequested);
                    r.human_caught += usize::from(ok);
                }
                "unmatched" => {
                    r.unmatched += 1;
                    let escalated = decision.action == Action::Escalate;
                    r.unmatched_escalated += usize::from(escalated);
                    r.unmatched_answered += usize::from(decision.action == Action::Answer);
                    // A false alarm is escalated, but ahead of everyone in
                    // the queue: it counts against precision and is listed.
                    ok = escalated && decision.reason != Some(Reason::Distress);
                }
                "smalltalk" => {
                    r.smalltalk += 1;
                    ok = decision.action == Action::Smalltalk;
                    r.smalltalk_recognised += usize::from(ok);
                }
                _ => ok = false,
            }
        }
        if !ok {
            r.misses.push((case.id.clone(), expect.to_string(), got, case.text.clone()));
        }
    }
    r
}

impl Report {
    pub fn render(&self, with_misses: bool) -> String {
        let mut s = String::new();
        let _ =
            writeln!(s, "cases: {}", self.answerable + self.distress + self.human + self.unmatched + self.smalltalk);
        let _ = writeln!(
            s,
            "answerable ({}): answered right {:.1}%, answered wrong {:.1}%, clarify with the right entry {:.1}%, clarify without {:.1}%, escalated {:.1}%",
            self.answerable,
            pct(self.answered_right, self.answerable),
            pct(self.answered_wrong, self.answerable),
            pct(self.clarify_with_right, self.answerable),
            pct(self.clarify_without_right, self.answerable),
            pct(self.answerable_escalated, self.answerable),
        );
        let _ = writeln!(
            s,
            "distress ({}): recall {:.1}%, precision {:.1}% ({} flagged)",
            self.distress,
            pct(self.distress_caught, self.distress),
            pct(self.distress_caught, self.distress_flagged),
            self.distress_flagged
        );
        if self.human > 0 {
            let _ =
                writeln!(s, "human_requested ({}): recognised {:.1}%", self.human, pct(self.human_caught, self.human));
        }
        let _ = writeln!(
            s,
            "unmatched ({}): escalated {:.1}%, answered {:.1}%",
            self.unmatched,
            pct(self.unmatched_escalated, self.unmatched),
            pct(self.unmatched_answered, self.unmatched)
        );
        let _ = writeln!(
            s,
            "smalltalk ({}): recognised {:.1}%",
            self.smalltalk,
            pct(self.smalltalk_recognised, self.smalltalk)
        );
        if self.lang_known > 0 {
            let _ = writeln!(
                s,
                "language: detected right {:.1}% of {}",
                pct(self.lang_right, self.lang_known),
                self.lang_known
            );
        }
        if with_misses && !self.misses.is_empty() {
            let _ = writeln!(s, "\nmisses ({}):", self.misses.len());
            for (id, expect, got, text) in &self.misses {
                let _ = writeln!(s, "  {id}\texpected {expect}\tgot {got}\t{}", text.replace(['\n', '\t'], " "));
            }
        }
        s
    }
}
