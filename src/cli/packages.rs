//! The exchange commands: `package export`, `package import`, `consolidate`,
//! `region-return`. The passphrase comes from `--passphrase-file FILE` or the
//! `SKILLBASE_PASSPHRASE` environment variable, never from the command line itself
//! (it would show in the process list and the shell's history).

use std::io::Write;
use std::path::{Path, PathBuf};

use super::open::{open_existing, open_existing_writer, open_writer, output, output_failure};
use super::pad::pad;
use super::{Failure, Outcome};
use crate::i18n::exchange::ExchangeText;
use crate::i18n::{Labelled, Lang, Localize};
use crate::packages::merge::{self, Prefer, Preview, Resolution};
use crate::packages::package::{self, Passphrase};
use crate::packages::{ExchangeError, pack};
use crate::report::region;

/// What `skillbase package` does.
#[derive(Debug, clap::Subcommand)]
pub enum PackageCommand {
    /// 生成数据包（加密的 .sbpkg 文件），交给基地、盟市或自治区
    Export {
        /// 只含这个组织的记录（名称或标识；默认：全部记录）
        #[arg(long, value_name = "ORG")]
        org: Option<String>,
        /// 只含上次发给 NAME 以后修改的记录（第一次发给 NAME 时含全部记录）
        #[arg(long = "since-last-to", value_name = "NAME")]
        since_last_to: Option<String>,
        /// 只含指标集（区人社部门发给基地和工作室；不含任何单位的记录，不能与 --org 同用）
        #[arg(long = "indicator-sets", conflicts_with = "org")]
        indicator_sets: bool,
        /// 数据包文件
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// 口令所在的文件（第一行）；不给时读环境变量 SKILLBASE_PASSPHRASE
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
        /// 替换已存在的同名文件（数据库本身、它的日志和锁文件、备份文件夹始终不会被写入）
        #[arg(long)]
        force: bool,
    },
    /// 导入数据包：先列出新增、修改、删除和冲突，备份后在一个事务中合并
    Import {
        /// 数据包文件
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// 只列出将要发生的变化，不写入
        #[arg(long)]
        dry_run: bool,
        /// 冲突时保留本机（mine）或采用对方（theirs）；不给时有冲突则退出码为 2、不写入
        #[arg(long, value_name = "mine|theirs", value_parser = ["mine", "theirs"])]
        prefer: Option<String>,
        /// 口令所在的文件（第一行）；不给时读环境变量 SKILLBASE_PASSPHRASE
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
}

/// `--force` in English.
pub(super) const FORCE_HELP: &str = "Replace a file of that name if it exists (the database itself, its log and lock files and the backups folder are never written)";

/// English help for the exchange commands.
pub fn english(cmd: clap::Command) -> clap::Command {
    let pass =
        "File whose first line is the passphrase (default: the SKILLBASE_PASSPHRASE environment variable)";
    cmd.mut_subcommand("package", |c| {
        c.about("Data packages: export one for the base, league or region; import one with a preview")
            .mut_subcommand("export", |c| {
                c.about("Make a data package (an encrypted .sbpkg file)")
                    .mut_arg("org", |a| a.help("Only this organisation's records (name or id; default: everything)"))
                    .mut_arg("since_last_to", |a| {
                        a.help("Only records changed since the last package to NAME (everything the first time)")
                    })
                    .mut_arg("indicator_sets", |a| {
                        a.help("Only the indicator sets (what a regional department sends to bases and studios; nobody's records; not with --org)")
                    })
                    .mut_arg("out", |a| a.help("The package file"))
                    .mut_arg("passphrase_file", |a| a.help(pass))
                    .mut_arg("force", |a| a.help(FORCE_HELP))
            })
            .mut_subcommand("import", |c| {
                c.about("Import a data package: preview, backup, then one transaction")
                    .mut_arg("file", |a| a.help("The package file"))
                    .mut_arg("dry_run", |a| a.help("Only show what would change; write nothing"))
                    .mut_arg("prefer", |a| {
                        a.help("On conflicts keep mine or take theirs; without it conflicts exit 2 and nothing is written")
                    })
                    .mut_arg("passphrase_file", |a| a.help(pass))
            })
    })
    .mut_subcommand("consolidate", |c| {
        c.about("Load organisations' packages into a regional consolidation database and show their indicators")
            .mut_arg("packages", |a| a.help("Package files, one or more per organisation"))
            .mut_arg("year", |a| a.help("The year of the indicators table (default: last year)"))
            .mut_arg("passphrase_file", |a| a.help(pass))
    })
    .mut_subcommand("region-return", |c| {
        c.about("Make the regional summary: writes region-return.pdf, .json and .xlsx into DIR")
            .mut_arg("year", |a| a.help("The year, e.g. 2025"))
            .mut_arg("out", |a| a.help("Output folder (created if missing)"))
            .mut_arg("force", |a| a.help(FORCE_HELP))
    })
}

pub fn text(lang: Lang) -> &'static ExchangeText {
    crate::i18n::exchange::text(lang)
}

