//! 名称：登记簿、字段与可选值。

/// 可选值的名称（枚举名, 存储代码）。
pub fn enum_label(key: &str, code: &str) -> Option<&'static str> {
    Some(match (key, code) {
        ("RecordKind", "organisation") => "组织",
        ("RecordKind", "person") => "人员",
        ("RecordKind", "qualification") => "职业资格",
        ("RecordKind", "course_package") => "培训包",
        ("RecordKind", "cohort") => "培训班次",
        ("RecordKind", "enrolment") => "学员报名",
        ("RecordKind", "facility") => "实训场地",
        ("RecordKind", "facility_occupation") => "场地可培训职业",
        ("RecordKind", "capacity_declaration") => "年度培训能力申报",
        ("RecordKind", "public_service") => "公共实训服务",
        ("RecordKind", "apprenticeship") => "名师带徒",
        ("RecordKind", "achievement") => "工作室成果",
        ("RecordKind", "teacher") => "师资",
        ("RecordKind", "teacher_training") => "师资培训",
        ("RecordKind", "competition") => "技能竞赛",
        ("RecordKind", "award") => "获奖与荣誉",
        ("RecordKind", "fund") => "经费",

        ("EmployerType", "state_owned") => "国有企业",
        ("EmployerType", "private") => "民营企业",
        ("EmployerType", "foreign_funded") => "外资企业",
        ("EmployerType", "institution") => "事业单位",
        ("EmployerType", "government") => "机关",
        ("EmployerType", "college") => "院校",
        ("EmployerType", "training_institution") => "培训机构",
        ("EmployerType", "self_employed") => "个体",
        ("EmployerType", "none") => "无工作单位",
        ("EmployerType", "other") => "其他",

        ("OrgKind", "training_base") => "高技能人才培训基地",
        ("OrgKind", "master_studio") => "技能大师工作室",
        ("Tier", "national") => "国家级",
        ("Tier", "region") => "自治区级",
        ("Tier", "league") => "盟市级",

        ("Programme", "leading_100") => "百名高技能领军人才技能提升",
        ("Programme", "shortage_1000") => "千名紧缺急需职业（工种）技师和高级技师培养",
        ("Programme", "enterprise_10000") => "万名企业高技能人才培养",
        ("Programme", "other") => "其他",

        ("TrainingMode", "full_time") => "全日制",
        ("TrainingMode", "part_time") => "非全日制",
        ("TrainingMode", "mentorship") => "导师制",
        ("TrainingMode", "off_job") => "脱产",
        ("TrainingMode", "semi_off_job") => "半脱产",
        ("TrainingMode", "on_post") => "岗位练兵",
        ("TrainingMode", "team_leader") => "班组长培训",
        ("TrainingMode", "competition") => "技能比赛",

        ("CertType", "qualification") => "职业资格证书",
        ("CertType", "skill_level") => "职业技能等级证书",
        ("CertType", "special_ability") => "专项职业能力证书",
        ("CertType", "appointment") => "企业评聘",

        ("EnrolmentStatus", "enrolled") => "在训",
        ("EnrolmentStatus", "completed") => "结业",
        ("EnrolmentStatus", "withdrawn") => "退出",
        ("AssessmentResult", "passed") => "合格",
        ("AssessmentResult", "failed") => "不合格",
        ("AssessmentResult", "absent") => "缺考",

        ("RecipientType", "enterprise") => "企业",
        ("RecipientType", "college") => "院校",
        ("RecipientType", "training_institution") => "培训机构",
        ("RecipientType", "other") => "其他",

        ("ApprenticeshipStatus", "active") => "在带",
        ("ApprenticeshipStatus", "completed") => "出师",
        ("ApprenticeshipStatus", "terminated") => "终止",
        ("AchievementKind", "technical_breakthrough") => "技术攻关",
        ("AchievementKind", "process_improvement") => "工艺改进",
        ("AchievementKind", "patent") => "专利",
        ("AchievementKind", "method") => "绝技绝招/操作法",
        ("AchievementKind", "other") => "其他",

        ("TeacherKind", "full_time") => "专职",
        ("TeacherKind", "part_time_enterprise") => "企业兼职",
        ("TeacherKind", "part_time_other") => "其他兼职",

        ("CompetitionLevel", "world") => "世界级",
        ("CompetitionLevel", "national") => "国家级",
        ("CompetitionLevel", "region") => "自治区级",
        ("CompetitionLevel", "league") => "盟市级",
        ("CompetitionLevel", "enterprise") => "企业级",
        ("Honour", "china_skills_award") => "中华技能大奖",
        ("Honour", "national_technical_expert") => "全国技术能手",
        ("Honour", "region_outstanding_technician") => "内蒙古自治区技师高级技师突出贡献奖",
        ("Honour", "region_technical_expert") => "全区技术能手",
        ("Honour", "may_day_medal") => "五一劳动奖章",
        ("Honour", "youth_post_expert") => "青年岗位能手",
        ("Honour", "women_achiever") => "巾帼建功标兵",
        ("Honour", "other") => "其他荣誉",

        ("FundDirection", "income") => "收入",
        ("FundDirection", "expense") => "支出",
        ("FundCategory", "central_grant") => "中央就业补助资金",
        ("FundCategory", "region_grant") => "自治区财政资金",
        ("FundCategory", "league_grant") => "盟市财政资金",
        ("FundCategory", "own_funds") => "自筹资金",
        ("FundCategory", "equipment") => "设备购置",
        ("FundCategory", "premises") => "场地建设",
        ("FundCategory", "training") => "培训实施",
        ("FundCategory", "teachers") => "师资建设",
        ("FundCategory", "curriculum") => "课程开发",
        ("FundCategory", "competitions") => "竞赛",
        ("FundCategory", "other_expense") => "其他支出",
        // Yes/no fields as the exchange and backup views show them (issue 21).
        ("Bool", "true") => "是",
        ("Bool", "false") => "否",
        _ => return None,
    })
}

/// 校验结果所指的、不是字段的数字（指标与能力申报）。字段的名称在 `registers::fields`。
pub fn figure_label(name: &str) -> Option<&'static str> {
    Some(match name {
        "capacity" => "年度培训能力申报",
        "high_skill_trained" => "年培训高技能人才",
        "public_service_person_times" => "年公共实训服务人次",
        "young_backbones" => "年培养青年技能骨干",
        _ => return None,
    })
}
