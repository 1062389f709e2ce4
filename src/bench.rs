//! Benchmarks, run with `skillbase bench [--scenario NAME]` on a release build. Each
//! scenario prints what it measured beside the floor it is compared with; the figures
//! and the command go into BENCHMARKS.md. Performance claims live here, never in tests.

use std::io::Write;
use std::path::Path;
use std::time::Instant;

use crate::demo::Profile;
use crate::progress::Silent;
use crate::store::{Store, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum BenchError {
    #[error("unknown scenario {0}")]
    UnknownScenario(String),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

mod office;
#[cfg(feature = "gui")]
mod window;

/// The scenarios, in the order they run (`app` only in a build with the window).
pub const SCENARIOS: &[&str] = &[
    "region-demo",
    "people-search",
    "annual-return",
    "return-vs-office",
    #[cfg(feature = "gui")]
    "first-frame",
    #[cfg(feature = "gui")]
    "app",
    "import",
    "consolidate",
];

/// The scenario `app` runs in a process of its own, for its first frame.
#[cfg(feature = "gui")]
const APP_FIRST_FRAME: &str = "app-first-frame";

/// Runs one scenario, or all, writing temporary files under `work_dir`.
/// `db`, when given, is the database `people-search` runs over (else the `region` demo).
pub fn run(
    scenario: Option<&str>,
    work_dir: &Path,
    db: Option<&Path>,
    out: &mut dyn Write,
) -> Result<(), BenchError> {
    #[cfg(feature = "gui")]
    if scenario == Some(APP_FIRST_FRAME) {
        return window::app_first_frame(db, out);
    }
    let chosen: Vec<&str> = match scenario {
        Some(name) if SCENARIOS.contains(&name) => vec![name],
        Some(name) => return Err(BenchError::UnknownScenario(name.to_string())),
        None => SCENARIOS.to_vec(),
    };
    let dir = tempfile_dir(work_dir)?;
    writeln!(
        out,
        "skillbase {} bench, {} CPU(s)",
        crate::APP_VERSION,
        std::thread::available_parallelism().map_or(1, |n| n.get())
    )?;
    for name in chosen {
        match name {
            "region-demo" => region_demo(&dir, out)?,
            "people-search" => people_search(&dir, db, out)?,
            "annual-return" => annual_return(&dir, out)?,
            "return-vs-office" => office::return_vs_office(&dir, out)?,
            #[cfg(feature = "gui")]
            "first-frame" => window::first_frame(&dir, out)?,
            #[cfg(feature = "gui")]
            "app" => window::app(&dir, db, out)?,
            "import" => import(&dir, out)?,
            "consolidate" => consolidate(&dir, db, out)?,
            _ => {}
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

fn tempfile_dir(work_dir: &Path) -> std::io::Result<std::path::PathBuf> {
    let dir = work_dir.join(format!("skillbase-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

/// Generating the `region` demo (650,000 people) into a new file, beside a raw prepared
/// insert of the same rows into an empty file with the same schema.
fn region_demo(dir: &Path, out: &mut dyn Write) -> Result<(), BenchError> {
    let generated = dir.join("region.sqlite");
    remove_database(&generated)?;
    let floor_file = dir.join("floor.sqlite");
    let started = Instant::now();
    let mut store = Store::open(&generated)?;
    let summary = crate::demo::generate(&mut store, Profile::Region, 1, &Silent)?;
    drop(store);
    let generate = started.elapsed();
    let store = Store::open(&generated)?;
    let floor = store.raw_insert_floor(&floor_file)?;
    let rows = summary.total();
    writeln!(out, "\n[region-demo] skillbase demo --profile region --seed 1")?;
    writeln!(
        out,
        "  people                {:>12}",
        summary.count(crate::domain::RecordKind::Person)
    )?;
    writeln!(out, "  rows in all           {rows:>12}")?;
    writeln!(
        out,
        "  generate (demo)       {:>10.2} s  {:>10.0} rows/s",
        generate.as_secs_f64(),
        rows as f64 / generate.as_secs_f64()
    )?;
    writeln!(
        out,
        "  raw insert floor      {:>10.2} s  {:>10.0} rows/s  ({} rows)",
        floor.elapsed.as_secs_f64(),
        floor.rows as f64 / floor.elapsed.as_secs_f64(),
        floor.rows
    )?;
    writeln!(
        out,
        "  ratio                 {:>10.2} x  (target ≤ 3)",
        generate.as_secs_f64() / floor.elapsed.as_secs_f64()
    )?;
    Ok(())
}

/// Removes a database file the benchmark made earlier, with its WAL and shared memory.
fn remove_database(path: &Path) -> std::io::Result<()> {
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        match std::fs::remove_file(&p) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
    }
    Ok(())
}

/// The people list over the `region` database (650,000 people), or the one given with
/// `--db`: the queries the people screen sends as a user types and filters, each the
/// median of 7 runs.
fn people_search(dir: &Path, db: Option<&Path>, out: &mut dyn Write) -> Result<(), BenchError> {
    use crate::domain::grade::SkillGrade;
    use crate::store::{PeopleQuery, PeopleSort};

    let path = db.map_or_else(|| dir.join("region.sqlite"), Path::to_path_buf);
    if !path.exists() {
        let mut store = Store::open(&path)?;
        crate::demo::generate(&mut store, Profile::Region, 1, &Silent)?;
    }
    let store = Store::open(&path)?;
    let people = store
        .people_page(&PeopleQuery {
            limit: 1,
            ..PeopleQuery::default()
        })?
        .total;
    writeln!(
        out,
        "\n[people-search] one page of 100 over {people} people (median of 7 runs, first run included)"
    )?;
    let q = |f: fn(&mut PeopleQuery)| {
        let mut q = PeopleQuery::default();
        f(&mut q);
        q
    };
    let cases: Vec<(&str, PeopleQuery)> = vec![
        ("first page, by name", q(|_| {})),
        ("name contains 张", q(|q| q.text = "张".into())),
        ("name contains 巴特尔", q(|q| q.text = "巴特尔".into())),
        ("ID number prefix 150203199", q(|q| q.text = "150203199".into())),
        ("phone prefix 1390471", q(|q| q.text = "1390471".into())),
        ("grade = 技师", q(|q| q.grade = Some(SkillGrade::Technician))),
        (
            "division 1502 + year 2024",
            q(|q| {
                q.division = Some("1502".into());
                q.year = Some(2024);
            }),
        ),
        (
            "by birth date, page 3000",
            q(|q| {
                q.sort = PeopleSort::BirthDate;
                q.offset = 300_000;
            }),
        ),
        (
            "by highest grade",
            q(|q| {
                q.sort = PeopleSort::Grade;
                q.descending = true;
            }),
        ),
    ];
    for (label, query) in cases {
        let mut times = Vec::new();
        let mut total = 0;
        for _ in 0..7 {
            let started = Instant::now();
            total = store.people_page(&query)?.total;
            times.push(started.elapsed().as_secs_f64() * 1000.0);
        }
        times.sort_by(f64::total_cmp);
        writeln!(out, "  {label:<32} {:>9.1} ms  ({total} found)", times[3])?;
    }
    Ok(())
}

fn median(mut times: Vec<f64>) -> f64 {
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

/// The `national-base` demo (seed 1) in a new file under `dir`.
fn national_base(dir: &Path) -> Result<std::path::PathBuf, BenchError> {
    let db = dir.join("national-base.sqlite");
    remove_database(&db)?;
    let mut store = Store::open(&db)?;
    crate::demo::generate(&mut store, Profile::NationalBase, 1, &Silent)?;
    Ok(db)
}

/// Runs `program args` `runs` times, the output thrown away; the seconds of each run.
/// A run that fails is an error naming the program and its exit status.
fn time_process(program: &Path, args: &[&std::ffi::OsStr], runs: usize) -> Result<Vec<f64>, BenchError> {
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let started = Instant::now();
        let status = std::process::Command::new(program)
            .args(args)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()?;
        times.push(started.elapsed().as_secs_f64());
        if !status.success() {
            return Err(BenchError::Io(std::io::Error::other(format!(
                "{} exited with {status}",
                program.display()
            ))));
        }
    }
    Ok(times)
}

/// `skillbase return --year 2025 --final` over `db` into `out_dir`, `runs` times, each
/// a whole process (start, open, read, validate, compute, PDF, JSON, XLSX, exit).
fn time_return(db: &Path, out_dir: &Path, runs: usize) -> Result<Vec<f64>, BenchError> {
    let exe = std::env::current_exe()?;
    let args: [&std::ffi::OsStr; 9] = [
        "return".as_ref(),
        "--year".as_ref(),
        "2025".as_ref(),
        "--final".as_ref(),
        "--force".as_ref(),
        "--db".as_ref(),
        db.as_os_str(),
        "--out".as_ref(),
        out_dir.as_os_str(),
    ];
    time_process(&exe, &args, runs)
}

/// `skillbase return` for the `national-base` demo's 2025, as a whole process (start,
/// read, validate, compute, PDF, JSON, XLSX, exit), beside reading the year's records from
/// SQLite alone. Median of 5 runs each.
fn annual_return(dir: &Path, out: &mut dyn Write) -> Result<(), BenchError> {
    let db = national_base(dir)?;
    let store = Store::open(&db)?;
    let org = store.resolve_reporting_organisation(None)?;
    let mut sql = Vec::new();
    for _ in 0..5 {
        let started = Instant::now();
        let year = store.load_year(org.id, 2025)?;
        let ids: Vec<_> = year.people.keys().copied().collect();
        store.possible_duplicates(&ids)?;
        sql.push(started.elapsed().as_secs_f64());
    }
    drop(store);
    let whole = time_return(&db, &dir.join("return"), 5)?;
    let pdf = std::fs::metadata(dir.join("return").join("return.pdf"))?.len();
    writeln!(
        out,
        "\n[annual-return] skillbase return --year 2025 --final (national-base demo, seed 1)"
    )?;
    writeln!(
        out,
        "  whole process          {:>8.3} s  (target ≤ 1 s)",
        median(whole)
    )?;
    writeln!(
        out,
        "  SQL: read the year      {:>8.3} s  (load_year + duplicate lookups)",
        median(sql)
    )?;
    writeln!(out, "  return.pdf             {:>8} bytes", pdf)?;
    Ok(())
}

/// People in the import benchmark's roster.
const IMPORT_PEOPLE: usize = 10_000;

/// A roster of `n` people with a qualification each, as an office's XLSX: title row,
/// header, one person a row (valid ID numbers, Chinese names, dates as text).
fn roster_xlsx(n: usize) -> Result<Vec<u8>, BenchError> {
    use rust_xlsxwriter::Workbook;
    let xlsx = |e: rust_xlsxwriter::XlsxError| BenchError::Io(std::io::Error::other(e.to_string()));
    let surnames = ["张", "王", "李", "赵", "刘", "陈", "杨", "巴", "乌", "其"];
    let given = ["伟", "芳", "娜", "敏", "静", "强", "磊", "特尔", "兰", "木格"];
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "2025年培训学员花名册").map_err(xlsx)?;
    let headers = [
        "序号",
        "姓名",
        "身份证号",
        "性别",
        "民族",
        "文化程度",
        "联系电话",
        "职业",
        "技能等级",
        "证书编号",
        "发证日期",
    ];
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string(1, c as u16, *h).map_err(xlsx)?;
    }
    for i in 0..n {
        let birth = chrono::NaiveDate::from_ymd_opt(1970, 1, 1)
            .and_then(|d| d.checked_add_days(chrono::Days::new((i as u64 * 7) % 12_000)))
            .unwrap_or_default();
        let body = format!("150102{}{:03}", birth.format("%Y%m%d"), i % 1000);
        let check = crate::domain::identity::citizen_id_check_char(&body).unwrap_or('0');
        let sex = if (i % 1000) % 2 == 1 { "男" } else { "女" };
        let row = [
            (i + 1).to_string(),
            format!("{}{}", surnames[i % 10], given[(i / 10) % 10]),
            format!("{body}{check}"),
            sex.to_string(),
            if i % 3 == 0 { "蒙古族" } else { "汉族" }.to_string(),
            "大专".to_string(),
            format!("139{:08}", i),
            "焊工".to_string(),
            "三级/高级工".to_string(),
            format!("S15{:012}", i),
            "2024-06-30".to_string(),
        ];
        for (c, v) in row.iter().enumerate() {
            sheet.write_string(i as u32 + 2, c as u16, v).map_err(xlsx)?;
        }
    }
    book.save_to_buffer().map_err(xlsx)
}

/// Importing 10,000 people from XLSX (read, map, dry run, backup, commit), beside the
/// floor: calamine's raw read of the same file plus a raw insert of the same rows. Each
/// side runs 5 times, alternating, each import into a new database; medians are compared
/// (a shared virtual disk's fsyncs alone move single runs by a third).
fn import(dir: &Path, out: &mut dyn Write) -> Result<(), BenchError> {
    use crate::sheets::{columns::ImportKind, import};
    let file = dir.join("roster.xlsx");
    std::fs::write(&file, roster_xlsx(IMPORT_PEOPLE)?)?;
    let bad = |e: String| BenchError::Io(std::io::Error::other(e));
    let lang = crate::i18n::Lang::Zh;
    let (mut checks, mut wholes, mut reads, mut inserts) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut audited_inserts = Vec::new();
    let mut last = None;
    let mut cells = 0;
    for run in 0..5 {
        let db = dir.join(format!("import-{run}.sqlite"));
        remove_database(&db)?;
        let mut store = Store::open(&db)?;
        let started = Instant::now();
        let source = import::Source::read(&file).map_err(|e| bad(e.to_string()))?;
        let mapping = import::prepare(&store, &source, ImportKind::People).map_err(|e| bad(e.to_string()))?;
        let plan = import::dry_run(&store, &source, ImportKind::People, &mapping, None, lang, &Silent)
            .map_err(|e| bad(e.to_string()))?;
        checks.push(started.elapsed().as_secs_f64());
        let committed =
            import::commit(&mut store, &plan, false, lang, &Silent).map_err(|e| bad(e.to_string()))?;
        wholes.push(started.elapsed().as_secs_f64());

        // The floor: the raw read of the same file, and the same rows inserted plainly.
        let read_started = Instant::now();
        let mut book: calamine::Xlsx<_> =
            calamine::open_workbook(&file).map_err(|e: calamine::XlsxError| bad(e.to_string()))?;
        let range = calamine::Reader::worksheet_range_at(&mut book, 0)
            .ok_or_else(|| bad("no sheet".into()))?
            .map_err(|e| bad(e.to_string()))?;
        cells = range.used_cells().count();
        reads.push(read_started.elapsed().as_secs_f64());
        let floor_file = dir.join(format!("import-floor-{run}.sqlite"));
        remove_database(&floor_file)?;
        let floor = store.raw_insert_floor(&floor_file)?;
        inserts.push(floor.elapsed.as_secs_f64());
        // The same, with the import's audit entries: what a plain write that keeps the
        // audit trail would cost.
        remove_database(&floor_file)?;
        let audited = store.raw_insert_floor_with(&floor_file, true)?;
        audited_inserts.push(audited.elapsed.as_secs_f64());
        last = Some((committed.summary, floor.rows, audited.rows));
        drop(store);
        remove_database(&db)?;
        remove_database(&floor_file)?;
        let _ = std::fs::remove_dir_all(crate::store::backup::backups_dir(&db));
    }
    let Some((summary, floor_rows, audited_rows)) = last else {
        return Ok(());
    };
    let floors: Vec<f64> = reads.iter().zip(&inserts).map(|(r, i)| r + i).collect();
    let audited_floors: Vec<f64> = reads.iter().zip(&audited_inserts).map(|(r, i)| r + i).collect();
    let (whole, floor, audited_floor) = (median(wholes), median(floors), median(audited_floors));
    writeln!(
        out,
        "\n[import] {IMPORT_PEOPLE} people with a qualification each, from XLSX (median of 5)"
    )?;
    writeln!(
        out,
        "  rows                          {:>8}  (new {}, errors {})",
        summary.rows, summary.new, summary.rejected
    )?;
    writeln!(out, "  read + map + dry run          {:>8.3} s", median(checks))?;
    writeln!(out, "  whole import (+ backup, commit) {whole:>6.3} s")?;
    writeln!(
        out,
        "  floor: calamine read          {:>8.3} s  ({cells} cells)",
        median(reads)
    )?;
    writeln!(
        out,
        "  floor: raw insert             {:>8.3} s  ({floor_rows} rows)",
        median(inserts)
    )?;
    writeln!(
        out,
        "  floor: raw insert with audit  {:>8.3} s  ({audited_rows} rows: the records and their audit entries)",
        median(audited_inserts)
    )?;
    writeln!(
        out,
        "  ratio to the records' floor   {:>8.2} x  (target ≤ 3)",
        whole / floor
    )?;
    writeln!(
        out,
        "  ratio to the audited floor    {:>8.2} x",
        whole / audited_floor
    )?;
    Ok(())
}

/// The `region` demo (or the database given with `--db`) exported as one data package per
/// organisation, then every package consolidated into a new database: decrypting
/// (scrypt), decompressing, decoding, validating and writing every record, in one
/// transaction, and `ANALYZE`. Beside it, the floor: the same rows inserted raw into an
/// empty file with the same schema.
fn consolidate(dir: &Path, db: Option<&Path>, out: &mut dyn Write) -> Result<(), BenchError> {
    use crate::packages::package::Passphrase;
    let source = db.map_or_else(|| dir.join("region.sqlite"), Path::to_path_buf);
    if !source.exists() {
        let mut store = Store::open(&source)?;
        crate::demo::generate(&mut store, Profile::Region, 1, &Silent)?;
    }
    let pass = Passphrase::new("bench passphrase, not secret");
    let packages = dir.join("packages");
    std::fs::create_dir_all(&packages)?;
    let mut store = Store::open(&source)?;
    let orgs = store.organisations()?;
    let started = Instant::now();
    let mut files = Vec::new();
    let mut bytes = 0;
    for (i, org) in orgs.iter().enumerate() {
        let file = packages.join(format!("org-{i:03}.sbpkg"));
        let request = crate::packages::pack::ExportRequest {
            org: Some(org.id.uuid()),
            since_last_to: None,
            out: file.clone(),
            replace: true,
            indicator_sets_only: false,
        };
        let done = crate::packages::pack::export(&mut store, &request, &pass, &Silent)
            .map_err(|e| BenchError::Io(std::io::Error::other(e.to_string())))?;
        bytes += done.bytes;
        files.push(file);
    }
    let exported = started.elapsed();
    drop(store);

    let target = dir.join("consolidated.sqlite");
    remove_database(&target)?;
    let started = Instant::now();
    let mut region = Store::open(&target)?;
    let loaded = crate::packages::consolidate::consolidate(&mut region, &files, &pass, &Silent)
        .map_err(|e| BenchError::Io(std::io::Error::other(e.to_string())))?;
    drop(region);
    let consolidated = started.elapsed();
    let region = Store::open(&target)?;
    let people = region
        .counts()?
        .into_iter()
        .find(|c| c.kind == crate::domain::RecordKind::Person)
        .map_or(0, |c| c.live);
    let rows: u64 = loaded.iter().map(|o| o.added + o.replaced).sum();
    let started = Instant::now();
    let summary = crate::report::region::summary(&region, 2025, &Silent)?;
    let table = started.elapsed();
    let floor_file = dir.join("consolidate-floor.sqlite");
    remove_database(&floor_file)?;
    let floor = region.raw_insert_floor(&floor_file)?;
    let scrypt = {
        let sample = std::fs::read(&files[0])?;
        let started = Instant::now();
        let _ = crate::packages::package::open(&files[0], &sample, &pass);
        started.elapsed()
    };
    writeln!(
        out,
        "\n[consolidate] the region demo as {} packages (one per organisation), consolidated into a new database",
        files.len()
    )?;
    writeln!(out, "  people consolidated   {people:>12}")?;
    writeln!(
        out,
        "  rows written          {rows:>12}  ({} rows in the floor)",
        floor.rows
    )?;
    writeln!(
        out,
        "  export {} packages    {:>10.2} s  ({:.1} MB in all)",
        files.len(),
        exported.as_secs_f64(),
        bytes as f64 / 1e6
    )?;
    writeln!(
        out,
        "  consolidate           {:>10.2} s  {:>10.0} rows/s  (one package opened: {:.2} s, scrypt 2^{})",
        consolidated.as_secs_f64(),
        rows as f64 / consolidated.as_secs_f64(),
        scrypt.as_secs_f64(),
        crate::packages::package::WORK_FACTOR
    )?;
    writeln!(
        out,
        "  raw insert floor      {:>10.2} s  {:>10.0} rows/s",
        floor.elapsed.as_secs_f64(),
        floor.rows as f64 / floor.elapsed.as_secs_f64()
    )?;
    writeln!(
        out,
        "  ratio                 {:>10.2} x  (target ≤ 4)",
        consolidated.as_secs_f64() / floor.elapsed.as_secs_f64()
    )?;
    writeln!(
        out,
        "  indicators table      {:>10.2} s  ({} organisations, {} people in several)",
        table.as_secs_f64(),
        summary.orgs.len(),
        summary.counts.shared_documents
    )?;
    Ok(())
}
