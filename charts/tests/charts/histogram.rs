use charts::score_histogram;
use domain::eval::summary::Histogram;

use crate::check;

fn unit(counts: Vec<u64>) -> Histogram {
    Histogram {
        edges: (0..=10).map(|i| i as f64 / 10.0).collect(),
        counts,
    }
}

#[test]
fn shows_title_axes_ticks_counts_and_threshold() {
    let svg = score_histogram(
        "answer_relevance",
        &unit(vec![1, 0, 2, 3, 5, 8, 13, 21, 34, 12]),
        Some(0.7),
    );
    let doc = check::chart(
        &svg,
        &[
            "answer_relevance",
            "Score",
            "Samples",
            "0",
            "0.5",
            "1",
            "34",
            "threshold 0.7",
            "99 samples",
        ],
    );
    assert_eq!(doc.title, "answer_relevance");
    // Nine non-empty bins, each an accent bar.
    assert_eq!(svg.matches("fill=\"#4F46E5\"").count(), 9);
}

#[test]
fn is_deterministic() {
    check::deterministic(|| {
        score_histogram("m", &unit(vec![3, 1, 4, 1, 5, 9, 2, 6, 5, 3]), Some(0.5))
    });
}

#[test]
fn empty_and_degenerate_histograms_still_draw() {
    let cases = [
        Histogram {
            edges: vec![],
            counts: vec![],
        },
        Histogram {
            edges: vec![0.0],
            counts: vec![5],
        },
        unit(vec![0; 10]),
        Histogram {
            edges: vec![0.5, 0.5],
            counts: vec![3],
        },
        Histogram {
            edges: vec![f64::NAN, 1.0, f64::INFINITY],
            counts: vec![1, 2],
        },
        Histogram {
            edges: vec![1.0, 0.0],
            counts: vec![4],
        },
        Histogram {
            edges: vec![0.0, 1.0, 2.0],
            counts: vec![u64::MAX, u64::MAX],
        },
        Histogram {
            edges: vec![-f64::MAX, f64::MAX],
            counts: vec![1],
        },
        Histogram {
            edges: vec![0.0, 1.0],
            counts: vec![1, 2, 3],
        },
    ];
    for histogram in &cases {
        for threshold in [
            None,
            Some(f64::NAN),
            Some(f64::INFINITY),
            Some(7.5),
            Some(0.5),
        ] {
            let svg = score_histogram("degenerate", histogram, threshold);
            check::chart(&svg, &["degenerate", "Score", "Samples"]);
        }
    }
    let empty = score_histogram("empty", &unit(vec![0; 10]), None);
    check::chart(&empty, &["No scores yet", "0 samples"]);
}
