//! Pairing the samples of two runs by sample id, in linear time.

use std::collections::HashMap;

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

/// Pairs results by `sample_id`, which is unique within a run (the store's primary key).
///
/// Runs of one dataset version list the same samples in the same order, so the leading
/// samples whose ids agree index by index are paired as they stand; only the rest are matched
/// through a hash map. Hashing every id would be a third of a comparison's time.
pub fn pair<'a>(base: &'a [SampleResult], candidate: &'a [SampleResult]) -> Pairing<'a> {
    let aligned = base
        .iter()
        .zip(candidate)
        .take_while(|(base, candidate)| base.sample_id == candidate.sample_id)
        .count();
    let mut pairs: Vec<Pair<'a>> = base[..aligned]
        .iter()
        .zip(&candidate[..aligned])
        .map(|(base, candidate)| Pair { base, candidate })
        .collect();
    let (base_rest, candidate_rest) = (&base[aligned..], &candidate[aligned..]);
    let mut unmatched: HashMap<Uuid, &SampleResult> = base_rest
        .iter()
        .map(|result| (result.sample_id, result))
        .collect();
    let mut candidate_only = Vec::new();
    for result in candidate_rest {
        match unmatched.remove(&result.sample_id) {
            Some(base) => pairs.push(Pair {
                base,
                candidate: result,
            }),
            None => candidate_only.push(result.sample_id),
        }
    }
    // Usually already in order, which the sort only confirms.
    pairs.sort_by_key(|pair| (pair.candidate.position, pair.candidate.sample_id));
    let base_only = base_rest
        .iter()
        .map(|result| result.sample_id)
        .filter(|id| unmatched.contains_key(id))
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
