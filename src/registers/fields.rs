//! Every field of every register, defined once: its name (the record's field and the
//! store's column), the kind of input it takes, whether it must be filled in, what people
//! call it in Chinese and in English, the headers offices write for it in the rosters they
//! import, and whether it holds a number people keep as text (an ID or phone number,
//! masked outside the form). Everything that shows or reads a field takes it from here:
//! the window's generic form and tables (`ui::form`, `ui::register`), the spreadsheet
//! import's columns and its template (`sheets::columns`, `sheets::template`), the exports
//! and the audit trail's (`sheets::export`, `sheets::audit`), the store's and the
//! validator's messages (through `i18n::field_label`). A register's screen cannot drift
//! from its record type: a test saves every register through it.

use crate::domain::Labelled;
use crate::domain::RecordKind;
use crate::domain::capacity::RecipientType;
use crate::domain::codes::KeyIndustry;
use crate::domain::funds::{FundCategory, FundDirection};
use crate::domain::grade::SkillGrade;
use crate::domain::honours::{CompetitionLevel, Honour};
use crate::domain::identity::{DocType, Sex};
use crate::domain::indicators::{Basis, Comparison, IndicatorKey};
use crate::domain::org::{OrgKind, Tier};
use crate::domain::person::EmployerType;
use crate::domain::staff::TeacherKind;
use crate::domain::studio::{AchievementKind, ApprenticeshipStatus};
use crate::domain::training::{
    AssessmentResult, CertType, Destination, EnrolmentStatus, Programme, TrainingMode,
};
use crate::lang::Lang;

/// The values of a closed list, as (storage code, label) pairs.
pub type ChoiceList = fn(Lang) -> Vec<(&'static str, String)>;

/// The kind of input a field takes.
#[derive(Clone, Copy, Debug)]
pub enum Input {
    /// One line of text.
    Text,
    /// Several lines of text.
    LongText,
    /// A calendar date, typed as `2025-03-01` (also `2025/3/1`, `2025.3.1`, `20250301`).
    Date,
    /// A whole number (hours, counts, a year).
    Int,
    /// A number with decimals (hours, square metres).
    Float,
    /// Yuan with up to two decimals; stored as fen.
    Money,
    /// Yes or no.
    Bool,
    /// One value of a closed list.
    Choice(ChoiceList),
    /// A code from one of the national code tables.
    Code(CodeList),
    /// Another record.
    Ref(RecordKind),
}

/// The national code tables a field can take its value from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeList {
    /// 职业分类大典 (2022) occupations.
    Occupation,
    /// GB/T 3304 ethnic groups.
    Ethnicity,
    /// GB/T 4658 education levels.
    Education,
    /// GB/T 2260 divisions of Inner Mongolia.
    Division,
}

/// A number people write with digits and keep as text (Excel must not turn it into a
/// number and lose digits): the template formats its column as text; an ID or phone
/// number is also masked wherever it leaves the form, unless full data is asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Digits {
    /// An identity document's number (`identity::mask_document_number`).
    Document,
    /// A phone number (`identity::mask_phone`).
    Phone,
    /// Any other number kept as text (a certificate's), shown in full.
    Number,
}

/// One field of a register.
#[derive(Clone, Copy, Debug)]
pub struct Field {
    /// The record's field name (and the store's column).
    pub name: &'static str,
    pub input: Input,
    /// Must be filled in (the record type has no `Option` here).
    pub required: bool,
    /// What people call it in Chinese: the form's label, the export's and the audit
    /// trail's column, the import's name for it.
    pub zh: &'static str,
    /// What people call it in English.
    pub en: &'static str,
    /// The headers offices write for it in the rosters they import (`sheets::columns`),
    /// the template's first; empty when no roster carries it.
    pub headers: &'static [&'static str],
    /// A number kept as text, and masked when it is an ID or phone number.
    pub digits: Option<Digits>,
}

