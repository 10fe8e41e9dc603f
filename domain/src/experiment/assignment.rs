//! Deterministic, sticky variant assignment, compatible with GrowthBook's SDKs.
//!
//! A user is hashed with the experiment's seed to a number `n` in [0, 1); the split is turned
//! into consecutive bucket ranges; the variant is the range holding `n`. The same seed, user id
//! and weights always give the same variant, and a GrowthBook SDK configured with the same seed
//! (its experiment `seed`, or key), hash version 2, coverage 1 and the same weights assigns the
//! same variant.
//!
//! Strings are hashed as GrowthBook's reference JavaScript SDK does: FNV-1a over UTF-16 code
//! units. For ASCII that is FNV-1a over the bytes; it also agrees with the Python SDK for every
//! character of the Basic Multilingual Plane.

/// FNV-1a 32-bit offset basis.
pub const FNV_OFFSET_BASIS: u32 = 0x811C_9DC5;
/// FNV-1a 32-bit prime.
pub const FNV_PRIME: u32 = 0x0100_0193;

/// The hash version [`assign`] uses (GrowthBook's current default).
pub const ASSIGNMENT_HASH_VERSION: u8 = 2;

/// FNV-1a, 32 bits: `h = 0x811C9DC5; for each byte b: h = (h XOR b) * 0x01000193 mod 2^32`.
pub fn fnv1a32(bytes: &[u8]) -> u32 {
    bytes.iter().fold(FNV_OFFSET_BASIS, |hash, byte| {
        (hash ^ u32::from(*byte)).wrapping_mul(FNV_PRIME)
    })
}

/// FNV-1a, 32 bits, over the UTF-16 code units of `text` (each unit XORed in whole), which is
/// what GrowthBook's JavaScript SDK computes with `charCodeAt`. Equals
/// `fnv1a32(text.as_bytes())` for ASCII text.
pub fn fnv1a32_str(text: &str) -> u32 {
    text.encode_utf16().fold(FNV_OFFSET_BASIS, |hash, unit| {
        (hash ^ u32::from(unit)).wrapping_mul(FNV_PRIME)
    })
}

/// GrowthBook's hash of `value` under `seed`, a number in [0, 1):
///
/// - version 1: `(fnv1a32(value + seed) mod 1000) / 1000`
/// - version 2: `(fnv1a32(decimal(fnv1a32(seed + value))) mod 10000) / 10000`
///
/// where `+` concatenates and `decimal` writes the unsigned integer in base 10. Any other
/// version gives `None`.
pub fn gb_hash(seed: &str, value: &str, version: u8) -> Option<f64> {
    match version {
        1 => Some(f64::from(fnv1a32_str(&format!("{value}{seed}")) % 1000) / 1000.0),
        2 => {
            let inner = fnv1a32_str(&format!("{seed}{value}"));
            Some(f64::from(fnv1a32_str(&inner.to_string()) % 10_000) / 10_000.0)
        }
        _ => None,
    }
}

/// Bucket ranges for `weights` (fractions of traffic summing to 1), as GrowthBook computes them:
/// range `i` is `[c_i, c_i + coverage * w_i)` where `c_i = w_0 + ... + w_(i-1)`.
///
/// As in GrowthBook, `coverage` is clamped to [0, 1] (NaN counts as 0), and weights summing to
/// less than 0.99 or more than 1.01 are replaced by equal weights `1/k`.
pub fn bucket_ranges(weights: &[f64], coverage: f64) -> Vec<(f64, f64)> {
    let coverage = if coverage.is_nan() {
        0.0
    } else {
        coverage.clamp(0.0, 1.0)
    };
    let total: f64 = weights.iter().sum();
    let equal;
    let weights = if (0.99..=1.01).contains(&total) {
        weights
    } else {
        equal = vec![1.0 / weights.len() as f64; weights.len()];
        &equal
    };
    let mut cumulative = 0.0;
    weights
        .iter()
        .map(|weight| {
            let start = cumulative;
            cumulative += weight;
            (start, start + coverage * weight)
        })
        .collect()
}

/// The index of the first range with `start <= n < end`, or `None` when `n` is in none of them
/// (GrowthBook's `-1`: the user is outside the experiment).
pub fn choose_variant(n: f64, ranges: &[(f64, f64)]) -> Option<usize> {
    ranges
        .iter()
        .position(|(start, end)| n >= *start && n < *end)
}

/// The variant index for `user_id`: [`choose_variant`] of `gb_hash(seed, user_id, 2)` in
/// `bucket_ranges(weights, 1.0)`.
///
/// With weights summing to 1 (as a validated split guarantees) every hash falls in a range,
/// because hashes are at most 0.9999. Should rounding leave a hash past the last range, the last
/// variant with a non-zero weight is used. `weights` must not be empty.
pub fn assign(seed: &str, user_id: &str, weights: &[f64]) -> usize {
    let ranges = bucket_ranges(weights, 1.0);
    let n = gb_hash(seed, user_id, ASSIGNMENT_HASH_VERSION).unwrap_or(0.0);
    choose_variant(n, &ranges).unwrap_or_else(|| {
        ranges
            .iter()
            .rposition(|(start, end)| end > start)
            .unwrap_or(0)
    })
}

#[cfg(test)]
#[path = "assignment_tests.rs"]
mod tests;
