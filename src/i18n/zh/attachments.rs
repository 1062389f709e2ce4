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
                "文件名是 .{}，但内容是 {}。请改正文件的扩展名后再附加",
                crate::i18n::shown::value(extension, Lang::Zh),
                type_name(*t)
            ),
            None => format!(
                "文件名是 .{}，但内容不是 {}，也不是其他可以附加的类型（可能已损坏，或是改了名的其他文件）",
                crate::i18n::shown::value(extension, Lang::Zh),
                FileType::from_extension(extension).map_or("该类型", type_name)
            ),
        },
    }
}

use crate::i18n::attachments::AttachmentText;

fn shown(v: &str) -> String {
    crate::i18n::shown::value(v, Lang::Zh).into_owned()
}

pub static TEXT: AttachmentText = AttachmentText {
    missing_record: "缺少 --record：应为要附加文件的记录的标识（在记录的表单中复制，或用 skillbase export 导出）",
    missing_file: "缺少要附加的文件：应为 PDF、JPEG、PNG 或办公文档的路径",
    not_an_id: |v| {
        format!(
            "--record 的值“{}”不是记录标识：应为形如 0190a1b2-…的标识",
            shown(v)
        )
    },
    no_record: |v| format!("找不到标识为 {} 的记录：数据库的任何登记簿中都没有它", shown(v)),
    deleted_record: |kind, name| {
        format!(
            "{kind}记录“{}”已删除，不能附加文件；请先在窗口中恢复它",
            shown(name)
        )
    },
    no_file: |f| format!("文件 {} 不存在：应为一个已有文件的路径", shown(f)),
    is_folder: |f| format!("{} 是文件夹：应为一个文件", shown(f)),
    cannot_read: |f, why| format!("无法读取文件 {}：{why}", shown(f)),
    is_database: |f| {
        format!(
            "{} 是数据库本身（或它的日志、锁文件、备份），不能作为附件",
            shown(f)
        )
    },
    nothing_written: "没有写入任何内容。",
    attached: |file, size, kind, record, id| {
        format!(
            "已把“{}”（{size}）附加到{kind}“{}”，附件标识 {id}",
            shown(file),
            shown(record)
        )
    },
    stored_once: "该文件的内容已在数据库中（附加在其他记录上），只保存了一份。",
    already_attached: |file, there| {
        format!(
            "“{}”的内容已经附加在这条记录上（名为“{}”），没有重复保存。",
            shown(file),
            shown(there)
        )
    },
    columns: [
        "登记簿",
        "文件",
        "类型",
        "大小",
        "附加时间",
        "附件标识",
        "记录",
        "说明",
    ],
    none: "没有附件。",
    totals: |n, files, size| format!("附件 {n} 个，文件 {files} 个，共 {size}"),
    in_package: |new, removed| format!("附件：新增 {new} 个，对方移除 {removed} 个"),
    heading: "附件（佐证材料）",
    choose_file: "选择文件…",
    typed_path: "或输入文件路径",
    attach: "附加",
    note: "说明（可选）",
    drop_hint: "也可以把文件拖到窗口中附加到这条记录。可附加 PDF、JPEG、PNG 和办公文档，每个不超过 20 MB。",
    save_first: "保存这条记录后才能附加文件。",
    open: "打开",
    remove: "移除",
    show_sha: "SHA-256",
    remove_question: |f| {
        format!(
            "移除附件“{}”？移除会记入操作记录；数据库和此前的备份中仍保留该文件。",
            shown(f)
        )
    },
    confirm_remove: "确认移除",
    cancel: "取消",
    removed: |f| format!("已移除附件“{}”", shown(f)),
    open_failed: |why| format!("无法用系统程序打开附件：{why}"),
    no_viewer: |program| {
        format!("没有找到打开文件的系统程序 {program}，请安装桌面环境的文件打开程序（如 xdg-utils）")
    },
    opened: |f| format!("已用系统程序打开“{}”", shown(f)),
};