impl Field {
    /// What people call the field in `lang`.
    pub fn label(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.zh,
            Lang::En => self.en,
        }
    }

    /// The headers a roster's column for this field may have.
    pub const fn headers(self, headers: &'static [&'static str]) -> Field {
        Field { headers, ..self }
    }

    /// A number kept as text.
    pub const fn digits(self, digits: Digits) -> Field {
        Field {
            digits: Some(digits),
            ..self
        }
    }
}

/// A field that must be filled in.
pub const fn req(name: &'static str, input: Input, zh: &'static str, en: &'static str) -> Field {
    Field {
        name,
        input,
        required: true,
        zh,
        en,
        headers: &[],
        digits: None,
    }
}

/// A field that may stay empty.
pub const fn opt(name: &'static str, input: Input, zh: &'static str, en: &'static str) -> Field {
    Field {
        required: false,
        ..req(name, input, zh, en)
    }
}

fn labelled<T: Labelled + Copy>(all: &[T], lang: Lang) -> Vec<(&'static str, String)> {
    all.iter()
        .map(|v| (Labelled::code(v), v.label(lang).to_string()))
        .collect()
}

macro_rules! choices {
    ($t:ty) => {
        Input::Choice(|lang| labelled(<$t>::ALL, lang))
    };
}

fn sexes(lang: Lang) -> Vec<(&'static str, String)> {
    Sex::ALL
        .iter()
        .map(|s| {
            let name = match lang {
                Lang::Zh => s.name_zh(),
                Lang::En => s.name_en(),
            };
            (s.code(), name.to_string())
        })
        .collect()
}

fn doc_types(lang: Lang) -> Vec<(&'static str, String)> {
    DocType::ALL
        .iter()
        .map(|d| {
            let name = match lang {
                Lang::Zh => d.name_zh(),
                Lang::En => d.name_en(),
            };
            (d.code(), name.to_string())
        })
        .collect()
}

fn grades(lang: Lang) -> Vec<(&'static str, String)> {
    SkillGrade::ALL
        .iter()
        .map(|g| {
            let label = match lang {
                Lang::Zh => g.label_zh().to_string(),
                Lang::En => g.label_en(),
            };
            (g.code(), label)
        })
        .collect()
}

fn industries(lang: Lang) -> Vec<(&'static str, String)> {
    KeyIndustry::ALL
        .iter()
        .map(|k| {
            let name = match lang {
                Lang::Zh => k.name_zh(),
                Lang::En => k.name_en(),
            };
            (k.code(), name.to_string())
        })
        .collect()
}

const GRADE: Input = Input::Choice(grades);
const OCCUPATION: Input = Input::Code(CodeList::Occupation);
const A_PERSON: Input = Input::Ref(RecordKind::Person);
const AN_ORG: Input = Input::Ref(RecordKind::Organisation);

/// The headers offices write for an occupation (a certificate's, an apprenticeship's).
const OCCUPATION_HEADERS: &[&str] = &[
    "职业",
    "工种",
    "职业(工种)",
    "职业工种",
    "职业名称",
    "职业代码",
    "工种名称",
    "申报职业",
    "鉴定职业",
    "培训职业",
    "职业(工种)名称",
];

/// The fields of a register, in the order its form shows them.
pub fn of(kind: RecordKind) -> &'static [Field] {
    match kind {
        RecordKind::Organisation => ORGANISATION,
        RecordKind::Person => PERSON,
        RecordKind::Qualification => QUALIFICATION,
        RecordKind::CoursePackage => COURSE_PACKAGE,
        RecordKind::Cohort => COHORT,
        RecordKind::Enrolment => ENROLMENT,
        RecordKind::Facility => FACILITY,
        RecordKind::FacilityOccupation => FACILITY_OCCUPATION,
        RecordKind::CapacityDeclaration => CAPACITY_DECLARATION,
        RecordKind::PublicService => PUBLIC_SERVICE,
        RecordKind::Apprenticeship => APPRENTICESHIP,
        RecordKind::Achievement => ACHIEVEMENT,
        RecordKind::Teacher => TEACHER,
        RecordKind::TeacherTraining => TEACHER_TRAINING,
        RecordKind::Competition => COMPETITION,
        RecordKind::Award => AWARD,
        RecordKind::Fund => FUND,
        RecordKind::StageTemplate => STAGE_TEMPLATE,
        RecordKind::PlanStage => PLAN_STAGE,
        RecordKind::LogEntry => LOG_ENTRY,
        RecordKind::IndicatorSet => INDICATOR_SET,
        RecordKind::Indicator => INDICATOR,
    }
}