fn fail(e: ExchangeError, lang: Lang) -> Failure {
    if e.is_bad_input() {
        Failure::BadInput(e.localize(lang))
    } else {
        Failure::Other(e.localize(lang))
    }
}

fn passphrase(file: Option<&Path>, lang: Lang) -> Result<Passphrase, Failure> {
    match file {
        Some(f) => Passphrase::from_file(f).map_err(|e| fail(e.into(), lang)),
        None => Passphrase::from_env().ok_or_else(|| fail(ExchangeError::NoPassphrase, lang)),
    }
}

pub fn package(command: PackageCommand, db: &Path, lang: Lang) -> Outcome {
    match command {
        PackageCommand::Export {
            org,
            indicator_sets,
            since_last_to,
            out,
            passphrase_file,
            force,
        } => export_package(
            db,
            ExportArgs {
                org: org.as_deref(),
                indicator_sets,
                since_last_to,
                out: &out,
                passphrase_file: passphrase_file.as_deref(),
                force,
            },
            lang,
        ),
        PackageCommand::Import {
            file,
            dry_run,
            prefer,
            passphrase_file,
        } => import(
            db,
            &file,
            dry_run,
            prefer.as_deref(),
            passphrase_file.as_deref(),
            lang,
        ),
    }
}

/// What `package export` was asked for.
struct ExportArgs<'a> {
    org: Option<&'a str>,
    indicator_sets: bool,
    since_last_to: Option<String>,
    out: &'a Path,
    passphrase_file: Option<&'a Path>,
    force: bool,
}

fn export_package(db: &Path, args: ExportArgs<'_>, lang: Lang) -> Outcome {
    let t = text(lang);
    // The package's file is checked before the passphrase is asked for or the database
    // opened: never the database's own files, an existing file only with --force.
    output(db, args.force)
        .check(args.out)
        .map_err(|e| output_failure(e, lang))?;
    let pass = passphrase(args.passphrase_file, lang)?;
    let mut store = open_existing_writer(db, "package", lang)?;
    let org = match args.org {
        Some(name) => Some(
            store
                .resolve_organisation(Some(name))
                .map_err(|e| Failure::from_store(e, lang))?,
        ),
        None => None,
    };
    let request = pack::ExportRequest {
        org: org.as_ref().map(|o| o.id.uuid()),
        since_last_to: args.since_last_to,
        out: args.out.to_path_buf(),
        replace: args.force,
        indicator_sets_only: args.indicator_sets,
    };
    let progress = crate::progress::Terminal::new().named(move |s| crate::i18n::restore::stage(s, lang));
    let done = pack::export(&mut store, &request, &pass, &progress).map_err(|e| fail(e, lang))?;
    say!("{}", crate::i18n::exchange::exported_message(&done, lang));
    say!("  {}{}", t.package_id, done.manifest.package_id);
    Ok(())
}

fn kind_label(kind: crate::domain::RecordKind, lang: Lang) -> &'static str {
    kind.label(lang)
}

