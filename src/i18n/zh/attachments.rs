//! 附件（佐证材料）的中文。

use crate::domain::attachment::{AttachmentProblem, FileType, MAX_SIZE};
use crate::i18n::Lang;

fn type_name(t: FileType) -> &'static str {
    match t {
        FileType::Pdf => "PDF 文件",
        FileType::Jpeg => "JPEG 图片",
        FileType::Png => "PNG 图片",
        FileType::Docx => "Word 文档（.docx）",
        FileType::Xlsx => "Excel 表格（.xlsx）",
        FileType::Pptx => "PowerPoint 演示文稿（.pptx）",
        FileType::Doc => "Word 97–2003 文档（.doc）",
        FileType::Xls => "Excel 97–2003 表格（.xls）",
        FileType::Odt => "OpenDocument 文本（.odt）",
        FileType::Ods => "OpenDocument 表格（.ods）",
    }
}

fn accepted() -> String {
    let list: Vec<String> = FileType::all_extensions()
        .iter()
        .map(|e| format!(".{e}"))
        .collect();
    format!("可以附加的文件类型：{}", list.join("、"))
}

pub fn problem(p: &AttachmentProblem) -> String {
    match p {
        AttachmentProblem::Empty => "文件是空的（0 字节），应为有内容的扫描件、照片或文档".to_string(),
        AttachmentProblem::TooLarge { size } => format!(
            "文件有 {}，超过每个附件 {} 的上限。请压缩扫描件（如降低分辨率或分成几个文件）后再附加",
            crate::i18n::attachments::size(*size, Lang::Zh),
            crate::i18n::attachments::size(MAX_SIZE, Lang::Zh)
        ),
        AttachmentProblem::UnknownType { extension } if extension.is_empty() => {
            format!("文件名没有扩展名，无法判断类型。{}", accepted())
        }
        AttachmentProblem::UnknownType { extension } => format!(
            "不接受 .{} 文件。{}",
            crate::i18n::shown::value(extension, Lang::Zh),
            accepted()
        ),
        AttachmentProblem::NoteCharacter { character } => format!(
            "说明中有不可见的控制字符 {}，应为普通文字",
            crate::i18n::shown::character(*character, Lang::Zh)
        ),
        AttachmentProblem::NoteTooLong { chars } => format!(
            "说明有 {chars} 个字，最多 {} 个",
            crate::domain::attachment::MAX_NOTE_CHARS
        ),
        AttachmentProblem::NotWhatItSays { extension, found } => match found {
            Some(t) => format!(
                "文件名是 .{}，但内容是{}。请改正文件的扩展名后再附加",
                crate::i18n::shown::value(extension, Lang::Zh),
                type_name(*t)
            ),
            None => format!(
                "文件名是 .{}，但内容不是{}，也不是其他可以附加的类型（可能已损坏，或是改了名的其他文件）",
                crate::i18n::shown::value(extension, Lang::Zh),
                FileType::from_extension(extension).map_or("该类型", type_name)
            ),
        },
    }
}