use Input::*;

static ORGANISATION: &[Field] = &[
    req("name", Text, "单位名称", "Name"),
    req("kind", choices!(OrgKind), "类型", "Kind"),
    opt("tier", choices!(Tier), "级别", "Tier"),
    opt(
        "credit_code",
        Text,
        "统一社会信用代码",
        "Unified social credit code",
    ),
    opt("division", Code(CodeList::Division), "所在行政区划", "Division"),
    opt("host", AN_ORG, "所属基地", "Host base"),
    opt("host_unit", Text, "依托单位", "Host unit"),
    opt("industry", Choice(industries), "所属重点产业", "Key industry"),
    opt("approval_doc", Text, "批准文件", "Approval document"),
    opt("approval_year", Int, "批准年度", "Approval year"),
    opt("master", A_PERSON, "领办技能大师", "Master"),
    opt("contact_name", Text, "联系人", "Contact"),
    opt("contact_phone", Text, "联系电话", "Contact phone").digits(Digits::Phone),
    opt("address", Text, "地址", "Address"),
];

static PERSON: &[Field] = &[
    req("name", Text, "姓名", "Name").headers(&["姓名", "学员姓名", "人员姓名", "名字", "教师姓名"]),
    req("doc_type", Choice(doc_types), "证件类型", "Document type").headers(&["证件类型", "证件种类"]),
    req("doc_number", Text, "证件号码", "Document number")
        .headers(&[
            "身份证号",
            "公民身份号码",
            "证件号码",
            "身份证号码",
            "身份证",
            "居民身份证号",
            "居民身份证号码",
            "证件号",
            "身份证件号码",
            "身份号码",
        ])
        .digits(Digits::Document),
    req("sex", Choice(sexes), "性别", "Sex").headers(&["性别"]),
    req("birth_date", Date, "出生日期", "Date of birth").headers(&[
        "出生日期",
        "出生年月",
        "出生年月日",
        "生日",
    ]),
    opt("ethnicity", Code(CodeList::Ethnicity), "民族", "Ethnicity").headers(&["民族"]),
    opt("education", Code(CodeList::Education), "学历", "Education").headers(&[
        "学历",
        "文化程度",
        "最高学历",
        "学历层次",
    ]),
    opt("phone", Text, "联系电话", "Phone")
        .headers(&[
            "联系电话",
            "手机号码",
            "手机号",
            "手机",
            "电话",
            "联系方式",
            "电话号码",
        ])
        .digits(Digits::Phone),
    opt("employer", Text, "工作单位", "Employer").headers(&[
        "工作单位",
        "所在单位",
        "单位",
        "单位名称",
        "就职单位",
        "现工作单位",
    ]),
    opt(
        "employer_type",
        choices!(EmployerType),
        "单位性质",
        "Employer type",
    )
    .headers(&["单位性质", "单位类型"]),
    opt(
        "division",
        Code(CodeList::Division),
        "户籍/居住地区划",
        "Home division",
    )
    .headers(&[
        "户籍/居住地区划",
        "户籍地区划",
        "行政区划",
        "区划代码",
        "居住地区划",
    ]),
    opt("notes", LongText, "备注", "Notes").headers(&["备注", "说明"]),
];

