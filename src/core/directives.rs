//! Directive files (`faq/*.toml`): parsing, validation and the immutable
//! [`DirectiveSet`] that the matcher indexes.
//!
//! This module does no I/O: callers hand it `(file name, text)` pairs and the
//! current time, so the same validation serves `check-faq`, `ask`, `eval` and
//! the live reload of `vigie run`.
//!
//! Every problem is collected, not just the first one, and reported as
//! `file:line:column: message`. A set with any error is rejected whole.

use std::collections::HashMap;
use std::fmt;
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;
use toml::value::{Datetime, Offset};

/// A reply language. Vigie serves French and English.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    Fr,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    pub fn parse(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "fr" | "fr-ca" | "fr_ca" | "français" | "francais" | "french" => Some(Lang::Fr),
            "en" | "en-ca" | "en_ca" | "en-us" | "english" | "anglais" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Fr => Lang::En,
            Lang::En => Lang::Fr,
        }
    }
}

/// A text in both languages, at least one of which is present.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bilingual {
    pub fr: Option<String>,
    pub en: Option<String>,
}

impl Bilingual {
    /// The text in `lang`, or in the other language when `lang` is missing.
    pub fn get(&self, lang: Lang) -> &str {
        let (want, fallback) = match lang {
            Lang::Fr => (&self.fr, &self.en),
            Lang::En => (&self.en, &self.fr),
        };
        want.as_deref().or(fallback.as_deref()).expect("validation guarantees at least one language")
    }
}

/// One `[directive]` table: who issued a file's entries, and when.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directive {
    /// File name relative to the directive folder.
    pub file: String,
    pub title: String,
    pub issued_by: String,
    /// As written in the file (RFC 3339), for the answer's footer.
    pub issued_at: String,
    pub issued_at_epoch: i64,
    pub expires_at: Option<String>,
    pub expires_at_epoch: Option<i64>,
}

impl Directive {
    pub fn is_expired(&self, now_epoch: i64) -> bool {
        self.expires_at_epoch.is_some_and(|at| at <= now_epoch)
    }
}

/// One `[[entry]]`: a question officials answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub id: String,
    /// Index into [`DirectiveSet::directives`].
    pub directive: usize,
    pub questions_fr: Vec<String>,
    pub questions_en: Vec<String>,
    pub keywords: Vec<String>,
    pub answer: Bilingual,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// A problem found in a directive file, with its position.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: String,
    /// 1-based.
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.severity {
            Severity::Error => write!(f, "{}:{}:{}: {}", self.file, self.line, self.column, self.message),
            Severity::Warning => write!(f, "{}:{}:{}: warning: {}", self.file, self.line, self.column, self.message),
        }
    }
}

/// The directive files handed to [`DirectiveSet::build`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// File name relative to the directive folder, used in diagnostics.
    pub file: String,
    pub text: String,
}

/// The rejected set: every error, plus the warnings seen on the way.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{} error(s) in the directive files", errors.len())]
pub struct LoadErrors {
    pub errors: Vec<Diagnostic>,
    pub warnings: Vec<Diagnostic>,
}

/// All directives in force. Immutable: a reload builds a new one.
#[derive(Clone, Debug)]
pub struct DirectiveSet {
    pub directives: Vec<Directive>,
    /// The entries served: those of expired directives are left out.
    pub entries: Vec<Entry>,
    /// Ids of entries left out because their directive has expired.
    pub expired_entries: Vec<String>,
    /// Those entries themselves: a question about one is told the
    /// information is being updated (see `Knowledge::expired_match`).
    pub expired: Vec<Entry>,
    pub warnings: Vec<Diagnostic>,
    /// A short digest of every file's name and content: the same files give
    /// the same version, on every process.
    pub version: String,
}

impl DirectiveSet {
    /// The earliest expiry (Unix seconds) of a directive still served: when
    /// the set must be rebuilt.
    pub fn next_expiry(&self, now_epoch: i64) -> Option<i64> {
        self.directives.iter().filter_map(|d| d.expires_at_epoch).filter(|at| *at > now_epoch).min()
    }

