//! `skillbase backup`, `restore` and `audit`: keeping the records safe from the terminal.

use std::io::Write;
use std::path::Path;
use std::time::Instant;

use super::Failure;
use super::Outcome;
use super::open::{open_existing, output, output_failure};
use super::pad::{pad, pad_left};
use crate::domain::RecordKind;
use crate::i18n::{Lang, safety};
use crate::store::{BackupInfo, backup};

fn fail(lang: Lang) -> impl Fn(crate::store::StoreError) -> Failure {
    move |e| Failure::from_store(e, lang)
}

fn local(t: chrono::DateTime<chrono::Utc>) -> String {
    t.with_timezone(&chrono::Local)
        .format("%Y-%m-%d %H:%M:%S")
        .to_string()
}

/// `backup [--out FILE] [--list] [--force]`: a backup now (the database may be open in
/// the window: the backup API copies a consistent moment while it works; a
/// write-protected disk will do for `--out`), or the list of this database's backups.
pub fn backup(db: &Path, out: Option<&Path>, list: bool, force: bool, lang: Lang) -> Outcome {
    let t = safety::text(lang);
    if let Some(file) = out {
        // An older backup there may be replaced with --force; a database in use never.
        crate::files::Output::for_backup(Some(db), force)
            .check(file)
            .map_err(|e| output_failure(e, lang))?;
        if crate::files::is_skillbase_database(file) && !backup::is_backup_file(file) {
            let refused = crate::files::OutputError::IsDatabase {
                path: file.to_path_buf(),
            };
            return Err(output_failure(refused, lang));
        }
    }
    let store = open_existing(db, lang)?;
    let mut stdout = super::stdout();
    if list {
        let dir = backup::backups_dir(db);
        let backups = backup::list_backups(db).map_err(fail(lang))?;
        if backups.is_empty() {
            let _ = writeln!(stdout, "{}", (t.no_backups)(&dir));
            return Ok(());
        }
        let _ = writeln!(stdout, "{}", (t.backups_in)(&dir));
        let [time, reason, people, records, file] = t.backup_columns;
        let _ = writeln!(
            stdout,
            "{}{}{}{}  {file}",
            pad(time, 21),
            pad(reason, 16),
            pad_left(people, 10),
            pad_left(records, 10)
        );
        for b in &backups {
            print_backup(&mut stdout, b, lang);
        }
        return Ok(());
    }
    let started = Instant::now();
    let progress = crate::progress::Terminal::new().named(move |s| crate::i18n::restore::stage(s, lang));
    let info = match out {
        Some(file) => store
            .backup_to(file, crate::store::BackupReason::Manual, force, &progress)
            .map_err(fail(lang))?,
        None => match store
            .backup(crate::store::BackupReason::Manual, &progress)
            .map_err(fail(lang))?
        {
            Some(info) => info,
            None => return Ok(()),
        },
    };
    let _ = writeln!(
        stdout,
        "{}",
        (t.backup_done)(&info.path, info.total_records(), started.elapsed().as_secs_f64())
    );
    if let Some(skipped) = crate::i18n::safety::thinning(&info.thinning, lang) {
        eprintln!("{}", super::prefix_note(lang, &skipped));
    }
    Ok(())
}

fn print_backup(out: &mut dyn Write, b: &BackupInfo, lang: Lang) {
    let t = safety::text(lang);
    let name = b
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "{}{}{:>10}{:>10}  {name}",
        pad(&local(b.taken_at), 21),
        pad((t.reason)(b.reason), 16),
        b.count(RecordKind::Person),
        b.total_records()
    );
}

/// `restore FROM [--other-database]`: the current database is backed up, then replaced
/// by `FROM`. Takes the writer's lock: refused while the window or another command writes
/// the database. A backup of another database needs `--other-database`.
pub fn restore(db: &Path, from: &Path, other_database: bool, lang: Lang) -> Outcome {
    let t = safety::text(lang);
    // The lock first; the file itself may be damaged (that is what a restore is for), so
    // it is not opened here: `backup::restore` looks at it and keeps it if it is.
    let _lock = crate::store::WriterLock::acquire(db, "restore").map_err(fail(lang))?;
    let progress = crate::progress::Terminal::new().named(move |s| crate::i18n::restore::stage(s, lang));
    let profile = crate::store::default_profile_name();
    let safety_copy = backup::restore(db, from, &profile, other_database, &progress).map_err(fail(lang))?;
    say!(
        "{}",
        (t.restore_done)(db, from, safety_copy.as_ref().map(|b| b.path.as_path()))
    );
    Ok(())
}

/// What `audit` was asked for.
pub struct AuditArgs<'a> {
    pub out: Option<&'a Path>,
    pub record: Option<&'a str>,
    pub limit: usize,
    pub full: bool,
    pub force: bool,
}

/// `audit [--out FILE] [--record ID] [--limit N] [--full] [--force]`.
pub fn audit(db: &Path, args: AuditArgs<'_>, lang: Lang) -> Outcome {
    let t = safety::text(lang);
    let AuditArgs {
        out,
        record,
        limit,
        full,
        force,
    } = args;
    let guard = output(db, force);
    if let Some(file) = out {
        guard.check(file).map_err(|e| output_failure(e, lang))?;
        let is_xlsx = file.extension().is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
        if !is_xlsx {
            return Err(Failure::BadInput((t.audit_format)(file)));
        }
    }
    let store = open_existing(db, lang)?;
    let entries = match record {
        Some(id) => store.audit_for(id),
        None => store.audit_all(),
    }
    .map_err(fail(lang))?;
    let lines = crate::sheets::audit::lines(&store, &entries, full, lang);
    match out {
        Some(file) => {
            let bytes =
                crate::sheets::audit::xlsx(&lines, lang).map_err(|e| Failure::Other(e.to_string()))?;
            guard.write(file, &bytes).map_err(|e| output_failure(e, lang))?;
            say!("{}", (t.audit_written)(file, entries.len(), full));
        }
        None => {
            let mut stdout = super::stdout();
            if lines.is_empty() {
                let _ = writeln!(stdout, "{}", t.no_audit);
            }
            let skip = lines.len().saturating_sub(limit);
            let shown = |s: &str| crate::i18n::shown::value(s, lang).into_owned();
            for l in &lines[skip..] {
                let change = match &l.values {
                    Some((old, new)) => format!("{} → {}", shown(old), shown(new)),
                    None => shown(&l.change),
                };
                let _ = writeln!(
                    stdout,
                    "{:>6}  {}  {}  {} {} {}  {}  {}",
                    l.seq,
                    l.at,
                    shown(&l.profile),
                    l.action,
                    l.register,
                    shown(&l.record),
                    l.field,
                    change
                );
            }
        }
    }
    Ok(())
}