/// The preview as the terminal shows it.
pub fn print_preview(p: &Preview, store: &crate::store::Store, lang: Lang, out: &mut dyn Write) {
    let t = text(lang);
    let m = &p.manifest;
    // Everything the package says is shown through `shown::value`: its own texts can hold
    // anything (a sender's file name, a record's name).
    let shown = |s: &str| crate::i18n::shown::value(s, lang).into_owned();
    let _ = writeln!(out, "{}", (t.package_heading)(&p.file.display().to_string()));
    let org = m
        .organisation
        .as_ref()
        .map_or(t.everything.to_string(), |o| shown(&o.name));
    let _ = writeln!(
        out,
        "  {}",
        (t.package_source)(
            &shown(&m.sender_name()),
            &shown(&m.operator),
            &m.created_local(),
            &org,
            m.complete
        )
    );
    if let Some(a) = &p.already {
        let _ = writeln!(
            out,
            "  {}",
            (t.already_imported)(&crate::store::local_time(&a.imported_at))
        );
    }
    let _ = writeln!(
        out,
        "  {}",
        (t.preview_counts)(
            p.new.len(),
            p.changed.len(),
            p.deleted.len(),
            p.unchanged,
            p.conflicts.len(),
            p.same_people.len()
        )
    );
    if !p.attachments.is_empty() {
        let words = crate::i18n::attachments::text(lang);
        let _ = writeln!(
            out,
            "  {}",
            (words.in_package)(p.attachments.new.len(), p.attachments.removed.len())
        );
    }
    const SHOWN: usize = 20;
    for (title, items) in [
        (t.new_records, &p.new),
        (t.changed_records, &p.changed),
        (t.deleted_records, &p.deleted),
    ] {
        if items.is_empty() {
            continue;
        }
        let _ = writeln!(out, "{title}");
        for i in items.iter().take(SHOWN) {
            let _ = writeln!(out, "  {} {}", kind_label(i.kind, lang), shown(&i.name));
        }
        if items.len() > SHOWN {
            let _ = writeln!(out, "  {}", (t.and_more)(items.len() - SHOWN));
        }
    }
    let show = |kind: crate::domain::RecordKind, field: &str, v: &serde_json::Value| match v {
        serde_json::Value::Null => t.empty_value.to_string(),
        v => shown(&p.shown(store, kind, field, v, lang)),
    };
    if !p.conflicts.is_empty() {
        let _ = writeln!(out, "{}", t.conflicts_heading);
        for c in &p.conflicts {
            let _ = writeln!(out, "  {} {}", kind_label(c.kind, lang), shown(&c.name));
            if c.mine.is_deleted() != c.theirs.is_deleted() {
                let (mine, theirs) = if c.theirs.is_deleted() {
                    (t.live, t.deleted)
                } else {
                    (t.deleted, t.live)
                };
                let _ = writeln!(out, "    {}", (t.diff_line)(t.state, mine, theirs));
            }
            for d in &c.diffs {
                let label = crate::i18n::column_label(c.kind, &d.field, lang);
                let _ = writeln!(
                    out,
                    "    {}",
                    (t.diff_line)(
                        &label,
                        &show(c.kind, &d.field, &d.mine),
                        &show(c.kind, &d.field, &d.theirs)
                    )
                );
            }
            let newer = |yes: bool| if yes { t.newer } else { "" };
            let _ = writeln!(
                out,
                "    {}{}",
                (t.mine_changed)(&c.mine_changed.at, &shown(&c.mine_changed.by)),
                newer(!c.theirs_newer())
            );
            let _ = writeln!(
                out,
                "    {}{}",
                (t.theirs_changed)(&c.theirs_changed.at, &shown(&c.theirs_changed.by)),
                newer(c.theirs_newer())
            );
            if let Some(b) = &c.theirs_blocked {
                let _ = writeln!(
                    out,
                    "    {}",
                    (t.delete_blocked)(kind_label(b.kind, lang), &shown(&b.name))
                );
            }
        }
    }
    if !p.same_people.is_empty() {
        let _ = writeln!(out, "{}", t.same_people_heading);
        for s in &p.same_people {
            let _ = writeln!(out, "  {}", shown(&s.name));
            for d in &s.diffs {
                let label = crate::i18n::column_label(crate::domain::RecordKind::Person, &d.field, lang);
                let _ = writeln!(
                    out,
                    "    {}",
                    (t.diff_line)(
                        &label,
                        &show(crate::domain::RecordKind::Person, &d.field, &d.mine),
                        &show(crate::domain::RecordKind::Person, &d.field, &d.theirs)
                    )
                );
            }
        }
    }
}

