//! The paired samples that moved between pass and fail, with what each run saw.

use super::pairing::Pair;
use super::report::SampleChange;

/// Regressions (passed in the base, fail in the candidate) and improvements (failed in the
/// base, pass in the candidate), in the order of `pairs`. An errored sample counts as failed.
pub fn changed_samples(pairs: &[Pair<'_>]) -> (Vec<SampleChange>, Vec<SampleChange>) {
    let mut regressions = Vec::new();
    let mut improvements = Vec::new();
    for pair in pairs {
        match (pair.base.passed, pair.candidate.passed) {
            (true, false) => regressions.push(sample_change(pair)),
            (false, true) => improvements.push(sample_change(pair)),
            _ => {}
        }
    }
    (regressions, improvements)
}

fn sample_change(pair: &Pair<'_>) -> SampleChange {
    let (base, candidate) = (pair.base, pair.candidate);
    SampleChange {
        sample_id: candidate.sample_id,
        position: candidate.position,
        input: candidate.input.clone(),
        expected_output: candidate.expected_output.clone(),
        base_output: base.output.clone(),
        candidate_output: candidate.output.clone(),
        base_error: base.error.clone(),
        candidate_error: candidate.error.clone(),
        base_scores: base.scores.clone(),
        candidate_scores: candidate.scores.clone(),
    }
}
