//! 数据交换: making a data package (the chosen organisation or everything, complete or
//! only what changed since the last package to a recipient, the passphrase typed twice,
//! the file chosen with the system dialog) and importing one (passphrase, preview of what
//! is new, changed, deleted and in conflict, a choice per conflict, field by field for
//! people, the same-person pairs, then backup and merge). The work runs on another thread
//! (`app::exchange`); this screen only edits the form and the choices.

use std::path::PathBuf;
use std::sync::Arc;

use super::Cx;
use super::dialog;
use crate::app::Command;
use crate::i18n::Labelled;
use crate::i18n::exchange::field_name;
use crate::packages::merge::{Choice, FieldDiff, Preview, Resolution};
use crate::packages::package::{EXTENSION, MIN_PASSPHRASE_CHARS, Passphrase};

/// The screen's state.
#[derive(Default)]
pub struct ExchangeState {
    pub only_org: bool,
    /// Only the indicator sets (a regional department's package to bases and studios).
    pub sets_only: bool,
    pub since_last: bool,
    pub recipient: String,
    pub passphrase: String,
    pub passphrase_again: String,
    pub out_file: String,
    pub in_file: String,
    pub in_passphrase: String,
    /// The package being imported, as previewed.
    pub preview: Option<Arc<Preview>>,
    /// The choices made so far on its conflicts and person pairs.
    pub resolution: Resolution,
    /// Which conflicts the user has decided (merging waits until all are).
    pub decided: Vec<bool>,
    /// The packages sent from here, read when the data version changes.
    sent: Option<(u64, Vec<crate::store::exchange::SentPackage>)>,
    /// Whether the recipient typed was ever sent a package: (recipient, data version,
    /// sent before).
    sent_to: Option<(String, u64, bool)>,
    /// The packages received here, read when the data version changes.
    received: Option<(u64, Vec<crate::store::exchange::ReceivedPackage>)>,
    /// The passphrase field takes the keyboard on the next frame (a package opened from
    /// the file manager).
    focus_passphrase: bool,
}

impl ExchangeState {
    /// A package to import, named before the window opened (`skillbase open FILE`): its
    /// file filled in, the passphrase field waiting for the keyboard.
    pub fn open_package(&mut self, file: &std::path::Path) {
        self.in_file = file.display().to_string();
        self.in_passphrase.clear();
        self.preview = None;
        self.focus_passphrase = true;
    }

    /// A new preview: every conflict starts as "mine", every person pair with mine.
    pub fn set_preview(&mut self, preview: Preview) {
        self.decided = vec![false; preview.conflicts.len()];
        self.resolution = Resolution {
            conflicts: vec![Choice::Mine; preview.conflicts.len()],
            people: vec![Vec::new(); preview.same_people.len()],
        };
        self.preview = Some(Arc::new(preview));
    }
}

fn default_out(cx: &Cx) -> String {
    let base = crate::files::documents_dir();
    let name = cx.org.map_or("skillbase".to_string(), |o| o.record.name.clone());
    base.join(format!("{name}-{}.{EXTENSION}", cx.today.0.format("%Y%m%d")))
        .display()
        .to_string()
}

pub fn show(ui: &mut egui::Ui, cx: &mut Cx, st: &mut ExchangeState, busy: bool) {
    let t = cx.t.exchange;
    ui.heading(t.nav_exchange);
    ui.label(t.exchange_help);
    ui.add_space(6.0);
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            export_form(ui, cx, st, busy);
            ui.add_space(12.0);
            ui.separator();
            import_form(ui, cx, st, busy);
            if let Some(p) = st.preview.clone() {
                ui.add_space(8.0);
                preview(ui, cx, st, &p, busy);
            }
        });
}

