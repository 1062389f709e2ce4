//! 数据交换的提示：数据包的生成与导入、全区汇总；以及全区汇总每个数字的口径。

use crate::i18n::exchange::ExchangeText;
use crate::i18n::{Labelled, Lang, Localize};
use crate::packages::ExchangeError;
use crate::packages::incoming::RecordProblem;
use crate::packages::package::{MIN_PASSPHRASE_CHARS, PASSPHRASE_ENV, PackageError};

fn kind(k: &crate::domain::RecordKind) -> &'static str {
    k.label(Lang::Zh)
}

pub fn error(e: &ExchangeError) -> String {
    match e {
        ExchangeError::Package(p) => match p {
            PackageError::Io { file, source } => format!("无法读取文件 {}：{source}", file.display()),
            PackageError::NotAPackage { file } => format!(
                "文件 {} 不是技能基地通的数据包（.sbpkg）。数据库没有被改动。请确认选择的是对方用“生成数据包”得到的文件",
                file.display()
            ),
            PackageError::WrongPassphrase { file } => format!(
                "口令不对，无法打开数据包 {}。数据库没有被改动。请向生成数据包的人核对口令（区分大小写和全角、半角）",
                file.display()
            ),
            // The detail is the decoder's own English words (a log's business): the user
            // reads what happened and what to do, in one language.
            PackageError::Damaged { file, detail: _ } => format!(
                "数据包 {} 不完整、已损坏或被改动过（例如拷贝没有完成就拔出了U盘），不能导入。数据库没有被改动。请让对方重新生成并重新拷贝（拷贝完成后再拔出U盘）",
                file.display()
            ),
            PackageError::Newer { file, found, format } => format!(
                "数据包 {} 由更新版本的技能基地通生成（结构版本 {found}，格式 {format}），本程序不能读取。数据库没有被改动。请先升级技能基地通",
                file.display()
            ),
            PackageError::ExcessiveWork { file, required, max } => format!(
                "数据包 {} 的口令保护强度（{required}）超过本程序接受的上限（{max}），为防止长时间卡住而拒绝打开。数据库没有被改动",
                file.display()
            ),
            PackageError::ShortPassphrase => format!(
                "口令太短：至少 {MIN_PASSPHRASE_CHARS} 个字符。数据包会放在U盘上传递，丢失时口令是唯一的保护，请用长一些、不易猜到的口令"
            ),
            PackageError::InvalidRecord {
                file,
                kind: k,
                id,
                name,
                verdict,
            } => format!(
                "数据包 {} 中的{}记录“{}”（{}）有错误，整个数据包没有导入，数据库没有被改动：\n{}\n请让对方改正后重新生成数据包",
                file.display(),
                kind(k),
                shown(name),
                shown(id),
                verdict.localize(Lang::Zh)
            ),
            PackageError::BadRecord { file, record } => format!(
                "数据包 {} 中的{}记录{}（标识 {}）的“{}”{}。整个数据包没有导入，数据库没有被改动。请让对方用技能基地通重新生成数据包",
                file.display(),
                kind(&record.kind),
                if record.name.is_empty() {
                    String::new()
                } else {
                    format!("“{}”", shown(&record.name))
                },
                shown(&record.id),
                crate::i18n::column_label(record.kind, &record.field, Lang::Zh),
                record_problem(&record.problem)
            ),
            PackageError::TooLarge { file, limit, records } => format!(
                "数据包 {} 解压后超过 {} MB：它的清单只列了 {records} 条记录，用不了这么多。它可能被改动过或是恶意文件，不能导入。数据库没有被改动",
                file.display(),
                limit >> 20
            ),
        },
        ExchangeError::Store(e) => e.localize(Lang::Zh),
        ExchangeError::MissingReference {
            file,
            kind: k,
            id,
            field,
            target,
            target_id,
        } => format!(
            "数据包 {} 中的{}记录 {} 的“{}”指向的{}记录 {} 既不在数据包中、也不在本数据库中，不能导入，数据库没有被改动。请让对方生成完整数据包（不加 --since-last-to）",
            file.display(),
            kind(k),
            shown(id),
            crate::i18n::column_label(*k, field, Lang::Zh),
            kind(target),
            shown(target_id)
        ),
        ExchangeError::Unresolved { conflicts } => {
            format!("还有 {conflicts} 处冲突没有选择，未写入任何内容")
        }
        ExchangeError::NotComplete { file } => format!(
            "数据包 {} 只含上次以来的变化，全区汇总需要完整数据包。请让对方生成不加 --since-last-to 的数据包。数据库没有被改动",
            file.display()
        ),
        ExchangeError::NoPassphrase => format!(
            "需要数据包的口令：用 --passphrase-file 文件 指定存放口令的文件（第一行），或设置环境变量 {PASSPHRASE_ENV}。为安全起见，口令不能直接写在命令行上"
        ),
        ExchangeError::Interrupted => {
            "处理被意外中断，没有写入任何内容。请重试；如果再次出现，请把这条提示告诉技术支持".to_string()
        }
        ExchangeError::Write { file, source } => format!(
            "无法写入 {}：{source}。请检查文件夹是否存在、是否有写入权限、磁盘（U盘）是否已满",
            file.display()
        ),
        ExchangeError::Output(e) => crate::i18n::Localize::localize(e, crate::i18n::Lang::Zh),
    }
}

