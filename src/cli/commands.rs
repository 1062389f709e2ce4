//! Which function each command runs (`run`), and the commands that are no family of
//! their own: `demo`, `info`, `check`, `return`, `submit`, `bench`. Each opens the store,
//! calls the library and prints the result.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use super::open::{
    db_path, open_existing, open_existing_unchecked, open_existing_writer, open_writer, output,
    output_failure,
};
use super::pad::{pad, pad_left};
use super::{Command, Failure, Outcome, text};
use crate::i18n::{Labelled, Lang, Localize};

pub fn run(command: Command, db: Option<PathBuf>, lang: Lang) -> Outcome {
    match command {
        Command::Open { file } => super::open_window(db, file, lang),
        Command::Init {
            name,
            kind,
            tier,
            credit_code,
            division,
            host,
        } => super::init::init(
            &db_path(db, lang)?,
            super::init::InitArgs {
                name,
                kind,
                tier,
                credit_code,
                division,
                host,
            },
            lang,
        ),
        Command::Demo { profile, seed } => demo(&db_path(db, lang)?, profile, seed, lang),
        Command::Info { json } => info(&db_path(db, lang)?, json, lang),
        Command::Indicators { json } => super::indicators::run(&db_path(db, lang)?, json, lang),
        Command::Check { year, org, json } => check(&db_path(db, lang)?, year, org.as_deref(), json, lang),
        Command::Return {
            year,
            org,
            out,
            final_return,
            force,
        } => annual_return(
            &db_path(db, lang)?,
            year,
            org.as_deref(),
            &out,
            final_return,
            force,
            lang,
        ),
        Command::Log {
            apprenticeship,
            date,
            hours,
            text,
            stage,
        } => super::log::log(
            &db_path(db, lang)?,
            super::log::LogArgs {
                apprenticeship,
                date,
                hours,
                text,
                stage,
            },
            lang,
        ),
        Command::Assess {
            year,
            org,
            out,
            with_evidence,
            scheme,
            force,
        } => super::assess::assess(
            &db_path(db, lang)?,
            super::assess::AssessArgs {
                year,
                org,
                out,
                with_evidence,
                scheme,
                force,
            },
            lang,
        ),
        Command::Attach { record, file, note } => super::attach::attach(
            &db_path(db, lang)?,
            record.as_deref(),
            file.as_deref(),
            note.as_deref(),
            lang,
        ),
        Command::Attachments { record, json } => {
            super::attach::list(&db_path(db, lang)?, record.as_deref(), json, lang)
        }
        Command::Submit { year, org, dir } => submit(&db_path(db, lang)?, year, org.as_deref(), &dir, lang),
        Command::Backup { out, list, force } => {
            super::safety::backup(&db_path(db, lang)?, out.as_deref(), list, force, lang)
        }
        Command::Restore { from, other_database } => {
            super::safety::restore(&db_path(db, lang)?, &from, other_database, lang)
        }
        Command::Audit {
            out,
            record,
            limit,
            full,
            force,
        } => super::safety::audit(
            &db_path(db, lang)?,
            super::safety::AuditArgs {
                out: out.as_deref(),
                record: record.as_deref(),
                limit,
                full,
                force,
            },
            lang,
        ),
        Command::Import {
            kind,
            file,
            dry_run,
            skip_invalid,
            org,
            force,
        } => super::sheets::import(
            db,
            super::sheets::ImportArgs {
                kind,
                file,
                dry_run,
                skip_invalid,
                org,
                force,
            },
            lang,
        ),
        Command::Export {
            kind,
            out,
            full,
            org,
            force,
        } => super::sheets::export(db, kind, &out, full, org.as_deref(), force, lang),
        Command::Template { kind, out, force } => super::sheets::template(db, kind, &out, force, lang),
        Command::Package { action } => super::packages::package(action, &db_path(db, lang)?, lang),
        Command::Consolidate {
            packages,
            year,
            passphrase_file,
        } => super::packages::consolidate(
            &db_path(db, lang)?,
            &packages,
            year,
            passphrase_file.as_deref(),
            lang,
        ),
        Command::RegionReturn { year, out, force } => {
            super::packages::region_return(&db_path(db, lang)?, year, &out, force, lang)
        }
        Command::Bench { scenario, work_dir } => bench(scenario.as_deref(), work_dir, db.as_deref(), lang),
    }
}

