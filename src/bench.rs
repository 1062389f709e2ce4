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

/// The scenarios, in the order they run.
pub const SCENARIOS: &[&str] = &["region-demo"];

/// Runs one scenario, or all, writing temporary files under `work_dir`.
pub fn run(scenario: Option<&str>, work_dir: &Path, out: &mut dyn Write) -> Result<(), BenchError> {
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
        if name == "region-demo" {
            region_demo(&dir, out)?;
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
    let floor_file = dir.join("floor.sqlite");
    let started = Instant::now();
    let mut store = Store::open(&generated)?;
    let summary = crate::demo::generate(&mut store, Profile::Region, 1, &Silent)?;
    let generate = started.elapsed();
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
