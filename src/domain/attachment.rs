//! Evidence attached to a record: a scanned agreement, a sign-in sheet, an award, a photo.
//!
//! The file itself is kept inside the database, content-addressed by its SHA-256, so that
//! a backup, a restore, a data package and a consolidation carry it; the same bytes
//! attached twice are kept once. What may be attached is decided here, from the bytes and
//! the file name together: a PDF, a JPEG, a PNG or an office document, not empty and at
//! most [`MAX_SIZE`]. Nothing here knows of SQL or egui.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{Id, RecordKind};

/// The largest file that may be attached: 20 MB (a scanned agreement of a few pages is
/// well under it; a video is not evidence the scoring sheet asks for).
pub const MAX_SIZE: u64 = 20 * 1024 * 1024;

/// The longest file name kept (characters); a longer one keeps its end (the extension).
pub const MAX_NAME_CHARS: usize = 200;

/// What the attachment row describes (the type behind `Id<Attachment>`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Attachment {}

/// The kinds of file that may be attached.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FileType {
    Pdf,
    Jpeg,
    Png,
    Docx,
    Xlsx,
    Pptx,
    Doc,
    Xls,
    Odt,
    Ods,
}

impl FileType {
    pub const ALL: &'static [FileType] = &[
        FileType::Pdf,
        FileType::Jpeg,
        FileType::Png,
        FileType::Docx,
        FileType::Xlsx,
        FileType::Pptx,
        FileType::Doc,
        FileType::Xls,
        FileType::Odt,
        FileType::Ods,
    ];

    /// The media type stored and handed to viewers.
    pub fn media_type(self) -> &'static str {
        match self {
            FileType::Pdf => "application/pdf",
            FileType::Jpeg => "image/jpeg",
            FileType::Png => "image/png",
            FileType::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            FileType::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            FileType::Pptx => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            FileType::Doc => "application/msword",
            FileType::Xls => "application/vnd.ms-excel",
            FileType::Odt => "application/vnd.oasis.opendocument.text",
            FileType::Ods => "application/vnd.oasis.opendocument.spreadsheet",
        }
    }

    /// The type a stored media type names.
    pub fn from_media_type(media_type: &str) -> Option<FileType> {
        FileType::ALL
            .iter()
            .copied()
            .find(|t| t.media_type() == media_type)
    }

    /// The extensions (lower case, no dot) a file of this type carries; the first is
    /// the one given to a file written out for a viewer.
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            FileType::Pdf => &["pdf"],
            FileType::Jpeg => &["jpg", "jpeg"],
            FileType::Png => &["png"],
            FileType::Docx => &["docx"],
            FileType::Xlsx => &["xlsx"],
            FileType::Pptx => &["pptx"],
            FileType::Doc => &["doc"],
            FileType::Xls => &["xls"],
            FileType::Odt => &["odt"],
            FileType::Ods => &["ods"],
        }
    }

    /// Whether the window shows a thumbnail of it.
    pub fn is_image(self) -> bool {
        matches!(self, FileType::Jpeg | FileType::Png)
    }

    /// The type a file name's extension claims.
    pub fn from_extension(extension: &str) -> Option<FileType> {
        let ext = extension.to_ascii_lowercase();
        FileType::ALL
            .iter()
            .copied()
            .find(|t| t.extensions().contains(&ext.as_str()))
    }

    /// Every accepted extension, for messages and file dialogs.
    pub fn all_extensions() -> Vec<&'static str> {
        FileType::ALL
            .iter()
            .flat_map(|t| t.extensions().iter().copied())
            .collect()
    }

    /// Whether `bytes` look like a file of this type (its signature, and for the zipped
    /// office formats the part that says which one it is).
    fn matches(self, bytes: &[u8]) -> bool {
        const ZIP: &[u8] = b"PK\x03\x04";
        const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        let ooxml = |part: &[u8]| {
            bytes.starts_with(ZIP) && contains(bytes, b"[Content_Types].xml") && contains(bytes, part)
        };
        // An OpenDocument file's first entry is `mimetype`, stored, holding its type.
        let odf = |mime: &[u8]| bytes.starts_with(ZIP) && contains(&bytes[..bytes.len().min(200)], mime);
        match self {
            // Some writers put a few bytes of junk before the header; readers look in the first 1 KB.
            FileType::Pdf => contains(&bytes[..bytes.len().min(1024)], b"%PDF-"),
            FileType::Jpeg => bytes.starts_with(&[0xFF, 0xD8, 0xFF]),
            FileType::Png => bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
            FileType::Docx => ooxml(b"word/"),
            FileType::Xlsx => ooxml(b"xl/"),
            FileType::Pptx => ooxml(b"ppt/"),
            FileType::Doc | FileType::Xls => bytes.starts_with(OLE),
            FileType::Odt => odf(b"application/vnd.oasis.opendocument.text"),
            FileType::Ods => odf(b"application/vnd.oasis.opendocument.spreadsheet"),
        }
    }

    /// The type the bytes are, whatever the name says (for telling the user what a
    /// misnamed file really is).
    fn sniff(bytes: &[u8]) -> Option<FileType> {
        FileType::ALL.iter().copied().find(|t| t.matches(bytes))
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

/// Why a file may not be attached.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AttachmentProblem {
    /// The file holds nothing.
    #[error("the file is empty")]
    Empty,
    /// Larger than [`MAX_SIZE`].
    #[error("{size} bytes, more than the {MAX_SIZE} allowed")]
    TooLarge { size: u64 },
    /// The extension is none of the accepted ones (`extension` may be empty).
    #[error("a .{extension} file is not accepted")]
    UnknownType { extension: String },
    /// The name says one type, the bytes are not it (`found`: what they look like, if
    /// any accepted type).
    #[error("named .{extension} but the content is {found:?}")]
    NotWhatItSays {
        extension: String,
        found: Option<FileType>,
    },
    /// The note holds a control or bidirectional character.
    #[error("the note holds the character U+{:04X}", u32::from(*character))]
    NoteCharacter { character: char },
    /// The note is longer than [`MAX_NOTE_CHARS`].
    #[error("the note has {chars} characters")]
    NoteTooLong { chars: usize },
}