fn demo(path: &Path, profile: crate::demo::Profile, seed: u64, lang: Lang) -> Outcome {
    let mut store = open_writer(path, "demo", lang)?;
    let started = Instant::now();
    let progress = crate::progress::Terminal::new().named(move |s| crate::i18n::restore::stage(s, lang));
    let summary = crate::demo::generate(&mut store, profile, seed, &progress)
        .and_then(|summary| {
            // Its sheets are scored at generation: not for the region's 650,000 people.
            if profile != crate::demo::Profile::Region {
                crate::report::assessment::demo_self_assessment(
                    &mut store,
                    chrono::Datelike::year(&crate::demo::AS_OF) - 1,
                )?;
            }
            Ok(summary)
        })
        .map_err(|e| Failure::from_store(e, lang))?;
    let t = text(lang);
    let mut out = super::stdout();
    let _ = writeln!(
        out,
        "{}",
        (t.demo_done)(profile.code(), seed, path, started.elapsed().as_secs_f64())
    );
    for (kind, n) in &summary.counts {
        if let Some(k) = crate::domain::RecordKind::from_code(kind) {
            let _ = writeln!(out, "  {}{n:>10}", pad(k.label(lang), 16));
        }
    }
    Ok(())
}

fn info(path: &Path, json: bool, lang: Lang) -> Outcome {
    let store = open_existing(path, lang)?;
    let fail = |e| Failure::from_store(e, lang);
    let counts = store.counts().map_err(fail)?;
    let version = store.schema_version().map_err(fail)?;
    let files = store.attachment_totals().map_err(fail)?;
    let mut out = super::stdout();
    if json {
        let registers: Vec<serde_json::Value> = counts
            .iter()
            .map(|c| {
                serde_json::json!({
                    "kind": c.kind.code(),
                    "label": c.kind.label(lang),
                    "live": c.live,
                    "deleted": c.deleted,
                })
            })
            .collect();
        let value = serde_json::json!({
            "path": path.display().to_string(),
            "schema_version": version,
            "supported_schema_version": crate::store::schema::CURRENT_VERSION,
            "app_version": crate::APP_VERSION,
            "code_tables": crate::domain::codes::CODE_TABLE_VERSION,
            "install_id": store.install_id(),
            "registers": registers,
            "attachments": {
                "attachments": files.attachments,
                "files": files.files,
                "bytes": files.bytes,
            },
        });
        let _ = writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&value).unwrap_or_default()
        );
        return Ok(());
    }
    let t = text(lang);
    let _ = writeln!(out, "{}{}", t.database, path.display());
    let _ = writeln!(
        out,
        "{}",
        (t.schema_line)(version, crate::store::schema::CURRENT_VERSION)
    );
    let _ = writeln!(out, "{}{}", t.app_version, crate::APP_VERSION);
    let _ = writeln!(
        out,
        "{}{}",
        t.code_tables,
        crate::domain::codes::CODE_TABLE_VERSION
    );
    let _ = writeln!(out, "{}{}", t.install_id, store.install_id());
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "{}{}{}",
        pad(t.register, 18),
        pad_left(t.live, 10),
        pad_left(t.deleted, 10)
    );
    for c in &counts {
        let _ = writeln!(
            out,
            "{}{:>10}{:>10}",
            pad(c.kind.label(lang), 18),
            c.live,
            c.deleted
        );
    }
    let _ = writeln!(out);
    let words = crate::i18n::attachments::text(lang);
    let _ = writeln!(
        out,
        "{}{}{}",
        words.heading,
        if lang == Lang::Zh { "：" } else { ": " },
        (words.totals)(
            files.attachments,
            files.files,
            &crate::i18n::attachments::size(files.bytes, lang)
        )
    );
    Ok(())
}

