//! The attachments panel of every record's form: the record's evidence by name, size and
//! note, a thumbnail of each image, open with the system's viewer, remove (the form asks
//! first); attach by file dialog, typed path, or files dropped on the window. It reads the
//! store and sends commands; the writes are the app's.

use std::collections::HashMap;
use std::path::PathBuf;

use uuid::Uuid;

use crate::app::Command;
use crate::domain::attachment::{AttachmentInfo, FileType};
use crate::domain::{Id, RecordKind};
use crate::i18n::Lang;
use crate::i18n::attachments::{size, text};
use crate::store::Store;

/// The longest side of a thumbnail, in points.
const THUMB: u32 = 96;

/// The panel's state, one per open form.
#[derive(Default)]
pub struct Panel {
    typed: String,
    note: String,
    /// The attachment the form asks about removing: id and file name.
    asking_remove: Option<(Uuid, String)>,
    /// Whose SHA-256 is shown (a reviewer comparing a copy).
    show_sha: Option<Uuid>,
    /// Each image's thumbnail by SHA-256, decoded once per form (`None`: not an image
    /// this build can decode, shown without one).
    thumbs: HashMap<String, Option<egui::TextureHandle>>,
}

impl Panel {
    /// Draws the panel of the record `record` of `kind` (a record not yet saved has none).
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        store: &Store,
        kind: RecordKind,
        record: Option<Uuid>,
        lang: Lang,
        commands: &mut Vec<Command>,
    ) {
        let t = text(lang);
        egui::CollapsingHeader::new(t.heading)
            .id_salt(("attachments", record))
            .default_open(true)
            .show(ui, |ui| {
                let Some(record) = record else {
                    ui.label(crate::ui::hint(t.save_first));
                    return;
                };
                let list = store
                    .attachments_for(kind, Id::<()>::from_uuid(record))
                    .unwrap_or_default();
                for a in &list {
                    self.row(ui, store, a, lang, commands);
                }
                if list.is_empty() {
                    ui.label(crate::ui::hint(t.none));
                }
                ui.add_space(6.0);
                self.attach_controls(ui, kind, record, lang, commands);
            });
        // Files dropped anywhere on the window go to the open record.
        if let Some(record) = record {
            let dropped: Vec<PathBuf> = ui.ctx().input(|i| {
                i.raw
                    .dropped_files
                    .iter()
                    .map(|f| f.path().to_path_buf())
                    .filter(|p| p.is_absolute())
                    .collect()
            });
            if !dropped.is_empty() {
                commands.push(self.take(kind, record, dropped));
            }
        }
    }

    /// The command attaching `files` with the note typed, which it takes.
    fn take(&mut self, kind: RecordKind, record: Uuid, files: Vec<PathBuf>) -> Command {
        let note = Some(self.note.trim().to_string()).filter(|n| !n.is_empty());
        self.note.clear();
        Command::Attach {
            kind,
            record,
            files,
            note,
        }
    }

    fn row(
        &mut self,
        ui: &mut egui::Ui,
        store: &Store,
        a: &AttachmentInfo,
        lang: Lang,
        commands: &mut Vec<Command>,
    ) {
        let t = text(lang);
        let id = a.id.uuid();
        ui.horizontal(|ui| {
            if a.is_image()
                && let Some(texture) = self.thumbnail(ui.ctx(), store, a)
            {
                let [w, h] = texture.size();
                let scale = THUMB as f32 / (w.max(h).max(1) as f32);
                let image = egui::Image::new((texture.id(), egui::vec2(w as f32 * scale, h as f32 * scale)))
                    .sense(egui::Sense::click());
                if ui.add(image).on_hover_text(t.open).clicked() {
                    commands.push(Command::OpenAttachment(id));
                }
            }
            ui.vertical(|ui| {
                ui.label(egui::RichText::new(&a.file_name).strong());
                let kind = a.file_type().map_or("", |f| f.extensions()[0]).to_uppercase();
                ui.label(format!(
                    "{kind} · {} · {}",
                    size(a.size, lang),
                    crate::store::local_time(&a.added_at.to_rfc3339())
                ));
                if let Some(note) = &a.note {
                    ui.label(note);
                }
                if self.show_sha == Some(id) {
                    ui.add(
                        egui::Label::new(egui::RichText::new(&a.sha256).monospace().small()).selectable(true),
                    );
                }
                ui.horizontal(|ui| {
                    if ui.small_button(t.open).clicked() {
                        commands.push(Command::OpenAttachment(id));
                    }
                    if ui.small_button(t.show_sha).clicked() {
                        self.show_sha = if self.show_sha == Some(id) { None } else { Some(id) };
                    }
                    if ui.small_button(t.remove).clicked() {
                        self.asking_remove = Some((id, a.file_name.clone()));
                    }
                });
                if let Some((asked, name)) = self.asking_remove.clone()
                    && asked == id
                {
                    ui.colored_label(ui.visuals().warn_fg_color, (t.remove_question)(&name));
                    ui.horizontal(|ui| {
                        if ui.button(t.confirm_remove).clicked() {
                            commands.push(Command::RemoveAttachment(id));
                            self.asking_remove = None;
                        }
                        if ui.button(t.cancel).clicked() {
                            self.asking_remove = None;
                        }
                    });
                }
            });
        });
        ui.separator();
    }

    fn attach_controls(
        &mut self,
        ui: &mut egui::Ui,
        kind: RecordKind,
        record: Uuid,
        lang: Lang,
        commands: &mut Vec<Command>,
    ) {
        let t = text(lang);
        ui.horizontal_wrapped(|ui| {
            ui.add(
                egui::TextEdit::singleline(&mut self.note)
                    .hint_text(crate::ui::hint(t.note))
                    .desired_width(260.0)
                    .id_salt(("attachment-note", record)),
            );
        });
        ui.horizontal_wrapped(|ui| {
            if ui.button(t.choose_file).clicked() {
                let extensions = FileType::all_extensions();
                let mut chosen = String::new();
                if crate::ui::dialog::browse(&mut chosen, || {
                    rfd::FileDialog::new()
                        .add_filter(t.heading, &extensions)
                        .set_directory(crate::files::documents_dir())
                        .pick_file()
                }) {
                    commands.push(self.take(kind, record, vec![PathBuf::from(chosen)]));
                } else if self.typed.trim().is_empty() {
                    self.typed = chosen;
                }
            }
            ui.add(
                egui::TextEdit::singleline(&mut self.typed)
                    .hint_text(crate::ui::hint(t.typed_path))
                    .desired_width(220.0)
                    .id_salt(("attachment-path", record)),
            );
            let typed = self.typed.trim().to_string();
            if ui
                .add_enabled(!typed.is_empty(), egui::Button::new(t.attach))
                .clicked()
            {
                commands.push(self.take(kind, record, vec![PathBuf::from(typed)]));
                self.typed.clear();
            }
        });
        crate::ui::dialog::note(ui, lang);
        let hovering = ui.ctx().input(|i| !i.raw.hovered_files.is_empty());
        let hint = egui::RichText::new(t.drop_hint).small();
        if hovering {
            ui.colored_label(ui.visuals().selection.stroke.color, hint.strong());
        } else {
            ui.label(hint.weak());
        }
    }

    /// The image's thumbnail, decoded the first time it is shown.
    fn thumbnail(
        &mut self,
        ctx: &egui::Context,
        store: &Store,
        a: &AttachmentInfo,
    ) -> Option<egui::TextureHandle> {
        self.thumbs
            .entry(a.sha256.clone())
            .or_insert_with(|| {
                let bytes = store.attachment_bytes(&a.sha256).ok()?;
                let format = match a.file_type()? {
                    FileType::Png => image::ImageFormat::Png,
                    FileType::Jpeg => image::ImageFormat::Jpeg,
                    _ => return None,
                };
                let img = image::load_from_memory_with_format(&bytes, format).ok()?;
                let small = img.thumbnail(THUMB * 2, THUMB * 2).to_rgba8();
                let (w, h) = small.dimensions();
                let pixels =
                    egui::ColorImage::from_rgba_unmultiplied([w as usize, h as usize], small.as_raw());
                Some(ctx.load_texture(
                    format!("attachment-{}", a.sha256),
                    pixels,
                    egui::TextureOptions::LINEAR,
                ))
            })
            .clone()
    }
}
