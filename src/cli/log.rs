//! `skillbase log`: one entry of the studio master's log from the command line, for
//! scripted imports. Every missing or bad flag is named at once with what it expects, and
//! the entry's rules (hours, the day's 24 hours, dates within the apprenticeship, a stage
//! of its own plan) are the store's, named by their flag; on any of them nothing is
//! written (exit 2).

use std::path::Path;

use super::open::open_existing_writer;
use super::{Failure, Outcome};
use crate::domain::check::FieldIssue;
use crate::domain::studio::Apprenticeship;
use crate::domain::studio_log::LogEntry;
use crate::domain::{Id, Record, Today};
use crate::i18n::Lang;
use crate::i18n::studio_log::text;
use crate::store::StoreError;

/// The flags as given, each checked here so that all problems are named together.
pub struct LogArgs {
    pub apprenticeship: Option<String>,
    pub date: Option<String>,
    pub hours: Option<String>,
    pub text: Option<String>,
    pub stage: Option<String>,
}

/// The flag a field of a log entry is given with.
fn flag_of(field: &str) -> &'static str {
    match field {
        "apprenticeship" => "--apprenticeship",
        "date" => "--date",
        "hours" => "--hours",
        "stage" => "--stage",
        _ => "--text",
    }
}

fn refused(issue: &FieldIssue, lang: Lang) -> String {
    super::refused_flag(issue, flag_of(issue.field), text(lang).refused, lang)
}

pub fn log(path: &Path, args: LogArgs, lang: Lang) -> Outcome {
    let t = text(lang);
    let mut problems = Vec::new();
    let mut need = |flag: &str, value: &Option<String>, expected: &str| {
        let v = value.as_deref().map(str::trim).filter(|v| !v.is_empty());
        if v.is_none() {
            problems.push((t.missing)(flag, expected));
        }
        v.map(str::to_string)
    };
    let apprenticeship = need(
        "--apprenticeship",
        &args.apprenticeship,
        t.apprenticeship_expected,
    );
    let date = need("--date", &args.date, t.date_expected);
    let hours = need("--hours", &args.hours, t.hours_expected);
    let content = need("--text", &args.text, t.text_expected);
    let mut parsed = |flag: &str, value: Option<&str>, expected: &str, ok: bool| {
        if let Some(v) = value
            && !ok
        {
            problems.push((t.not_valid)(flag, v, expected));
        }
    };
    let apprenticeship_id = apprenticeship
        .as_deref()
        .and_then(|a| a.parse::<Id<Apprenticeship>>().ok());
    parsed(
        "--apprenticeship",
        apprenticeship.as_deref(),
        t.apprenticeship_expected,
        apprenticeship_id.is_some(),
    );
    let day = date.as_deref().and_then(crate::domain::text::parse_date_loose);
    parsed("--date", date.as_deref(), t.date_expected, day.is_some());
    let h = hours
        .as_deref()
        .and_then(|h| crate::domain::text::normalise(h).parse::<f64>().ok())
        .filter(|h| h.is_finite());
    parsed("--hours", hours.as_deref(), t.hours_expected, h.is_some());
    let stage_given = args.stage.as_deref().map(str::trim);
    let seq = stage_given.and_then(|s| crate::domain::text::normalise(s).parse::<u32>().ok());
    parsed(
        "--stage",
        stage_given,
        t.stage_expected,
        stage_given.is_none() || seq.is_some(),
    );
    let nothing = |mut problems: Vec<String>| {
        problems.push(t.nothing_written.to_string());
        Failure::BadInput(problems.join("\n"))
    };
    // The entry's own rules on what was given (a flag missing or unreadable is named
    // above, not again here).
    let mut entry = LogEntry {
        apprenticeship: apprenticeship_id.unwrap_or_else(Id::new),
        stage: None,
        date: day.unwrap_or(chrono::NaiveDate::MIN),
        hours: h.unwrap_or(1.0),
        content: content.clone().unwrap_or_else(|| "-".into()),
        signed_by: None,
        signed_on: None,
    };
    entry.normalise();
    let unread = |field: &str| match field {
        "date" => day.is_none(),
        "hours" => h.is_none(),
        "content" => content.is_none(),
        _ => false,
    };
    problems.extend(
        entry
            .validate(Today::now())
            .errors()
            .filter(|i| !unread(i.field))
            .map(|i| refused(i, lang)),
    );
    let (Some(a_id), Some(day), Some(h), Some(_)) = (apprenticeship_id, day, h, &content) else {
        return Err(nothing(problems));
    };
    if !problems.is_empty() {
        return Err(nothing(problems));
    }
    let mut store = open_existing_writer(path, "log", lang)?;
    let a = match store.get(a_id) {
        Ok(a) if !a.meta.is_deleted() => a,
        Ok(_) | Err(StoreError::NotFound { .. }) => {
            return Err(nothing(vec![(t.no_apprenticeship)(&a_id.to_string())]));
        }
        Err(e) => return Err(Failure::from_store(e, lang)),
    };
    let stage = match seq {
        None => None,
        Some(n) => match store
            .stage_by_seq(a_id, n)
            .map_err(|e| Failure::from_store(e, lang))?
        {
            Some(s) => Some(s.id),
            None => {
                let have: Vec<u32> = store
                    .plan_of(a_id)
                    .map_err(|e| Failure::from_store(e, lang))?
                    .iter()
                    .map(|s| s.record.seq)
                    .collect();
                return Err(nothing(vec![(t.no_stage)(n, &have)]));
            }
        },
    };
    entry.stage = stage;
    let id = match store.insert(entry) {
        Ok(id) => id,
        Err(StoreError::Invalid(v)) => {
            return Err(nothing(v.errors().map(|i| refused(i, lang)).collect()));
        }
        Err(e) => return Err(Failure::from_store(e, lang)),
    };
    let who = store
        .get(a.record.apprentice)
        .map(|p| p.record.name)
        .unwrap_or_default();
    say!("{}", (t.logged)(&who, &day.to_string(), h, seq, &id.to_string()));
    Ok(())
}