fn export_form(ui: &mut egui::Ui, cx: &mut Cx, st: &mut ExchangeState, busy: bool) {
    let t = cx.t.exchange;
    ui.heading(t.export_heading);
    if st.out_file.is_empty() {
        st.out_file = default_out(cx);
    }
    egui::Grid::new("export-form")
        .num_columns(2)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            ui.label(t.scope);
            ui.horizontal(|ui| {
                if ui
                    .radio(!st.only_org && !st.sets_only, t.scope_everything)
                    .clicked()
                {
                    (st.only_org, st.sets_only) = (false, false);
                }
                let org = cx.org.map_or(String::new(), |o| o.record.name.clone());
                if ui
                    .radio(st.only_org && !st.sets_only, format!("{}：{org}", t.scope_org))
                    .clicked()
                {
                    (st.only_org, st.sets_only) = (true, false);
                }
                if ui.radio(st.sets_only, t.scope_indicator_sets).clicked() {
                    st.sets_only = true;
                }
            });
            ui.end_row();
            ui.label("");
            ui.horizontal(|ui| {
                ui.radio_value(&mut st.since_last, false, t.complete_package);
                ui.radio_value(&mut st.since_last, true, t.since_last);
            });
            ui.end_row();
            let label = ui.label(t.recipient).id;
            ui.add_enabled(
                st.since_last,
                egui::TextEdit::singleline(&mut st.recipient).desired_width(240.0),
            )
            .labelled_by(label);
            ui.end_row();
            let label = ui.label(t.passphrase).id;
            ui.add(
                egui::TextEdit::singleline(&mut st.passphrase)
                    .password(true)
                    .desired_width(240.0),
            )
            .labelled_by(label);
            ui.end_row();
            let label = ui.label(t.passphrase_again).id;
            ui.add(
                egui::TextEdit::singleline(&mut st.passphrase_again)
                    .password(true)
                    .desired_width(240.0),
            )
            .labelled_by(label);
            ui.end_row();
            let label = ui.label(t.package_file).id;
            ui.horizontal(|ui| {
                ui.add(egui::TextEdit::singleline(&mut st.out_file).desired_width(420.0))
                    .labelled_by(label);
                if ui.button(t.choose_file).clicked() {
                    let name = PathBuf::from(&st.out_file)
                        .file_name()
                        .map_or(String::new(), |n| n.to_string_lossy().into_owned());
                    dialog::browse(&mut st.out_file, || {
                        rfd::FileDialog::new()
                            .add_filter("SkillBase", &[EXTENSION])
                            .set_file_name(name)
                            .save_file()
                    });
                }
            });
            ui.end_row();
        });
    dialog::note(ui, cx.lang);
    // "Only what changed since" to a recipient never sent to: a complete package, and why.
    let recipient = st.recipient.trim().to_string();
    if st.since_last && !recipient.is_empty() {
        if st
            .sent_to
            .as_ref()
            .is_none_or(|(r, v, _)| *r != recipient || *v != cx.version)
        {
            let before = cx.store.last_sent_to(&recipient).ok().flatten().is_some();
            st.sent_to = Some((recipient.clone(), cx.version, before));
        }
        if let Some((_, _, false)) = &st.sent_to {
            ui.colored_label(ui.visuals().warn_fg_color, (t.never_sent)(&recipient));
        }
    }
    let short = st.passphrase.chars().count() < MIN_PASSPHRASE_CHARS;
    let differ = st.passphrase != st.passphrase_again;
    if !st.passphrase.is_empty() && short {
        ui.colored_label(ui.visuals().warn_fg_color, t.passphrase_short);
    } else if !st.passphrase_again.is_empty() && differ {
        ui.colored_label(ui.visuals().error_fg_color, t.passphrase_mismatch);
    }
    if st.sent.as_ref().is_none_or(|(v, _)| *v != cx.version) {
        st.sent = Some((cx.version, cx.store.packages_sent().unwrap_or_default()));
    }
    if let Some((_, sent)) = &st.sent
        && !sent.is_empty()
    {
        let mut pick = None;
        egui::CollapsingHeader::new(format!("{} ({})", t.sent_before, sent.len())).show(ui, |ui| {
            egui::Grid::new("sent").striped(true).show(ui, |ui| {
                for s in sent.iter().take(50) {
                    ui.label(crate::store::local_time(&s.sent_at));
                    if ui.link(s.recipient.as_deref().unwrap_or("—")).clicked() {
                        pick = s.recipient.clone();
                    }
                    ui.label(if s.complete {
                        t.complete_package
                    } else {
                        t.since_last
                    });
                    ui.label(s.records.to_string());
                    ui.label(&s.file_name);
                    ui.end_row();
                }
            });
        });
        if let Some(r) = pick {
            st.recipient = r;
            st.since_last = true;
        }
    }
    let ready = !short
        && !differ
        && !st.out_file.trim().is_empty()
        && (!st.since_last || !st.recipient.trim().is_empty());
    if ui
        .add_enabled(ready && !busy, egui::Button::new(t.make_package))
        .clicked()
    {
        cx.send(Command::ExportPackage {
            org: if st.only_org { cx.org_id() } else { None },
            indicator_sets_only: st.sets_only,
            since_last_to: st.since_last.then(|| st.recipient.trim().to_string()),
            out: PathBuf::from(st.out_file.trim()),
            passphrase: Passphrase::new(&st.passphrase),
        });
    }
}

