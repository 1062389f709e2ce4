//! Evidence attachments in English.

use crate::domain::attachment::{AttachmentProblem, FileType, MAX_SIZE};
use crate::i18n::Lang;

fn type_name(t: FileType) -> &'static str {
    match t {
        FileType::Pdf => "a PDF file",
        FileType::Jpeg => "a JPEG image",
        FileType::Png => "a PNG image",
        FileType::Docx => "a Word document (.docx)",
        FileType::Xlsx => "an Excel workbook (.xlsx)",
        FileType::Pptx => "a PowerPoint presentation (.pptx)",
        FileType::Doc => "a Word 97–2003 document (.doc)",
        FileType::Xls => "an Excel 97–2003 workbook (.xls)",
        FileType::Odt => "an OpenDocument text (.odt)",
        FileType::Ods => "an OpenDocument spreadsheet (.ods)",
    }
}

fn accepted() -> String {
    let list: Vec<String> = FileType::all_extensions()
        .iter()
        .map(|e| format!(".{e}"))
        .collect();
    format!("Files that may be attached: {}", list.join(", "))
}

pub fn problem(p: &AttachmentProblem) -> String {
    match p {
        AttachmentProblem::Empty => {
            "the file is empty (0 bytes); expected a scan, a photo or a document with content".to_string()
        }
        AttachmentProblem::TooLarge { size } => format!(
            "the file is {}, over the limit of {} per attachment. Make the scan smaller (a lower resolution, or several files) and attach it again",
            crate::i18n::attachments::size(*size, Lang::En),
            crate::i18n::attachments::size(MAX_SIZE, Lang::En)
        ),
        AttachmentProblem::UnknownType { extension } if extension.is_empty() => {
            format!(
                "the file name has no extension, so its type is unknown. {}",
                accepted()
            )
        }
        AttachmentProblem::UnknownType { extension } => format!(
            ".{} files are not accepted. {}",
            crate::i18n::shown::value(extension, Lang::En),
            accepted()
        ),
        AttachmentProblem::NoteCharacter { character } => format!(
            "the note holds the invisible control character {}; expected plain text",
            crate::i18n::shown::character(*character, Lang::En)
        ),
        AttachmentProblem::NoteTooLong { chars } => format!(
            "the note has {chars} characters, at most {} are kept",
            crate::domain::attachment::MAX_NOTE_CHARS
        ),
        AttachmentProblem::NotWhatItSays { extension, found } => match found {
            Some(t) => format!(
                "the name says .{} but the content is {}. Correct the file's extension and attach it again",
                crate::i18n::shown::value(extension, Lang::En),
                type_name(*t)
            ),
            None => format!(
                "the name says .{} but the content is not {} nor any other type that may be attached (damaged, or another file renamed)",
                crate::i18n::shown::value(extension, Lang::En),
                FileType::from_extension(extension).map_or("that type", type_name)
            ),
        },
    }
}

use crate::i18n::attachments::AttachmentText;

fn shown(v: &str) -> String {
    crate::i18n::shown::value(v, Lang::En).into_owned()
}

pub static TEXT: AttachmentText = AttachmentText {
    missing_record: "--record is missing: expected the id of the record to attach the file to (copy it from the record's form, or export the register)",
    missing_file: "the file to attach is missing: expected the path of a PDF, JPEG, PNG or office document",
    not_an_id: |v| {
        format!(
            "--record “{}” is not a record id: expected an id like 0190a1b2-…",
            shown(v)
        )
    },
    no_record: |v| {
        format!(
            "no record has the id {}: no register of the database holds it",
            shown(v)
        )
    },
    deleted_record: |kind, name| {
        format!(
            "the {kind} record “{}” is deleted; files cannot be attached to it. Restore it in the window first",
            shown(name)
        )
    },
    no_file: |f| {
        format!(
            "the file {} does not exist: expected the path of an existing file",
            shown(f)
        )
    },
    is_folder: |f| format!("{} is a folder: expected a file", shown(f)),
    cannot_read: |f, why| format!("cannot read the file {}: {why}", shown(f)),
    is_database: |f| {
        format!(
            "{} is the database itself (or its log, lock file or a backup); it cannot be attached",
            shown(f)
        )
    },
    nothing_written: "Nothing was written.",
    attached: |file, size, kind, record, id| {
        format!(
            "attached “{}” ({size}) to the {kind} “{}”; attachment id {id}",
            shown(file),
            shown(record)
        )
    },
    stored_once: "Its content was in the database already (attached to another record): it is stored once.",
    already_attached: |file, there| {
        format!(
            "the content of “{}” is attached to this record already (as “{}”): nothing was stored twice.",
            shown(file),
            shown(there)
        )
    },
    columns: [
        "Register",
        "File",
        "Type",
        "Size",
        "Attached",
        "Attachment id",
        "Record",
        "Note",
    ],
    none: "No attachments.",
    totals: |n, files, size| format!("{n} attachments, {files} files, {size} in all"),
    in_package: |new, removed| format!("Attachments: {new} new, {removed} removed by the sender"),
    heading: "Attachments (evidence)",
    choose_file: "Choose a file…",
    typed_path: "or type a file's path",
    attach: "Attach",
    note: "Note (optional)",
    drop_hint: "You can also drop files onto the window to attach them to this record. PDF, JPEG, PNG and office documents, up to 20 MB each.",
    save_first: "Save this record before attaching files to it.",
    open: "Open",
    remove: "Remove",
    show_sha: "SHA-256",
    remove_question: |f| {
        format!(
            "Remove the attachment “{}”? The removal is written to the audit trail; the database and earlier backups still keep the file.",
            shown(f)
        )
    },
    confirm_remove: "Yes, remove it",
    cancel: "Cancel",
    removed: |f| format!("Removed the attachment “{}”", shown(f)),
    open_failed: |why| format!("could not open the attachment with the system viewer: {why}"),
    no_viewer: |program| {
        format!(
            "the system program that opens files, {program}, was not found. Install the desktop's file opener (such as xdg-utils)"
        )
    },
    opened: |f| format!("Opened “{}” with the system viewer", shown(f)),
};
