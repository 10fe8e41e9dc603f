//! Writes one of each chart (and a few degenerate cases) as SVG files, to look at by eye:
//! `cargo run -p charts --example gallery [DIR]` (default `/tmp/charts`).

use charts::{Interval, Series};
use domain::eval::summary::Histogram;

fn main() -> std::io::Result<()> {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "/tmp/charts".to_string());
    let dir = std::path::Path::new(&dir);
    std::fs::create_dir_all(dir)?;
    for (name, svg) in gallery() {
        std::fs::write(dir.join(format!("{name}.svg")), svg)?;
    }
    println!("wrote charts to {}", dir.display());
    Ok(())
}

fn gallery() -> Vec<(&'static str, String)> {
    let unit_edges: Vec<f64> = (0..=10).map(|i| i as f64 / 10.0).collect();
    let histogram = Histogram {
        edges: unit_edges.clone(),
        counts: vec![1, 0, 2, 3, 5, 8, 13, 21, 34, 12],
    };
    let latency = Histogram {
        edges: (0..=10).map(|i| 120.0 + i as f64 * 380.0).collect(),
        counts: vec![4, 19, 41, 30, 12, 6, 2, 1, 0, 1],
    };
    let interval = |label: &str, estimate: f64, half: f64, highlight: bool| Interval {
        label: label.to_string(),
        estimate,
        low: estimate - half,
        high: estimate + half,
        highlight,
    };
    let variants = vec![
        interval("control", 0.612, 0.041, false),
        interval("concise-prompt-v2", 0.684, 0.038, true),
        interval(
            "a-very-long-variant-name-that-will-not-fit",
            0.598,
            0.06,
            false,
        ),
    ];
    let deltas = vec![
        interval("exact_match", 0.04, 0.03, true),
        interval("bleu", -0.012, 0.02, false),
        interval("latency (s)", 0.3, 0.25, false),
    ];
    let curve = |name: &str, target: f64, phase: f64| Series {
        name: name.to_string(),
        points: (1..=60)
            .map(|i| {
                let t = i as f64 * 60.0;
                (
                    t,
                    target + 0.2 * (phase + i as f64 / 3.0).sin() / (i as f64).sqrt(),
                )
            })
            .collect(),
    };
    let series = vec![
        curve("control", 0.61, 0.0),
        curve("concise-prompt-v2", 0.68, 1.0),
        curve("terse", 0.55, 2.0),
    ];
    let names: Vec<String> = ["control", "concise-prompt-v2", "terse"]
        .map(String::from)
        .to_vec();
    let pairs: Vec<(f64, f64)> = (0..80)
        .map(|i| {
            let base = ((i * 37) % 100) as f64 / 100.0;
            let candidate = (base + (((i * 53) % 41) as f64 - 16.0) / 100.0).clamp(0.0, 1.0);
            (base, candidate)
        })
        .collect();
    vec![
        (
            "histogram",
            charts::score_histogram("answer_relevance", &histogram, Some(0.7)),
        ),
        (
            "histogram-latency",
            charts::score_histogram("latency_ms", &latency, None),
        ),
        (
            "histogram-empty",
            charts::score_histogram(
                "exact_match",
                &Histogram {
                    edges: unit_edges,
                    counts: vec![0; 10],
                },
                Some(0.5),
            ),
        ),
        ("pass-fail", charts::pass_fail(412, 57, 9)),
        ("pass-fail-empty", charts::pass_fail(0, 0, 0)),
        ("pass-fail-tiny", charts::pass_fail(997, 2, 1)),
        (
            "intervals",
            charts::intervals("Mean exact_match per variant", &variants, Some(0.612)),
        ),
        (
            "intervals-deltas",
            charts::intervals("Candidate − base per metric", &deltas, Some(0.0)),
        ),
        (
            "intervals-empty",
            charts::intervals("Nothing yet", &[], None),
        ),
        (
            "lines",
            charts::lines(
                "Cumulative conversion per variant",
                "Seconds since start",
                "Conversion rate",
                &series,
            ),
        ),
        (
            "lines-empty",
            charts::lines("No events", "Events", "Value", &[]),
        ),
        (
            "traffic",
            charts::traffic(&names, &[50.0, 25.0, 25.0], &[49.2, 27.9, 22.9]),
        ),
        ("traffic-empty", charts::traffic(&[], &[], &[])),
        ("matrix", charts::transition_matrix(120, 14, 31, 35)),
        ("matrix-empty", charts::transition_matrix(0, 0, 0, 0)),
        (
            "scatter",
            charts::scatter(
                "exact_match: base vs candidate",
                "Base score",
                "Candidate score",
                &pairs,
            ),
        ),
        (
            "scatter-empty",
            charts::scatter("Nothing paired", "Base", "Candidate", &[]),
        ),
    ]
}
