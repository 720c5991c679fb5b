//! What the loader adds once everything is read: the citations inside the
//! regulations' own texts, and the backlinks (what cites each clause, which
//! cases show each risk point). Renderers read these; none resolves again.

use super::resolve::{Target, citations_in};
use super::*;

/// The citations in every paragraph's and item's text, each read relative to
/// its own clause (so 前款 and 本条 resolve).
pub(super) fn link_clauses(lib: &mut Library) {
    let mut all = Vec::new();
    for (ri, reg) in lib.regulations.iter().enumerate() {
        let mut links = BTreeMap::new();
        for a in &reg.tree.articles {
            for p in &a.paragraphs {
                let key = |eid: &str| ClauseKey {
                    regulation: ri,
                    eid: eid.to_string(),
                };
                links.insert(
                    p.eid.clone(),
                    citations_in(&lib.regulations, &p.text, Some(&key(&p.eid))),
                );
                for pt in &p.points {
                    links.insert(
                        pt.eid.clone(),
                        citations_in(&lib.regulations, &pt.text, Some(&key(&pt.eid))),
                    );
                }
            }
        }
        all.push(links);
    }
    for (reg, links) in lib.regulations.iter_mut().zip(all) {
        reg.links = links;
    }
}

/// Fills in what cites each clause, and which cases show each risk point.
pub(super) fn link_backwards(lib: &mut Library) {
    let mut backlinks: BTreeMap<ClauseKey, Backlinks> = BTreeMap::new();
    for (i, a) in lib.annotations.iter().enumerate() {
        backlinks
            .entry(a.target.clone())
            .or_default()
            .annotations
            .push(i);
    }
    for (i, c) in lib.cases.iter().enumerate() {
        for k in &c.clauses {
            backlinks.entry(k.clone()).or_default().cases.push(i);
            // A case read against an earlier text also applied the article as it now
            // stands (through renumbering), so the current page lists it too.
            if let Some(now) = lib.forward(k).filter(|now| now != k) {
                backlinks.entry(now).or_default().cases.push(i);
            }
        }
    }
    for (i, r) in lib.risks.iter().enumerate() {
        for k in &r.clauses {
            backlinks.entry(k.clone()).or_default().risks.push(i);
        }
    }
    for (i, g) in lib.guides.iter().enumerate() {
        for found in citations_in(&lib.regulations, &g.body.markdown, None) {
            if let Ok(Target::Clauses(keys)) = found.target {
                for k in keys {
                    backlinks.entry(k).or_default().guides.push(i);
                }
            }
        }
    }
    for (i, l) in lib.lessons.iter().enumerate() {
        let pulled = l
            .slides
            .iter()
            .flat_map(|s| &s.blocks)
            .filter_map(|b| match b {
                crate::training::Block::Clause(k) => Some(k),
                _ => None,
            });
        for k in l.clauses.iter().chain(pulled) {
            backlinks.entry(k.clone()).or_default().lessons.push(i);
        }
    }
    for b in backlinks.values_mut() {
        for v in [
            &mut b.annotations,
            &mut b.cases,
            &mut b.risks,
            &mut b.guides,
            &mut b.lessons,
        ] {
            v.sort_unstable();
            v.dedup();
        }
    }
    lib.backlinks = backlinks;
    for (ci, c) in lib.cases.iter().enumerate() {
        for r in &c.risk_points {
            if let Some(ri) = lib.risks.iter().position(|x| &x.id == r) {
                lib.risks[ri].cases.push(ci);
            }
        }
    }
}
