//! `skillbase assess`: the year's self-assessment sheet of one organisation under its
//! scoring scheme, as assessment.pdf, assessment.json and assessment.xlsx in DIR, with the
//! evidence files copied into DIR/evidence/ on `--with-evidence`. Bad input (an unknown
//! organisation or scheme, a year outside reason, DIR the database or its backups, an
//! existing file without `--force`) exits 2 with nothing written.

use std::io::Write as _;
use std::path::PathBuf;
use std::time::Instant;

use super::commands::prepare_in_background;
use super::open::{open_existing_unchecked, output, output_failure};
use super::{Failure, Outcome};
use crate::i18n::Lang;
use crate::i18n::assessment::text;
use crate::report::assessment::{self as sheet, EVIDENCE_DIR};

pub(super) struct AssessArgs {
    pub year: i32,
    pub org: Option<String>,
    pub out: PathBuf,
    pub with_evidence: bool,
    pub scheme: Option<String>,
    pub force: bool,
}

pub(super) fn assess(path: &std::path::Path, args: AssessArgs, lang: Lang) -> Outcome {
    let started = Instant::now();
    let t = text(lang);
    let output = output(path, args.force);
    let names = [sheet::PDF_FILE, sheet::JSON_FILE, sheet::XLSX_FILE];
    output
        .check_folder(&args.out, &names)
        .map_err(|e| output_failure(e, lang))?;
    let evidence_dir = args.out.join(EVIDENCE_DIR);
    if args.with_evidence {
        output
            .check_folder(&evidence_dir, &[])
            .map_err(|e| output_failure(e, lang))?;
    }
    prepare_in_background();
    let store = open_existing_unchecked(path, lang)?;
    let fail = |e| Failure::from_store(e, lang);
    let make = || -> Result<_, Failure> {
        let org = store
            .resolve_reporting_organisation(args.org.as_deref())
            .map_err(fail)?;
        let scheme = store
            .scheme_for(org.record.kind, args.scheme.as_deref())
            .map_err(fail)?
            .ok_or_else(|| {
                let keys: Vec<String> = store
                    .schemes()
                    .map(|all| all.into_iter().map(|s| s.key).collect())
                    .unwrap_or_default();
                Failure::BadInput((t.no_scheme)(args.scheme.as_deref().unwrap_or(""), &keys))
            })?;
        let (first, last) = (
            org.record.approval_year.unwrap_or(1949),
            chrono::Datelike::year(&store.today().0),
        );
        if !(first..=last).contains(&args.year) {
            return Err(Failure::BadInput((t.year_outside)(
                args.year,
                first,
                last,
                &org.record.name,
            )));
        }
        if scheme.applies_to != org.record.kind {
            return Err(Failure::BadInput((t.wrong_kind)(&scheme.name, &org.record.name)));
        }
        let now = chrono::Local::now().fixed_offset();
        let built = sheet::build(&store, org.id, args.year, &scheme, now).map_err(|e| match e {
            crate::report::BuildError::Store(e) => Failure::from_store(e, lang),
            other => Failure::Other(other.to_string()),
        })?;
        // Every evidence file read before anything is written.
        let mut files: Vec<(String, Vec<u8>)> = Vec::new();
        if args.with_evidence {
            let names = sheet::evidence_names(&built);
            for e in built.evidence() {
                let bytes = store
                    .attachment_bytes(&e.sha256)
                    .map_err(|_| Failure::Other((t.unreadable_evidence)(&e.file_name, &e.sha256)))?;
                let name = names.get(&e.sha256).cloned().unwrap_or_else(|| e.sha256.clone());
                files.push((name, bytes));
            }
        }
        Ok((org, built, files))
    };
    let (made, verdict) = match store.file_check() {
        Some(check) => check.beside(make),
        None => (make(), Ok(())),
    };
    verdict.map_err(fail)?;
    let (org, built, evidence) = made?;
    if args.with_evidence {
        let named: Vec<&str> = evidence.iter().map(|(n, _)| n.as_str()).collect();
        output
            .check_folder(&evidence_dir, &named)
            .map_err(|e| output_failure(e, lang))?;
        let list: Vec<(&str, &[u8])> = evidence.iter().map(|(n, b)| (n.as_str(), b.as_slice())).collect();
        output
            .write_all(&evidence_dir, &list)
            .map_err(|e| output_failure(e, lang))?;
    }
    output
        .write_all(&args.out, &built.files())
        .map_err(|e| output_failure(e, lang))?;
    let s = &built.sheet;
    let mut out = super::stdout();
    let _ = writeln!(
        out,
        "{}",
        (t.done)(&crate::i18n::assessment::Done {
            org: &org.record.name,
            year: args.year,
            dir: &args.out,
            total: &crate::domain::assessment::number(s.self_total),
            band: crate::i18n::assessment::band(s.self_band, lang),
            missing: s.without_evidence,
            files: built.evidence().len(),
            code: &built.code,
            seconds: started.elapsed().as_secs_f64(),
        })
    );
    if args.with_evidence {
        let _ = writeln!(out, "{}", (t.copied)(evidence.len(), &evidence_dir));
    }
    Ok(())
}
