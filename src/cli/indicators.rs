//! `skillbase indicators --db PATH [--json]`: the indicator sets (stored and built-in)
//! with their indicators, and which set is in force for each year, kind and tier, from
//! the first year a set covers to next year. Reads only.

use std::io::Write;
use std::path::Path;

use super::open::open_existing;
use super::{Failure, Outcome};
use crate::domain::Labelled;
use crate::domain::indicators::{SetWithIndicators, in_force};
use crate::i18n::Lang;
use crate::i18n::indicators::text;

pub(super) fn run(path: &Path, json: bool, lang: Lang) -> Outcome {
    let store = open_existing(path, lang)?;
    let sets = store.indicator_sets().map_err(|e| Failure::from_store(e, lang))?;
    let first = sets.iter().map(|s| s.set.record.from_year).min();
    let last = chrono::Datelike::year(&store.today().0) + 1;
    let years: Vec<i32> = first.map_or_else(Vec::new, |f| (f.min(last)..=last).collect());
    let mut out = super::stdout();
    if json {
        let value = serde_json::json!({
            "sets": sets.iter().map(set_json).collect::<Vec<_>>(),
            "in_force": in_force_json(&sets, &years),
        });
        let _ = writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&value).unwrap_or_default()
        );
        return Ok(());
    }
    let t = text(lang);
    let _ = writeln!(out, "{}", t.sets_heading);
    if sets.is_empty() {
        let _ = writeln!(out, "  {}", t.no_sets);
    }
    for s in &sets {
        let r = &s.set.record;
        let source = if s.built_in { t.built_in } else { t.stored };
        let _ = writeln!(
            out,
            "  {}（{source}）  {}",
            r.name,
            (t.years)(r.from_year, r.to_year)
        );
        let _ = writeln!(out, "    {}：{}", t.document, r.document);
        let _ = writeln!(out, "    {}", (t.attendance_floor)(s.attendance_floor()));
        for i in &s.indicators {
            let i = &i.record;
            let label = match lang {
                Lang::Zh => &i.label_zh,
                Lang::En => &i.label_en,
            };
            let period = i.period_years.map(t.period).unwrap_or_default();
            let _ = writeln!(
                out,
                "    {} · {}  {label}（{}{period}）  {} {} {}",
                i.org_kind.label(lang),
                i.tier.label(lang),
                i.basis.label(lang),
                i.comparison.symbol(),
                i.threshold,
                i.unit
            );
        }
    }
    let _ = writeln!(out, "\n{}", t.in_force_heading);
    for (kind, tier) in crate::domain::indicators::KINDS_AND_TIERS {
        let _ = writeln!(out, "  {} · {}", kind.label(lang), tier.label(lang));
        // Consecutive years under the same set, as one line.
        let mut runs: Vec<(i32, i32, Option<&SetWithIndicators>)> = Vec::new();
        for &y in &years {
            let set = in_force(&sets, y, kind, Some(tier));
            match runs.last_mut() {
                Some((_, to, s)) if s.map(|s| s.set.id) == set.map(|s| s.set.id) => *to = y,
                _ => runs.push((y, y, set)),
            }
        }
        for (from, to, set) in runs {
            let years = if from == to {
                from.to_string()
            } else {
                format!("{from}–{to}")
            };
            let name = set.map_or(t.none_in_force, |s| s.set.record.name.as_str());
            let _ = writeln!(out, "    {years}  {name}");
        }
    }
    Ok(())
}

fn set_json(s: &SetWithIndicators) -> serde_json::Value {
    let r = &s.set.record;
    serde_json::json!({
        "id": s.set.id.to_string(),
        "name": r.name,
        "document": r.document,
        "issuer": r.issuer,
        "from_year": r.from_year,
        "to_year": r.to_year,
        "attendance_floor": s.attendance_floor(),
        "built_in": s.built_in,
        "version": s.version(),
        "indicators": s.indicators.iter().map(|i| {
            let i = &i.record;
            serde_json::json!({
                "org_kind": i.org_kind.code(),
                "tier": i.tier.code(),
                "key": i.key.code(),
                "label_zh": i.label_zh,
                "label_en": i.label_en,
                "unit": i.unit,
                "threshold": i.threshold,
                "comparison": i.comparison.code(),
                "basis": i.basis.code(),
                "period_years": i.period_years,
            })
        }).collect::<Vec<_>>(),
    })
}

fn in_force_json(sets: &[SetWithIndicators], years: &[i32]) -> Vec<serde_json::Value> {
    let mut out = Vec::new();
    for &year in years {
        for (kind, tier) in crate::domain::indicators::KINDS_AND_TIERS {
            let set = in_force(sets, year, kind, Some(tier));
            out.push(serde_json::json!({
                "year": year,
                "org_kind": kind.code(),
                "tier": tier.code(),
                "set": set.map(|s| s.set.id.to_string()),
                "set_name": set.map(|s| s.set.record.name.clone()),
            }));
        }
    }
    out
}
