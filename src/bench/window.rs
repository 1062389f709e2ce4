//! The `app` and `first-frame` benchmarks: the desktop window drawn headless (only in a
//! build with the `gui` feature).

use std::io::Write;
use std::path::Path;
use std::time::Instant;

use super::{BenchError, median, national_base, remove_database};
use crate::demo::Profile;
use crate::progress::Silent;
use crate::store::Store;

/// People in the app benchmark's database.
const APP_PEOPLE: u64 = 100_000;

/// The window's size in the app benchmark.
const SCREEN: egui::Vec2 = egui::vec2(1280.0, 800.0);

/// A headless window: the app drawn into an egui context without a display or GPU, each
/// frame laid out and tessellated (everything but the upload to the graphics card).
struct Headless {
    ctx: egui::Context,
    app: crate::ui::SkillBaseApp,
    time: f64,
}

impl Headless {
    fn start(db: &Path, screen: crate::app::Screen) -> Headless {
        let ctx = egui::Context::default();
        crate::ui::shell::install_fonts(&ctx);
        let launch = crate::app::Launch {
            db: Some(db.to_path_buf()),
            lang: Some(crate::i18n::Lang::Zh),
            fresh_settings: true,
            ..crate::app::Launch::default()
        };
        let settings = crate::app::Settings {
            screen,
            ..crate::app::Settings::default()
        };
        let app = crate::ui::SkillBaseApp::with_settings(&ctx, launch, settings);
        Headless { ctx, app, time: 0.0 }
    }

    /// Draws one frame with these input events; returns its time in milliseconds.
    fn frame(&mut self, events: Vec<egui::Event>) -> f64 {
        self.time += 1.0 / 60.0;
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, SCREEN)),
            time: Some(self.time),
            events,
            ..egui::RawInput::default()
        };
        let started = Instant::now();
        let app = &mut self.app;
        let output = self.ctx.run_ui(input, |ui| app.frame(ui));
        let primitives = self.ctx.tessellate(output.shapes, output.pixels_per_point);
        std::hint::black_box(primitives);
        started.elapsed().as_secs_f64() * 1000.0
    }
}

/// The app's first frame, in this process: opening the database, loading the fonts,
/// building the app and drawing the 首页 dashboard once.
pub(super) fn app_first_frame(db: Option<&Path>, out: &mut dyn Write) -> Result<(), BenchError> {
    let Some(db) = db else {
        return Err(BenchError::Io(std::io::Error::other(
            "app-first-frame needs --db",
        )));
    };
    let started = Instant::now();
    let mut window = Headless::start(db, crate::app::Screen::Dashboard);
    window.frame(Vec::new());
    writeln!(out, "{:.3}", started.elapsed().as_secs_f64() * 1000.0)?;
    Ok(())
}

fn percentile(mut times: Vec<f64>, p: f64) -> f64 {
    times.sort_by(f64::total_cmp);
    let i = ((times.len() as f64 - 1.0) * p).round() as usize;
    times[i.min(times.len() - 1)]
}

/// Process start to first frame over `db`: the binary run anew 5 times
/// (`bench --scenario app-first-frame`); the medians of the whole process and of the
/// part inside it (opening, fonts, the dashboard drawn once), in milliseconds.
fn first_frame_ms(db: &Path) -> Result<(f64, f64), BenchError> {
    let exe = std::env::current_exe()?;
    let mut whole = Vec::new();
    let mut inside = Vec::new();
    for _ in 0..5 {
        let started = Instant::now();
        let o = std::process::Command::new(&exe)
            .args(["bench", "--scenario", super::APP_FIRST_FRAME, "--db"])
            .arg(db)
            .output()?;
        whole.push(started.elapsed().as_secs_f64() * 1000.0);
        let text = String::from_utf8_lossy(&o.stdout);
        if let Some(ms) = text.lines().last().and_then(|l| l.trim().parse::<f64>().ok()) {
            inside.push(ms);
        }
    }
    let inside = if inside.is_empty() {
        f64::NAN
    } else {
        median(inside)
    };
    Ok((median(whole), inside))
}

/// How many live people the database at `db` holds.
fn live_people(db: &Path) -> Result<u64, BenchError> {
    Ok(Store::open(db)?
        .counts()?
        .into_iter()
        .find(|c| c.kind == crate::domain::RecordKind::Person)
        .map_or(0, |c| c.live))
}

