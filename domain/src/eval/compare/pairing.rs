//! Pairing the samples of two runs by sample id, in linear time.

use std::collections::{HashMap, HashSet};

use uuid::Uuid;

use super::report::{MAX_LISTED_UNPAIRED, Transitions, Unpaired};
use crate::eval::result::SampleResult;

/// One sample as both runs saw it.
#[derive(Debug, Clone, Copy)]
pub struct Pair<'a> {
    pub base: &'a SampleResult,
    pub candidate: &'a SampleResult,
}

#[derive(Debug)]
pub struct Pairing<'a> {
    /// In candidate order (position, then sample id).
    pub pairs: Vec<Pair<'a>>,
    pub base_only: Unpaired,
    pub candidate_only: Unpaired,
}

/// Pairs results by `sample_id`. A sample id repeated within one run (which the store never
/// writes) is taken at its first result.
pub fn pair<'a>(base: &'a [SampleResult], candidate: &'a [SampleResult]) -> Pairing<'a> {
    let mut by_id: HashMap<Uuid, &SampleResult> = HashMap::with_capacity(base.len());
    for result in base {
        by_id.entry(result.sample_id).or_insert(result);
    }
    let mut seen: HashSet<Uuid> = HashSet::with_capacity(candidate.len());
    let mut pairs = Vec::with_capacity(candidate.len().min(base.len()));
    let mut candidate_only = Vec::new();
    for result in candidate {
        if !seen.insert(result.sample_id) {
            continue;
        }
        match by_id.get(&result.sample_id) {
            Some(base) => pairs.push(Pair {
                base,
                candidate: result,
            }),
            None => candidate_only.push(result.sample_id),
        }
    }
    pairs.sort_by_key(|pair| (pair.candidate.position, pair.candidate.sample_id));
    let mut listed: HashSet<Uuid> = HashSet::new();
    let base_only = base
        .iter()
        .map(|result| result.sample_id)
        .filter(|id| !seen.contains(id) && listed.insert(*id))
        .collect();
    Pairing {
        pairs,
        base_only: unpaired(base_only),
        candidate_only: unpaired(candidate_only),
    }
}

fn unpaired(mut ids: Vec<Uuid>) -> Unpaired {
    let count = ids.len() as u64;
    ids.truncate(MAX_LISTED_UNPAIRED);
    Unpaired {
        count,
        sample_ids: ids,
    }
}

impl Transitions {
    pub fn count(pairs: &[Pair<'_>]) -> Transitions {
        let mut transitions = Transitions::default();
        for pair in pairs {
            let cell = match (pair.base.passed, pair.candidate.passed) {
                (true, true) => &mut transitions.pass_pass,
                (true, false) => &mut transitions.pass_fail,
                (false, true) => &mut transitions.fail_pass,
                (false, false) => &mut transitions.fail_fail,
            };
            *cell += 1;
        }
        transitions
    }
}