    /// An empty set (no file at all): every question is escalated.
    pub fn empty() -> DirectiveSet {
        DirectiveSet {
            directives: Vec::new(),
            entries: Vec::new(),
            expired_entries: Vec::new(),
            expired: Vec::new(),
            warnings: Vec::new(),
            version: digest(&[]),
        }
    }

    /// Parses and validates `sources`; `now_epoch` (Unix seconds) decides
    /// which directives have expired.
    pub fn build(sources: &[Source], now_epoch: i64) -> Result<DirectiveSet, LoadErrors> {
        let mut sorted: Vec<&Source> = sources.iter().collect();
        sorted.sort_by(|a, b| a.file.cmp(&b.file));

        let mut errors = Vec::new();
        let mut warnings = Vec::new();
        let mut directives = Vec::new();
        let mut entries = Vec::new();
        let mut expired_entries = Vec::new();
        let mut expired = Vec::new();
        // id -> where it was first defined, for the duplicate message.
        let mut seen_ids: HashMap<String, String> = HashMap::new();

        for source in &sorted {
            let mut report = Reporter { source, errors: &mut errors, warnings: &mut warnings };
            let Some(parsed) = parse_file(&mut report) else {
                continue;
            };
            let directive_index = directives.len();
            let is_expired = parsed.directive.is_expired(now_epoch);
            if is_expired {
                report.warning(
                    parsed.expires_span.clone().unwrap_or(0..0),
                    format!(
                        "directive expired at {}; its {} entries are not served",
                        parsed.directive.expires_at.as_deref().unwrap_or("?"),
                        parsed.entries.len()
                    ),
                );
            }
            for (entry, id_span) in parsed.entries {
                let here = report.position(id_span.clone());
                if let Some(first) = seen_ids.get(&entry.id) {
                    report.error(id_span, format!("duplicate entry id `{}` (first defined at {first})", entry.id));
                    continue;
                }
                seen_ids.insert(entry.id.clone(), format!("{}:{}:{}", source.file, here.0, here.1));
                if is_expired {
                    expired_entries.push(entry.id.clone());
                    expired.push(Entry { directive: directive_index, ..entry });
                } else {
                    entries.push(Entry { directive: directive_index, ..entry });
                }
            }
            directives.push(parsed.directive);
        }

        if !errors.is_empty() {
            return Err(LoadErrors { errors, warnings });
        }
        let digest_input: Vec<(&str, &str)> = sorted.iter().map(|s| (s.file.as_str(), s.text.as_str())).collect();
        Ok(DirectiveSet { directives, entries, expired_entries, expired, warnings, version: digest(&digest_input) })
    }

    pub fn entry(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id == id)
    }

    pub fn directive_of(&self, entry: &Entry) -> &Directive {
        &self.directives[entry.directive]
    }
}

