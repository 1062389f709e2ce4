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
        StoreError::Row(e) => format!("记录格式不对：{e}"),
        StoreError::Sqlite(e) => format!("数据库出错：{e}"),
        StoreError::Io { path, source } => format!("无法读写文件 {}：{source}", path.display()),
    }
}