/// 已收到的数据包: who sent each package, when it was made and merged, by whom, what it
/// changed per register, and the backup taken before.
fn received_list(ui: &mut egui::Ui, cx: &Cx, st: &mut ExchangeState) {
    let t = cx.t.exchange;
    if st.received.as_ref().is_none_or(|(v, _)| *v != cx.version) {
        st.received = Some((cx.version, cx.store.packages_received().unwrap_or_default()));
    }
    let Some((_, received)) = &st.received else { return };
    if received.is_empty() {
        return;
    }
    egui::CollapsingHeader::new(format!("{} ({})", t.received_before, received.len()))
        .id_salt("received")
        .show(ui, |ui| {
            for r in received.iter().take(50) {
                let text = |k: &str| {
                    r.summary
                        .get(k)
                        .and_then(|v| v.as_str())
                        .unwrap_or_default()
                        .to_string()
                };
                let sender = match text("sender") {
                    s if !s.is_empty() => s,
                    _ => match text("organisation") {
                        o if !o.is_empty() => o,
                        _ => r.file_name.clone(),
                    },
                };
                ui.label((t.received_line)(
                    &sender,
                    &crate::store::local_time(&r.created_at),
                    &crate::store::local_time(&r.imported_at),
                    &text("merged_by"),
                ));
                let counts: Vec<String> = r
                    .summary
                    .get("registers")
                    .and_then(|v| v.as_object())
                    .into_iter()
                    .flatten()
                    .filter_map(|(kind, n)| {
                        let kind = crate::domain::RecordKind::from_code(kind)?;
                        let n = |i: usize| n.get(i).and_then(|x| x.as_u64()).unwrap_or(0);
                        Some((t.register_counts)(kind.label(cx.lang), n(0), n(1), n(2)))
                    })
                    .collect();
                if !counts.is_empty() {
                    ui.weak(format!("　{}", counts.join("；")));
                }
                let backup = text("backup");
                if !backup.is_empty() {
                    ui.weak(format!("　{}", (t.backup_before)(&backup)))
                        .on_hover_text(t.backup_before_hint);
                }
            }
        });
}

fn import_form(ui: &mut egui::Ui, cx: &mut Cx, st: &mut ExchangeState, busy: bool) {
    let t = cx.t.exchange;
    ui.heading(t.import_heading);
    received_list(ui, cx, st);
    // Enter in the passphrase field opens the package, as the button does.
    let mut entered = false;
    egui::Grid::new("import-form")
        .num_columns(2)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            let label = ui.label(t.import_file).id;
            ui.horizontal(|ui| {
                ui.add(egui::TextEdit::singleline(&mut st.in_file).desired_width(420.0))
                    .labelled_by(label);
                if ui.button(t.choose_file).clicked() {
                    dialog::browse(&mut st.in_file, || {
                        rfd::FileDialog::new()
                            .add_filter("SkillBase", &[EXTENSION])
                            .pick_file()
                    });
                }
            });
            ui.end_row();
            let label = ui.label(t.import_passphrase).id;
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut st.in_passphrase)
                        .password(true)
                        .desired_width(240.0),
                )
                .labelled_by(label);
            if std::mem::take(&mut st.focus_passphrase) {
                field.request_focus();
                field.scroll_to_me(Some(egui::Align::Center));
            }
            entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            ui.end_row();
        });
    dialog::note(ui, cx.lang);
    let ready = !st.in_file.trim().is_empty() && !st.in_passphrase.is_empty();
    if ui
        .add_enabled(ready && !busy, egui::Button::new(t.open_package))
        .clicked()
        || entered && ready && !busy
    {
        cx.send(Command::PreviewPackage {
            file: PathBuf::from(st.in_file.trim()),
            passphrase: Passphrase::new(&st.in_passphrase),
        });
    }
}

