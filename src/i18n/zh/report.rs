//! 年度报表的口径说明（每个数字只有一个定义，打印为脚注）。

/// 口径说明。政策未规定的口径在此写明所作的选择。
pub fn definition(key: &str) -> &'static str {
    match key {
        "high_skill_trained" => {
            "年培训高技能人才：本单位在报告年度内开班或在训的培训班次中，目标等级为高级工（三级）及以上、结业日期在报告年度内且考核合格的学员，按人数去重计算（同一人当年多次结业只计1人）。政策未明确“培训”口径，本软件以“结业且考核合格”为准。"
        }
        "public_service_person_times" => {
            "年公共实训服务：服务日期在报告年度内、为企业、院校、培训机构等提供的公共实训服务记录的服务人次之和，按人次计算（同一人多次参加分别计数）。"
        }
        "young_backbones" => {
            "年培养青年技能骨干：本工作室名师带徒记录中，状态为“出师”、出师（结束）日期在报告年度内，出师时年龄不超过35周岁、出师时等级为高级工（三级）及以上的徒弟，按人数去重。政策未定义“青年技能骨干”，本软件以35周岁（青年年龄上限）和高技能等级为准。"
        }
        "capacity" => {
            "培训能力与利用率：申报能力取本单位报告年度的年度培训能力申报；实际数取上述两项指标；利用率＝实际数÷申报能力×100%，未申报的不计算。"
        }
        "trainees" => {
            "学员统计：报告年度内开班或在训（开班日期不晚于12月31日、结班日期不早于1月1日）的本单位培训班次的学员，按人数去重；“结业”“合格”指结业日期在报告年度内。按职业、等级、项目统计的是班次的职业、目标等级和所属项目；年龄按报告年度12月31日计算。"
        }
        "certificates" => {
            "取得证书：发证日期在报告年度内、且关联到上述学员报名记录的职业资格或职业技能等级证书，按证书张数计算；高技能证书指高级工（三级）及以上。"
        }
        "hosted_studios" => {
            "承建的技能大师工作室：本基地为依托单位的工作室；在带徒弟、出师和青年技能骨干按各工作室本身年度报表的口径计算（见“名师带徒”“年培养青年技能骨干”），不计入本基地的指标。“已上报”指该工作室本年度报表在本数据库中登记为已上报。"
        }
        "agreements" => {
            "带徒协议：本工作室报告年度内处于带徒期（开始日期不晚于12月31日、未结束或结束日期不早于1月1日）的名师带徒记录，每份一行；带徒期为开始至结束日期，等级为开始时和出师时的技能等级。"
        }
        "achievements" => {
            "技术成果：成果日期在报告年度内的技术攻关、工艺改进、专利、绝技绝法等成果记录，每项一行；年经济效益按记录填写的金额（元）汇总。"
        }
        "services" => "公共实训服务按对象类型：服务日期在报告年度内的记录数、服务人次之和与学时之和。",
        "apprentices" => {
            "名师带徒：在带人数为报告年度内任何时候处于带徒期的徒弟人数（去重）；新签协议按协议日期、出师和终止按结束日期落在报告年度内计数。"
        }
        "teachers" => {
            "师资：聘期与报告年度有交叉的教师，按人数去重；师资培训按培训日期在报告年度内的记录计数。"
        }
        "course_packages" => {
            "培训包：本单位登记的全部培训包；“本年开发”指本单位开发且开发年度为报告年度的；“本年使用”指被报告年度内开班或在训的班次使用的。"
        }
        "competitions" => {
            "技能竞赛与荣誉：竞赛日期、获奖或授予日期在报告年度内的记录，竞赛获奖按竞赛级别归类。"
        }
        "funds" => "经费：收支日期在报告年度内的记录，按类别汇总，单位为元，精确到分。",
        "data_quality" => {
            "数据质量：生成报表时对报告年度记录运行校验规则的结果。有“错误”时不能生成正式报表；“警告”不影响上报，但应核实。"
        }
        _ => "",
    }
}

/// 为什么不能生成正式报表（草稿随时可以生成）。
pub fn final_refusal(r: &crate::report::status::FinalRefusal) -> String {
    use crate::report::status::FinalRefusal as F;
    match r {
        F::YearNotEnded { year } => format!(
            "{year} 年度尚未结束，不能生成正式报表，未写入任何文件。年度结束后再生成正式报表；现在可以生成草稿核对"
        ),
        F::FutureYear { year, today } => format!(
            "{year} 年度还没有到来（今年是 {today} 年），不能生成正式报表，未写入任何文件。请检查报告年度"
        ),
        F::BeforeApproval { year, approval_year } => format!(
            "本单位于 {approval_year} 年获批，{year} 年度在获批之前，不能生成正式报表，未写入任何文件。请检查报告年度，或在单位信息中核对批准年度"
        ),
        F::Errors { errors } => format!(
            "记录有 {errors} 条错误，不能生成正式报表，未写入任何文件。请查看校验结果并改正，或先生成草稿核对"
        ),
    }
}

/// 为什么不能登记为已上报（什么都没有登记）。
pub fn submit_refusal(r: &crate::report::submit::SubmitRefusal) -> String {
    use crate::report::submit::SubmitRefusal as S;
    match r {
        S::Missing { file, error } => format!(
            "无法读取 {}：{}。请指定 skillbase return 写出的文件夹（含 return.pdf、return.json、return.xlsx），未登记",
            file.display(),
            crate::i18n::io_error(&std::io::Error::from(*error), crate::i18n::Lang::Zh)
        ),
        S::Unreadable { file, detail } => format!(
            "无法读取 {}：{detail}。请指定 skillbase return 写出的文件夹（含 return.pdf、return.json、return.xlsx），未登记",
            file.display()
        ),
        S::NotThisReturn { file, org, year } => format!(
            "{} 不是 {org} {year} 年度的报表数据（或是旧版本软件生成的），未登记。请确认文件夹、--org 和 --year，或用本版本重新生成正式报表",
            file.display()
        ),
        S::Draft { file } => format!(
            "{} 是草稿，草稿不能登记为已上报，未登记。请用 skillbase return --final 生成正式报表，签字盖章上报后再登记",
            file.display()
        ),
        S::HasErrors { errors } => format!(
            "这份报表的数据中有 {errors} 条校验错误，不能登记为已上报，未登记。请改正后重新生成正式报表"
        ),
        S::FilesDisagree {
            file,
            found,
            expected,
        } => format!(
            "{} 的校验码（{}）与 return.json 的校验码（{expected}）不一致：文件夹中的文件不是同一次生成的，未登记。请重新生成报表，把同一次生成的三个文件放在一起",
            file.display(),
            found.as_deref().unwrap_or("没有校验码")
        ),
        S::AlreadyRecorded { code, at } => {
            format!("校验码为 {code} 的报表已于 {at} 登记为已上报，不再重复登记")
        }
    }
}
