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
            kind: k, by, count, ..
        } => format!(
            "这条{}记录仍被 {count} 条{}记录引用，不能删除。请先删除或修改那些记录",
            kind(k),
            kind(by)
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
        StoreError::IdOfAnotherRegister { kind: k, id, other } => format!(
            "数据包中的{}记录 {} 与本数据库中一条{}记录的标识相同：一个标识只能是一条记录。没有写入任何内容，数据库没有被改动。请让对方用技能基地通重新生成数据包",
            kind(k),
            crate::i18n::shown::value(id, Lang::Zh),
            kind(other)
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