/// FNV-1a over names and contents; stable across processes and releases.
fn digest(files: &[(&str, &str)]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for (name, text) in files {
        for byte in name.bytes().chain([0u8]).chain(text.bytes()).chain([0u8]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

struct Reporter<'a> {
    source: &'a Source,
    errors: &'a mut Vec<Diagnostic>,
    warnings: &'a mut Vec<Diagnostic>,
}

impl Reporter<'_> {
    /// 1-based line and character column of a byte offset.
    fn position(&self, span: Range<usize>) -> (usize, usize) {
        line_column(&self.source.text, span.start)
    }

    fn diagnostic(&self, severity: Severity, span: Range<usize>, message: String) -> Diagnostic {
        let (line, column) = self.position(span);
        Diagnostic { severity, file: self.source.file.clone(), line, column, message }
    }

    fn error(&mut self, span: Range<usize>, message: impl Into<String>) {
        let d = self.diagnostic(Severity::Error, span, message.into());
        self.errors.push(d);
    }

    fn warning(&mut self, span: Range<usize>, message: impl Into<String>) {
        let d = self.diagnostic(Severity::Warning, span, message.into());
        self.warnings.push(d);
    }
}

/// 1-based line and column (in characters) of byte `offset` in `text`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    directive: Spanned<RawDirective>,
    #[serde(default)]
    entry: Vec<Spanned<RawEntry>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDirective {
    title: Spanned<String>,
    issued_by: Spanned<String>,
    issued_at: Spanned<Datetime>,
    expires_at: Option<Spanned<Datetime>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    id: Spanned<String>,
    questions: Option<Spanned<RawLangs<Vec<Spanned<String>>>>>,
    #[serde(default)]
    keywords: Vec<Spanned<String>>,
    answer: Option<Spanned<RawLangs<Spanned<String>>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLangs<T> {
    fr: Option<T>,
    en: Option<T>,
}

struct ParsedFile {
    directive: Directive,
    expires_span: Option<Range<usize>>,
    entries: Vec<(Entry, Range<usize>)>,
}

fn parse_file(report: &mut Reporter<'_>) -> Option<ParsedFile> {
    let raw: RawFile = match toml::from_str(&report.source.text) {
        Ok(raw) => raw,
        Err(err) => {
            let message = err.message().trim().replace('\n', " ");
            report.error(err.span().unwrap_or(0..0), message);
            return None;
        }
    };
    let errors_before = report.errors.len();

    let raw_directive = raw.directive.into_inner();
    let title = non_empty(report, raw_directive.title, "directive title");
    let issued_by = non_empty(report, raw_directive.issued_by, "directive issued_by");
    let issued_at_epoch = epoch_of(report, &raw_directive.issued_at, "issued_at");
    let expires_span = raw_directive.expires_at.as_ref().map(|e| e.span());
    let expires_at_epoch = raw_directive.expires_at.as_ref().and_then(|e| epoch_of(report, e, "expires_at"));
    if let (Some(issued), Some(expires), Some(span)) = (issued_at_epoch, expires_at_epoch, expires_span.clone())
        && expires <= issued
    {
        report.error(span, "expires_at must be later than issued_at");
    }
    let directive = Directive {
        file: report.source.file.clone(),
        title,
        issued_by,
        issued_at: raw_directive.issued_at.get_ref().to_string(),
        issued_at_epoch: issued_at_epoch.unwrap_or(0),
        expires_at: raw_directive.expires_at.as_ref().map(|e| e.get_ref().to_string()),
        expires_at_epoch,
    };

    let mut entries = Vec::new();
    let mut ids_in_file: HashMap<String, ()> = HashMap::new();
    for raw_entry in raw.entry {
        let entry_span = raw_entry.span();
        let raw_entry = raw_entry.into_inner();
        let id_span = raw_entry.id.span();
        let id = raw_entry.id.into_inner();
        if id.is_empty() || !id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
            report.error(id_span.clone(), format!("entry id `{id}` must be made of a-z, 0-9 and '-' only"));
        }
        ids_in_file.insert(id.clone(), ());

        let (mut questions_fr, mut questions_en) = (Vec::new(), Vec::new());
        match raw_entry.questions {
            None => report.error(entry_span.clone(), format!("entry `{id}` has no question")),
            Some(questions) => {
                let span = questions.span();
                let questions = questions.into_inner();
                questions_fr = clean_list(report, questions.fr.unwrap_or_default(), "question");
                questions_en = clean_list(report, questions.en.unwrap_or_default(), "question");
                match (questions_fr.is_empty(), questions_en.is_empty()) {
                    (true, true) => report.error(span, format!("entry `{id}` has no question")),
                    (true, false) => report.warning(
                        span,
                        format!("entry `{id}` has no French question; French messages reach it through its English questions and keywords"),
                    ),
                    (false, true) => report.warning(
                        span,
                        format!("entry `{id}` has no English question; English messages reach it through its French questions and keywords"),
                    ),
                    (false, false) => {}
                }
            }
        }

        let keywords = clean_list(report, raw_entry.keywords, "keyword");

        let mut answer = Bilingual { fr: None, en: None };
        match raw_entry.answer {
            None => report.error(entry_span.clone(), format!("entry `{id}` has no answer")),
            Some(raw_answer) => {
                let span = raw_answer.span();
                let raw_answer = raw_answer.into_inner();
                for (lang, text) in [(Lang::Fr, raw_answer.fr), (Lang::En, raw_answer.en)] {
                    let Some(text) = text else { continue };
                    let text_span = text.span();
                    let text = text.into_inner();
                    if text.trim().is_empty() {
                        report.error(text_span, format!("entry `{id}` has an empty {} answer", lang_name(lang)));
                        continue;
                    }
                    let slot = if lang == Lang::Fr { &mut answer.fr } else { &mut answer.en };
                    *slot = Some(text.trim().to_string());
                }
                match (&answer.fr, &answer.en) {
                    (None, None) => {
                        if !report.errors.iter().any(|d| d.message.contains("empty")) {
                            report.error(span, format!("entry `{id}` has no answer"));
                        }
                    }
                    (None, Some(_)) => report.warning(
                        span,
                        format!("entry `{id}` has no French answer; French speakers get the English one"),
                    ),
                    (Some(_), None) => report.warning(
                        span,
                        format!("entry `{id}` has no English answer; English speakers get the French one"),
                    ),
                    (Some(_), Some(_)) => {}
                }
            }
        }

        entries.push((Entry { id, directive: 0, questions_fr, questions_en, keywords, answer }, id_span));
    }

    if report.errors.len() > errors_before {
        return None;
    }
    Some(ParsedFile { directive, expires_span, entries })
}

fn lang_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => "French",
        Lang::En => "English",
    }
}