/// 数据包中一条记录的一个值错在哪里、应当怎样。
fn record_problem(p: &RecordProblem) -> String {
    match p {
        RecordProblem::NotAnId { value } => format!(
            "应为技能基地通生成的记录标识（如 0192d3e5-7a3c-7b2e-9f00-123456789012），现为“{}”",
            shown(value)
        ),
        RecordProblem::NotASource { value } => format!(
            "应为生成它的安装的标识（或写入它的批次的名称，一行文字，最多 {} 个字），现为“{}”",
            crate::packages::incoming::MAX_SOURCE_CHARS,
            shown(value)
        ),
        RecordProblem::DuplicateId => "在数据包中出现了两次：一条记录只能出现一次".into(),
        RecordProblem::SharedId { other, here: false } => {
            format!(
                "与数据包中一条{}记录的标识相同：一个标识只能是一条记录",
                kind(other)
            )
        }
        RecordProblem::SharedId { other, here: true } => {
            format!(
                "与本数据库中一条{}记录的标识相同：一个标识只能是一条记录",
                kind(other)
            )
        }
        RecordProblem::NotATime { value } => {
            format!("应为时间，如 2026-03-01T08:00:00.000Z，现为“{}”", shown(value))
        }
        RecordProblem::TooEarly { value } => {
            format!("是 {}，早于2000年，不可能是真实的修改时间", shown(value))
        }
        RecordProblem::Future { value } => format!(
            "是 {}，比本机时钟晚两天以上。请核对对方电脑和本机的日期、时间",
            shown(value)
        ),
        RecordProblem::Revision { value } => {
            format!(
                "应为 1 到 {} 之间的整数，现为 {value}",
                crate::packages::incoming::MAX_REV
            )
        }
        RecordProblem::Unreadable { detail } => format!("的值无法读取（{}）", shown(detail)),
        RecordProblem::WrongRegister { expected, found } => format!(
            "应指向一条{}记录，但数据包中这个标识是一条{}记录",
            kind(expected),
            kind(found)
        ),
    }
}

/// A value from a package inside a message.
fn shown(value: &str) -> std::borrow::Cow<'_, str> {
    crate::i18n::shown::value(value, Lang::Zh)
}