fn import(
    db: &Path,
    file: &Path,
    dry_run: bool,
    prefer: Option<&str>,
    passphrase_file: Option<&Path>,
    lang: Lang,
) -> Outcome {
    let t = text(lang);
    let pass = passphrase(passphrase_file, lang)?;
    // The package is decrypted and checked before the database is opened: a bad package
    // leaves the database file exactly as it was.
    let pkg = package::read(file, &pass).map_err(|e| fail(e.into(), lang))?;
    // Every record is checked before the database is opened, too: a poisoned package
    // leaves no trace (no lock file, no backup). The columns are this build's schema's,
    // which the database has once opened.
    let columns = crate::store::exchange::schema_field_columns().map_err(|e| Failure::from_store(e, lang))?;
    pkg.validate(
        &|k| columns.get(&k).cloned().unwrap_or_default(),
        crate::domain::Today::now(),
    )
    .map_err(|e| fail(e.into(), lang))?;
    // A dry run reads only: the database stays byte for byte as it was.
    let mut store = if dry_run {
        open_existing(db, lang)?
    } else {
        open_existing_writer(db, "package", lang)?
    };
    if store
        .is_consolidation()
        .map_err(|e| Failure::from_store(e, lang))?
    {
        return Err(Failure::from_store(
            crate::store::StoreError::IsConsolidation,
            lang,
        ));
    }
    let preview = merge::preview(&store, &pkg, lang).map_err(|e| fail(e, lang))?;
    let mut out = super::stdout();
    print_preview(&preview, &store, lang, &mut out);
    if dry_run {
        let _ = writeln!(out, "{}", t.dry_run_done);
        return Ok(());
    }
    let resolution = match prefer {
        Some("mine") => Resolution::prefer(&preview, Prefer::Mine),
        Some("theirs") => Resolution::prefer(&preview, Prefer::Theirs),
        _ if preview.needs_choices() => {
            return Err(Failure::BadInput((t.conflicts_need_choice)(
                preview.conflicts.len() + preview.same_people.iter().filter(|p| !p.diffs.is_empty()).count(),
            )));
        }
        _ => Resolution::prefer(&preview, Prefer::Mine),
    };
    let progress = crate::progress::Terminal::new().named(move |s| crate::i18n::restore::stage(s, lang));
    let done = merge::apply(&mut store, &preview, &resolution, &progress).map_err(|e| fail(e, lang))?;
    if done.written == 0 && done.backup.is_none() {
        let _ = writeln!(out, "{}", t.nothing_to_import);
    } else {
        let _ = writeln!(
            out,
            "{}",
            (t.imported)(
                done.written,
                &done.backup.map(|b| b.display().to_string()).unwrap_or_default()
            )
        );
    }
    Ok(())
}

fn default_year(store: &crate::store::Store) -> i32 {
    use chrono::Datelike;
    store.today().0.year() - 1
}

