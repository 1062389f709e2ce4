//! What a profile makes, decided before anything is written: the bases and studios,
//! their tiers, industries, places and sizes.

use chrono::Datelike;

use crate::demo::{AS_OF, FIRST_YEAR, Profile, REGION_PEOPLE};
use crate::domain::codes::KeyIndustry;
use crate::domain::org::Tier;

/// One studio to make.
#[derive(Clone, Debug)]
pub struct StudioPlan {
    pub tier: Tier,
    pub industry: KeyIndustry,
    pub division: &'static str,
    /// New apprentices taken on each year.
    pub apprentices_per_year: u64,
}

/// One base to make, with the studios it hosts.
#[derive(Clone, Debug)]
pub struct BasePlan {
    pub tier: Tier,
    pub industry: KeyIndustry,
    pub division: &'static str,
    /// Distinct trainees over all years.
    pub trainees: u64,
    pub teachers: u64,
    pub studios: Vec<StudioPlan>,
}

/// What a profile makes.
#[derive(Clone, Debug, Default)]
pub struct Plan {
    pub bases: Vec<BasePlan>,
    pub lone_studios: Vec<StudioPlan>,
}

impl StudioPlan {
    /// The master and every apprentice taken on over the demo's years (studios are all
    /// approved by the first year).
    fn people(&self) -> u64 {
        let years = (AS_OF.year() - FIRST_YEAR + 1) as u64;
        1 + years * self.apprentices_per_year
    }
}

impl Plan {
    /// People the plan makes.
    pub fn people(&self) -> u64 {
        self.bases
            .iter()
            .map(|b| b.trainees + b.teachers + b.studios.iter().map(StudioPlan::people).sum::<u64>())
            .sum::<u64>()
            + self.lone_studios.iter().map(StudioPlan::people).sum::<u64>()
    }
}

/// Divisions where bases stand (one per league or city), with a key industry each.
const SITES: &[(&str, KeyIndustry)] = &[
    ("150203", KeyIndustry::GeneralEquipment),
    ("150105", KeyIndustry::ModernServices),
    ("150602", KeyIndustry::EnergyChemical),
    ("150207", KeyIndustry::NonFerrous),
    ("150502", KeyIndustry::GreenAgriLivestock),
    ("150402", KeyIndustry::EnergyChemical),
    ("150702", KeyIndustry::GreenAgriLivestock),
    ("150802", KeyIndustry::GreenAgriLivestock),
    ("150902", KeyIndustry::Construction),
    ("150302", KeyIndustry::EnergyChemical),
    ("152502", KeyIndustry::EnergyChemical),
    ("152201", KeyIndustry::TransportEquipment),
    ("152921", KeyIndustry::NonFerrous),
    ("150102", KeyIndustry::TransportEquipment),
    ("150204", KeyIndustry::GeneralEquipment),
];

fn studio(tier: Tier, industry: KeyIndustry, division: &'static str) -> StudioPlan {
    let per_year = match tier {
        Tier::National => 14,
        Tier::Region => 8,
        Tier::League => 6,
    };
    StudioPlan {
        tier,
        industry,
        division,
        apprentices_per_year: per_year,
    }
}

/// The organisations a profile makes, decided before anything is written.
pub fn plan(profile: Profile) -> Plan {
    match profile {
        // Sized so that a normal year meets the tier's target and the thin year 2020 does not.
        Profile::NationalBase => single_base(
            Tier::National,
            KeyIndustry::GeneralEquipment,
            "150203",
            14_000,
            80,
        ),
        Profile::RegionBase => single_base(Tier::Region, KeyIndustry::EnergyChemical, "150602", 7_000, 45),
        Profile::Studio => Plan {
            bases: vec![],
            lone_studios: vec![studio(Tier::Region, KeyIndustry::NonFerrous, "152921")],
        },
        Profile::Region => region_plan(),
    }
}

/// The national base with a chosen number of trainees (the app's benchmark uses 100,000).
pub fn national_base_with(trainees: u64) -> Plan {
    single_base(
        Tier::National,
        KeyIndustry::GeneralEquipment,
        "150203",
        trainees,
        80,
    )
}

/// One base with its trainees and teachers, hosting one studio of the same tier.
fn single_base(
    tier: Tier,
    industry: KeyIndustry,
    division: &'static str,
    trainees: u64,
    teachers: u64,
) -> Plan {
    Plan {
        bases: vec![BasePlan {
            tier,
            industry,
            division,
            trainees,
            teachers,
            studios: vec![studio(tier, industry, division)],
        }],
        lone_studios: vec![],
    }
}

/// About 100 organisations: 50 bases (8 national, 30 region-level, 12 league-level) and 50
/// studios (half hosted by a base), with exactly [`REGION_PEOPLE`] people in all.
fn region_plan() -> Plan {
    let mut plan = Plan::default();
    let tiers: Vec<Tier> = std::iter::repeat_n(Tier::National, 8)
        .chain(std::iter::repeat_n(Tier::Region, 30))
        .chain(std::iter::repeat_n(Tier::League, 12))
        .collect();
    for (i, tier) in tiers.iter().enumerate() {
        let (division, industry) = SITES[i % SITES.len()];
        let teachers = match tier {
            Tier::National => 80,
            Tier::Region => 45,
            Tier::League => 25,
        };
        plan.bases.push(BasePlan {
            tier: *tier,
            industry,
            division,
            trainees: 0,
            teachers,
            studios: vec![],
        });
    }
    let studio_tiers: Vec<Tier> = std::iter::repeat_n(Tier::National, 10)
        .chain(std::iter::repeat_n(Tier::Region, 30))
        .chain(std::iter::repeat_n(Tier::League, 10))
        .collect();
    for (i, tier) in studio_tiers.into_iter().enumerate() {
        let (division, industry) = SITES[(i * 7 + 3) % SITES.len()];
        let s = studio(tier, industry, division);
        if i % 2 == 0 {
            let host = (i / 2) % plan.bases.len();
            let host_division = plan.bases[host].division;
            plan.bases[host].studios.push(StudioPlan {
                division: host_division,
                ..s
            });
        } else {
            plan.lone_studios.push(s);
        }
    }
    // People who are not trainees: teachers, and per studio a master and its apprentices.
    let others = plan.people();
    let weights: Vec<u64> = plan
        .bases
        .iter()
        .map(|b| match b.tier {
            Tier::National => 40,
            Tier::Region => 20,
            Tier::League => 10,
        })
        .collect();
    let total_weight: u64 = weights.iter().sum();
    let trainees = REGION_PEOPLE.saturating_sub(others);
    let mut assigned = 0;
    let n = plan.bases.len();
    for (i, (base, w)) in plan.bases.iter_mut().zip(&weights).enumerate() {
        base.trainees = if i + 1 == n {
            trainees - assigned
        } else {
            trainees * w / total_weight
        };
        assigned += base.trainees;
    }
    plan
}
