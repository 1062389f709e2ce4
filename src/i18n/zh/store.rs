//! 数据库的错误说明：哪个文件、哪条记录、该怎么办。

use crate::domain::RecordKind;
use crate::i18n::{Labelled, Lang, Localize};
use crate::store::StoreError;

fn kind(k: &RecordKind) -> &'static str {
    k.label(Lang::Zh)
}

pub fn store_error(e: &StoreError) -> String {
    match e {
        StoreError::NotADatabase { path } => format!(
            "文件 {} 不是 SQLite 数据库，技能基地通无法打开它。文件没有被改动。请确认选择的是技能基地通的数据库文件（.sqlite）",
            path.display()
        ),
        StoreError::ForeignDatabase { path } => format!(
            "文件 {} 是其他程序的 SQLite 数据库，不是技能基地通的数据库。文件没有被改动",
            path.display()
        ),
        StoreError::NewerSchema {
            path,
            found,
            supported,
        } => format!(
            "数据库 {} 由更新版本的技能基地通写入（结构版本 {found}，本程序最高支持 {supported}）。为保护数据，本程序不会打开或改动它，请升级技能基地通后再打开",
            path.display()
        ),
        StoreError::NoSuchFolder { path } => format!(
            "文件夹 {} 不存在，无法在其中建立数据库。请先建立该文件夹或换一个位置",
            path.display()
        ),
        StoreError::NotFound { kind: k, id } => format!("找不到{}记录 {id}（可能已被删除）", kind(k)),
        StoreError::Invalid(verdict) => format!("记录有错误，未保存：\n{}", verdict.localize(Lang::Zh)),
        StoreError::MissingReference {
            kind: k,
            field,
            target,
            id,
        } => format!(
            "{} · {}：引用的{}记录 {id} 不存在或已删除",
            kind(k),
            crate::i18n::field_label(k.code(), field, Lang::Zh),
            kind(target)
        ),
        StoreError::DuplicatePerson {
            doc_number,
            existing_name,
            ..
        } => format!(
            "证件号码 {} 已登记为“{existing_name}”，同一人不能登记两次。请打开已有的人员记录修改",
            crate::domain::identity::mask_document_number(doc_number)
        ),
        StoreError::StillReferenced {
            kind: k,
            by,
            field,
            count,
            example,
            ..
        } => format!(
            "这条{}记录仍被 {count} 条{}记录的“{}”引用（例如“{example}”），不能删除。请先删除那些记录，或在其中改掉“{}”",
            kind(k),
            kind(by),
            crate::i18n::column_label(*by, field, Lang::Zh),
            crate::i18n::column_label(*by, field, Lang::Zh)
        ),
        StoreError::DanglingReference(d) => format!(
            "{}“{}”的“{}”引用的{}“{}”已删除或不存在，这样的记录会互相矛盾，所以没有写入任何内容。请先恢复被引用的记录，或改掉这一引用",
            kind(&d.kind),
            d.label,
            crate::i18n::column_label(d.kind, &d.field, Lang::Zh),
            kind(&d.target),
            if d.target_label.is_empty() { &d.target_id } else { &d.target_label }
        ),
        StoreError::CertificateOfAnotherPerson {
            certificate,
            holder,
            enrolled,
            cohort,
        } => format!(
            "证书“{certificate}”属于 {holder}，不能作为 {enrolled} 在培训班次“{cohort}”的报名记录所取得的证书。请选择 {enrolled} 本人的证书，没有的可按本班职业和等级新登记一张"
        ),
        StoreError::CertificateTaken {
            certificate,
            enrolment,
        } => format!(
            "证书“{certificate}”已是报名记录“{enrolment}”所取得的证书，一张证书只能关联一条报名记录。请核对后选择另一张证书，或先在那条报名记录中清除“取得证书”"
        ),
        StoreError::EnrolmentHasCertificate {
            enrolment,
            certificate,
        } => format!(
            "报名记录“{enrolment}”已关联证书“{certificate}”，一条报名记录只能关联一张证书。请先在报名记录中改选或清除“取得证书”"
        ),
        StoreError::DuplicateEnrolment {
            person,
            cohort,
            enrolled_on,
            ..
        } => format!(
            "{person} 已在培训班次“{cohort}”中（{enrolled_on} 入班的报名记录），同一人在一个班次中只能有一条报名记录。请打开已有的报名记录修改"
        ),
        StoreError::Unreadable {
            kind: k,
            id,
            column,
            value,
            ..
        } => format!(
            "{}记录 {id} 的“{}”存有无法读取的值“{value}”（应为{}）。数据库文件可能在技能基地通之外被改动过。请运行 skillbase check 查看全部此类问题，并在对应记录中重新填写",
            kind(k),
            crate::i18n::column_label(*k, column, Lang::Zh),
            expected(*k, column)
        ),
        StoreError::NoSuchOrganisation { text } if text.is_empty() => {
            "数据库中还没有组织（基地或工作室）。请先建立本单位的组织信息".into()
        }
        StoreError::NoSuchOrganisation { text } => format!("没有名称或标识为“{text}”的组织"),
        StoreError::AmbiguousOrganisation { text, candidates } if text.is_empty() => format!(
            "数据库中有多个组织，请用 --org 指定其中一个：{}",
            candidates.join("；")
        ),
        StoreError::AmbiguousOrganisation { text, candidates } => {
            format!("“{text}”对应多个组织，请写出完整名称：{}", candidates.join("；"))
        }
        StoreError::NotEmpty => "数据库中已有记录。演示数据只能写入空数据库，请用 --db 指定一个新文件".into(),
        StoreError::Exists { path } => format!(
            "{} 已存在，没有被改动。新数据库只建立在尚不存在的文件中：请用 --db 写一个新的文件名；要使用已有的数据库，直接打开它即可",
            path.display()
        ),
        StoreError::Busy => {
            "数据库正被另一个程序使用（已等待5秒）。请关闭另一个技能基地通窗口或命令后重试".into()
        }
        StoreError::InUse { path, holder } => match holder {
            Some(h) => format!(
                "数据库 {} 正由另一个技能基地通（{}，计算机 {}，进程 {}，自 {} 起）写入。同一时间只能有一个程序写入，以免记录互相覆盖。请先关闭那个窗口或等那条命令结束；只需查看时可以只读方式打开",
                path.display(),
                holder_program(&h.program),
                h.computer,
                h.process,
                local_time(&h.since)
            ),
            None => format!(
                "数据库 {} 正由另一个技能基地通写入。同一时间只能有一个程序写入，请先关闭另一个窗口或等那条命令结束；只需查看时可以只读方式打开",
                path.display()
            ),
        },
        StoreError::Damaged { path, detail } if path.as_os_str().is_empty() => format!(
            "数据库文件已损坏（SQLite 读到损坏的数据：{detail}）。请不要继续修改，从备份恢复：窗口中打开“备份”页选择最新的备份，或运行 skillbase restore"
        ),
        StoreError::Damaged { path, detail } => format!(
            "数据库 {} 已损坏（SQLite 完整性检查未通过：{detail}）。文件没有被改动或删除。请从备份恢复：窗口中打开“备份”页选择最新的备份，或运行 skillbase restore --db {} 备份文件；备份在同一文件夹的 backups 子文件夹中",
            path.display(),
            path.display()
        ),
        StoreError::DiskFull { path } => format!(
            "磁盘已满，无法写入 {}。本次修改没有写入（已全部撤回），已有记录完好。请腾出磁盘空间后重试",
            path.display()
        ),
        StoreError::ReadOnly { path } => format!(
            "无法写入 {}：文件或所在文件夹是只读的（或没有写入权限）。没有写入任何内容。请把数据库放到可写的文件夹，或请管理员开放写入权限",
            path.display()
        ),
        StoreError::ReadOnlyStore { path } => format!(
            "数据库 {} 以只读方式打开（另一个程序正在写入），不能修改。请关闭另一个程序后重新打开",
            path.display()
        ),
        StoreError::ReadOnlyOldSchema { path } => format!(
            "数据库 {} 是旧版本的结构，需要先升级才能打开，而只读方式不能升级。请在没有其他程序使用它时正常打开一次",
            path.display()
        ),
        StoreError::NotConsolidation => "这个数据库里有在本机登记的记录，不能用作全区汇总库。全区汇总请使用一个新的数据库文件（不存在的文件会自动建立）。没有写入任何内容".to_string(),
        StoreError::IsConsolidation => "这个数据库是全区汇总库，只能载入数据包做汇总（skillbase consolidate），不能合并数据包。请在基地或工作室的数据库中导入".to_string(),
        StoreError::ChangedSincePreview { kind: k, id } => format!(
            "预览之后，本机又修改了{}记录 {id}，为免覆盖这次修改，合并没有进行，没有写入任何内容。请重新打开数据包预览后再合并",
            kind(k)
        ),
        StoreError::EmptyFile { path } => format!(
            "文件 {} 是空的（0 字节），不是技能基地通数据库。文件没有被改动。请确认选择的是数据库文件；要新建数据库请在窗口中打开它，或用写入数据的命令（如 demo、import）",
            path.display()
        ),
        StoreError::ForeignWal { path, wal, detail } => format!(
            "数据库 {} 旁边的日志文件 {} 不属于它（{detail}），可能是从别处复制来的，或属于这个数据库的另一份副本。为免把别的数据写进这个数据库，两个文件都没有被改动。请把 {} 移到别处保存（不要删除），再打开数据库；若最近的修改因此缺少，请从备份恢复或联系信息管理员",
            path.display(),
            wal.display(),
            wal.display()
        ),
        StoreError::ReadOnlyWithLog { path } => format!(
            "数据库 {} 在只读的位置（如写保护的 U 盘），旁边还有尚未写回的日志文件 {}-wal，只读时读不出其中的修改。没有改动任何文件。请把这两个文件一起复制到可写的文件夹再打开",
            path.display(),
            path.display()
        ),
        StoreError::UnsafeLockFile { path, problem } => {
            use crate::store::lock::LockFileProblem as P;
            let what = match problem {
                P::Link => "是一个符号链接（快捷方式），指向别的文件",
                P::NotAFile => "不是普通文件",
                P::HardLinked => "还有另一个名字（硬链接），和别的文件是同一个文件",
                P::Replaced => "在加锁时一再被换成别的文件",
            };
            format!(
                "写入锁文件 {} {what}。技能基地通不会通过它加锁，以免改动别的文件；没有写入任何内容。请确认没有技能基地通在运行，删除这个锁文件后重试",
                path.display()
            )
        }
        StoreError::HardLinked { path, links } => format!(
            "数据库文件 {} 共有 {links} 个名字（硬链接）。通过不同的名字同时写入会损坏数据库，所以拒绝写入；没有写入任何内容。请删除多余的名字只留一个（ls -li 可看到编号相同的文件），或复制出一份独立的文件再用",
            path.display()
        ),
        StoreError::OtherDatabase {
            backup,
            of_path,
            of_install,
            db,
        } => format!(
            "{} 不是数据库 {} 的备份，而是另一个数据库{}的备份。用它恢复会把 {} 的全部记录换成那个数据库的记录。没有改动任何文件。确实要这样做时，命令行加 --other-database 再运行一次；窗口中确认提示后再恢复",
            backup.display(),
            db.display(),
            other_database(of_path.as_deref(), of_install.as_deref()),
            db.display()
        ),
        StoreError::SecondLivePerson => "同一证件号码已经有一个在用的人员记录，数据库拒绝登记第二个（同一人不能登记两次）。没有写入任何内容。请打开已有的人员记录修改".to_string(),
        StoreError::IdOfAnotherRegister { kind: k, id, other } => format!(
            "数据包中的{}记录 {} 与本数据库中一条{}记录的标识相同：一个标识只能是一条记录。没有写入任何内容，数据库没有被改动。请让对方用技能基地通重新生成数据包",
            kind(k),
            crate::i18n::shown::value(id, Lang::Zh),
            kind(other)
        ),
        StoreError::Attachment { file_name, problem } => format!(
            "文件“{}”不能作为附件：{}。没有写入任何内容",
            crate::i18n::shown::value(file_name, Lang::Zh),
            crate::i18n::attachments::problem(problem, Lang::Zh)
        ),
        StoreError::NoSuchAttachment { what } => format!(
            "找不到附件 {}（可能已被移除）",
            crate::i18n::shown::value(what, Lang::Zh)
        ),
        StoreError::Row(e) => format!("记录格式不对：{e}"),
        StoreError::Sqlite(e) => format!("数据库出错：{e}"),
        StoreError::Io { path, source } => format!(
            "无法读写文件 {}：{}",
            path.display(),
            crate::i18n::io_error(source, Lang::Zh)
        ),
    }
}

