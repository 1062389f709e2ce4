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
        "consolidate" => "汇总",
        _ => "其他",
    },
    backups_heading: "备份与修改记录",
    backups_help: |dir: &Path| {
        format!(
            "软件运行时每 30 分钟（有修改时）、关闭时，以及每次导入、合并数据包、恢复和升级之前自动备份。保留最近一天的全部备份，两周内每天一份，三个月内每周一份，更早的每月一份。备份在 {}",
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
};
