//! 备份: the database's backups (time, reason, counts) with Back up now and Restore, the
//! export of the audit trail, and the latest changes. Also what the window shows instead
//! of its screens when the database cannot be opened for writing: another program is its
//! writer (open read-only, or try again), or it is damaged (restore the newest backup).

use std::path::PathBuf;

use super::Cx;
use super::dialog;
use super::wrapped::RowHeights;
use crate::app::Command;
use crate::app::safety::{OpenProblem, when};
use crate::app::tasks::{Lost, PROGRESS_REPAINT, Task};
use crate::domain::RecordKind;
use crate::i18n::safety::{self, SafetyText};
use crate::i18n::ui::UiText;
use crate::sheets::audit::AuditLine;
use crate::store::{BackupInfo, SinceBackup, backup};

/// The backups screen's state.
#[derive(Default)]
pub struct BackupsState {
    /// The data version and the app's count of finished backups and restores the lists
    /// were read at (either changed: read again).
    loaded: Option<(u64, u64)>,
    list: Vec<BackupInfo>,
    list_error: Option<String>,
    recent: Vec<AuditLine>,
    /// How often the lists were read (what the recent changes' row heights were made for).
    reloads: u64,
    recent_rows: RowHeights,
    /// The backup the user chose to restore, awaiting confirmation.
    confirm: Option<BackupInfo>,
    /// The backup awaiting confirmation is of another database (then the question names
    /// both, and the restore says the user confirmed it).
    confirm_other: bool,
    /// A backup file to restore from that is not in the list (typed, or chosen with the
    /// file dialog: a copy on a USB stick).
    restore_file: String,
    /// Why that file cannot be restored from.
    file_error: Option<String>,
    /// Export the audit trail with full ID and phone numbers.
    full_data: bool,
    /// Where the audit trail is exported to (typed, or chosen with the file dialog).
    audit_file: String,
    /// What the backup awaiting confirmation lacks compared with now: the backup it is
    /// for, and the comparison running or done.
    since: Option<Since>,
}

/// The comparison of a backup with the database now, on a connection of its own.
struct Since {
    file: PathBuf,
    task: Option<Task<Result<SinceBackup, String>>>,
    result: Option<Result<SinceBackup, String>>,
}

impl BackupsState {
    fn reload(&mut self, cx: &Cx<'_>, backups_changed: u64) {
        let Some(db) = cx.store.path() else { return };
        match backup::list_backups(db) {
            Ok(list) => {
                self.list = list;
                self.list_error = None;
            }
            Err(e) => self.list_error = Some(crate::i18n::Localize::localize(&e, cx.lang)),
        }
        self.recent = match cx.store.audit_recent(50) {
            Ok(entries) => crate::sheets::audit::lines(cx.store, &entries, false, cx.lang),
            Err(_) => Vec::new(),
        };
        self.loaded = Some((cx.version, backups_changed));
        self.reloads += 1;
    }
}

