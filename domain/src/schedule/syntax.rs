//! The cron syntax a schedule accepts, checked field by field so that an error says why.
//!
//! Five fields separated by whitespace, all in UTC:
//!
//! | Field | Values | Names |
//! | --- | --- | --- |
//! | minute | 0-59 | |
//! | hour | 0-23 | |
//! | day-of-month | 1-31 | |
//! | month | 1-12 | `JAN`-`DEC` |
//! | day-of-week | 0-7 (0 and 7 are Sunday) | `SUN`-`SAT` |
//!
//! Each field is a comma-separated list of items; an item is `*` (every value), a value `a`, a
//! range `a-b` (`a ≤ b`, both included), or one of these followed by a step `/n` (`n ≥ 1`):
//! `*/n` is every n-th value from the field's minimum, `a-b/n` every n-th value from `a` to `b`,
//! and `a/n` every n-th value from `a` to the field's maximum. Names are case-insensitive;
//! `SUN` at the end of a range means 7, so `FRI-SUN` is Friday to Sunday. The shortcuts
//! `@yearly` (`@annually`), `@monthly`, `@weekly`, `@daily` (`@midnight`) and `@hourly` stand
//! for `0 0 1 1 *`, `0 0 1 * *`, `0 0 * * 0`, `0 0 * * *` and `0 * * * *`.
//!
//! Days follow Vixie cron: when both day fields are restricted (neither starts with `*`), a day
//! matches when **either** matches (`0 9 1 * MON` is the 1st of the month and every Monday);
//! otherwise a day must match both.
//!
//! The extensions of some cron dialects (seconds, years, `L`, `W`, `#`, `?`) are refused.

/// One of the five fields: its name in messages, its range, and the names it accepts.
struct Field {
    name: &'static str,
    min: u32,
    max: u32,
    /// Names of the values `names_from`, `names_from + 1`, ...
    names: &'static [&'static str],
    names_from: u32,
    names_hint: &'static str,
}

const MONTHS: [&str; 12] = [
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
];
const WEEKDAYS: [&str; 7] = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

const FIELDS: [Field; 5] = [
    Field {
        name: "minute",
        min: 0,
        max: 59,
        names: &[],
        names_from: 0,
        names_hint: "",
    },
    Field {
        name: "hour",
        min: 0,
        max: 23,
        names: &[],
        names_from: 0,
        names_hint: "",
    },
    Field {
        name: "day-of-month",
        min: 1,
        max: 31,
        names: &[],
        names_from: 0,
        names_hint: "",
    },
    Field {
        name: "month",
        min: 1,
        max: 12,
        names: &MONTHS,
        names_from: 1,
        names_hint: " or a month name (JAN-DEC)",
    },
    Field {
        name: "day-of-week",
        min: 0,
        max: 7,
        names: &WEEKDAYS,
        names_from: 0,
        names_hint: " or a weekday name (SUN-SAT)",
    },
];

const DAY_OF_MONTH: usize = 2;
const DAY_OF_WEEK: usize = 4;

const SHORTCUTS: [(&str, &str); 7] = [
    ("@yearly", "0 0 1 1 *"),
    ("@annually", "0 0 1 1 *"),
    ("@monthly", "0 0 1 * *"),
    ("@weekly", "0 0 * * 0"),
    ("@daily", "0 0 * * *"),
    ("@midnight", "0 0 * * *"),
    ("@hourly", "0 * * * *"),
];

