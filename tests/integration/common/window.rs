//! The desktop app driven headless (egui_kittest: no window, no GPU), shared by the
//! test files that drive it: the app on a database, frames, clicks, waiting for its work.

use std::path::Path;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use skillbase::app::Launch;
use skillbase::i18n::Lang;
use skillbase::ui::SkillBaseApp;

/// The app on a database file, in Chinese, judged on the tests' "today", in a window of
/// `height` points (1280 wide).
pub fn app_on(db: &Path, height: f32) -> Harness<'static, SkillBaseApp> {
    let launch = Launch {
        db: Some(db.to_path_buf()),
        lang: Some(Lang::Zh),
        today: Some(super::today()),
        fresh_settings: true,
        ..Launch::default()
    };
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, height))
        .build_eframe(move |cc| SkillBaseApp::new(cc, launch));
    settle(&mut h);
    // The file check runs after the first frame: the tests start from its verdict.
    for _ in 0..1500 {
        if h.state().app.safety.file_check.is_none() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        settle(&mut h);
    }
    settle(&mut h);
    h
}

/// Lets the app draw and apply what it was sent (a few frames: a command is applied after
/// the frame that sent it, and the screen redraws after that).
pub fn settle(h: &mut Harness<'_, SkillBaseApp>) {
    h.run_steps(4);
}

/// Waits (up to 30 s) until the app's one long job (an import, a package, demo data) is done.
pub fn wait_for_job(h: &mut Harness<'_, SkillBaseApp>) {
    for _ in 0..1500 {
        settle(h);
        if h.state().app.job.is_none() {
            settle(h);
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    panic!("the app's job did not finish");
}

/// Clicks what carries this label, then lets the app apply it.
pub fn click(h: &mut Harness<'_, SkillBaseApp>, label: &str) {
    h.get_by_label(label).click();
    settle(h);
}

/// Waits for the window's own backups and restores to finish.
pub fn wait_for_safety(h: &mut Harness<'_, SkillBaseApp>) {
    for _ in 0..600 {
        settle(h);
        let s = h.state();
        if s.app.safety.backup.is_none() && s.app.safety.restore.is_none() {
            settle(h);
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    panic!("the backup or restore did not finish");
}