fn size(bytes: u64) -> String {
    if bytes >= 1 << 20 {
        format!("{:.1} MB", bytes as f64 / (1u64 << 20) as f64)
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

/// The backups screen; `backups_changed` counts the backups and restores the window has
/// finished (the list is read again when it changes).
pub fn show(ui: &mut egui::Ui, cx: &mut Cx<'_>, st: &mut BackupsState, backups_changed: u64) {
    let s = safety::text(cx.lang);
    if st.loaded != Some((cx.version, backups_changed)) {
        st.reload(cx, backups_changed);
    }
    ui.heading(s.backups_heading);
    if let Some(db) = cx.store.path() {
        ui.label((s.backups_help)(&backup::backups_dir(db)));
    }
    ui.weak(s.open_folder_hint);
    ui.add_space(4.0);
    let read_only = cx.store.is_read_only();
    if ui
        .add_enabled(!read_only, egui::Button::new(s.backup_now))
        .clicked()
    {
        cx.send(Command::BackupNow);
    }
    if let Some(e) = &st.list_error {
        ui.colored_label(ui.visuals().error_fg_color, e);
    }
    ui.add_space(6.0);
    backups_table(ui, cx, st, s, read_only);
    ui.add_space(10.0);
    ui.separator();
    restore_from_file(ui, cx, st, s, read_only);
    ui.add_space(10.0);
    ui.separator();
    audit_section(ui, cx, st, s);
    confirm_restore(ui.ctx(), cx, st, s);
}

/// Restoring from a backup file that is not in the list (a copy kept on a USB stick):
/// described from the file, and the question names both databases when it is another's.
fn restore_from_file(
    ui: &mut egui::Ui,
    cx: &mut Cx<'_>,
    st: &mut BackupsState,
    s: &SafetyText,
    read_only: bool,
) {
    let t = cx.t;
    ui.strong(s.restore_from_file);
    ui.horizontal_wrapped(|ui| {
        ui.add(
            egui::TextEdit::singleline(&mut st.restore_file)
                .desired_width(320.0)
                .id_salt("restore-file"),
        );
        if ui.button(t.browse).clicked() {
            dialog::browse(&mut st.restore_file, || {
                rfd::FileDialog::new()
                    .add_filter("SkillBase", &["sqlite", "db"])
                    .pick_file()
            });
        }
        let path = PathBuf::from(st.restore_file.trim());
        let chosen = !st.restore_file.trim().is_empty();
        if ui
            .add_enabled(!read_only && chosen, egui::Button::new(s.restore_this_file))
            .clicked()
        {
            st.file_error = None;
            if let Err(e) = backup::check_backup_file(&path) {
                st.file_error = Some(crate::i18n::Localize::localize(&e, cx.lang));
            } else if let Some(db) = cx.store.path() {
                let info = backup::describe_file(&path);
                st.confirm_other = !cx.store.is_empty().unwrap_or(false) && !backup::belongs_to(db, &info);
                st.confirm = Some(info);
            }
        }
    });
    dialog::note(ui, cx.lang);
    if let Some(e) = &st.file_error {
        ui.colored_label(ui.visuals().error_fg_color, e);
    }
}

fn backups_table(ui: &mut egui::Ui, cx: &mut Cx<'_>, st: &mut BackupsState, s: &SafetyText, read_only: bool) {
    let t = cx.t;
    if st.list.is_empty() {
        if let Some(db) = cx.store.path() {
            ui.weak((s.no_backups)(&backup::backups_dir(db)));
        }
        return;
    }
    let [time, reason, people, records, _] = s.backup_columns;
    egui_extras::TableBuilder::new(ui)
        .id_salt("backups")
        .striped(true)
        .max_scroll_height(300.0)
        .column(egui_extras::Column::initial(150.0))
        .column(egui_extras::Column::initial(130.0))
        .column(egui_extras::Column::initial(80.0))
        .column(egui_extras::Column::initial(90.0))
        .column(egui_extras::Column::initial(80.0))
        .column(egui_extras::Column::remainder())
        .header(22.0, |mut h| {
            for title in [time, reason, people, records, "", ""] {
                h.col(|ui| {
                    ui.strong(title);
                });
            }
        })
        .body(|body| {
            body.rows(24.0, st.list.len(), |mut row| {
                let b = &st.list[row.index()];
                row.col(|ui| {
                    ui.label(when(b));
                });
                row.col(|ui| {
                    ui.label((s.reason)(b.reason));
                });
                row.col(|ui| {
                    ui.label(b.count(RecordKind::Person).to_string());
                });
                row.col(|ui| {
                    ui.label(b.total_records().to_string());
                });
                row.col(|ui| {
                    ui.weak(size(b.bytes));
                });
                row.col(|ui| {
                    let r = ui.add_enabled(!read_only, egui::Button::new(s.restore).small());
                    if r.clicked() {
                        st.confirm = Some(b.clone());
                        st.confirm_other = false;
                    }
                    r.on_hover_text(b.path.display().to_string());
                });
            });
        });
    let _ = t;
}

/// The audit trail's file by default: in the user's documents folder.
fn default_audit_file(lang: crate::i18n::Lang) -> String {
    let base = crate::files::documents_dir();
    let name = match lang {
        crate::i18n::Lang::Zh => "修改记录.xlsx",
        crate::i18n::Lang::En => "audit-trail.xlsx",
    };
    base.join(name).display().to_string()
}

fn audit_section(ui: &mut egui::Ui, cx: &mut Cx<'_>, st: &mut BackupsState, s: &SafetyText) {
    let t = cx.t;
    if st.audit_file.is_empty() {
        st.audit_file = default_audit_file(cx.lang);
    }
    ui.horizontal_wrapped(|ui| {
        ui.label(t.save_to);
        ui.add(
            egui::TextEdit::singleline(&mut st.audit_file)
                .desired_width(320.0)
                .id_salt("audit-file"),
        );
        // Where no file dialog is available (no desktop portal), the typed path serves.
        if ui.button(t.browse).clicked() {
            dialog::browse(&mut st.audit_file, || {
                rfd::FileDialog::new()
                    .add_filter("Excel", &["xlsx"])
                    .set_file_name("修改记录.xlsx")
                    .save_file()
            });
        }
        if ui.button(s.export_audit).clicked() {
            cx.send(Command::ExportAudit {
                file: PathBuf::from(st.audit_file.trim()),
                full: st.full_data,
            });
        }
    });
    dialog::note(ui, cx.lang);
    ui.checkbox(&mut st.full_data, s.include_full_data);
    if st.full_data {
        ui.colored_label(ui.visuals().warn_fg_color, s.full_data_warning);
    }
    ui.add_space(6.0);
    ui.strong(s.recent_changes);
    if st.recent.is_empty() {
        ui.weak(s.no_audit);
        return;
    }
    // Who, when and what on one line each; the record and the change wrap, whole.
    let what = |l: &AuditLine| {
        [l.register.as_str(), l.record.as_str(), l.field.as_str()]
            .into_iter()
            .filter(|x| !x.is_empty())
            .collect::<Vec<_>>()
            .join(" · ")
    };
    let [at_w, profile_w, action_w, what_w] = RECENT_COLUMNS;
    let gaps = 5.0 * ui.spacing().item_spacing.x + 24.0;
    let change_w = (ui.available_width() - RECENT_COLUMNS.iter().sum::<f32>() - gaps).max(200.0);
    let recent = &st.recent;
    let heights = st.recent_rows.get(
        ui,
        (st.reloads, cx.lang),
        &[profile_w - 4.0, what_w - 4.0, change_w],
        recent.len(),
        |i| {
            vec![
                recent[i].profile.clone(),
                what(&recent[i]),
                recent[i].change.clone(),
            ]
        },
    );
    egui_extras::TableBuilder::new(ui)
        .id_salt("recent-changes")
        .striped(true)
        .auto_shrink([false, true])
        .column(egui_extras::Column::exact(at_w))
        .column(egui_extras::Column::exact(profile_w).clip(true))
        .column(egui_extras::Column::exact(action_w))
        .column(egui_extras::Column::exact(what_w).clip(true))
        .column(egui_extras::Column::remainder().clip(true))
        .body(|body| {
            body.heterogeneous_rows(heights.iter().copied(), |mut row| {
                let l = &recent[row.index()];
                row.col(|ui| {
                    ui.weak(&l.at);
                });
                row.col(|ui| {
                    ui.add(egui::Label::new(&l.profile).wrap());
                });
                row.col(|ui| {
                    ui.strong(l.action);
                });
                row.col(|ui| {
                    ui.add(egui::Label::new(what(l)).wrap());
                });
                row.col(|ui| {
                    ui.add(egui::Label::new(&l.change).wrap());
                });
            });
        });
}

/// The recent changes' fixed columns: when, who, what was done, to which record.
const RECENT_COLUMNS: [f32; 4] = [150.0, 90.0, 80.0, 300.0];

/// Starts (once per backup asked about) the comparison of the backup with the database
/// now, and gives its result once done.
fn since<'s>(
    ctx: &egui::Context,
    cx: &Cx<'_>,
    st: &'s mut BackupsState,
    file: &std::path::Path,
) -> Option<&'s Result<SinceBackup, String>> {
    if st.since.as_ref().is_none_or(|s| s.file != file) {
        let opener = cx.opener.clone();
        let (from, lang) = (file.to_path_buf(), cx.lang);
        let title = crate::i18n::restore::text(lang).comparing.to_string();
        let task = Task::spawn(title, ctx, move |_| {
            let store = opener
                .open()
                .map_err(|e| crate::i18n::Localize::localize(&e, lang))?;
            store
                .since_backup(&from)
                .map_err(|e| crate::i18n::Localize::localize(&e, lang))
        });
        st.since = Some(Since {
            file: file.to_path_buf(),
            task: Some(task),
            result: None,
        });
    }
    let since = st.since.as_mut()?;
    if let Some(ended) = Task::finished(&mut since.task, ctx, PROGRESS_REPAINT) {
        since.result = Some(ended.unwrap_or_else(|Lost| Err(cx.t.task_failed.to_string())));
    }
    since.result.as_ref()
}