/// The first frame at three sizes in one run: the `national-base` demo (about 14,000
/// people), the same scaled to 100,000, and the `region` demo (650,000 people in 100
/// organisations), each generated first (not timed); the ratios to the smallest.
pub(super) fn first_frame(dir: &Path, out: &mut dyn Write) -> Result<(), BenchError> {
    let small = national_base(dir)?;
    let middle = dir.join("app-100k.sqlite");
    remove_database(&middle)?;
    crate::demo::generate_national_base_with(&mut Store::open(&middle)?, APP_PEOPLE, 1, &Silent)?;
    let large = dir.join("region.sqlite");
    remove_database(&large)?;
    crate::demo::generate(&mut Store::open(&large)?, Profile::Region, 1, &Silent)?;
    writeln!(
        out,
        "\n[first-frame] process start to the first frame of the 首页 dashboard, headless, median of 5 each"
    )?;
    let mut base = None;
    for (db, target) in [(small, None), (middle, Some(1.5)), (large, Some(2.0))] {
        let people = live_people(&db)?;
        let (whole, inside) = first_frame_ms(&db)?;
        let first = *base.get_or_insert(whole);
        let ratio = match target {
            Some(t) => format!("{:.2}× (target ≤ {t}×)", whole / first),
            None => "1.00×".to_string(),
        };
        writeln!(
            out,
            "  {people:>8} people  {whole:>8.1} ms  (in-process {inside:.1} ms)  {ratio}"
        )?;
    }
    Ok(())
}

/// The desktop app over 100,000 people (the `national-base` demo scaled up): time from
/// process start to the first frame, and frame times while typing a search on the people
/// screen, headless (layout and tessellation, no GPU).
pub(super) fn app(dir: &Path, db: Option<&Path>, out: &mut dyn Write) -> Result<(), BenchError> {
    let db = match db {
        Some(db) => db.to_path_buf(),
        None => {
            let db = dir.join("app-100k.sqlite");
            remove_database(&db)?;
            let mut store = Store::open(&db)?;
            crate::demo::generate_national_base_with(&mut store, APP_PEOPLE, 1, &Silent)?;
            db
        }
    };
    let people = live_people(&db)?;

    let (whole, inside) = first_frame_ms(&db)?;

    // Typing a search on the people screen: Ctrl+F, then a name a character at a time,
    // four frames per character (a fast typist at 60 frames a second).
    let mut window = Headless::start(&db, crate::app::Screen::People);
    for _ in 0..30 {
        window.frame(Vec::new());
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let ctrl_f = egui::Event::Key {
        key: egui::Key::F,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: egui::Modifiers::COMMAND,
    };
    window.frame(vec![ctrl_f]);
    let mut typing = Vec::new();
    // A name a character at a time, then backspaced and an ID number's start typed: the
    // two kinds of search the list answers (by name, by number).
    let keys: Vec<egui::Event> = "王秀英"
        .chars()
        .map(|c| egui::Event::Text(c.to_string()))
        .chain((0..3).map(|_| egui::Event::Key {
            key: egui::Key::Backspace,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: egui::Modifiers::NONE,
        }))
        .chain("150203".chars().map(|c| egui::Event::Text(c.to_string())))
        .collect();
    for key in keys {
        typing.push(window.frame(vec![key]));
        for _ in 0..3 {
            std::thread::sleep(std::time::Duration::from_millis(16));
            typing.push(window.frame(Vec::new()));
        }
    }
    // Then scrolling the answer: a page down per frame.
    let mut scrolling = Vec::new();
    for _ in 0..40 {
        let scroll = egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Page,
            delta: egui::vec2(0.0, -1.0),
            modifiers: egui::Modifiers::NONE,
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
        };
        let hover = egui::Event::PointerMoved(egui::pos2(600.0, 400.0));
        scrolling.push(window.frame(vec![hover, scroll]));
        std::thread::sleep(std::time::Duration::from_millis(16));
    }
    // The answer to the last search, once the list's own thread has given it.
    for _ in 0..500 {
        if window.app.screens.people.settled() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        window.frame(Vec::new());
    }
    let found = window.app.screens.people.total();

    writeln!(
        out,
        "\n[app] the desktop app over {people} people, headless (layout + tessellation, no GPU)"
    )?;
    writeln!(
        out,
        "  process start → first frame   {:>8.1} ms  (target ≤ 300 ms; in-process part {:.1} ms)",
        whole, inside
    )?;
    writeln!(
        out,
        "  frame while typing a search   {:>8.2} ms median, {:.2} ms p95, {:.2} ms max over {} frames (target ≤ 4 ms)",
        percentile(typing.clone(), 0.5),
        percentile(typing.clone(), 0.95),
        percentile(typing.clone(), 1.0),
        typing.len()
    )?;
    writeln!(
        out,
        "  frame while scrolling         {:>8.2} ms median, {:.2} ms p95, {:.2} ms max over {} frames",
        percentile(scrolling.clone(), 0.5),
        percentile(scrolling.clone(), 0.95),
        percentile(scrolling.clone(), 1.0),
        scrolling.len()
    )?;
    writeln!(out, "  people found for 150203        {found:>8}")?;
    Ok(())
}