/// Checks `expr` and rewrites it in the plain numeric form the evaluator reads: names become
/// numbers, `a/n` becomes `a-max/n`, and a `+` before the day-of-week field marks days that
/// must match both day fields. The error says what is wrong, e.g.
/// `minute field: 61 is out of range 0-59`.
pub(crate) fn normalize(expr: &str) -> Result<String, String> {
    let expr = expr.trim();
    if expr.is_empty() {
        return Err(
            "is empty; expected 5 fields: minute hour day-of-month month day-of-week".to_owned(),
        );
    }
    let expanded = if expr.starts_with('@') {
        SHORTCUTS
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(expr))
            .map(|(_, expansion)| *expansion)
            .ok_or_else(|| {
                let known: Vec<&str> = SHORTCUTS.iter().map(|(name, _)| *name).collect();
                format!("unknown shortcut {expr}; known: {}", known.join(", "))
            })?
    } else {
        expr
    };
    let parts: Vec<&str> = expanded.split_whitespace().collect();
    if parts.len() != 5 {
        let hint = match parts.len() {
            6 | 7 => "; seconds and years are not supported",
            _ => "",
        };
        return Err(format!(
            "expected 5 fields (minute hour day-of-month month day-of-week), found {}{hint}",
            parts.len()
        ));
    }
    let mut fields = Vec::with_capacity(5);
    for (raw, field) in parts.iter().zip(&FIELDS) {
        fields.push(normalize_field(raw, field)?);
    }
    // Vixie cron: a day field that starts with `*` makes the days an intersection.
    if parts[DAY_OF_MONTH].starts_with('*') || parts[DAY_OF_WEEK].starts_with('*') {
        fields[DAY_OF_WEEK].insert(0, '+');
    }
    Ok(fields.join(" "))
}

fn normalize_field(raw: &str, field: &Field) -> Result<String, String> {
    let items: Result<Vec<String>, String> = raw
        .split(',')
        .map(|item| {
            normalize_item(item, field).map_err(|reason| format!("{} field: {reason}", field.name))
        })
        .collect();
    Ok(items?.join(","))
}

fn normalize_item(item: &str, field: &Field) -> Result<String, String> {
    if item.is_empty() {
        return Err("has an empty list item".to_owned());
    }
    let (range, step) = match item.split_once('/') {
        Some((range, step)) => (range, Some(parse_step(step)?)),
        None => (item, None),
    };
    let step_suffix = step.map(|n| format!("/{n}")).unwrap_or_default();
    if range == "*" {
        return Ok(format!("*{step_suffix}"));
    }
    if range.is_empty() {
        return Err(format!(
            "\"{item}\" needs * or a range before the step, as in */15"
        ));
    }
    match range.split_once('-') {
        Some((start, end)) => {
            let start = parse_value(start, field, false)?;
            let end = parse_value(end, field, true)?;
            if start > end {
                return Err(format!(
                    "range {start}-{end} is backwards; write the smaller value first"
                ));
            }
            Ok(format!("{start}-{end}{step_suffix}"))
        }
        None => {
            let value = parse_value(range, field, false)?;
            Ok(match step {
                Some(_) => format!("{value}-{}{step_suffix}", field.max),
                None => value.to_string(),
            })
        }
    }
}

fn parse_step(raw: &str) -> Result<u32, String> {
    match raw.parse::<u32>() {
        Ok(0) => Err("a step must be at least 1".to_owned()),
        Ok(step) if raw.bytes().all(|b| b.is_ascii_digit()) => Ok(step),
        _ => Err(format!("step \"{raw}\" is not a whole number")),
    }
}

/// A value of `field`: digits or a name. `range_end` maps `SUN` to 7, so `FRI-SUN` works.
fn parse_value(raw: &str, field: &Field, range_end: bool) -> Result<u32, String> {
    if raw.is_empty() {
        return Err("a range needs a value on both sides of -".to_owned());
    }
    if raw.bytes().all(|b| b.is_ascii_digit()) {
        return match raw.parse::<u32>() {
            Ok(value) if (field.min..=field.max).contains(&value) => Ok(value),
            _ => Err(format!("{raw} is out of range {}-{}", field.min, field.max)),
        };
    }
    let position = field
        .names
        .iter()
        .position(|name| name.eq_ignore_ascii_case(raw));
    match position {
        Some(0) if range_end && field.name == "day-of-week" => Ok(7),
        Some(index) => Ok(field.names_from + index as u32),
        None => Err(format!("\"{raw}\" is not a number{}", field.names_hint)),
    }
}
