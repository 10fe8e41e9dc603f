//! The comparison's numbers: pass rates and McNemar's test, then one row per metric.

use domain::eval::compare::{MetricChange, RunComparison};
use leptos::prelude::*;

use super::body::verdict_badge;

#[component]
pub fn Figures(comparison: RunComparison) -> impl IntoView {
    let c = comparison;
    let percent =
        |rate: Option<f64>| rate.map_or("—".to_owned(), |r| format!("{:.1}%", r * 100.0));
    let unpaired = c.base_only.count + c.candidate_only.count;
    view! {
        <section class="card">
            <div class="card-body stack">
                <div class="stats" id="comparison-figures">
                    <div class="stat">
                        <div class="stat-label">"Pass rate"</div>
                        <div class="stat-value">{format!("{} → {}", percent(c.base_pass_rate), percent(c.candidate_pass_rate))}</div>
                        <div class="stat-hint" id="pass-rate-change">{c.pass_rate_change.map_or("—".to_owned(), |d| format!("{:+.1} points", d * 100.0))}</div>
                    </div>
                    <div class="stat">
                        <div class="stat-label">"Regressions · improvements"</div>
                        <div class="stat-value"><span class="text-danger">{c.transitions.pass_fail}</span>" · "<span class="text-success">{c.transitions.fail_pass}</span></div>
                        <div class="stat-hint">"pass → fail · fail → pass"</div>
                    </div>
                    <div class="stat">
                        <div class="stat-label">"McNemar exact p"</div>
                        <div class="stat-value" id="mcnemar-p">{format_p(c.mcnemar.p_value)}</div>
                        <div class="stat-hint">{verdict_badge(c.mcnemar.verdict)}</div>
                    </div>
                    <div class="stat">
                        <div class="stat-label">"Paired samples"</div>
                        <div class="stat-value" id="paired">{c.paired}</div>
                        <div class="stat-hint">{if unpaired == 0 {
                            "every sample is in both runs".to_owned()
                        } else {
                            format!("{} only in base · {} only in candidate (left out)", c.base_only.count, c.candidate_only.count)
                        }}</div>
                    </div>
                </div>
                <p class="small muted">{format!(
                    "Significance at {:.0}% confidence (α = {:.2}): {}.",
                    c.confidence_level * 100.0, c.significance.alpha, c.significance.method
                )}</p>
            </div>
        </section>
    }
}

#[component]
pub fn MetricChanges(comparison: RunComparison) -> impl IntoView {
    let level = comparison.confidence_level;
    let only = [
        comparison.base_only_metrics,
        comparison.candidate_only_metrics,
    ]
    .concat();
    view! {
        <section class="card">
            <div class="card-header"><h2>"Metrics"</h2></div>
            <div class="card-body flush table-wrap">
                <table class="table" id="metric-changes">
                    <thead>
                        <tr>
                            <th>"Metric"</th>
                            <th class="num">"Pairs"</th>
                            <th class="num">"Base mean"</th>
                            <th class="num">"Candidate mean"</th>
                            <th class="num">"Change"</th>
                            <th class="num">{format!("{:.0}% interval (paired t)", level * 100.0)}</th>
                            <th class="num">"t-test p"</th>
                            <th class="num">"Wilcoxon p"</th>
                            <th>"Verdict"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {comparison.metrics.into_iter().map(metric_row).collect_view()}
                    </tbody>
                </table>
            </div>
            {(!only.is_empty()).then(|| view! {
                <div class="card-body small muted">{format!("Scored by one run only, not compared: {}.", only.join(", "))}</div>
            })}
        </section>
    }
}

fn metric_row(m: MetricChange) -> impl IntoView {
    let unit = m.name.is_unit_score();
    let fmt = move |v: f64| {
        if unit {
            format!("{v:.3}")
        } else {
            format!("{v:.1}")
        }
    };
    let signed = move |v: f64| {
        if unit {
            format!("{v:+.3}")
        } else {
            format!("{v:+.1}")
        }
    };
    view! {
        <tr data-metric=m.metric.clone()>
            <td><span class="cell-main mono">{m.metric.clone()}</span><span class="cell-sub">{m.name.description()}</span></td>
            <td class="num">{m.n}</td>
            <td class="num">{m.base_mean.map_or("—".into(), fmt)}</td>
            <td class="num">{m.candidate_mean.map_or("—".into(), fmt)}</td>
            <td class="num">{m.mean_change.map_or("—".into(), signed)}</td>
            <td class="num nowrap">{m.ci.map_or("—".into(), |ci| format!("[{}, {}]", signed(ci.lower), signed(ci.upper)))}</td>
            <td class="num">{m.t_p_value.map_or("—".into(), format_p)}</td>
            <td class="num">{m.wilcoxon_p_value.map_or("—".into(), format_p)}</td>
            <td>{verdict_badge(m.verdict)}</td>
        </tr>
    }
}

pub fn format_p(p: f64) -> String {
    if p < 0.0001 {
        "< 0.0001".to_owned()
    } else {
        format!("{p:.4}")
    }
}