fn check(path: &Path, year: i32, org: Option<&str>, json: bool, lang: Lang) -> Outcome {
    let store = open_existing(path, lang)?;
    let fail = |e| Failure::from_store(e, lang);
    let orgs = match org {
        Some(name) => vec![store.resolve_organisation(Some(name)).map_err(fail)?],
        None => store.organisations_readable().map_err(fail)?.0,
    };
    // What belongs to no organisation's year (and organisations that cannot be read),
    // once; then each organisation's year, each finding once.
    let mut all = crate::rules::check_database(&store).map_err(fail)?;
    if orgs.is_empty() && all.findings.is_empty() {
        return Err(fail(crate::store::StoreError::NoSuchOrganisation {
            text: String::new(),
        }));
    }
    let mut changed = Vec::new();
    for o in &orgs {
        let (data, findings) = crate::rules::check_year(&store, o.id, year).map_err(fail)?;
        all.merge(findings);
        if let Some(s) = store.latest_submission(o.id, year).map_err(fail)? {
            let records = crate::report::correction::changed_since(&data, &s);
            changed.push((o.record.name.clone(), s, records));
        }
    }
    let mut out = super::stdout();
    if json {
        let value = crate::rules::report_json(&all, year, &orgs, lang);
        let _ = writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&value).unwrap_or_default()
        );
    } else {
        let t = text(lang);
        let names: Vec<&str> = orgs.iter().map(|o| o.record.name.as_str()).collect();
        let _ = writeln!(out, "{}", (t.check_heading)(&names.join("、"), year));
        for f in &all.findings {
            let _ = writeln!(out, "{}", f.localize(lang));
        }
        if !all.findings.is_empty() {
            let _ = writeln!(out, "\n{}", t.by_rule);
            for (rule, n) in all.by_rule() {
                let severity = match rule.severity() {
                    crate::domain::Severity::Error => t.error,
                    crate::domain::Severity::Warning => t.warning,
                };
                let _ = writeln!(
                    out,
                    "  {:<6}{}{n:>7}  {}",
                    rule.id(),
                    pad(severity, 6),
                    rule.purpose(lang)
                );
            }
        }
        let _ = writeln!(out, "{}", (t.check_total)(all.errors(), all.warnings()));
        for (name, submission, records) in &changed {
            let date = submission.submitted_at.format("%Y-%m-%d").to_string();
            let _ = writeln!(
                out,
                "\n{}",
                (t.changed_since)(name, year, &date, &submission.verification, records.len())
            );
            for r in records {
                let _ = writeln!(out, "  {}", r.describe(lang));
            }
        }
    }
    if all.errors() > 0 {
        return Err(Failure::Silent);
    }
    Ok(())
}

/// What the rules and the PDF look things up in (the code tables and the font, about
/// 35 ms), made ready on a thread of its own while the year is read: whoever needs one
/// first waits only for what is left of it.
pub(super) fn prepare_in_background() {
    std::thread::spawn(|| {
        crate::domain::codes::load_all();
        let _ = crate::fonts::ReportFont::get();
    });
}