/// What a restore would take back, as the question before it lists it.
fn show_since(ui: &mut egui::Ui, cx: &Cx<'_>, result: Option<&Result<SinceBackup, String>>) {
    let r = crate::i18n::restore::text(cx.lang);
    match result {
        None => {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(r.comparing);
            });
        }
        Some(Err(e)) => {
            ui.colored_label(ui.visuals().warn_fg_color, (r.compare_failed)(e));
        }
        Some(Ok(since)) if since.is_empty() => {
            ui.label(r.nothing_lost);
        }
        Some(Ok(since)) => {
            if since.loses_nothing() {
                ui.label(r.nothing_lost);
            } else {
                ui.colored_label(ui.visuals().warn_fg_color, r.lacks_heading);
            }
            egui::ScrollArea::vertical()
                .max_height(260.0)
                .id_salt("since-backup")
                .show(ui, |ui| {
                    for s in &since.submissions {
                        ui.colored_label(
                            ui.visuals().warn_fg_color,
                            format!(
                                "• {}",
                                (r.submitted_since)(
                                    s.year,
                                    &s.organisation,
                                    &crate::store::local_time(&s.submitted_at),
                                    &s.profile
                                )
                            ),
                        );
                    }
                    for c in &since.registers {
                        let register = crate::i18n::Labelled::label(&c.kind, cx.lang);
                        ui.label(format!(
                            "• {}",
                            (r.register_since)(register, c.added, c.changed, c.deleted)
                        ));
                        if !c.examples.is_empty() {
                            ui.weak(format!("   {}", (r.for_example)(&c.examples.join("；"))));
                        }
                    }
                });
        }
    }
}