static QUALIFICATION: &[Field] = &[
    req("person", A_PERSON, "人员", "Person"),
    req("occupation", OCCUPATION, "职业（工种）", "Occupation").headers(OCCUPATION_HEADERS),
    opt("work_type", Text, "工种", "Work type").headers(&["工种方向", "细分工种", "工种(方向)"]),
    req("grade", GRADE, "技能等级", "Skill grade").headers(&[
        "技能等级",
        "等级",
        "职业资格等级",
        "证书等级",
        "鉴定等级",
        "职业技能等级",
        "级别",
    ]),
    req("cert_type", choices!(CertType), "证书类型", "Certificate type").headers(&["证书类型", "证书种类"]),
    opt("cert_number", Text, "证书编号", "Certificate number")
        .headers(&["证书编号", "证书号", "证书号码", "证书编码"])
        .digits(Digits::Number),
    req("issued_on", Date, "发证日期", "Date issued").headers(&[
        "发证日期",
        "取证日期",
        "取证时间",
        "发证时间",
        "获证日期",
        "证书日期",
        "取得日期",
    ]),
    opt("issuer", Text, "发证机构", "Issuing body").headers(&["发证机构", "发证单位"]),
    opt(
        "enrolment",
        Ref(RecordKind::Enrolment),
        "取得途径（培训报名）",
        "Gained through enrolment",
    ),
    opt("evaluator", Text, "评价机构", "Evaluation organisation").headers(&[
        "评价机构",
        "鉴定机构",
        "认定机构",
        "评价组织",
        "职业技能等级认定机构",
    ]),
];

static COURSE_PACKAGE: &[Field] = &[
    req("org", AN_ORG, "所属组织", "Organisation"),
    req("name", Text, "培训包名称", "Package name"),
    req("occupation", OCCUPATION, "职业（工种）", "Occupation"),
    req("target_grade", GRADE, "目标等级", "Target grade"),
    req("theory_hours", Int, "理论课时", "Theory hours"),
    req("practice_hours", Int, "实操课时", "Practice hours"),
    req("mode", choices!(TrainingMode), "培训形式", "Training mode"),
    req("integrated", Bool, "一体化", "Integrated"),
    req("developed_here", Bool, "本基地开发", "Developed by this base"),
    opt("year", Int, "开发年度", "Year developed"),
];

static COHORT: &[Field] = &[
    req("org", AN_ORG, "所属组织", "Organisation"),
    req("name", Text, "班次名称", "Cohort name"),
    opt(
        "package",
        Ref(RecordKind::CoursePackage),
        "培训包",
        "Course package",
    ),
    req("programme", choices!(Programme), "所属项目", "Programme"),
    req("mode", choices!(TrainingMode), "培训形式", "Training mode"),
    req("occupation", OCCUPATION, "职业（工种）", "Occupation"),
    req("target_grade", GRADE, "目标等级", "Target grade"),
    req("start_date", Date, "开始日期", "Start date"),
    req("end_date", Date, "结束日期", "End date"),
    opt("facility", Ref(RecordKind::Facility), "实训场地", "Facility"),
    opt("theory_hours", Int, "计划理论学时", "Planned theory hours"),
    opt("practice_hours", Int, "计划实操学时", "Planned practice hours"),
    opt("surveyed", Int, "满意度调查人数", "Trainees surveyed"),
    opt("satisfied", Int, "其中满意人数", "Of them satisfied"),
];

