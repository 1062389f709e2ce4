//! Funds (经费): grants and own funds received, and expenditure by category.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::check::{Checker, NotAllowed, Problem, clean_optional};
use crate::domain::org::Organisation;
use crate::domain::{Id, Money, Record, RecordKind, Today, Verdict};

code_enum! {
    pub enum FundDirection {
        Income = "income",
        Expense = "expense",
    }
}

code_enum! {
    /// Where money came from, or what it was spent on.
    pub enum FundCategory {
        /// 中央就业补助资金
        CentralGrant = "central_grant",
        /// 自治区财政
        RegionGrant = "region_grant",
        /// 盟市财政
        LeagueGrant = "league_grant",
        /// 自筹
        OwnFunds = "own_funds",
        /// 设备购置
        Equipment = "equipment",
        /// 场地建设
        Premises = "premises",
        /// 培训实施
        Training = "training",
        /// 师资建设
        Teachers = "teachers",
        /// 课程开发
        Curriculum = "curriculum",
        /// 竞赛
        Competitions = "competitions",
        /// 其他支出
        OtherExpense = "other_expense",
        /// 职业培训补贴资金: subsidies received for the training given (培训、鉴定评价、
        /// 生活费补贴), which the subsidies claimed on enrolments are set against.
        TrainingSubsidy = "training_subsidy",
    }
}

impl FundCategory {
    pub fn direction(self) -> FundDirection {
        match self {
            FundCategory::CentralGrant
            | FundCategory::RegionGrant
            | FundCategory::LeagueGrant
            | FundCategory::OwnFunds
            | FundCategory::TrainingSubsidy => FundDirection::Income,
            _ => FundDirection::Expense,
        }
    }
}

/// One receipt or payment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Fund {
    pub org: Id<Organisation>,
    pub date: NaiveDate,
    pub direction: FundDirection,
    pub category: FundCategory,
    pub amount: Money,
    pub description: Option<String>,
}

impl Record for Fund {
    const KIND: RecordKind = RecordKind::Fund;

    fn normalise(&mut self) {
        clean_optional(&mut self.description);
    }

    fn validate(&self, today: Today) -> Verdict {
        let mut c = Checker::new(RecordKind::Fund, today);
        c.past_date("date", self.date);
        if self.category.direction() != self.direction {
            c.error(
                "category",
                Problem::NotAllowed {
                    reason: NotAllowed::FundCategoryDirection,
                },
            );
        }
        c.amount("amount", self.amount.yuan(), 1e11);
        c.optional_text("description", self.description.as_deref(), 500);
        c.finish()
    }
}
