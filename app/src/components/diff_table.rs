//! A side-by-side diff with word-level highlights, like a split view in code review.

use domain::prompt::diff::{DiffLine, LineKind, SideBySide};
use leptos::prelude::*;

#[component]
pub fn DiffTable(diff: SideBySide) -> impl IntoView {
    if diff.rows.is_empty() {
        return view! { <p class="muted small">"Both sides are empty."</p> }.into_any();
    }
    view! {
        <table class="diff">
            <colgroup>
                <col style="width: 3.5rem" />
                <col />
                <col style="width: 3.5rem" />
                <col />
            </colgroup>
            <tbody>
                {diff
                    .rows
                    .into_iter()
                    .map(|row| view! { <tr>{side(row.left)}{side(row.right)}</tr> })
                    .collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

fn side(line: Option<DiffLine>) -> impl IntoView {
    match line {
        None => view! {
            <td class="diff-ln"></td>
            <td class="diff-cell empty"></td>
        }
        .into_any(),
        Some(line) => {
            let (class, mark_class) = match line.kind {
                LineKind::Unchanged => ("diff-cell", ""),
                LineKind::Removed => ("diff-cell removed", "diff-del"),
                LineKind::Added => ("diff-cell added", "diff-ins"),
            };
            let segments = line
                .segments
                .into_iter()
                .map(|segment| {
                    if segment.emphasized {
                        view! { <mark class=mark_class>{segment.text}</mark> }.into_any()
                    } else {
                        segment.text.into_any()
                    }
                })
                .collect_view();
            view! {
                <td class="diff-ln">{line.number}</td>
                <td class=class>{segments}</td>
            }
            .into_any()
        }
    }
}

#[component]
pub fn DiffStats(added: usize, removed: usize) -> impl IntoView {
    view! {
        <span class="diff-summary">
            <span class="diff-stat-add">{format!("+{added}")}</span>
            " "
            <span class="diff-stat-del">{format!("−{removed}")}</span>
        </span>
    }
}
