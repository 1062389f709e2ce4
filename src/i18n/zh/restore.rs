//! 窗口中恢复备份的中文（恢复前的提问、恢复时暂停的页面）和进度条各阶段的名称。

use crate::i18n::restore::RestoreText;

pub static TEXT: RestoreText = RestoreText {
    holding_title: "正在恢复备份",
    holding_help: "恢复完成、数据库重新打开之前，各页面暂停显示，以免看到旧的数字。请稍候。",
    readers_busy: "后台的读取一分钟内没有结束，这次没有恢复，数据库没有任何改动。请稍后再试",
    comparing: "正在把这份备份与现在的数据库比较…",
    lacks_heading: "恢复后会失去这份备份之后的下列修改：",
    register_since: |register, added, changed, deleted| {
        let mut parts = Vec::new();
        if added > 0 {
            parts.push(format!("新增 {added} 条"));
        }
        if changed > 0 {
            parts.push(format!("修改 {changed} 条"));
        }
        if deleted > 0 {
            parts.push(format!(
                "备份里有、现在没有（已删除或不在库中）{deleted} 条，恢复后会回来"
            ));
        }
        format!("{register}：{}", parts.join("，"))
    },
    for_example: |names| format!("例如 {names}"),
    submitted_since: |year, org, at, by| {
        format!("{org} {year} 年度报表于 {at} 由 {by} 标记为已上报：恢复后这条上报记录会没有")
    },
    nothing_lost: "这份备份包含现在数据库中的全部记录和上报，恢复不会失去任何修改。",
    compare_failed: |why| format!("无法比较这份备份与现在的数据库：{why}"),
    safety_note: "恢复前会先把现在的数据库备份（原因“恢复前”），需要时可以再恢复回来。",
    stage: |code| {
        Some(match code {
            "close" => "等待后台读取结束",
            "backup" => "备份",
            "prepare" => "准备备份文件",
            "copy" => "写入数据库",
            "select" => "挑选记录",
            "hash" => "计算版本",
            "seal" => "加密封装",
            "decrypt" => "解密",
            "figures" => "计算数字",
            "demo" => "生成示例数据",
            _ => return None,
        })
    },
    event_restore: |file| format!("从备份 {file} 恢复"),
    event_import: |file, new, updated, unchanged, rejected| {
        format!(
            "导入 {file}：新增 {new} 条，更新 {updated} 条，无变化 {unchanged} 条，未导入的错误行 {rejected} 行"
        )
    },
    event_merge: |sender, new, changed, deleted, conflicts| {
        format!(
            "合并 {sender} 的数据包：新增 {new} 条，修改 {changed} 条，删除 {deleted} 条，冲突 {conflicts} 处"
        )
    },
    event_consolidate: |file, added, replaced, withdrawn| {
        format!("载入数据包 {file}：新增 {added} 条，替换 {replaced} 条，撤回 {withdrawn} 条")
    },
    merged_by: |profile, sender| format!("{profile}（合并 {sender} 的数据包）"),
};
