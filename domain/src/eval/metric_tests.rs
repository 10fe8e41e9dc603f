use super::*;

fn problems(metrics: &[MetricSpec]) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let metrics: Vec<_> = metrics.iter().cloned().map(Some).collect();
    check_metrics(&metrics, &mut errors);
    errors
}

#[test]
fn scores_need_thresholds_between_0_and_1_and_costs_a_positive_one() {
    for (metric, threshold, ok) in [
        (MetricName::Levenshtein, 0.8, true),
        (MetricName::Levenshtein, 1.0, true),
        (MetricName::Levenshtein, 1.5, false),
        (MetricName::Bleu, -0.1, false),
        (MetricName::Latency, 2_000.0, true),
        (MetricName::Latency, 0.0, false),
        (MetricName::Tokens, f64::NAN, false),
    ] {
        let errors = problems(&[MetricSpec::new(metric).with_threshold(threshold)]);
        assert_eq!(errors.is_empty(), ok, "{metric:?} {threshold}: {errors:?}");
        if !ok {
            assert_eq!(errors[0].field, "metrics[0].threshold");
        }
    }
}

#[test]
fn thresholds_point_the_way_of_their_metric() {
    assert!(MetricName::Levenshtein.passes(0.8, 0.8));
    assert!(!MetricName::Levenshtein.passes(0.79, 0.8));
    assert!(MetricName::Latency.passes(900.0, 1_000.0));
    assert!(!MetricName::Latency.passes(1_001.0, 1_000.0));
}

#[test]
fn a_regex_needs_a_pattern_that_compiles() {
    let mut regex = MetricSpec::new(MetricName::Regex);
    assert_eq!(problems(&[regex.clone()])[0].field, "metrics[0].pattern");
    regex.pattern = Some("(unclosed".into());
    let errors = problems(&[regex.clone()]);
    assert_eq!(errors[0].field, "metrics[0].pattern");
    assert!(
        errors[0]
            .message
            .starts_with("is not a valid regular expression")
    );
    regex.pattern = Some(r"^\d+$".into());
    assert!(problems(&[regex]).is_empty());
}

#[test]
fn options_belong_to_their_metrics() {
    let mut exact = MetricSpec::new(MetricName::ExactMatch);
    exact.rubric = Some("be nice".into());
    exact.value = Some("x".into());
    let fields: Vec<_> = problems(&[exact]).into_iter().map(|e| e.field).collect();
    assert_eq!(fields, ["metrics[0].value", "metrics[0].rubric"]);
    let judge = MetricSpec::new(MetricName::LlmJudge);
    assert_eq!(problems(&[judge])[0].field, "metrics[0].rubric");
}

#[test]
fn a_run_needs_metrics_and_no_exact_repeats() {
    assert_eq!(problems(&[])[0].field, "metrics");
    let exact = MetricSpec::new(MetricName::ExactMatch);
    let errors = problems(&[exact.clone(), exact]);
    assert_eq!(errors[0].field, "metrics[1]");
    let mut first = MetricSpec::new(MetricName::Regex);
    first.pattern = Some("a".into());
    let mut second = first.clone();
    second.pattern = Some("b".into());
    assert!(problems(&[first.clone(), second.clone()]).is_empty());
    assert_eq!(metric_keys(&[first, second]), ["regex", "regex#2"]);
}

#[test]
fn names_round_trip() {
    for metric in MetricName::ALL {
        assert_eq!(MetricName::parse(metric.as_str()), Some(metric));
        let json = serde_json::to_value(metric).unwrap();
        assert_eq!(json, metric.as_str());
    }
}