fn items(ui: &mut egui::Ui, cx: &Cx, title: String, list: &[crate::packages::merge::Item]) {
    if list.is_empty() {
        return;
    }
    egui::CollapsingHeader::new(title).show(ui, |ui| {
        for i in list.iter().take(500) {
            ui.label(format!("{} · {}", i.kind.label(cx.lang), i.name));
        }
        if list.len() > 500 {
            ui.weak((cx.t.exchange.and_more)(list.len() - 500));
        }
    });
}

/// The fields that differ, mine beside theirs, as people read the values (labels,
/// names, masked numbers), with a box per field when the choice is field by field.
fn diff_grid(
    ui: &mut egui::Ui,
    cx: &Cx,
    p: &Preview,
    id: String,
    kind: crate::domain::RecordKind,
    diffs: &[FieldDiff],
    take: Option<&mut Vec<String>>,
) {
    let shown = |field: &str, v: &serde_json::Value| match v {
        serde_json::Value::Null => cx.t.exchange.empty_value.to_string(),
        v => p.shown(cx.store, kind, field, v, cx.lang),
    };
    let t = cx.t.exchange;
    egui::Grid::new(id).striped(true).num_columns(4).show(ui, |ui| {
        ui.strong(t.field);
        ui.strong(t.mine_column);
        ui.strong(t.theirs_column);
        ui.label("");
        ui.end_row();
        let mut take = take;
        for d in diffs {
            ui.label(field_name(kind.code(), &d.field, cx.lang));
            ui.label(shown(&d.field, &d.mine));
            ui.label(shown(&d.field, &d.theirs));
            if let Some(take) = take.as_deref_mut() {
                let mut theirs = take.contains(&d.field);
                if ui.checkbox(&mut theirs, t.take_field).changed() {
                    take.retain(|f| *f != d.field);
                    if theirs {
                        take.push(d.field.clone());
                    }
                }
            }
            ui.end_row();
        }
    });
}