/// Another database as a backup names it: its file and install id.
fn other_database(path: Option<&std::path::Path>, install: Option<&str>) -> String {
    match (path, install) {
        (Some(p), Some(i)) => format!(" {}（安装标识 {i}）", p.display()),
        (Some(p), None) => format!(" {}", p.display()),
        (None, Some(i)) => format!("（安装标识 {i}）"),
        (None, None) => String::new(),
    }
}

/// What a column's stored value must be.
pub fn expected(k: RecordKind, column: &str) -> String {
    use crate::registers::fields::Input;
    match column {
        "id" => return "记录标识（UUID，如 0190a1b2-…）".into(),
        "created_at" | "updated_at" | "deleted_at" => {
            return "UTC 时间（如 2025-03-01T08:00:00.000Z）".into();
        }
        "rev" | "change_seq" => return "整数".into(),
        _ => {}
    }
    match crate::registers::fields::input_of(k, column) {
        Some(Input::Date) => "YYYY-MM-DD 格式的真实日期（如 2025-03-01）".into(),
        Some(Input::Int) => "不小于0的整数".into(),
        Some(Input::Float) => "不小于0的数".into(),
        Some(Input::Money) => "以分为单位的整数金额".into(),
        Some(Input::Bool) => "0（否）或 1（是）".into(),
        Some(Input::Choice(list)) => format!(
            "以下代码之一：{}",
            list(Lang::Zh)
                .iter()
                .map(|(code, label)| format!("{code}（{label}）"))
                .collect::<Vec<_>>()
                .join("、")
        ),
        Some(Input::Code(_)) => "代码表中的代码".into(),
        Some(Input::Ref(target)) => format!("一条{}记录的编号", kind(&target)),
        Some(Input::Text) | Some(Input::LongText) | None => "文字".into(),
    }
}

/// The holder of a lock as people call it.
fn holder_program(program: &str) -> String {
    match program {
        "app" => "窗口程序".into(),
        other => format!("命令 skillbase {other}"),
    }
}

/// A stored UTC timestamp as local time, to the minute.
pub(crate) fn local_time(stored: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(stored)
        .map(|t| {
            t.with_timezone(&chrono::Local)
                .format("%Y-%m-%d %H:%M")
                .to_string()
        })
        .unwrap_or_else(|_| stored.to_string())
}