/// The longest note kept with an attachment (characters).
pub const MAX_NOTE_CHARS: usize = 1000;

/// A note as kept: normalised as free text is, `None` when empty; refused when it holds a
/// control or bidirectional character or is longer than [`MAX_NOTE_CHARS`].
pub fn clean_note(note: Option<&str>) -> Result<Option<String>, AttachmentProblem> {
    use super::text::{CharClass, char_class, normalise_text};
    let Some(note) = note else { return Ok(None) };
    let note = normalise_text(note);
    let note = note.trim();
    if note.is_empty() {
        return Ok(None);
    }
    if let Some(character) = note
        .chars()
        .find(|c| matches!(char_class(*c), CharClass::Control | CharClass::Bidi))
    {
        return Err(AttachmentProblem::NoteCharacter { character });
    }
    let chars = note.chars().count();
    if chars > MAX_NOTE_CHARS {
        return Err(AttachmentProblem::NoteTooLong { chars });
    }
    Ok(Some(note.to_string()))
}

/// The extension of a file name, lower case, without the dot ("" when it has none).
pub fn extension_of(file_name: &str) -> String {
    std::path::Path::new(file_name)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// What type a file is, from its name and its bytes together: refused when empty, too
/// large, of an extension not accepted, or when the content is not what the name says
/// (an `.exe` renamed `.pdf`).
pub fn recognise(file_name: &str, bytes: &[u8]) -> Result<FileType, AttachmentProblem> {
    check_size(bytes.len() as u64)?;
    let extension = extension_of(file_name);
    let Some(claimed) = FileType::from_extension(&extension) else {
        return Err(AttachmentProblem::UnknownType { extension });
    };
    if claimed.matches(bytes) {
        Ok(claimed)
    } else {
        Err(AttachmentProblem::NotWhatItSays {
            extension,
            found: FileType::sniff(bytes),
        })
    }
}

/// The size rule alone (a file's size is known before it is read).
pub fn check_size(size: u64) -> Result<(), AttachmentProblem> {
    if size == 0 {
        Err(AttachmentProblem::Empty)
    } else if size > MAX_SIZE {
        Err(AttachmentProblem::TooLarge { size })
    } else {
        Ok(())
    }
}

/// The name an attachment is kept under: the last part of the path only, control and
/// bidirectional characters left out, at most [`MAX_NAME_CHARS`] characters (keeping the
/// end, where the extension is).
pub fn clean_file_name(file_name: &str) -> String {
    let last = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    let kept: String = last
        .chars()
        .filter(|c| super::text::char_class(*c) == super::text::CharClass::Plain)
        .collect();
    let kept = kept.trim().to_string();
    let count = kept.chars().count();
    if count > MAX_NAME_CHARS {
        kept.chars().skip(count - MAX_NAME_CHARS).collect()
    } else {
        kept
    }
}

/// SHA-256 as 64 lower-case hex digits: the key a file's content is kept under.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Whether `text` is a SHA-256 as kept (64 lower-case hex digits).
pub fn is_sha256(text: &str) -> bool {
    text.len() == 64
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// One file attached to one record.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AttachmentInfo {
    pub id: Id<Attachment>,
    /// The register of the record it is attached to.
    pub kind: RecordKind,
    /// The record it is attached to.
    pub record: Id<()>,
    /// The name it was attached under (no folder).
    pub file_name: String,
    pub media_type: String,
    /// Bytes.
    pub size: u64,
    /// The content's SHA-256 (64 lower-case hex digits): what reviewers check a copy by.
    pub sha256: String,
    pub note: Option<String>,
    pub added_at: DateTime<Utc>,
    /// The install that attached it.
    pub added_by: String,
}

impl AttachmentInfo {
    /// The file's type, from the stored media type.
    pub fn file_type(&self) -> Option<FileType> {
        FileType::from_media_type(&self.media_type)
    }

    /// Whether the window shows a thumbnail of it.
    pub fn is_image(&self) -> bool {
        self.file_type().is_some_and(FileType::is_image)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

    #[test]
    fn a_file_is_what_its_name_and_its_bytes_both_say() {
        assert_eq!(recognise("scan.PNG", PNG), Ok(FileType::Png));
        assert_eq!(recognise("a.pdf", b"%PDF-1.7\n..."), Ok(FileType::Pdf));
        assert_eq!(
            recognise("a.jpeg", &[0xFF, 0xD8, 0xFF, 0xE0, 0]),
            Ok(FileType::Jpeg)
        );
        assert_eq!(
            recognise("setup.pdf", b"MZ\x90\0\x03"),
            Err(AttachmentProblem::NotWhatItSays {
                extension: "pdf".into(),
                found: None
            })
        );
        assert_eq!(
            recognise("photo.pdf", PNG),
            Err(AttachmentProblem::NotWhatItSays {
                extension: "pdf".into(),
                found: Some(FileType::Png)
            })
        );
        assert_eq!(
            recognise("setup.exe", b"MZ"),
            Err(AttachmentProblem::UnknownType {
                extension: "exe".into()
            })
        );
        assert_eq!(recognise("a.pdf", b""), Err(AttachmentProblem::Empty));
        assert_eq!(
            check_size(MAX_SIZE + 1),
            Err(AttachmentProblem::TooLarge { size: MAX_SIZE + 1 })
        );
        assert_eq!(check_size(MAX_SIZE), Ok(()));
    }

    #[test]
    fn office_documents_are_told_apart_by_their_parts() {
        let docx = b"PK\x03\x04....[Content_Types].xml....word/document.xml";
        assert_eq!(recognise("plan.docx", docx), Ok(FileType::Docx));
        assert!(recognise("plan.xlsx", docx).is_err());
        let ods = b"PK\x03\x04\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0mimetypeapplication/vnd.oasis.opendocument.spreadsheet";
        assert_eq!(recognise("sheet.ods", ods), Ok(FileType::Ods));
        let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0];
        assert_eq!(recognise("old.xls", &ole), Ok(FileType::Xls));
        assert_eq!(recognise("old.doc", &ole), Ok(FileType::Doc));
    }

    #[test]
    fn names_keep_their_last_part_without_control_characters() {
        assert_eq!(clean_file_name("C:\\scans\\带徒协议.pdf"), "带徒协议.pdf");
        assert_eq!(clean_file_name("/tmp/a\u{202e}fdp.exe"), "afdp.exe");
        let long = format!("{}.pdf", "长".repeat(300));
        let kept = clean_file_name(&long);
        assert_eq!(kept.chars().count(), MAX_NAME_CHARS);
        assert!(kept.ends_with(".pdf"));
    }

    #[test]
    fn sha256_is_lower_case_hex() {
        let h = sha256_hex(b"abc");
        assert_eq!(
            h,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert!(is_sha256(&h));
        assert!(!is_sha256(&h.to_uppercase()));
    }
}
