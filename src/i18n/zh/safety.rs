//! 备份、恢复、写入锁和修改记录导出的中文。

use std::path::Path;

use crate::i18n::safety::SafetyText;
use crate::store::BackupReason;

pub static TEXT: SafetyText = SafetyText {
    backup_done: |file: &Path, records: u64, secs: f64| {
        format!(
            "已备份到 {}（{records} 条记录，用时 {secs:.1} 秒）。恢复时运行 skillbase restore --db 数据库 {}",
            file.display(),
            file.display()
        )
    },
    backups_in: |dir: &Path| format!("备份文件夹 {}：", dir.display()),
    no_backups: |dir: &Path| format!("备份文件夹 {} 中还没有这个数据库的备份。", dir.display()),
    backup_columns: ["时间", "原因", "人员", "记录数", "文件"],
    restore_done: |db: &Path, from: &Path, safety: Option<&Path>| match safety {
        Some(s) => format!(
            "已用 {} 恢复 {}。恢复前的数据库已备份为 {}，需要时可以再恢复回去",
            from.display(),
            db.display(),
            s.display()
        ),
        None => format!("已用 {} 恢复 {}", from.display(), db.display()),
    },
    audit_written: |file: &Path, n: usize, full: bool| {
        if full {
            format!(
                "已把 {n} 条修改记录写入 {}。其中含完整的身份证号和电话，请只在本单位内部使用",
                file.display()
            )
        } else {
            format!(
                "已把 {n} 条修改记录写入 {}（身份证号、电话已遮盖；需要完整数据时加 --full）",
                file.display()
            )
        }
    },
    audit_columns: [
        "序号",
        "时间",
        "操作人",
        "安装标识",
        "操作",
        "登记簿",
        "记录",
        "记录标识",
        "字段",
        "原值 → 新值",
    ],
    audit_sheet: "修改记录",
    audit_format: |file: &Path| {
        format!(
            "不知道把修改记录写成什么格式：{}。请用 .xlsx 或 .csv 结尾的文件名",
            file.display()
        )
    },
    no_audit: "还没有修改记录。",
    reason: |r: BackupReason| match r {
        BackupReason::Manual => "手动备份",
        BackupReason::Periodic => "定时备份",
        BackupReason::Exit => "关闭时备份",
        BackupReason::BeforeImport => "导入前",
        BackupReason::BeforeMerge => "合并数据包前",
        BackupReason::BeforeConsolidate => "汇总前",
        BackupReason::BeforeRestore => "恢复前",
        BackupReason::BeforeUpgrade => "升级前",
    },
    action: |a: &str| match a {
        "create" => "新建",
        "update" => "修改",
        "delete" => "删除",
        "restore" => "撤销删除",
        "bulk" => "批量写入",
        "restore_backup" => "从备份恢复",
        "import" => "导入",
        "merge" => "合并数据包",
        "merge_declined" => "未采用对方的值",
        "consolidate" => "汇总",
        _ => "其他",
    },
    backups_heading: "备份与修改记录",
    backups_help: |dir: &Path| {
        format!(
            "软件运行时每 30 分钟（有修改时）、关闭时，以及每次导入、合并数据包、恢复和升级之前自动备份。保留最近一天的全部备份，两周内每天一份，三个月内每周一份，更早的每月一份，最后做的 10 份始终保留；电脑时钟与备份对不上时不删除任何备份。备份在 {}",
            dir.display()
        )
    },
    backup_now: "立即备份",
    backing_up: "正在备份……",
    backup_saved: |file: &str| format!("已备份：{file}"),
    restore: "恢复",
    restoring: "正在恢复……",
    confirm_restore: |when: &str, records: u64| {
        format!(
            "用 {when} 的备份（{records} 条记录）替换当前数据库吗？当前数据库会先备份，需要时可以再恢复回去。"
        )
    },
    restored: |when: &str| format!("已恢复到 {when} 的备份。恢复前的数据库已先备份"),
    open_folder_hint: "备份文件可以复制到 U 盘或其他电脑保存。",
    newest_backup: "最新备份",
    export_audit: "导出修改记录（XLSX）",
    include_full_data: "包含完整的身份证号和电话（仅限本单位内部使用）",
    full_data_warning: "导出的文件将含完整的个人信息，请妥善保管，不要外传。",
    recent_changes: "最近的修改",
    in_use_title: "数据库正被另一个程序使用",
    open_read_only: "以只读方式打开（只能查看）",
    try_again: "重试",
    read_only_banner: "只读：另一个技能基地通正在写入这个数据库。可以查看和打印，不能修改。",
    read_only_refused: "数据库以只读方式打开，不能修改。请关闭另一个正在写入的技能基地通后重新打开。",
    damaged_title: "数据库已损坏",
    restore_newest: |when: &str| format!("从最新的备份恢复（{when}）"),
    no_backup_to_offer: "备份文件夹中没有这个数据库的备份。请把损坏的文件交给信息管理员，或用 --db 打开另一个数据库文件。",
    periodic_backup_failed: |e: &str| format!("自动备份没有成功：{e}"),
    checking: "正在检查数据库的完整性……",
    damage_found: |detail: &str| {
        format!(
            "完整性检查发现数据库有损坏（{detail}）。请尽快在“备份”页从损坏前的备份恢复；在那之前，自动备份不会删除任何旧备份，损坏前的备份都会保留。"
        )
    },
    restore_from_file: "从其他备份文件恢复（例如 U 盘上的备份）",
    restore_this_file: "用这个文件恢复……",
    confirm_restore_other: |backup: &str, of: &str, db: &str, records: u64| {
        format!(
            "注意：{backup} 不是当前数据库 {db} 的备份，而是另一个数据库 {of} 的备份（{records} 条记录）。恢复后，{db} 的全部记录将换成那个数据库的记录（当前数据库会先备份）。确定吗？"
        )
    },
    restore_other_anyway: |db: &str| format!("仍然用它替换 {db}"),
    read_only_disk_title: "数据库所在的位置不能写入",
};

