//! Funds an organisation received and spent, by year and category.

use chrono::Datelike;

use crate::demo::{AS_OF, FIRST_YEAR};
use crate::domain::funds::{Fund, FundCategory};
use crate::domain::org::{Organisation, Tier};
use crate::domain::{Id, Money};

use super::*;

impl Gen<'_, '_> {
    pub(super) fn funds(
        &mut self,
        org: Id<Organisation>,
        tier: Tier,
        approved: i32,
        base: bool,
    ) -> Result<()> {
        let grant_yuan = match (base, tier) {
            (true, Tier::National) => 5_000_000,
            (true, Tier::Region) => 1_000_000,
            (true, Tier::League) => 300_000,
            (false, Tier::League) => 50_000,
            (false, _) => 100_000,
        };
        for year in FIRST_YEAR..=AS_OF.year() {
            let mut income = 0i64;
            if year == approved || year == approved + 1 {
                let category = match tier {
                    Tier::National => FundCategory::CentralGrant,
                    Tier::Region => FundCategory::RegionGrant,
                    Tier::League => FundCategory::LeagueGrant,
                };
                let amount = grant_yuan / 2 * 100;
                income += amount;
                self.put(
                    &Fund {
                        org,
                        date: ymd(year, 5, 20),
                        direction: category.direction(),
                        category,
                        amount: Money(amount),
                        description: Some(format!("{year}年度建设项目补助资金")),
                    },
                    ymd(year, 5, 20),
                )?;
            }
            // The training subsidies the base's trainees claimed, received by the year's end.
            if let Some(claimed) = self.subsidies_claimed.get(&(org, year)).copied() {
                let date = ymd(year, 12, 20).min(AS_OF);
                let receipt = Fund {
                    org,
                    date,
                    direction: FundCategory::TrainingSubsidy.direction(),
                    category: FundCategory::TrainingSubsidy,
                    amount: Money(claimed),
                    description: Some(format!("{year}年度职业培训补贴资金（按申领拨付）")),
                };
                // Its id from the quality stream, so the main stream is as it was.
                self.clock += 1;
                let id: Id<Fund> = Id::from_parts(ID_EPOCH_MS + self.clock, self.quality_rng.bytes10());
                self.bulk.insert(id, &receipt, at(date))?;
            }
            let own = (grant_yuan as f64 * 0.2 * (1.0 + self.rng.range(0, 50) as f64 / 100.0)) as i64 * 100;
            income += own;
            self.put(
                &Fund {
                    org,
                    date: ymd(year, 3, 10),
                    direction: FundCategory::OwnFunds.direction(),
                    category: FundCategory::OwnFunds,
                    amount: Money(own),
                    description: Some("单位自筹配套资金".into()),
                },
                ymd(year, 3, 10),
            )?;
            let categories: &[FundCategory] = if base {
                &[
                    FundCategory::Equipment,
                    FundCategory::Training,
                    FundCategory::Teachers,
                    FundCategory::Curriculum,
                    FundCategory::Competitions,
                    FundCategory::Premises,
                ]
            } else {
                &[
                    FundCategory::Equipment,
                    FundCategory::Training,
                    FundCategory::OtherExpense,
                ]
            };
            let mut left = (income as f64 * (0.7 + self.rng.range(0, 25) as f64 / 100.0)) as i64;
            for (i, category) in categories.iter().enumerate() {
                let amount = if i + 1 == categories.len() {
                    left
                } else {
                    left * self.rng.range(15, 40) / 100
                };
                left -= amount;
                let date = ymd(year, (4 + i as u32).min(10), 15);
                if amount > 0 && date <= AS_OF {
                    self.put(
                        &Fund {
                            org,
                            date,
                            direction: category.direction(),
                            category: *category,
                            amount: Money(amount),
                            description: None,
                        },
                        date,
                    )?;
                }
            }
        }
        Ok(())
    }
}
