//! Competitions a base held or sent trainees to, and the awards and honours won.

use chrono::Datelike;

use crate::demo::{AS_OF, FIRST_YEAR};
use crate::domain::Id;
use crate::domain::codes;
use crate::domain::honours::{Award, Competition, CompetitionLevel};
use crate::domain::org::Organisation;

use super::*;

impl Gen<'_, '_> {
    pub(super) fn competitions(
        &mut self,
        org: Id<Organisation>,
        occupations: &[&'static str],
        scale: f64,
    ) -> Result<()> {
        for year in FIRST_YEAR..=AS_OF.year() {
            let n = ((4.0 * scale).round() as i64).max(1);
            for i in 0..n {
                let occ = occupations[(year as usize + i as usize) % occupations.len()];
                let occ_name = codes::occupation(occ).map_or("综合", |o| o.name);
                let level = *self
                    .rng
                    .weighted(&[
                        (CompetitionLevel::Enterprise, 3),
                        (CompetitionLevel::League, 4),
                        (CompetitionLevel::Region, 3),
                        (CompetitionLevel::National, 1),
                    ])
                    .unwrap_or(&CompetitionLevel::League);
                let date = ymd(year, self.rng.range(4, 10) as u32, self.rng.range(1, 28) as u32);
                if date > AS_OF {
                    continue;
                }
                let level_name = match level {
                    CompetitionLevel::National => "全国",
                    CompetitionLevel::Region => "内蒙古自治区",
                    CompetitionLevel::League => "盟市",
                    _ => "企业",
                };
                let c = Competition {
                    org,
                    name: format!("{year}年{level_name}{occ_name}职业技能竞赛"),
                    level,
                    occupation: Some(occ.to_string()),
                    date,
                    participants: self.rng.range(4, 30) as u32,
                    organised_here: level == CompetitionLevel::League && self.rng.chance(0.5),
                };
                let cid = self.put(&c, date)?;
                for prize in ["一等奖", "二等奖", "三等奖"]
                    .iter()
                    .take(self.rng.range(1, 3) as usize)
                {
                    let a = Award {
                        org,
                        person: None,
                        competition: Some(cid),
                        honour: None,
                        title: format!("{occ_name}项目{prize}"),
                        date,
                        conferred_by: Some("竞赛组委会".into()),
                    };
                    let award = self.put(&a, date)?;
                    if *prize == "一等奖" && year >= 2023 {
                        let png = super::evidence::award_png(award.uuid().as_u64_pair().1);
                        self.evidence(
                            crate::domain::RecordKind::Award,
                            award,
                            "获奖证书扫描件.png",
                            &png,
                            date,
                        )?;
                    }
                }
            }
        }
        Ok(())
    }
}