/// 全区汇总每个数字的口径（印在汇总表的“口径说明”中）。
pub fn region_definition(key: &str) -> &'static str {
    match key {
        "org_indicators" => {
            "各单位指标：按年度报表的口径，用各单位数据包中的记录逐个单位计算（同一人在两个单位培训，在两个单位各计一次）；目标按单位的类型和级别（国家级、自治区级；盟市级政策未规定）。"
        }
        "high_skill_stock" => {
            "全区高技能人才总量：汇总库中取得高级工（三级）及以上职业资格或技能等级证书、发证日期不晚于报告年度12月31日的人数，按证件类型和号码去重（同一人在几个单位登记只计一次）。2015年及以前对照2015年目标54万，以后对照2020年目标65万。其中技师、高级技师：证书等级为技师（二级）及以上，目标21万/28万。"
        }
        "technicians_stock" => "同上，证书等级为技师（二级）、高级技师（一级）及特级技师、首席技师。",
        "region_bases" => {
            "自治区级基地、工作室：已载入数据包的单位中，类型为培训基地（或技能大师工作室）、级别为自治区级的个数；国家级单位不计入，另行统计。目标2015年各25个、2020年各50个。"
        }
        "region_studios" => "见上条：技能大师工作室。",
        "leading_talents" => {
            "年培养高技能领军人才：所属项目为“百名高技能领军人才技能提升”的培训班次中，报告年度内结业且考核合格的人数（按证件去重）。目标每年不少于100人；“近三年累计”为报告年度及前两年，目标500人。"
        }
        "shortage_technicians" => {
            "年培养紧缺急需职业技师、高级技师：所属项目为“千名紧缺急需职业（工种）技师和高级技师培养”的班次中，报告年度内结业且考核合格的人数（按证件去重）。目标每年不少于2000人，三年累计1万人。"
        }
        "on_post_trainees" => {
            "年企业岗位练兵：培训方式为“岗位练兵”、在报告年度内开班或在训的班次的学员人数（按证件去重）。目标每年10万人。"
        }
        "new_high_skill" => {
            "年新增高技能人才：第一张高级工及以上证书的发证日期在报告年度内的人数（此前已有高级工及以上证书的不计），按证件去重。目标每年不少于1万人。"
        }
        "competitions" => {
            "技能竞赛：报告年度内举办的竞赛所涉及的不同职业（工种）个数（目标约50个），和各竞赛参赛人次之和（目标不少于5万人次）。"
        }
        "integrated_teachers" => {
            "近三年一体化教师：报告年度及前两年内任职、标为一体化教师的人数（按证件去重）。目标三年1000名。"
        }
        "frontline_funds" => {
            "企业职工教育经费用于一线职工的比例（目标不低于60%）：本系统不登记企业的职工教育经费，无法计算，请以企业报表为准。"
        }
        "submissions" => {
            "上报与核对：各单位在本单位数据库中登记为已上报的本年度报表（正式或更正版，取最近一次），随其数据包报送；“数字核对”把该报表 return.json 中印在报表上的每个数字（数据质量一节除外）与用其数据包中的记录按同一口径重新计算的数字逐项比较，全部相同为“一致”，否则列出不同的项目。错误、警告为该单位本身的报表会列出的条数（与本单位、其承建的工作室或其依托的基地的人员可能重复的计入）；与其他单位人员可能重复的（同一证件号码，或姓名、出生日期、性别相同）不计入，另计为“跨单位重复”的人数，见第四部分。数据包日期为数据包在该单位生成的时间。"
        }
        "shared_people" => {
            "在多个单位出现的人员：同一证件号码的人员，被两个及以上单位的学员、徒弟、师傅、教师或获奖记录引用。各单位指标中各计一次，全区合计中只计一次；“人员记录”多于1条，是几个单位各录入了一条此人的人员记录（分别登记）。证件号码只显示前6位和后4位。"
        }
        _ => "",
    }
}