fn annual_return(
    path: &Path,
    year: i32,
    org: Option<&str>,
    out_dir: &Path,
    final_return: bool,
    force: bool,
    lang: Lang,
) -> Outcome {
    let started = Instant::now();
    let output = output(path, force);
    let names = [
        crate::report::PDF_FILE,
        crate::report::JSON_FILE,
        crate::report::XLSX_FILE,
    ];
    output
        .check_folder(out_dir, &names)
        .map_err(|e| output_failure(e, lang))?;
    prepare_in_background();
    let store = open_existing_unchecked(path, lang)?;
    let fail = |e| Failure::from_store(e, lang);
    let t = text(lang);
    let make = || -> Result<_, Failure> {
        let org = store.resolve_reporting_organisation(org).map_err(fail)?;
        let built = crate::report::build(&store, org.id, year, final_return).map_err(|e| match e {
            crate::report::BuildError::Store(e) => Failure::from_store(e, lang),
            crate::report::BuildError::Refused(crate::report::status::FinalRefusal::Errors { errors }) => {
                Failure::BadInput((t.final_refused)(errors, year, &org.record.name))
            }
            crate::report::BuildError::Refused(why) => {
                Failure::BadInput(format!("{}：{}", org.record.name, why.localize(lang)))
            }
            other => Failure::Other(other.to_string()),
        })?;
        Ok((org, built))
    };
    // The file check runs beside the making; a damaged file is refused before anything
    // made from it is written (and before any other failure is told: it is the cause).
    let (made, verdict) = match store.file_check() {
        Some(check) => check.beside(make),
        None => (make(), Ok(())),
    };
    verdict.map_err(fail)?;
    let (org, built) = made?;
    let (annual, findings, code) = (&built.annual, &built.findings, &built.code);
    output
        .write_all(out_dir, &built.files())
        .map_err(|e| output_failure(e, lang))?;
    let mut out = super::stdout();
    let _ = writeln!(
        out,
        "{}",
        (t.return_done)(
            &org.record.name,
            year,
            &match built.status {
                crate::report::status::Status::Draft => t.status_draft.to_string(),
                crate::report::status::Status::Final => t.status_final.to_string(),
                crate::report::status::Status::Correction => {
                    (t.status_correction)(built.info.correction_number.unwrap_or(1))
                }
            },
            out_dir,
            code,
            started.elapsed().as_secs_f64()
        )
    );
    for i in &annual.indicators {
        let met = match i.met {
            Some(true) => t.met,
            Some(false) => t.not_met,
            None => "—",
        };
        let _ = writeln!(
            out,
            "  {}  {} {}  / {}  {met}",
            pad(&i.name(lang), 36),
            crate::i18n::indicators::value(i, lang),
            i.unit,
            i.threshold_shown()
        );
    }
    // "No errors: a final return can be made" is not true of a year still running.
    if findings.errors() > 0 || (built.info.year_ended && findings.warnings() > 0) {
        let _ = writeln!(out, "{}", (t.check_total)(findings.errors(), findings.warnings()));
    }
    if !built.info.year_ended {
        let _ = writeln!(out, "{}", (t.year_not_ended)(year));
    }
    Ok(())
}

fn submit(path: &Path, year: i32, org: Option<&str>, dir: &Path, lang: Lang) -> Outcome {
    let t = text(lang);
    let mut store = open_existing_writer(path, "submit", lang)?;
    let fail = |e| Failure::from_store(e, lang);
    let org = store.resolve_reporting_organisation(org).map_err(fail)?;
    let (json, code) = crate::report::submit::check_folder(&store, &org, year, dir).map_err(|e| match e {
        crate::report::submit::SubmitError::Refused(why) => Failure::BadInput(why.localize(lang)),
        crate::report::submit::SubmitError::Store(e) => Failure::from_store(e, lang),
    })?;
    store
        .record_submission(org.id, year, &json, &code)
        .map_err(fail)?;
    say!("{}", (t.submit_done)(&org.record.name, year, &code));
    Ok(())
}

fn bench(scenario: Option<&str>, work_dir: Option<PathBuf>, db: Option<&Path>, lang: Lang) -> Outcome {
    let dir = match work_dir {
        Some(d) => d,
        None => std::env::temp_dir(),
    };
    let mut out = super::stdout();
    crate::bench::run(scenario, &dir, db, &mut out).map_err(|e| match e {
        crate::bench::BenchError::UnknownScenario(name) => {
            Failure::BadInput((text(lang).unknown_scenario)(&name, crate::bench::SCENARIOS))
        }
        crate::bench::BenchError::Store(e) => Failure::from_store(e, lang),
        crate::bench::BenchError::Io(e) => Failure::Other(e.to_string()),
    })
}
