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
