//! Indicator sets as the store keeps them. A set names no organisation: it is the
//! region's rule for all of them, issued by a regional department, so every data package
//! carries the database's sets (`exchange::select_for_package`), a base takes a set a
//! package brings like any record, and a regional consolidation keeps the newest version
//! of each set whichever organisation's package brought it (none owns it, so none
//! withdraws it). The built-in 2015 plan is not stored (`domain::indicators`).

use super::{Result, Scope, Store};
use crate::domain::Id;
use crate::domain::indicators::{self, Indicator, IndicatorSet, SetWithIndicators};
use crate::domain::org::Organisation;

impl Store {
    /// True when no register but the indicator sets' holds any record: a regional
    /// department's database with its sets defined and no package loaded yet may become
    /// a consolidation.
    pub fn holds_only_indicator_sets(&self) -> Result<bool> {
        use crate::domain::RecordKind;
        let others: Vec<RecordKind> = RecordKind::ALL
            .iter()
            .copied()
            .filter(|k| !matches!(k, RecordKind::IndicatorSet | RecordKind::Indicator))
            .collect();
        self.holds_none_of(&others)
    }

    /// Every live set here, each with its live indicators, and the built-in sets not
    /// stored here: what the set in force is chosen from.
    pub fn indicator_sets(&self) -> Result<Vec<SetWithIndicators>> {
        let scope = Scope::default();
        Ok(indicators::gather(
            self.list::<IndicatorSet>(&scope)?,
            self.list::<Indicator>(&scope)?,
        ))
    }

    /// The attendance floor (a share: 0.8 for 80%) of the set in force for `org`'s
    /// `year`: the least part of a cohort's planned hours a completion needs.
    pub fn attendance_floor(&self, org: Id<Organisation>, year: i32) -> Result<f64> {
        let o = self.get(org)?;
        Ok(indicators::attendance_floor(
            &self.indicator_sets()?,
            year,
            o.record.kind,
            o.record.tier,
        ))
    }
}

impl Store {
    /// `data` with the indicator sets, and the earlier years' young backbones when the set
    /// in force for its organisation averages over years.
    pub(super) fn with_indicator_sets(
        &self,
        mut data: crate::domain::year::YearData,
    ) -> Result<crate::domain::year::YearData> {
        let sets = self.indicator_sets()?;
        let o = &data.org.record;
        if let Some(tier) = o.tier
            && let Some(set) = indicators::in_force(&sets, data.year, o.kind, o.tier)
            && let Some(first) =
                indicators::earliest_year_needed(set, data.year, o.kind, tier, o.approval_year)
        {
            for y in first..data.year {
                let n = self.year_headline(data.org.id, y)?.young_backbones;
                data.earlier_young_backbones.push((y, n));
            }
        }
        data.indicator_sets = sets;
        Ok(data)
    }
}

impl Store {
    /// Stores a copy of a set (the built-in one, to be edited) with its indicators under
    /// new ids, in one transaction. In force from the same year, the stored copy stands
    /// for the built-in set from then on (`domain::indicators::in_force`).
    pub fn copy_indicator_set(&mut self, source: &SetWithIndicators) -> Result<Id<IndicatorSet>> {
        self.write(|w| {
            let set = w.insert(source.set.record.clone())?;
            for i in &source.indicators {
                w.insert(Indicator {
                    indicator_set: set,
                    ..i.record.clone()
                })?;
            }
            Ok(set)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::RecordKind;
    use crate::domain::org::{OrgKind, Tier};

    /// The built-in plan copied into the database stands for it (in force from the same
    /// year, a stored set wins), the floor edited there applies, and an organisation's
    /// counts name none of the region's sets as its own.
    #[test]
    fn a_copied_plan_stands_for_the_built_in_one() {
        let mut s = Store::open_in_memory().unwrap();
        let mut o = Organisation::new(OrgKind::TrainingBase, "基地");
        o.tier = Some(Tier::National);
        let org = s.insert(o).unwrap();
        assert_eq!(s.attendance_floor(org, 2025).unwrap(), 0.8);
        let plan = indicators::default_sets().remove(0);
        let copy = s.copy_indicator_set(&plan).unwrap();
        let mut edited = s.get(copy).unwrap().record;
        edited.attendance_floor = Some(75.0);
        s.update(copy, edited).unwrap();
        let sets = s.indicator_sets().unwrap();
        let chosen = indicators::in_force(&sets, 2025, OrgKind::TrainingBase, Some(Tier::National)).unwrap();
        assert_eq!(
            (chosen.set.id, chosen.built_in, chosen.indicators.len()),
            (copy, false, 10)
        );
        assert_eq!(s.attendance_floor(org, 2025).unwrap(), 0.75);
        assert!(s.holds_only_indicator_sets().is_ok_and(|only| !only));
        let counts = s.counts_for(org).unwrap();
        let sets_counted = counts
            .iter()
            .find(|c| c.kind == RecordKind::IndicatorSet)
            .unwrap();
        assert_eq!(sets_counted.live, 0);
    }
}
