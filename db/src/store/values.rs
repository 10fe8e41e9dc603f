//! The column types both backends store alike, as the `Any` driver carries them: ids as
//! hyphenated text, times as RFC 3339 text in UTC, flags as booleans (integers in SQLite).
//!
//! Times are written as `2026-12-04T18:24:10.123456789+00:00`, sqlx's SQLite format, so files
//! written before PostgreSQL support read the same. Its text order is time order (`+` sorts
//! before `.` and the digits), which is what the queries that compare or sort times rely on.

use chrono::{DateTime, NaiveDateTime, SecondsFormat, Utc};
use sqlx::{
    Any, Decode, Encode, Type, ValueRef,
    any::{AnyTypeInfo, AnyTypeInfoKind, AnyValueRef},
    encode::IsNull,
    error::BoxDynError,
};
use uuid::Uuid;

type AnyArgumentBuffer<'q> = <Any as sqlx::Database>::ArgumentBuffer<'q>;

/// A UUID column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Id(pub Uuid);

impl Id {
    /// A new time-ordered id.
    pub fn new() -> Id {
        Id(Uuid::now_v7())
    }

    pub fn into_uuid(self) -> Uuid {
        self.0
    }
}

impl Default for Id {
    fn default() -> Self {
        Id::new()
    }
}

impl From<Uuid> for Id {
    fn from(id: Uuid) -> Self {
        Id(id)
    }
}

impl From<Id> for Uuid {
    fn from(id: Id) -> Self {
        id.0
    }
}

/// A time column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Time(pub DateTime<Utc>);

impl Time {
    pub fn now() -> Time {
        Time(Utc::now())
    }

    /// The stored text.
    pub fn to_text(self) -> String {
        self.0.to_rfc3339_opts(SecondsFormat::AutoSi, false)
    }

    fn parse(text: &str) -> Result<Time, BoxDynError> {
        if let Ok(time) = DateTime::parse_from_rfc3339(text) {
            return Ok(Time(time.with_timezone(&Utc)));
        }
        // SQLite's own datetime() form, in case a row was written by hand.
        let naive = NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%.f")?;
        Ok(Time(naive.and_utc()))
    }
}

impl From<DateTime<Utc>> for Time {
    fn from(time: DateTime<Utc>) -> Self {
        Time(time)
    }
}

impl From<Time> for DateTime<Utc> {
    fn from(time: Time) -> Self {
        time.0
    }
}

/// A time column that may be NULL, for row fields read with `#[sqlx(try_from = "MaybeTime")]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MaybeTime(pub Option<DateTime<Utc>>);

impl From<MaybeTime> for Option<DateTime<Utc>> {
    fn from(time: MaybeTime) -> Self {
        time.0
    }
}

/// A boolean column: PostgreSQL's `BOOLEAN`, SQLite's 0 or 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Flag(pub bool);

impl From<Flag> for bool {
    fn from(flag: Flag) -> Self {
        flag.0
    }
}

fn text_type() -> AnyTypeInfo {
    <String as Type<Any>>::type_info()
}

fn is_text(ty: &AnyTypeInfo) -> bool {
    <String as Type<Any>>::compatible(ty)
}

impl Type<Any> for Id {
    fn type_info() -> AnyTypeInfo {
        text_type()
    }
    fn compatible(ty: &AnyTypeInfo) -> bool {
        is_text(ty)
    }
}

impl<'q> Encode<'q, Any> for Id {
    fn encode_by_ref(&self, buf: &mut AnyArgumentBuffer<'q>) -> Result<IsNull, BoxDynError> {
        Encode::<Any>::encode(self.0.hyphenated().to_string(), buf)
    }
}

impl<'r> Decode<'r, Any> for Id {
    fn decode(value: AnyValueRef<'r>) -> Result<Self, BoxDynError> {
        let text = <&str as Decode<Any>>::decode(value)?;
        Ok(Id(Uuid::parse_str(text)?))
    }
}

impl Type<Any> for Time {
    fn type_info() -> AnyTypeInfo {
        text_type()
    }
    fn compatible(ty: &AnyTypeInfo) -> bool {
        is_text(ty)
    }
}

impl<'q> Encode<'q, Any> for Time {
    fn encode_by_ref(&self, buf: &mut AnyArgumentBuffer<'q>) -> Result<IsNull, BoxDynError> {
        Encode::<Any>::encode(self.to_text(), buf)
    }
}

impl<'r> Decode<'r, Any> for Time {
    fn decode(value: AnyValueRef<'r>) -> Result<Self, BoxDynError> {
        Time::parse(<&str as Decode<Any>>::decode(value)?)
    }
}

impl Type<Any> for MaybeTime {
    fn type_info() -> AnyTypeInfo {
        text_type()
    }
    fn compatible(ty: &AnyTypeInfo) -> bool {
        is_text(ty) || ty.kind() == AnyTypeInfoKind::Null
    }
}

impl<'r> Decode<'r, Any> for MaybeTime {
    fn decode(value: AnyValueRef<'r>) -> Result<Self, BoxDynError> {
        if value.is_null() {
            return Ok(MaybeTime(None));
        }
        Ok(MaybeTime(Some(Time::decode(value)?.0)))
    }
}

impl Type<Any> for Flag {
    fn type_info() -> AnyTypeInfo {
        <bool as Type<Any>>::type_info()
    }
    fn compatible(ty: &AnyTypeInfo) -> bool {
        matches!(
            ty.kind(),
            AnyTypeInfoKind::Bool
                | AnyTypeInfoKind::SmallInt
                | AnyTypeInfoKind::Integer
                | AnyTypeInfoKind::BigInt
        )
    }
}

impl<'r> Decode<'r, Any> for Flag {
    fn decode(value: AnyValueRef<'r>) -> Result<Self, BoxDynError> {
        if value.type_info().kind() == AnyTypeInfoKind::Bool {
            return Ok(Flag(<bool as Decode<Any>>::decode(value)?));
        }
        Ok(Flag(<i64 as Decode<Any>>::decode(value)? != 0))
    }
}

/// Reads a flag inside JSON that the database assembled: `true`/`false` from PostgreSQL,
/// `1`/`0` from SQLite.
pub(crate) fn json_flag<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<bool, D::Error> {
    #[derive(serde::Deserialize)]
    #[serde(untagged)]
    enum Either {
        Bool(bool),
        Int(i64),
    }
    Ok(match serde::Deserialize::deserialize(deserializer)? {
        Either::Bool(b) => b,
        Either::Int(i) => i != 0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_times_sort_as_text_in_time_order() {
        let base = DateTime::parse_from_rfc3339("2026-12-04T18:24:10Z")
            .unwrap()
            .with_timezone(&Utc);
        let times = [
            base,
            base + chrono::Duration::milliseconds(123),
            base + chrono::Duration::nanoseconds(123_456_789),
            base + chrono::Duration::seconds(1),
        ];
        let texts: Vec<String> = times.iter().map(|t| Time(*t).to_text()).collect();
        let mut sorted = texts.clone();
        sorted.sort();
        assert_eq!(sorted, texts);
        for (time, text) in times.iter().zip(&texts) {
            assert_eq!(Time::parse(text).unwrap().0, *time);
        }
        assert_eq!(Time::parse("2026-12-04 18:24:10").unwrap().0, base);
    }
}