fn non_empty(report: &mut Reporter<'_>, value: Spanned<String>, what: &str) -> String {
    let span = value.span();
    let value = value.into_inner();
    if value.trim().is_empty() {
        report.error(span, format!("{what} is empty"));
    }
    value.trim().to_string()
}

/// Drops blank items with an error each; keeps the others trimmed.
fn clean_list(report: &mut Reporter<'_>, items: Vec<Spanned<String>>, what: &str) -> Vec<String> {
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        let span = item.span();
        let item = item.into_inner();
        if item.trim().is_empty() {
            report.error(span, format!("empty {what}"));
        } else {
            out.push(item.trim().to_string());
        }
    }
    out
}

/// Unix seconds of a full date-time with an offset; anything else is an error.
fn epoch_of(report: &mut Reporter<'_>, value: &Spanned<Datetime>, field: &str) -> Option<i64> {
    let datetime = value.get_ref();
    match (datetime.date, datetime.time, datetime.offset) {
        (Some(date), Some(time), Some(offset)) => {
            let days = days_from_civil(i64::from(date.year), date.month.into(), date.day.into());
            let seconds = days * 86_400
                + i64::from(time.hour) * 3_600
                + i64::from(time.minute) * 60
                + i64::from(time.second.unwrap_or(0));
            let offset_seconds = match offset {
                Offset::Z => 0,
                Offset::Custom { minutes } => i64::from(minutes) * 60,
            };
            Some(seconds - offset_seconds)
        }
        _ => {
            report.error(
                value.span(),
                format!(
                    "bad date: {field} must be a date and time with a UTC offset, e.g. 2026-04-18T14:00:00-04:00 (got {datetime})"
                ),
            );
            None
        }
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
/// `days_from_civil`).
pub fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = if year >= 0 { year } else { year - 399 } / 400;
    let year_of_era = year - era * 400;
    let month_index = if month > 2 { month - 3 } else { month + 9 };
    let day_of_year = (153 * month_index + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_776_000_000; // 2026-04-12

    const GOOD: &str = r#"
[directive]
title = "Crue"
issued_by = "Ville"
issued_at = 2026-04-18T14:00:00-04:00

[[entry]]
id = "evacuation-where"
questions.fr = ["Où aller?"]
questions.en = ["Where to go?"]
keywords = ["refuge"]
answer.fr = "Au centre."
answer.en = "To the centre."
"#;

    fn src(file: &str, text: &str) -> Source {
        Source { file: file.into(), text: text.into() }
    }

    #[track_caller]
    fn check_errors(text: &str, expect: &[&str]) {
        let err = DirectiveSet::build(&[src("a.toml", text)], NOW).expect_err("should be rejected");
        let got: Vec<String> = err.errors.iter().map(|d| d.to_string()).collect();
        assert_eq!(got, expect);
    }

    #[test]
    fn good_file_loads() {
        let set = DirectiveSet::build(&[src("a.toml", GOOD)], NOW).unwrap();
        assert_eq!(set.entries.len(), 1);
        assert_eq!(set.entries[0].answer.get(Lang::En), "To the centre.");
        assert_eq!(set.directives[0].issued_at, "2026-04-18T14:00:00-04:00");
        assert_eq!(set.directives[0].issued_at_epoch, 1_776_535_200);
        assert!(set.warnings.is_empty());
    }

    #[test]
    fn unknown_key_is_located() {
        check_errors(
            &GOOD.replace("keywords =", "keywrods ="),
            &["a.toml:11:1: unknown field `keywrods`, expected one of `id`, `questions`, `keywords`, `answer`"],
        );
    }

    #[test]
    fn empty_answer_and_missing_question() {
        check_errors(
            &GOOD.replace("\"To the centre.\"", "\"  \""),
            &["a.toml:13:13: entry `evacuation-where` has an empty English answer"],
        );
        let no_question =
            GOOD.replace("questions.fr = [\"Où aller?\"]\n", "").replace("questions.en = [\"Where to go?\"]\n", "");
        check_errors(&no_question, &["a.toml:7:1: entry `evacuation-where` has no question"]);
    }

    #[test]
    fn bad_dates() {
        check_errors(
            &GOOD.replace("2026-04-18T14:00:00-04:00", "2026-04-18"),
            &[
                "a.toml:5:13: bad date: issued_at must be a date and time with a UTC offset, e.g. 2026-04-18T14:00:00-04:00 (got 2026-04-18)",
            ],
        );
        let err = DirectiveSet::build(&[src("a.toml", &GOOD.replace("2026-04-18T14:00:00-04:00", "\"hier\""))], NOW)
            .unwrap_err();
        assert!(err.errors[0].to_string().starts_with("a.toml:5:13: "), "{:?}", err.errors);
    }

    #[test]
    fn bad_id_characters() {
        check_errors(
            &GOOD.replace("\"evacuation-where\"", "\"Évacuation\""),
            &["a.toml:8:6: entry id `Évacuation` must be made of a-z, 0-9 and '-' only"],
        );
    }

    #[test]
    fn duplicate_ids_across_files_reject_the_whole_set() {
        let err = DirectiveSet::build(&[src("b.toml", GOOD), src("a.toml", GOOD)], NOW).unwrap_err();
        assert_eq!(err.errors.len(), 1);
        assert_eq!(
            err.errors[0].to_string(),
            "b.toml:8:6: duplicate entry id `evacuation-where` (first defined at a.toml:8:6)"
        );
    }

    #[test]
    fn syntax_error_is_located() {
        check_errors(
            "[directive]\ntitle = \"x\nissued_by = 3\n",
            &["a.toml:2:11: invalid basic string, expected `\"`"],
        );
    }

    #[test]
    fn missing_language_is_a_warning_with_the_fallback() {
        let set =
            DirectiveSet::build(&[src("a.toml", &GOOD.replace("answer.en = \"To the centre.\"", ""))], NOW).unwrap();
        assert_eq!(set.warnings.len(), 1);
        assert!(set.warnings[0].to_string().contains("English speakers get the French one"));
        assert_eq!(set.entries[0].answer.get(Lang::En), "Au centre.");
    }

    #[test]
    fn expired_directive_is_not_served() {
        let text = GOOD.replace(
            "issued_at = 2026-04-18T14:00:00-04:00",
            "issued_at = 2026-03-01T00:00:00Z\nexpires_at = 2026-04-01T00:00:00Z",
        );
        let set = DirectiveSet::build(&[src("a.toml", &text)], NOW).unwrap();
        assert!(set.entries.is_empty());
        assert_eq!(set.expired_entries, ["evacuation-where"]);
        assert!(set.warnings[0].message.contains("expired"));
        let earlier = DirectiveSet::build(&[src("a.toml", &text)], 1_773_000_000).unwrap();
        assert_eq!(earlier.entries.len(), 1);
    }

    #[test]
    fn version_depends_on_content_only() {
        let a = DirectiveSet::build(&[src("a.toml", GOOD)], NOW).unwrap();
        let b = DirectiveSet::build(&[src("a.toml", GOOD)], NOW + 5).unwrap();
        let c = DirectiveSet::build(&[src("a.toml", &GOOD.replace("Au centre", "Au gymnase"))], NOW).unwrap();
        assert_eq!(a.version, b.version);
        assert_ne!(a.version, c.version);
    }

    #[test]
    fn civil_days() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(2026, 4, 18), 20_561);
    }
}
