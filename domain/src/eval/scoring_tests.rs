use serde_json::Map;
use uuid::Uuid;

use super::*;

fn sample(expected: &str) -> Sample {
    Sample {
        id: Uuid::nil(),
        input: "What is the capital of France?".into(),
        expected_output: expected.into(),
        context: String::new(),
        metadata: Map::new(),
    }
}

fn reply(output: &str) -> Reply<'_> {
    Reply {
        output,
        latency_ms: 120,
        total_tokens: Some(42),
    }
}

#[test]
fn each_metric_scores_under_its_key_with_its_threshold_verdict() {
    let mut regex = MetricSpec::new(MetricName::Regex);
    regex.pattern = Some("(?i)paris".into());
    let metrics = [
        MetricSpec::new(MetricName::ExactMatch).with_threshold(1.0),
        regex,
        MetricSpec::new(MetricName::Latency).with_threshold(100.0),
        MetricSpec::new(MetricName::Tokens),
    ];
    let scorer = Scorer::new(&metrics).unwrap();
    let scores = scorer.score(&sample("Paris"), reply(" Paris\n"));
    let view: Vec<_> = scores
        .iter()
        .map(|s| (s.metric.as_str(), s.value, s.passed))
        .collect();
    assert_eq!(
        view,
        [
            ("exact_match", Some(1.0), Some(true)),
            ("regex", Some(1.0), None),
            ("latency", Some(120.0), Some(false)),
            ("tokens", Some(42.0), None),
        ]
    );
    assert_eq!(verdict(&scores, false), (false, false));
}

#[test]
fn a_metric_that_cannot_be_computed_is_an_error_and_fails_the_sample() {
    let metrics = [MetricSpec::new(MetricName::Levenshtein)];
    let scorer = Scorer::new(&metrics).unwrap();
    let scores = scorer.score(&sample(""), reply("Paris"));
    assert_eq!(scores[0].value, None);
    assert_eq!(
        scores[0].error.as_deref(),
        Some("the sample has no expected output to compare with")
    );
    assert_eq!(verdict(&scores, false), (false, true));
}

#[test]
fn without_thresholds_every_scored_sample_passes() {
    let metrics = [MetricSpec::new(MetricName::TokenF1)];
    let scorer = Scorer::new(&metrics).unwrap();
    let scores = scorer.score(&sample("Paris"), reply("London"));
    assert_eq!(scores[0].value, Some(0.0));
    assert_eq!(verdict(&scores, false), (true, false));
    assert_eq!(verdict(&scorer.unscored("timed out"), true), (false, true));
}

#[test]
fn a_judge_score_replaces_its_placeholder() {
    let mut judge = MetricSpec::new(MetricName::LlmJudge).with_threshold(0.7);
    judge.rubric = Some("names the right city".into());
    let scorer = Scorer::new(&[judge]).unwrap();
    let judges: Vec<_> = scorer.judges().map(|(index, _)| index).collect();
    assert_eq!(judges, [0]);
    let score = scorer.judged(0, Ok(0.8));
    assert_eq!((score.value, score.passed), (Some(0.8), Some(true)));
    let unparseable = scorer.judged(0, Err("no score in the answer".into()));
    assert_eq!((unparseable.value, unparseable.passed), (None, Some(false)));
}

#[test]
fn contains_looks_for_its_value_when_it_has_one() {
    let mut contains = MetricSpec::new(MetricName::Contains).with_threshold(1.0);
    contains.value = Some("France".into());
    let scorer = Scorer::new(&[contains]).unwrap();
    let scores = scorer.score(&sample("Paris"), reply("Paris is in France"));
    assert_eq!(scores[0].value, Some(1.0));
}