static ENROLMENT: &[Field] = &[
    req("cohort", Ref(RecordKind::Cohort), "培训班次", "Cohort").headers(&[
        "培训班次",
        "班次名称",
        "班次",
        "培训班",
        "班级",
        "培训班名称",
    ]),
    req("person", A_PERSON, "人员", "Person"),
    req("enrolled_on", Date, "入班日期", "Enrolled on").headers(&[
        "入班日期",
        "报名日期",
        "入学日期",
        "参训日期",
    ]),
    req("status", choices!(EnrolmentStatus), "状态", "Status").headers(&["状态", "学习状态", "培训状态"]),
    opt("completed_on", Date, "结业日期", "Completed on").headers(&["结业日期", "结业时间", "毕业日期"]),
    opt(
        "result",
        choices!(AssessmentResult),
        "考核结果",
        "Assessment result",
    )
    .headers(&["考核结果", "考核成绩", "鉴定结果", "是否合格", "考试结果"]),
    opt(
        "qualification",
        Ref(RecordKind::Qualification),
        "取得证书",
        "Qualification gained",
    ),
    opt("attended_hours", Float, "实际学时", "Hours attended").headers(&[
        "实际学时",
        "出勤学时",
        "参训学时",
        "实到学时",
        "完成学时",
        "实际参训学时",
    ]),
    opt(
        "training_subsidy",
        Money,
        "培训补贴（元）",
        "Training subsidy (yuan)",
    )
    .headers(&[
        "培训补贴(元)",
        "培训补贴",
        "职业培训补贴",
        "培训补贴金额",
        "培训费补贴",
    ]),
    opt(
        "evaluation_subsidy",
        Money,
        "鉴定评价补贴（元）",
        "Evaluation subsidy (yuan)",
    )
    .headers(&[
        "鉴定评价补贴(元)",
        "鉴定评价补贴",
        "评价补贴",
        "鉴定补贴",
        "技能评价补贴",
        "职业技能鉴定补贴",
        "技能鉴定补贴",
    ]),
    opt(
        "living_subsidy",
        Money,
        "生活费补贴（元）",
        "Living-cost subsidy (yuan)",
    )
    .headers(&["生活费补贴(元)", "生活费补贴", "生活补贴", "生活费补助"]),
    opt("voucher_number", Text, "电子培训券号", "Training voucher number")
        .headers(&[
            "电子培训券号",
            "培训券号",
            "电子培训券编号",
            "培训券编号",
            "电子培训券",
        ])
        .digits(Digits::Number),
    opt(
        "destination",
        choices!(Destination),
        "培训后去向",
        "After training",
    )
    .headers(&[
        "培训后去向",
        "就业去向",
        "去向",
        "就业情况",
        "培训后就业情况",
        "跟踪去向",
    ]),
    opt("destination_on", Date, "去向确认日期", "Followed up on").headers(&[
        "去向确认日期",
        "跟踪日期",
        "回访日期",
        "去向日期",
    ]),
];

static FACILITY: &[Field] = &[
    req("org", AN_ORG, "所属组织", "Organisation"),
    req("name", Text, "场地名称", "Facility name"),
    req("area_m2", Float, "面积（平方米）", "Area (m²)"),
    req("workstations", Int, "工位数", "Workstations"),
    req("equipment_count", Int, "设备台套数", "Equipment items"),
    req(
        "equipment_value",
        Money,
        "设备总值（元）",
        "Equipment value (yuan)",
    ),
    opt("opened_year", Int, "启用年度", "Year opened"),
];

static FACILITY_OCCUPATION: &[Field] = &[
    req("facility", Ref(RecordKind::Facility), "实训场地", "Facility"),
    req("occupation", OCCUPATION, "职业（工种）", "Occupation"),
    req("max_grade", GRADE, "可培训最高等级", "Highest grade trainable"),
];

static CAPACITY_DECLARATION: &[Field] = &[
    req("org", AN_ORG, "所属组织", "Organisation"),
    req("year", Int, "年度", "Year"),
    req(
        "high_skill_per_year",
        Int,
        "年培训高技能人才能力（人）",
        "High-skill people trainable per year",
    ),
    req(
        "public_service_per_year",
        Int,
        "年公共实训服务能力（人次）",
        "Public training person-times per year",
    ),
    opt("note", LongText, "备注", "Note"),
];

static PUBLIC_SERVICE: &[Field] = &[
    req("org", AN_ORG, "所属组织", "Organisation"),
    req("date", Date, "日期", "Date").headers(&["日期", "服务日期", "培训日期", "实训日期"]),
    req("recipient", Text, "服务对象单位", "Recipient unit").headers(&[
        "服务对象单位",
        "服务对象",
        "受训单位",
        "单位名称",
        "服务单位",
    ]),
    req(
        "recipient_type",
        choices!(RecipientType),
        "对象类型",
        "Recipient type",
    )
    .headers(&["对象类型", "服务对象类型", "单位类型"]),
    req("person_times", Int, "服务人次", "Person-times").headers(&[
        "服务人次",
        "人次",
        "培训人次",
        "实训人次",
    ]),
    req("hours", Float, "学时", "Hours").headers(&["学时", "课时", "时长", "培训学时"]),
    req("content", Text, "服务内容", "Content").headers(&[
        "服务内容",
        "培训内容",
        "实训内容",
        "内容",
        "项目",
    ]),
    opt("facility", Ref(RecordKind::Facility), "实训场地", "Facility").headers(&[
        "实训场地",
        "场地",
        "场地名称",
    ]),
];