fn confirm_restore(ctx: &egui::Context, cx: &mut Cx<'_>, st: &mut BackupsState, s: &SafetyText) {
    let Some(b) = st.confirm.clone() else {
        st.since = None;
        return;
    };
    let t = cx.t;
    let other = st.confirm_other;
    let db = cx
        .store
        .path()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    let compared = since(ctx, cx, st, &b.path).cloned();
    let r = egui::Modal::new(egui::Id::unique("confirm-restore")).show(ctx, |ui| {
        ui.set_width(560.0);
        ui.heading(s.restore);
        if other {
            let of = match (&b.of_path, &b.of_install) {
                (Some(p), Some(i)) => format!("{}（{i}）", p.display()),
                (Some(p), None) => p.display().to_string(),
                (None, Some(i)) => i.clone(),
                (None, None) => b.path.display().to_string(),
            };
            ui.colored_label(
                ui.visuals().warn_fg_color,
                (s.confirm_restore_other)(&b.path.display().to_string(), &of, &db, b.total_records()),
            );
        } else {
            ui.label((s.confirm_restore)(&when(&b), b.total_records()));
            ui.add_space(4.0);
            show_since(ui, cx, compared.as_ref());
            ui.weak(crate::i18n::restore::text(cx.lang).safety_note);
        }
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            let label = if other {
                (s.restore_other_anyway)(&db)
            } else {
                s.restore.to_string()
            };
            // The question is answered once the user can read what is lost.
            let ready = other || compared.is_some();
            if ui.add_enabled(ready, egui::Button::new(label)).clicked() {
                cx.send(Command::RestoreBackup {
                    from: b.path.clone(),
                    other_database: other,
                });
                st.confirm = None;
            }
            if ui.button(t.cancel).clicked() {
                st.confirm = None;
            }
        });
    });
    if r.should_close() {
        st.confirm = None;
    }
}

/// What the window shows when its database cannot be opened for writing.
pub fn cannot_open(
    ui: &mut egui::Ui,
    t: &UiText,
    s: &SafetyText,
    path: &std::path::Path,
    message: &str,
    problem: Option<&OpenProblem>,
    busy: bool,
) -> Option<Command> {
    let mut command = None;
    let heading = match problem {
        Some(OpenProblem::InUse) => s.in_use_title,
        Some(OpenProblem::ReadOnlyDisk) => s.read_only_disk_title,
        Some(OpenProblem::Damaged { .. }) => s.damaged_title,
        _ => t.cannot_open,
    };
    ui.heading(heading);
    ui.label(path.display().to_string());
    ui.colored_label(ui.visuals().error_fg_color, message);
    ui.add_space(8.0);
    match problem {
        Some(OpenProblem::InUse) | Some(OpenProblem::ReadOnlyDisk) => {
            ui.horizontal(|ui| {
                if ui.button(s.open_read_only).clicked() {
                    command = Some(Command::OpenReadOnly);
                }
                if ui.button(s.try_again).clicked() {
                    command = Some(Command::RetryOpen);
                }
            });
        }
        Some(OpenProblem::Damaged { newest }) => match newest {
            Some(b) => {
                if ui
                    .add_enabled(!busy, egui::Button::new((s.restore_newest)(&when(b))))
                    .clicked()
                {
                    command = Some(Command::RestoreBackup {
                        from: PathBuf::from(&b.path),
                        other_database: false,
                    });
                }
                if busy {
                    ui.horizontal(|ui| {
                        ui.spinner();
                        ui.label(s.restoring);
                    });
                }
            }
            None => {
                ui.label(s.no_backup_to_offer);
            }
        },
        _ => {
            ui.label(t.cannot_open_help);
        }
    }
    command
}