fn preview(ui: &mut egui::Ui, cx: &mut Cx, st: &mut ExchangeState, p: &Preview, busy: bool) {
    let t = cx.t.exchange;
    let m = &p.manifest;
    let org = m.organisation.as_ref().map_or(t.everything, |o| o.name.as_str());
    ui.group(|ui| {
        ui.strong((t.package_heading)(&p.file.display().to_string()));
        ui.label((t.package_source)(
            &m.sender_name(),
            &m.operator,
            &m.created_local(),
            org,
            m.complete,
        ));
        if let Some(a) = &p.already {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                (t.already_imported)(&crate::store::local_time(&a.imported_at)),
            );
        }
        ui.label((t.preview_counts)(
            p.new.len(),
            p.changed.len(),
            p.deleted.len(),
            p.unchanged,
            p.conflicts.len(),
            p.same_people.len(),
        ));
        if !p.attachments.is_empty() {
            let words = crate::i18n::attachments::text(cx.lang);
            ui.label((words.in_package)(
                p.attachments.new.len(),
                p.attachments.removed.len(),
            ));
        }
    });
    items(ui, cx, format!("{} {}", t.new_records, p.new.len()), &p.new);
    items(
        ui,
        cx,
        format!("{} {}", t.changed_records, p.changed.len()),
        &p.changed,
    );
    items(
        ui,
        cx,
        format!("{} {}", t.deleted_records, p.deleted.len()),
        &p.deleted,
    );
    if !p.conflicts.is_empty() {
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            ui.heading(t.conflicts_heading);
            if ui.button(t.all_mine).clicked() {
                st.resolution.conflicts.iter_mut().for_each(|c| *c = Choice::Mine);
                st.decided.iter_mut().for_each(|d| *d = true);
            }
            if ui.button(t.all_theirs).clicked() {
                for (c, x) in st.resolution.conflicts.iter_mut().zip(&p.conflicts) {
                    *c = if x.theirs_blocked.is_none() {
                        Choice::Theirs
                    } else {
                        Choice::Mine
                    };
                }
                st.decided.iter_mut().for_each(|d| *d = true);
            }
        });
        for (i, c) in p.conflicts.iter().enumerate() {
            let (Some(choice), Some(decided)) = (st.resolution.conflicts.get_mut(i), st.decided.get_mut(i))
            else {
                continue;
            };
            ui.group(|ui| {
                ui.strong(format!("{} · {}", c.kind.label(cx.lang), c.name));
                let newer = |yes: bool| if yes { t.newer } else { "" };
                ui.weak(format!(
                    "{}{}　｜　{}{}",
                    (t.mine_changed)(&c.mine_changed.at, &c.mine_changed.by),
                    newer(!c.theirs_newer()),
                    (t.theirs_changed)(&c.theirs_changed.at, &c.theirs_changed.by),
                    newer(c.theirs_newer()),
                ));
                if c.mine.is_deleted() != c.theirs.is_deleted() {
                    let (mine, theirs) = if c.theirs.is_deleted() {
                        (t.live, t.deleted)
                    } else {
                        (t.deleted, t.live)
                    };
                    ui.label((t.diff_line)(t.state, mine, theirs));
                }
                ui.horizontal(|ui| {
                    // Nothing is chosen for the user: until a side is picked, no radio is on.
                    if ui.radio(*decided && *choice == Choice::Mine, t.mine).clicked() {
                        *choice = Choice::Mine;
                        *decided = true;
                    }
                    ui.add_enabled_ui(c.theirs_blocked.is_none(), |ui| {
                        if ui
                            .radio(*decided && *choice == Choice::Theirs, t.theirs)
                            .clicked()
                        {
                            *choice = Choice::Theirs;
                            *decided = true;
                        }
                    });
                    // Field by field for every register (the merged record is checked
                    // by its register's rules before anything is written).
                    if !c.diffs.is_empty() && !c.mine.is_deleted() && !c.theirs.is_deleted() {
                        let by_field = *decided && matches!(choice, Choice::Fields(_));
                        if ui.radio(by_field, t.by_field).clicked() && !by_field {
                            *choice = Choice::Fields(Vec::new());
                            *decided = true;
                        }
                    }
                    if c.both_allowed()
                        && ui
                            .radio(*decided && *choice == Choice::Both, t.keep_both)
                            .clicked()
                    {
                        *choice = Choice::Both;
                        *decided = true;
                    }
                });
                if let Some(b) = &c.theirs_blocked {
                    ui.colored_label(
                        ui.visuals().warn_fg_color,
                        (t.delete_blocked)(b.kind.label(cx.lang), &b.name),
                    );
                }
                let take = match choice {
                    Choice::Fields(take) => Some(take),
                    _ => None,
                };
                diff_grid(ui, cx, p, format!("conflict-{i}"), c.kind, &c.diffs, take);
            });
        }
    }
    if !p.same_people.is_empty() {
        ui.add_space(6.0);
        ui.heading(t.same_people_heading);
        for (i, s) in p.same_people.iter().enumerate() {
            let Some(take) = st.resolution.people.get_mut(i) else {
                continue;
            };
            ui.group(|ui| {
                ui.strong(&s.name);
                if !s.diffs.is_empty() {
                    diff_grid(
                        ui,
                        cx,
                        p,
                        format!("same-{i}"),
                        crate::domain::RecordKind::Person,
                        &s.diffs,
                        Some(take),
                    );
                }
            });
        }
    }
    ui.add_space(8.0);
    if p.nothing_to_merge() {
        // Nothing to merge is said, and nothing offered but closing the preview.
        ui.label(t.nothing_to_merge);
        if ui.button(cx.t.cancel).clicked() {
            cx.send(Command::DiscardPreview);
        }
        return;
    }
    ui.horizontal(|ui| {
        let open = st.decided.iter().filter(|d| !**d).count();
        if ui
            .add_enabled(!busy && open == 0, egui::Button::new(t.merge_now))
            .on_disabled_hover_text(t.choices_left)
            .clicked()
        {
            cx.send(Command::ApplyMerge);
        }
        if ui.button(cx.t.cancel).clicked() {
            cx.send(Command::DiscardPreview);
        }
        if open > 0 {
            ui.colored_label(ui.visuals().warn_fg_color, (t.conflict_count)(open));
        }
    });
}