static APPRENTICESHIP: &[Field] = &[
    req("studio", AN_ORG, "工作室", "Studio"),
    req("master", A_PERSON, "师傅", "Master"),
    req("apprentice", A_PERSON, "徒弟", "Apprentice"),
    req("occupation", OCCUPATION, "职业（工种）", "Occupation").headers(OCCUPATION_HEADERS),
    opt("agreement_date", Date, "带徒协议日期", "Agreement date").headers(&[
        "带徒协议日期",
        "协议日期",
        "签订日期",
        "协议签订日期",
    ]),
    req("start_date", Date, "开始日期", "Start date").headers(&[
        "开始日期",
        "带徒开始日期",
        "起始日期",
        "拜师日期",
    ]),
    opt("end_date", Date, "结束日期", "End date").headers(&["结束日期", "出师日期", "带徒结束日期"]),
    opt("grade_at_start", GRADE, "带徒前等级", "Grade at start").headers(&[
        "带徒前等级",
        "徒弟原等级",
        "起始等级",
        "原等级",
    ]),
    opt("grade_at_end", GRADE, "出师时等级", "Grade at end").headers(&["出师时等级", "出师等级", "现等级"]),
    req("status", choices!(ApprenticeshipStatus), "状态", "Status").headers(&["状态", "带徒状态"]),
    opt("outcome", LongText, "带徒成效", "Outcome").headers(&["带徒成效", "成效", "备注"]),
];

static STAGE_TEMPLATE: &[Field] = &[
    req("org", AN_ORG, "所属工作室", "Studio"),
    req("occupation", OCCUPATION, "职业（工种）", "Occupation").headers(OCCUPATION_HEADERS),
    req("seq", Int, "阶段序号", "Stage no."),
    req("title", Text, "阶段名称", "Stage"),
    opt("targets", LongText, "目标技能与任务", "Target skills and tasks"),
    req("planned_hours", Float, "计划学时", "Planned hours"),
    req("months", Int, "阶段时长（月）", "Length (months)"),
];

static PLAN_STAGE: &[Field] = &[
    req(
        "apprenticeship",
        Ref(RecordKind::Apprenticeship),
        "带徒关系",
        "Apprenticeship",
    ),
    req("seq", Int, "阶段序号", "Stage no."),
    req("title", Text, "阶段名称", "Stage"),
    opt("targets", LongText, "目标技能与任务", "Target skills and tasks"),
    req("planned_hours", Float, "计划学时", "Planned hours"),
    req("planned_start", Date, "计划开始日期", "Planned start"),
    req("planned_end", Date, "计划完成日期", "Planned end"),
    opt("completed_on", Date, "实际完成日期", "Completed on"),
];

static LOG_ENTRY: &[Field] = &[
    req(
        "apprenticeship",
        Ref(RecordKind::Apprenticeship),
        "带徒关系",
        "Apprenticeship",
    ),
    opt("stage", Ref(RecordKind::PlanStage), "培养阶段", "Stage"),
    req("date", Date, "日期", "Date").headers(&["日期", "带教日期", "记录日期"]),
    req("hours", Float, "学时", "Hours").headers(&["学时", "课时", "带教学时", "小时"]),
    req("content", Text, "带教内容", "What was taught").headers(&[
        "带教内容",
        "内容",
        "传授内容",
        "训练内容",
        "学习内容",
    ]),
    opt("signed_by", A_PERSON, "签字人", "Signed off by"),
    opt("signed_on", Date, "签字日期", "Signed off on").headers(&["签字日期", "确认日期"]),
];

static ACHIEVEMENT: &[Field] = &[
    req("org", AN_ORG, "所属组织", "Organisation"),
    req("kind", choices!(AchievementKind), "成果类型", "Kind"),
    req("title", Text, "成果名称", "Title"),
    req("date", Date, "日期", "Date"),
    opt("people", Text, "完成人", "People"),
    opt("patent_number", Text, "专利号", "Patent number"),
    req(
        "economic_benefit",
        Money,
        "经济效益（元）",
        "Economic benefit (yuan)",
    ),
    opt("description", LongText, "说明", "Description"),
];

