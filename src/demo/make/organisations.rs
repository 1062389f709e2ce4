//! The bases: each organisation with its unit, approval and contacts, and then its
//! registers in order; the names a base is built from.

use crate::demo::names::{BRANDS, credit_code, employers};
use crate::domain::Id;
use crate::domain::codes::{self, KeyIndustry};
use crate::domain::org::{OrgKind, Organisation, Tier};

use super::*;

/// The unit a base is built on. City, brand and kind of unit cycle with different periods
/// (15 sites, 16 brands, 3 kinds), so no two of the region's 50 bases share a name.
fn host_unit(counter: usize, city_short: &str, words: &[&str]) -> String {
    let brand = BRANDS[counter % BRANDS.len()];
    match counter % 3 {
        0 => format!("{city_short}{brand}{}集团有限责任公司", words[0]),
        1 => format!("{city_short}{brand}{}职业技术学院", words[1 % words.len()]),
        _ => format!("{city_short}{brand}高级技工学校"),
    }
}

/// The short name of the league or city a division belongs to (呼和浩特, 锡林郭勒).
fn city_of(division: &str) -> &'static str {
    codes::im_division(&format!("{}00", &division[..4]))
        .map(|d| d.name)
        .unwrap_or("内蒙古")
        .trim_end_matches('市')
        .trim_end_matches('盟')
}

pub(super) fn industry_words(industry: KeyIndustry) -> Vec<&'static str> {
    match industry {
        KeyIndustry::Construction => vec!["建工", "路桥", "建设"],
        KeyIndustry::TransportEquipment => vec!["汽车", "机车", "装备"],
        KeyIndustry::GeneralEquipment => vec!["重工", "机械", "装备制造"],
        KeyIndustry::EnergyChemical => vec!["能源", "煤化工", "电力"],
        KeyIndustry::NonFerrous => vec!["铝业", "稀土", "冶金"],
        KeyIndustry::GreenAgriLivestock => vec!["乳业", "肉业", "农牧"],
        KeyIndustry::ModernServices => vec!["服务", "商贸", "健康"],
    }
}

impl Gen<'_, '_> {
    pub(super) fn occupations(&mut self, industry: KeyIndustry) -> Vec<&'static str> {
        let mut own: Vec<&'static str> = industry.occupations().iter().map(|o| o.code).collect();
        // Every base also trains a couple of occupations every industry needs.
        for extra in ["6-31-01-03", "6-18-02-04", "4-12-01-01"] {
            if !own.contains(&extra) && codes::occupation(extra).is_some() {
                own.push(extra);
            }
        }
        own
    }

    pub(super) fn base(&mut self, plan: &BasePlan) -> Result<Id<Organisation>> {
        self.base_counter += 1;
        let rng = &mut self.rng;
        let city = codes::im_division(&format!("{}00", &plan.division[..4])).map_or("内蒙古", |d| d.name);
        let city_short = city_of(plan.division);
        let words = industry_words(plan.industry);
        let host_unit = host_unit(self.base_counter, city_short, &words);
        let approval_year = match plan.tier {
            Tier::National => 2019,
            Tier::Region => rng.range(2016, 2019) as i32,
            Tier::League => rng.range(2017, 2020) as i32,
        };
        let mut org = Organisation::new(OrgKind::TrainingBase, &format!("{host_unit}高技能人才培训基地"));
        org.tier = Some(plan.tier);
        org.credit_code = Some(credit_code(rng, "12", plan.division));
        org.division = Some(plan.division.to_string());
        org.host_unit = Some(host_unit);
        org.industry = Some(plan.industry);
        org.approval_doc = Some(match plan.tier {
            Tier::National => format!("人社厅函〔{approval_year}〕{}号", rng.range(100, 300)),
            Tier::Region => format!("内人社办发〔{approval_year}〕{}号", rng.range(20, 250)),
            Tier::League => format!("{city_short}人社发〔{approval_year}〕{}号", rng.range(5, 90)),
        });
        org.approval_year = Some(approval_year);
        org.contact_name = Some(
            ["王建军", "李海燕", "张志强", "乌日娜", "刘晓东", "巴图"][self.base_counter % 6].to_string(),
        );
        org.contact_phone = Some(format!(
            "0{}-{}",
            471 + (self.base_counter % 8),
            6_000_000 + rng.below(999_999)
        ));
        org.address = Some(format!(
            "{city}{}路{}号",
            ["建设", "钢铁", "民族", "阿尔丁", "新华", "团结"][self.base_counter % 6],
            rng.range(1, 300)
        ));
        let base = self.put(&org, ymd(approval_year, 3, 1))?;

        let occupations = self.occupations(plan.industry);
        let home = &plan.division[..4];
        let scale = match plan.tier {
            Tier::National => 1.0,
            Tier::Region => 0.55,
            Tier::League => 0.3,
        };
        let facilities = self.facilities(base, &occupations, scale, approval_year)?;
        self.capacity(base, plan.tier, approval_year)?;
        let packages = self.packages(base, &occupations, approval_year)?;
        let pool = employers(&mut self.rng, city_short, &words, 40);
        self.teachers(base, plan.teachers, home, &pool, &occupations)?;
        self.training(base, plan, &occupations, &packages, &facilities, home, &pool)?;
        self.services(base, plan.tier, &pool, &facilities, city_short)?;
        self.competitions(base, &occupations, scale)?;
        self.funds(base, plan.tier, approval_year, true)?;
        Ok(base)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::Profile;

    #[test]
    fn the_region_profiles_bases_have_distinct_names() {
        let plan = plan(Profile::Region);
        let names: std::collections::HashSet<String> = plan
            .bases
            .iter()
            .enumerate()
            .map(|(i, b)| host_unit(i + 1, city_of(b.division), &industry_words(b.industry)))
            .collect();
        assert_eq!(names.len(), plan.bases.len());
    }
}
