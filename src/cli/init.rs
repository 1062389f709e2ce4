//! `skillbase init`: a new database with its organisation, from the command line. Every
//! missing or bad value is named at once, with its flag and what it expects; then nothing
//! has been created (exit 2). The organisation's rules are the first-run form's
//! ([`crate::store::check_new_organisation`], [`Store::create_with_organisation`]).

use std::path::Path;

use super::Failure;
use super::Outcome;
use super::open::tell_notices;
use crate::domain::org::{OrgKind, Organisation, Tier};
use crate::domain::{Today, check::FieldIssue};
use crate::i18n::{Labelled, Lang, Localize, StartText, en, zh};
use crate::store::Store;

/// The flags as given (each checked here, so that all problems are named together).
pub struct InitArgs {
    pub name: Option<String>,
    pub kind: Option<String>,
    pub tier: Option<String>,
    pub credit_code: Option<String>,
    pub division: Option<String>,
    pub host: Option<String>,
}

pub(super) fn text(lang: Lang) -> &'static StartText {
    match lang {
        Lang::Zh => &zh::cli::START,
        Lang::En => &en::cli::START,
    }
}

/// The flag a field of the organisation is given with.
fn flag_of(field: &str) -> &'static str {
    match field {
        "kind" => "--kind",
        "tier" => "--tier",
        "credit_code" => "--credit-code",
        "division" => "--division",
        "host_unit" => "--host",
        _ => "--name",
    }
}

/// `--kind training-base|master-studio` (the storage code's spelling is taken too).
fn parse_kind(value: &str) -> Option<OrgKind> {
    OrgKind::from_code(&value.trim().to_lowercase().replace('-', "_"))
}

fn parse_tier(value: &str) -> Option<Tier> {
    Tier::from_code(&value.trim().to_lowercase())
}

fn refused(issue: &FieldIssue, lang: Lang) -> String {
    super::refused_flag(issue, flag_of(issue.field), text(lang).refused, lang)
}

pub fn init(path: &Path, args: InitArgs, lang: Lang) -> Outcome {
    let t = text(lang);
    let today = Today::now();
    let mut problems = Vec::new();
    let given = [
        ("--name", args.name.is_some(), t.name_expected),
        ("--kind", args.kind.is_some(), t.kind_expected),
        ("--tier", args.tier.is_some(), t.tier_expected),
        (
            "--credit-code",
            args.credit_code.is_some(),
            t.credit_code_expected,
        ),
        ("--division", args.division.is_some(), t.division_expected),
    ];
    for (flag, present, expected) in given {
        if !present {
            problems.push((t.missing)(flag, expected));
        }
    }
    let kind = args.kind.as_deref().and_then(|k| {
        let kind = parse_kind(k);
        if kind.is_none() {
            problems.push((t.not_a_choice)("--kind", k, t.kind_expected));
        }
        kind
    });
    let tier = args.tier.as_deref().and_then(|v| {
        let tier = parse_tier(v);
        if tier.is_none() {
            problems.push((t.not_a_choice)("--tier", v, t.tier_expected));
        }
        tier
    });
    let mut org = Organisation::new(
        kind.unwrap_or(OrgKind::TrainingBase),
        args.name.as_deref().unwrap_or_default(),
    );
    org.tier = tier;
    org.credit_code = args.credit_code.clone();
    org.division = args.division.clone();
    org.host_unit = args.host.clone();
    let verdict = crate::store::check_new_organisation(&mut org, today);
    // A flag not given is named once, as missing, not again as an empty field.
    let missing = |field: &str| {
        given
            .iter()
            .any(|(flag, present, _)| *flag == flag_of(field) && !present)
    };
    problems.extend(
        verdict
            .errors()
            .filter(|i| !missing(i.field))
            .map(|i| refused(i, lang)),
    );
    if !problems.is_empty() {
        problems.push((t.nothing_created)(path));
        return Err(Failure::BadInput(problems.join("\n")));
    }
    // A folder that is not there is a bad --db, named before the writer's lock is taken
    // (which would make the lock file's error the message).
    let folder = crate::files::folder_of(path);
    if !folder.is_dir() {
        return Err(Failure::BadInput(
            crate::store::StoreError::NoSuchFolder { path: folder }.localize(lang),
        ));
    }
    let profile = crate::store::default_profile_name();
    let (mut store, _) = Store::create_with_organisation(path, "init", &profile, today, org.clone())
        .map_err(|e| match e {
            crate::store::StoreError::Invalid(v) => Failure::BadInput(
                v.errors()
                    .map(|i| refused(i, lang))
                    .chain([(t.nothing_created)(path)])
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
            other => Failure::from_store(other, lang),
        })?;
    tell_notices(&mut store, lang);
    let tier = org.tier.map_or("", |x| x.label(lang));
    say!("{}", (t.done)(path, &org.name, tier, org.kind.label(lang)));
    Ok(())
}