static TEACHER: &[Field] = &[
    req("org", AN_ORG, "所属组织", "Organisation"),
    req("person", A_PERSON, "人员", "Person"),
    req("kind", choices!(TeacherKind), "类型", "Kind").headers(&["类型", "教师类型", "专兼职", "专职/兼职"]),
    req("integrated", Bool, "一体化教师", "Integrated teacher").headers(&["一体化教师", "一体化"]),
    req("dual_qualified", Bool, "双师型", "Dual-qualified").headers(&["双师型", "双师型教师"]),
    opt("title", Text, "职称", "Professional title").headers(&["职称", "专业技术职称"]),
    opt("occupation", OCCUPATION, "职业（工种）", "Occupation").headers(&[
        "任教职业",
        "职业",
        "专业工种",
        "工种",
    ]),
    opt("since", Date, "起聘日期", "Appointed from").headers(&["起聘日期", "聘用日期", "聘任日期"]),
    opt("until", Date, "止聘日期", "Appointed until").headers(&["止聘日期", "解聘日期"]),
];

static TEACHER_TRAINING: &[Field] = &[
    req("teacher", Ref(RecordKind::Teacher), "教师", "Teacher"),
    req("date", Date, "日期", "Date"),
    req("hours", Float, "学时", "Hours"),
    req("content", Text, "培训内容", "Content"),
    opt("provider", Text, "培训机构", "Provider"),
];

static COMPETITION: &[Field] = &[
    req("org", AN_ORG, "所属组织", "Organisation"),
    req("name", Text, "竞赛名称", "Competition"),
    req("level", choices!(CompetitionLevel), "竞赛级别", "Level"),
    opt("occupation", OCCUPATION, "职业（工种）", "Occupation"),
    req("date", Date, "日期", "Date"),
    req("participants", Int, "参赛人数", "Participants"),
    req("organised_here", Bool, "本单位承办", "Organised here"),
];

static AWARD: &[Field] = &[
    req("org", AN_ORG, "所属组织", "Organisation"),
    opt("person", A_PERSON, "人员", "Person"),
    opt("competition", Ref(RecordKind::Competition), "竞赛", "Competition"),
    opt("honour", choices!(Honour), "荣誉", "Honour"),
    req("title", Text, "奖项", "Prize or title"),
    req("date", Date, "日期", "Date"),
    opt("conferred_by", Text, "授予单位", "Conferred by"),
];

static FUND: &[Field] = &[
    req("org", AN_ORG, "所属组织", "Organisation"),
    req("date", Date, "日期", "Date"),
    req("direction", choices!(FundDirection), "收支", "Income or expense"),
    req("category", choices!(FundCategory), "类别", "Category"),
    req("amount", Money, "金额（元）", "Amount (yuan)"),
    opt("description", LongText, "说明", "Description"),
];

static INDICATOR_SET: &[Field] = &[
    req("name", Text, "指标集名称", "Name"),
    req("document", Text, "发文（文件名称及文号）", "Issuing document"),
    opt("issuer", Text, "发布单位", "Issued by"),
    req("from_year", Int, "起始年度", "In force from (year)"),
    opt(
        "to_year",
        Int,
        "截止年度（空为长期有效）",
        "In force to (year; empty: open-ended)",
    ),
    opt(
        "attendance_floor",
        Float,
        "结业最低出勤率（%，空为80）",
        "Attendance floor for a completion (%; empty: 80)",
    ),
    opt("notes", LongText, "备注", "Notes"),
];

