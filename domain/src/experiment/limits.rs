//! Size limits that keep one experiment definition, assignment or metric record small and readable.

/// Longest experiment name, in characters (after trimming).
pub const MAX_EXPERIMENT_NAME_CHARS: usize = 100;

/// Longest experiment description, in characters (after trimming).
pub const MAX_DESCRIPTION_CHARS: usize = 1000;

/// Most variants one experiment may split traffic between, control included.
pub const MAX_VARIANTS: usize = 20;

/// Longest variant id, in characters.
pub const MAX_VARIANT_ID_CHARS: usize = 64;

/// Longest display name of a variant, in characters (after trimming).
pub const MAX_VARIANT_NAME_CHARS: usize = 100;

/// Largest `parameters` object of one variant, in bytes of compact JSON.
pub const MAX_PARAMETERS_BYTES: usize = 16 * 1024;

/// Most metrics one experiment may declare.
pub const MAX_METRICS: usize = 50;

/// Longest metric name, in characters.
pub const MAX_METRIC_NAME_CHARS: usize = 64;

/// Longest hashing seed, in characters.
pub const MAX_SEED_CHARS: usize = 200;

/// Longest user id accepted by assignment and metric recording, in characters.
pub const MAX_USER_ID_CHARS: usize = 200;

/// Most metric values recorded by one request.
pub const MAX_OBSERVATIONS_PER_REQUEST: usize = 10_000;

/// Allowed distance of the traffic split's sum from 100 (absolute, in percent points), so that
/// thirds such as 33.3333333333 + 33.3333333333 + 33.3333333334 pass while 50 + 49.9 does not.
pub const SPLIT_SUM_TOLERANCE: f64 = 1e-9;
