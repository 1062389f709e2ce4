//! The `return-vs-office` benchmark: `skillbase return` beside LibreOffice printing the
//! same return to PDF from its spreadsheet.

use std::io::Write;
use std::path::Path;

use super::{BenchError, median, national_base, time_process, time_return};

/// How many pages a PDF has (0 when lopdf cannot read it).
fn pdf_pages(pdf: &[u8]) -> usize {
    lopdf::Document::load_mem(pdf).map_or(0, |d| d.get_pages().len())
}

/// LibreOffice's command, where it is installed: `soffice` on the search path, else
/// where Windows installs it.
fn soffice() -> Option<std::path::PathBuf> {
    let names: &[&str] = if cfg!(windows) {
        &["soffice.exe", "soffice.com"]
    } else {
        &["soffice", "libreoffice"]
    };
    let on_path = std::env::var_os("PATH").into_iter().flat_map(|p| {
        std::env::split_paths(&p)
            .flat_map(|dir| names.iter().map(move |n| dir.join(n)))
            .collect::<Vec<_>>()
    });
    let windows = ["ProgramFiles", "ProgramFiles(x86)"].into_iter().filter_map(|v| {
        std::env::var_os(v).map(|d| {
            Path::new(&d)
                .join("LibreOffice")
                .join("program")
                .join("soffice.exe")
        })
    });
    on_path.chain(windows).find(|p| p.is_file())
}

/// The return made by `skillbase return` beside the office route: LibreOffice printing the
/// same figures to PDF from the `return.xlsx` that return wrote (`soffice --headless
/// --convert-to pdf`), each as a whole process, in one run on one machine. LibreOffice
/// gets a profile of its own made by a first run that is not counted (an office's copy
/// has one already); then the median of 5 runs of each. Without LibreOffice the office
/// side is skipped with a note.
pub(super) fn return_vs_office(dir: &Path, out: &mut dyn Write) -> Result<(), BenchError> {
    let db = national_base(dir)?;
    let made = dir.join("return");
    let ours = time_return(&db, &made, 5)?;
    let pages = pdf_pages(&std::fs::read(made.join(crate::report::PDF_FILE))?);
    writeln!(
        out,
        "\n[return-vs-office] the national-base demo's 2025 return (seed 1), median of 5 runs each"
    )?;
    writeln!(
        out,
        "  skillbase return --final             {:>8.3} s  (return.pdf, {} pages)",
        median(ours.clone()),
        pages
    )?;
    let Some(office) = soffice() else {
        writeln!(
            out,
            "  soffice --convert-to pdf return.xlsx  skipped: LibreOffice (soffice) is not installed"
        )?;
        return Ok(());
    };
    let profile = dir.join("libreoffice-profile");
    let profile_url = format!(
        "-env:UserInstallation=file://{}",
        std::path::absolute(&profile)?.display()
    );
    let pdf_dir = dir.join("office");
    let xlsx = made.join(crate::report::XLSX_FILE);
    let args: [&std::ffi::OsStr; 7] = [
        profile_url.as_ref(),
        "--headless".as_ref(),
        "--convert-to".as_ref(),
        "pdf".as_ref(),
        "--outdir".as_ref(),
        pdf_dir.as_os_str(),
        xlsx.as_os_str(),
    ];
    let first = time_process(&office, &args, 1)?;
    let theirs = time_process(&office, &args, 5)?;
    let office_pages = pdf_pages(&std::fs::read(pdf_dir.join("return.pdf"))?);
    let (ours, theirs) = (median(ours), median(theirs));
    writeln!(
        out,
        "  soffice --convert-to pdf return.xlsx  {:>8.3} s  ({} pages; first start, making its profile: {:.3} s)",
        theirs, office_pages, first[0]
    )?;
    let ratio = theirs / ours;
    writeln!(
        out,
        "  ratio                                 {:>8.1}×  (target ≥ 10×: {})",
        ratio,
        if ratio >= 10.0 { "met" } else { "not met" }
    )?;
    Ok(())
}