static INDICATOR: &[Field] = &[
    req(
        "indicator_set",
        Ref(RecordKind::IndicatorSet),
        "指标集",
        "Indicator set",
    ),
    req("org_kind", choices!(OrgKind), "适用类型", "Applies to (kind)"),
    req("tier", choices!(Tier), "适用级别", "Applies to (tier)"),
    req("key", choices!(IndicatorKey), "指标", "Indicator"),
    req("label_zh", Text, "指标名称（中文）", "Label (Chinese)"),
    req("label_en", Text, "指标名称（英文）", "Label (English)"),
    req("unit", Text, "计量单位", "Unit"),
    req("threshold", Float, "目标值", "Threshold"),
    req("comparison", choices!(Comparison), "比较", "Comparison"),
    req("basis", choices!(Basis), "计量口径", "Measured on"),
    opt(
        "period_years",
        Int,
        "平均年数（按期间年均时）",
        "Years averaged (for a period average)",
    ),
];

/// The fields of a register's form, in the order they are shown (a copy the form keeps).
pub fn fields(kind: RecordKind) -> Vec<Field> {
    of(kind).to_vec()
}

/// One field of a register.
pub fn field(kind: RecordKind, name: &str) -> Option<&'static Field> {
    of(kind).iter().find(|f| f.name == name)
}

/// The bookkeeping columns every register's table has (`store::BOOKKEEPING_COLUMNS`), as
/// a package's checks name them: (column, Chinese, English).
const BOOKKEEPING: &[(&str, &str, &str)] = &[
    ("id", "记录标识", "Record id"),
    ("created_at", "创建时间", "Created at"),
    ("updated_at", "最后修改时间", "Last changed at"),
    ("deleted_at", "删除时间", "Deleted at"),
    ("rev", "修改次数（版本号）", "Revision"),
    ("changed_by", "最后修改的安装", "Last changed by (install)"),
    ("change_seq", "变更序号", "Change number"),
];

/// What people call a register's field or bookkeeping column in `lang`, by the register's
/// code (the store's table) and the column's name; `None` for a name that is neither.
pub fn label(kind: &str, name: &str, lang: Lang) -> Option<&'static str> {
    if let Some(f) = RecordKind::from_code(kind).and_then(|k| field(k, name)) {
        return Some(f.label(lang));
    }
    BOOKKEEPING
        .iter()
        .find(|(column, _, _)| *column == name)
        .map(|(_, zh, en)| match lang {
            Lang::Zh => *zh,
            Lang::En => *en,
        })
}

/// The field that ties a record to its organisation (`org`, or `studio` for an
/// apprenticeship), filled in from the organisation chosen at the top of the window.
pub fn org_field(kind: RecordKind) -> Option<&'static str> {
    of(kind)
        .iter()
        .find(|f| matches!(f.input, Input::Ref(RecordKind::Organisation)) && f.required)
        .map(|f| f.name)
}

/// A column's name as the register's field (or bookkeeping column) of that name, when the
/// name is only known at run time (read from the database).
pub fn field_name(kind: RecordKind, column: &str) -> Option<&'static str> {
    of(kind)
        .iter()
        .map(|f| f.name)
        .chain(crate::store::BOOKKEEPING_COLUMNS.iter().copied())
        .find(|n| *n == column)
}

/// What a stored value of this column must be, for the message about one that cannot be
/// read.
pub fn input_of(kind: RecordKind, column: &str) -> Option<Input> {
    field(kind, column).map(|f| f.input)
}

/// The fields shown as columns in a register's table (the rest are in the form).
pub fn columns(kind: RecordKind) -> Vec<&'static str> {
    let org = org_field(kind);
    of(kind)
        .iter()
        .filter(|f| Some(f.name) != org && !matches!(f.input, Input::LongText))
        .map(|f| f.name)
        .take(7)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_register_has_fields_named_in_both_languages() {
        for kind in RecordKind::ALL {
            let fields = of(*kind);
            assert!(!fields.is_empty(), "{kind:?}");
            for f in fields {
                assert!(!f.zh.is_empty() && !f.en.is_empty(), "{kind:?}.{}", f.name);
                assert_eq!(label(kind.code(), f.name, Lang::En), Some(f.en));
            }
        }
    }

    #[test]
    fn every_bookkeeping_column_is_named() {
        for column in crate::store::BOOKKEEPING_COLUMNS {
            for lang in [Lang::Zh, Lang::En] {
                assert!(label("person", column, lang).is_some(), "{column}");
            }
        }
    }
}