pub static TEXT: ExchangeText = ExchangeText {
    everything: "全部记录",
    package_id: "数据包标识：",
    new_records: "新增：",
    changed_records: "修改：",
    deleted_records: "删除：",
    empty_value: "（空）",
    conflicts_heading: "冲突（双方在上次交换后都修改过）：",
    same_people_heading: "同一人（证件号码相同、分别登记的人员，将合并为一人）：",
    live: "有效",
    deleted: "已删除",
    state: "状态",
    dry_run_done: "（--dry-run：只列出变化，未写入任何内容）",
    nothing_to_import: "没有需要写入的变化（这个数据包的内容本机都已有），数据库没有改动。",
    met: "达标",
    not_met: "未达标",
    not_computable: "无法计算",
    not_a_region_db: "这个数据库不是全区汇总库：请先用 skillbase consolidate --db 汇总库 数据包… 载入各单位的数据包",
    exported: |file: &str, what: &str, n: u64, bytes: u64, since: Option<(&str, &str)>| match since {
        Some((to, at)) => format!(
            "已生成数据包 {file}：{what}，自 {at} 上次发给“{to}”以来修改的 {n} 条记录，{:.1} KB",
            bytes as f64 / 1024.0
        ),
        None => format!(
            "已生成数据包 {file}：{what}，完整数据 {n} 条记录，{:.1} KB",
            bytes as f64 / 1024.0
        ),
    },
    package_heading: |file: &str| format!("数据包 {file}"),
    package_source: |sender: &str, operator: &str, at: &str, org: &str, complete: bool| {
        let operator = if operator.is_empty() {
            String::new()
        } else {
            format!("（操作人 {operator}）")
        };
        format!(
            "来源：{sender}{operator}，生成于 {at}，内容：{org}，{}",
            if complete {
                "完整数据"
            } else {
                "上次以来的变化"
            }
        )
    },
    already_imported: |at: &str| format!("这个数据包已在 {at} 导入过；再次导入不会重复写入。"),
    preview_counts: |new: usize,
                     changed: usize,
                     deleted: usize,
                     unchanged: u64,
                     conflicts: usize,
                     same: usize| {
        format!(
            "新增 {new} 条、修改 {changed} 条、删除 {deleted} 条、无变化 {unchanged} 条、冲突 {conflicts} 条、同一人 {same} 对"
        )
    },
    and_more: |n: usize| format!("……另有 {n} 条"),
    diff_line: |field: &str, mine: &str, theirs: &str| format!("{field}：本机 {mine}　｜　对方 {theirs}"),
    delete_blocked: |k: &str, name: &str| {
        format!("对方删除了这条记录，但本机的{k}“{name}”还在使用它，不能删除（只能保留本机）")
    },
    conflicts_need_choice: |n: usize| {
        format!(
            "有 {n} 处冲突需要选择，未写入任何内容。请加 --prefer mine（保留本机）或 --prefer theirs（采用对方）重新导入，或在窗口的“数据交换”中逐条选择"
        )
    },
    imported: |n: usize, backup: &str| {
        if backup.is_empty() {
            format!("已合并：写入 {n} 条记录。")
        } else {
            format!("已合并：写入 {n} 条记录。合并前的备份：{backup}")
        }
    },
    loaded: |file: &str, added: u64, replaced: u64, withdrawn: u64| {
        format!("已载入 {file}：新增 {added} 条，替换 {replaced} 条，撤下 {withdrawn} 条")
    },
    consolidated: |n: usize, secs: f64| format!("共载入 {n} 个数据包，用时 {secs:.1} 秒。"),
    table_heading: |year: i32, n: usize| format!("{year} 年度各单位指标（{n} 个单位）："),
    region_heading: |year: i32, target: i32| {
        if year > target {
            format!("{year} 年全区指标（2015 年实施方案的目标只定到 {target} 年，以 {target} 年目标为准）：")
        } else {
            format!("{year} 年全区指标（对照实施方案 {target} 年应达到的目标）：")
        }
    },
    shared_line: |shared: u64, people: u64| {
        format!("全区共 {people} 人（按证件去重），其中 {shared} 个证件号码出现在两个及以上单位，只计一次。")
    },
    region_done: |year: i32, file: &str, code: &str| {
        format!("已生成 {year} 年度全区汇总（校验码 {code}）：{file}")
    },
    figure_names: &[],
    nav_exchange: "数据交换",
    nav_region: "全区汇总",
    export_heading: "生成数据包",
    import_heading: "导入数据包",
    scope: "内容",
    scope_everything: "全部记录",
    scope_org: "只含所选组织",
    scope_indicator_sets: "只含指标集（发给基地和工作室，不含任何单位的记录）",
    complete_package: "完整数据",
    since_last: "只含上次发给对方以后的修改",
    recipient: "对方名称",
    passphrase: "口令",
    passphrase_again: "再输一次口令",
    passphrase_mismatch: "两次输入的口令不一样",
    passphrase_short: "口令至少 8 个字符",
    package_file: "数据包文件",
    import_file: "要导入的数据包",
    import_passphrase: "数据包的口令",
    choose_file: "选择文件…",
    make_package: "生成数据包",
    making_package: "正在生成数据包",
    open_package: "打开并预览",
    reading_package: "正在解密、检查数据包",
    merge_now: "备份并合并",
    merging: "正在合并",
    mine: "保留本机",
    theirs: "采用对方",
    by_field: "逐项选择",
    mine_column: "本机",
    theirs_column: "对方",
    take_field: "用对方的",
    field: "项目",
    all_mine: "全部保留本机",
    all_theirs: "全部采用对方",
    choices_left: "还有冲突没有选择",
    unchanged_records: "无变化",
    load_packages: "载入数据包…",
    loading_packages: "正在载入数据包",
    computing_region: "正在计算全区指标",
    make_region_return: "生成全区汇总表",
    region_empty: "还没有载入数据包。全区汇总请使用一个新的数据库文件，在这里载入各单位的完整数据包。",
    organisation: "单位",
    indicator: "指标",
    value: "实际",
    target: "目标",
    result: "是否达标",
    document: "证件号码",
    name: "姓名",
    orgs_column: "出现的单位",
    region_figures: "全区指标",
    shared_people: "在多个单位出现的人员",
    no_shared_people: "没有证件号码出现在两个及以上单位。",
    exchange_help: "数据包是一个加密文件，用U盘交给基地、盟市或自治区。导入时先列出新增、修改、删除和冲突，合并前自动备份。",
    region_help: "审核部门用：载入各基地、工作室的完整数据包（再次载入同一单位会替换它上次的数据），查看各单位指标和全区指标，生成全区汇总表。",
    sent_before: "已发过的数据包",
    start_from_package: "从数据包开始",
    start_from_package_help: "工作室第一次使用：导入基地发来的本工作室数据包",
    start_region: "用作全区汇总库（审核部门）",
    start_region_help: "盟市、自治区审核部门：载入各单位报来的数据包，生成全区汇总表",
    saved_region: |dir: &str, code: &str| format!("全区汇总表已保存到 {dir}（校验码 {code}）"),
    conflict_count: |n: usize| format!("还有 {n} 条冲突没有选择"),
    findings: |e: u64, w: u64| format!("错误 {e}，警告 {w}"),
    submission: |s| match s {
        None => "本年度未上报".to_string(),
        Some((code, 0)) => format!("已上报 {code}，数字一致"),
        Some((code, n)) => format!("已上报 {code}，{n} 项数字与数据包不一致"),
    },
    // ---- Issue 21: exchange views that name who sent what, when, and what it changed.
    nothing_to_merge: "这个数据包没有需要合并的内容（本机都已有）：不用合并，不会备份，也不会写入任何内容。",
    mine_changed: |at: &str, by: &str| {
        if by.is_empty() {
            format!("本机：{at} 修改")
        } else {
            format!("本机：{at} 由 {by} 修改")
        }
    },
    theirs_changed: |at: &str, by: &str| {
        if by.is_empty() {
            format!("对方：{at} 修改")
        } else {
            format!("对方：{at} 由 {by} 修改")
        }
    },
    newer: "（较新）",
    received_before: "已收到的数据包",
    received_line: |sender: &str, made: &str, merged: &str, by: &str| {
        let by = if by.is_empty() {
            String::new()
        } else {
            format!("，由 {by} 合并")
        };
        format!("{sender}：生成于 {made}，{merged} 合并{by}")
    },
    register_counts: |register: &str, new: u64, changed: u64, deleted: u64| {
        format!("{register} 新增 {new}、修改 {changed}、删除 {deleted}")
    },
    backup_before: |file: &str| format!("合并前的备份：{file}"),
    backup_before_hint: "在“备份”中可以恢复这份备份，撤销这次合并。",
    typed_packages: "或输入数据包的路径：",
    typed_packages_hint: "几个文件用分号隔开",
    load_typed: "载入这些文件",
    loads_heading: "已载入的数据包（每个单位最新的一个）",
    load_columns: ["单位", "文件", "生成时间", "载入时间", "记录数"],
    never_sent: |to: &str| {
        format!(
            "还没有给“{to}”发过数据包（按对方名称记录）：这次会生成完整数据包，因为对方还没有任何记录作为起点；以后再发给“{to}”就只含修改。"
        )
    },
    changed_since_list: |n: usize| format!("上报以后修改的 {n} 条记录（下次上报将是更正版）"),
    submitted_year: |year: i32, at: &str| {
        format!(
            "这条记录属于 {year} 年度，该年度的报表已于 {at} 上报。保存修改后，{year} 年度的下一份报表将是更正版。"
        )
    },
    keep_both: "两条都保留（对方的另存为一条）",
    unit: |u: &str| u.to_string(),
    region_folder: |year: i32| format!("全区汇总-{year}"),
};