/// 数据库自己的文件叫什么。
fn sidecar(what: crate::files::Sidecar) -> &'static str {
    use crate::files::Sidecar;
    match what {
        Sidecar::Database => "正在使用的数据库本身",
        Sidecar::Wal => "数据库的预写日志（-wal，里面可能有最近的修改）",
        Sidecar::Shm => "数据库的共享内存索引（-shm）",
        Sidecar::Journal => "数据库的回滚日志（-journal）",
        Sidecar::Lock => "数据库的写入锁文件（.lock）",
        Sidecar::Restoring => "恢复时的临时文件（.restoring）",
    }
}

/// 用户要写的文件没有写，为什么。
pub fn output_error(e: &crate::files::OutputError) -> String {
    use crate::files::OutputError;
    match e {
        OutputError::Protected { path, what, database } => format!(
            "不能写入 {}：它是{}（数据库 {}），写入会毁掉数据库。没有写入任何内容，请换一个文件名或文件夹",
            path.display(),
            sidecar(*what),
            database.display()
        ),
        OutputError::InBackups { path, folder } => format!(
            "不能写入 {}：它在备份文件夹 {} 中，那里只放软件自己做的备份。没有写入任何内容，请换一个文件夹",
            path.display(),
            folder.display()
        ),
        OutputError::Exists { path } => format!(
            "文件 {} 已经存在，没有替换它，也没有写入任何内容。请换一个文件名；确实要替换时在命令后加 --force",
            path.display()
        ),
        OutputError::IsDatabase { path } => format!(
            "{} 是一个技能基地通数据库（或它的备份），不会用别的内容覆盖它，加 --force 也不会。没有写入任何内容，请换一个文件名",
            path.display()
        ),
        OutputError::IsFolder { path } => format!(
            "{} 是一个文件夹，不能当作输出文件。请写出文件名，例如 {}",
            path.display(),
            path.join("名单.xlsx").display()
        ),
        OutputError::NotAFolder { path } => format!(
            "{} 是一个文件，不是文件夹，不能把输出写到它里面。请写一个文件夹的名字",
            path.display()
        ),
        OutputError::Write { path, source } => format!(
            "无法写入 {}：{}。没有留下写了一半的文件",
            path.display(),
            crate::i18n::io_error(source, crate::i18n::Lang::Zh)
        ),
    }
}

/// 打开数据库时做了或发现的、要告诉用户一次的事。
pub fn notice(n: &crate::store::Notice) -> String {
    use crate::store::Notice;
    let list = |paths: &[std::path::PathBuf]| {
        paths
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join("、")
    };
    match n {
        Notice::MadePrivate(paths) => format!(
            "本电脑的其他账户原来可以读取这些文件，其中有姓名、身份证号和电话；已改为只有本账户能读写：{}",
            list(paths)
        ),
        Notice::SharedDocuments(n) => format!(
            "数据库中有 {n} 个证件号码各登记了不止一个在用的人员（旧版本留下的）。数据库现在拒绝这样的重复；请运行 skillbase check 或在“年度报表”中查看规则 PER04，把重复的人员合并"
        ),
        Notice::LeftoversRemoved(paths) => format!(
            "上次备份或恢复被中断，留下了不完整的文件，已删除（备份文件夹中完整的备份都在）：{}",
            list(paths)
        ),
    }
}

/// 备份后没有清理旧备份（电脑时钟与备份对不上）时要说的话。
pub fn thinning(t: &crate::store::backup::Thinning) -> Option<String> {
    use crate::store::backup::{CLOCK_AHEAD_DAYS, Thinning};
    let when = |at: &chrono::DateTime<chrono::Utc>| {
        at.with_timezone(&chrono::Local)
            .format("%Y-%m-%d %H:%M")
            .to_string()
    };
    match t {
        Thinning::ClockBehind { newest } => Some(format!(
            "电脑时钟（现在 {}）早于上一次备份的时间 {}，时钟可能不对。为免按错误的日期删掉备份，这次没有清理任何旧备份。请核对电脑的日期和时间",
            when(&chrono::Utc::now()),
            when(newest)
        )),
        Thinning::ClockAhead { newest } => Some(format!(
            "电脑时钟（现在 {}）比上一次备份（{}）晚了 {CLOCK_AHEAD_DAYS} 天以上，时钟可能跳了。为免按错误的日期删掉备份，这次没有清理任何旧备份。若日期无误（只是很久没有用），不必处理，下次备份时会照常清理",
            when(&chrono::Utc::now()),
            when(newest)
        )),
        Thinning::NotRun | Thinning::Done { .. } => None,
    }
}