pub fn consolidate(
    db: &Path,
    packages: &[PathBuf],
    year: Option<i32>,
    passphrase_file: Option<&Path>,
    lang: Lang,
) -> Outcome {
    let t = text(lang);
    let pass = passphrase(passphrase_file, lang)?;
    let new = !db.exists() || std::fs::metadata(db).is_ok_and(|m| m.len() == 0);
    let mut store = open_writer(db, "consolidate", lang)?;
    let progress = crate::progress::Terminal::new().named(move |s| crate::i18n::restore::stage(s, lang));
    let started = std::time::Instant::now();
    let outcomes = match crate::packages::consolidate::consolidate(&mut store, packages, &pass, &progress) {
        Ok(o) => o,
        Err(e) => {
            // A database made for this consolidation and left with nothing in it is
            // removed again: a bad package leaves no empty database behind.
            if new {
                crate::store::Store::discard_if_empty(store);
            }
            return Err(fail(e, lang));
        }
    };
    crate::progress::Progress::finish(&progress);
    let mut out = super::stdout();
    for o in &outcomes {
        let _ = writeln!(
            out,
            "{}",
            (t.loaded)(&o.file_name, o.added, o.replaced, o.withdrawn)
        );
    }
    let _ = writeln!(
        out,
        "{}",
        (t.consolidated)(outcomes.len(), started.elapsed().as_secs_f64())
    );
    let year = year.unwrap_or_else(|| default_year(&store));
    let summary =
        region::summary(&store, year, &crate::progress::Silent).map_err(|e| Failure::from_store(e, lang))?;
    print_table(&summary, lang, &mut out);
    Ok(())
}

/// Each organisation's indicators against its targets, and the region's.
pub fn print_table(s: &region::RegionalSummary, lang: Lang, out: &mut dyn Write) {
    let t = text(lang);
    let _ = writeln!(out, "\n{}", (t.table_heading)(s.year, s.orgs.len()));
    for o in &s.orgs {
        for (i, ind) in o.indicators.iter().enumerate() {
            let name = if i == 0 { o.name.as_str() } else { "" };
            let target = ind.threshold_shown();
            let met = match ind.met {
                Some(true) => t.met,
                Some(false) => t.not_met,
                None => "—",
            };
            let _ = writeln!(
                out,
                "  {}  {}  {:>7} / {:>6}  {met}",
                pad(name, 44),
                pad(&ind.name(lang), 36),
                crate::i18n::indicators::value(ind, lang),
                target
            );
        }
        let tie = o
            .submission
            .as_ref()
            .map(|s| (s.code.as_str(), s.differences.len()));
        let _ = writeln!(
            out,
            "  {}  {}；{}",
            pad("", 44),
            (t.findings)(o.errors, o.warnings),
            (t.submission)(tie)
        );
    }
    let _ = writeln!(out, "\n{}", (t.region_heading)(s.year, s.target_year));
    for f in &s.figures {
        let value = f
            .value
            .map_or_else(|| t.not_computable.to_string(), |v| v.to_string());
        let target = f.target.map_or_else(|| "—".to_string(), |x| x.to_string());
        let met = match f.met {
            Some(true) => t.met,
            Some(false) => t.not_met,
            None => "—",
        };
        let label = t.figure_label(f.key).unwrap_or(f.label);
        let _ = writeln!(out, "  {}  {value:>9} / {target:>7}  {met}", pad(label, 40));
    }
    let _ = writeln!(
        out,
        "{}",
        (t.shared_line)(s.counts.shared_documents, s.counts.people)
    );
}

pub fn region_return(db: &Path, year: i32, out_dir: &Path, force: bool, lang: Lang) -> Outcome {
    let t = text(lang);
    let guard = output(db, force);
    let names = [region::PDF_FILE, region::JSON_FILE, region::XLSX_FILE];
    guard
        .check_folder(out_dir, &names)
        .map_err(|e| output_failure(e, lang))?;
    let store = open_existing(db, lang)?;
    if !store
        .is_consolidation()
        .map_err(|e| Failure::from_store(e, lang))?
    {
        return Err(Failure::BadInput(t.not_a_region_db.to_string()));
    }
    let summary =
        region::summary(&store, year, &crate::progress::Silent).map_err(|e| Failure::from_store(e, lang))?;
    let built = region::build(&summary).map_err(Failure::Other)?;
    guard
        .write_all(out_dir, &built.files())
        .map_err(|e| output_failure(e, lang))?;
    say!(
        "{}",
        (t.region_done)(
            year,
            &out_dir.join(region::PDF_FILE).display().to_string(),
            &built.code
        )
    );
    Ok(())
}
