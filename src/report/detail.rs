//! The parts of a return that are more than counts of the year's records: the studios a
//! base hosts, with their headline figures and where their own returns stand; a studio's
//! apprenticeship agreements one by one; its achievements one by one.

use serde::Serialize;

use super::figures;
use crate::domain::Id;
use crate::domain::Labelled;
use crate::domain::codes;
use crate::domain::org::Organisation;
use crate::domain::studio::ApprenticeshipStatus;
use crate::domain::year::YOUTH_MAX_AGE;
use crate::domain::year::YearData;
use crate::lang::Lang;
use crate::rules::Findings;
use crate::store::{Store, StoreError};

/// A studio the organisation hosts, as the host's return lists it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct HostedStudio {
    pub id: String,
    pub name: String,
    pub tier_label: Option<String>,
    pub master: Option<String>,
    pub active_apprentices: u64,
    pub completed: u64,
    pub young_backbones: u64,
    /// The young-backbones threshold of the studio's set in force, as printed.
    pub target: Option<String>,
    /// The verification code of the studio's own return of the year, when it has been
    /// marked as submitted in this database.
    pub submitted_code: Option<String>,
}

/// One apprenticeship agreement of a studio's year.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Agreement {
    pub id: String,
    pub apprentice: String,
    pub occupation: String,
    pub agreement_date: Option<String>,
    pub start_date: String,
    pub end_date: Option<String>,
    pub grade_at_start: Option<String>,
    pub grade_at_end: Option<String>,
    pub status: String,
    /// Counted among the year's young skill backbones.
    pub young_backbone: bool,
}

/// One achievement of the year.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AchievementItem {
    pub id: String,
    pub title: String,
    pub kind: String,
    pub date: String,
    pub patent_number: Option<String>,
    /// 经济效益, in fen.
    pub economic_benefit: i64,
}

/// The studios `org` hosts, each with its `year`'s headline figures.
pub fn hosted_studios(
    store: &Store,
    org: Id<Organisation>,
    year: i32,
) -> Result<Vec<HostedStudio>, StoreError> {
    let mut out = Vec::new();
    for studio in &store.hosted_by(org)? {
        let data = store.load_year_figures(studio.id, year)?;
        let r = figures::compute(&data, &Findings::default());
        let young = r.indicators.iter().find(|i| i.key == "young_backbones");
        out.push(HostedStudio {
            id: studio.id.to_string(),
            name: studio.record.name.clone(),
            tier_label: studio.record.tier.map(|t| t.label(Lang::Zh).to_string()),
            master: r.organisation.master.clone(),
            active_apprentices: r.apprentices.active,
            completed: r.apprentices.completed,
            young_backbones: r.apprentices.young_backbones,
            target: young.map(|i| i.threshold_shown()),
            submitted_code: store.latest_submission(studio.id, year)?.map(|s| s.verification),
        });
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

/// The studio's apprenticeships running in the year, by start date and apprentice, with
/// their status and final grade as at the end of the year (one that ended later is shown
/// as running then).
pub fn agreements(year: &YearData) -> Vec<Agreement> {
    let mut list: Vec<_> = year.apprenticeships.iter().collect();
    list.sort_by_key(|a| {
        (
            a.record.start_date,
            year.person(a.record.apprentice).map(|p| p.name.clone()),
        )
    });
    list.into_iter()
        .map(|stored| {
            let a = &stored.record;
            // As the year's end saw it: an apprenticeship that ended later was still running.
            let ended = a.end_date.is_some_and(|d| d <= year.last_day());
            let status = if ended {
                a.status
            } else {
                ApprenticeshipStatus::Active
            };
            Agreement {
                id: stored.id.to_string(),
                apprentice: year
                    .person(a.apprentice)
                    .map_or_else(|| "（人员记录缺失）".into(), |p| p.name.clone()),
                occupation: codes::occupation(&a.occupation)
                    .map_or_else(|| a.occupation.clone(), |o| o.name.to_string()),
                agreement_date: a.agreement_date.map(|d| d.to_string()),
                start_date: a.start_date.to_string(),
                end_date: a.end_date.map(|d| d.to_string()),
                grade_at_start: a.grade_at_start.map(|g| g.label_zh().to_string()),
                grade_at_end: a.grade_at_end.filter(|_| ended).map(|g| g.label_zh().to_string()),
                status: status.label(Lang::Zh).to_string(),
                young_backbone: year.is_young_backbone(a),
            }
        })
        .collect()
}

/// The year's achievements, by date.
pub fn achievements(year: &YearData) -> Vec<AchievementItem> {
    let mut list: Vec<_> = year.achievements.iter().collect();
    list.sort_by(|a, b| (a.record.date, &a.record.title).cmp(&(b.record.date, &b.record.title)));
    list.into_iter()
        .map(|stored| (stored.id.to_string(), &stored.record))
        .map(|(id, a)| AchievementItem {
            id,
            title: a.title.clone(),
            kind: a.kind.label(Lang::Zh).to_string(),
            date: a.date.to_string(),
            patent_number: a.patent_number.clone(),
            economic_benefit: a.economic_benefit.0,
        })
        .collect()
}

/// The age limit as the agreements table's column names it.
pub fn youth_rule() -> String {
    format!("出师时{YOUTH_MAX_AGE}周岁及以下、高级工及以上")
}
