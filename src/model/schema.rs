//! The columns, order and dtypes of the five common dataframes, as docs/dataset.md defines them.
//!
//! This is the one place that knows the schema: builders, the Parquet reader and the tests
//! all take it from here.

use polars::prelude::*;

/// The logical type of a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    /// `str`
    Str,
    /// `datetime`: milliseconds, UTC.
    Datetime,
    /// `u32`
    U32,
    /// `u64`
    U64,
    /// `bool`
    Bool,
    /// `list[str]`
    ListStr,
}

impl ColumnType {
    /// The polars dtype of this column type.
    pub fn dtype(self) -> DataType {
        match self {
            ColumnType::Str => DataType::String,
            ColumnType::Datetime => DataType::Datetime(TimeUnit::Milliseconds, Some(TimeZone::UTC)),
            ColumnType::U32 => DataType::UInt32,
            ColumnType::U64 => DataType::UInt64,
            ColumnType::Bool => DataType::Boolean,
            ColumnType::ListStr => DataType::List(Box::new(DataType::String)),
        }
    }
}

/// One column of a common dataframe.
#[derive(Debug, Clone, Copy)]
pub struct ColumnSpec {
    /// The column name.
    pub name: &'static str,
    /// Its type.
    pub kind: ColumnType,
    /// Whether it may hold nulls (`str?` in docs/dataset.md).
    pub nullable: bool,
}

const fn col(name: &'static str, kind: ColumnType, nullable: bool) -> ColumnSpec {
    ColumnSpec {
        name,
        kind,
        nullable,
    }
}

use ColumnType::*;

/// `posts`: one row per item the account owner published.
pub const POSTS: &[ColumnSpec] = &[
    col("platform", Str, false),
    col("post_id", Str, false),
    col("created_at", Datetime, false),
    col("kind", Str, false),
    col("text", Str, false),
    col("text_chars", U32, false),
    col("media", Str, false),
    col("hashtags", ListStr, false),
    col("mentions", ListStr, false),
    col("link_domains", ListStr, false),
    col("reply_to", Str, true),
    col("likes", U64, true),
    col("reposts", U64, true),
    col("replies", U64, true),
    col("quotes", U64, true),
    col("impressions", U64, true),
    col("engagements", U64, true),
    col("lang", Str, true),
];

/// `interactions`: one row per act between the owner and another person.
pub const INTERACTIONS: &[ColumnSpec] = &[
    col("platform", Str, false),
    col("at", Datetime, true),
    col("direction", Str, false),
    col("kind", Str, false),
    col("counterpart_id", Str, true),
    col("counterpart_name", Str, true),
    col("post_id", Str, true),
];

/// `connections`: one row per person in the owner's network.
pub const CONNECTIONS: &[ColumnSpec] = &[
    col("platform", Str, false),
    col("counterpart_id", Str, false),
    col("name", Str, true),
    col("handle", Str, true),
    col("company", Str, true),
    col("position", Str, true),
    col("relation", Str, false),
    col("connected_at", Datetime, true),
];

/// `messages`: one row per direct message; bodies are never kept.
pub const MESSAGES: &[ColumnSpec] = &[
    col("platform", Str, false),
    col("conversation_id", Str, false),
    col("message_id", Str, false),
    col("at", Datetime, false),
    col("sender_id", Str, false),
    col("from_owner", Bool, false),
    col("participants", U32, false),
    col("text_chars", U32, false),
    col("body_hash", U64, true),
];

/// `accounts`: one row per imported account.
pub const ACCOUNTS: &[ColumnSpec] = &[
    col("platform", Str, false),
    col("account_id", Str, false),
    col("handle", Str, true),
    col("display_name", Str, true),
    col("created_at", Datetime, true),
    col("followers", U64, true),
    col("following", U64, true),
    col("time_zone", Str, true),
    col("archive", Str, false),
    col("generation", Str, false),
];

/// The five frames by name, in the order they are reported and written.
pub const FRAMES: [(&str, &[ColumnSpec]); 5] = [
    ("posts", POSTS),
    ("interactions", INTERACTIONS),
    ("connections", CONNECTIONS),
    ("messages", MESSAGES),
    ("accounts", ACCOUNTS),
];

/// The polars schema of a frame.
pub fn schema(columns: &[ColumnSpec]) -> Schema {
    columns
        .iter()
        .map(|c| Field::new(c.name.into(), c.kind.dtype()))
        .collect()
}

/// Checks that a frame has exactly these columns, in this order, with these dtypes, and
/// no null in a column that may not hold one. Returns what differs.
pub fn check(frame: &DataFrame, columns: &[ColumnSpec]) -> Result<(), String> {
    let names: Vec<&str> = frame
        .get_column_names()
        .iter()
        .map(|n| n.as_str())
        .collect();
    let expected: Vec<&str> = columns.iter().map(|c| c.name).collect();
    if names != expected {
        return Err(format!("columns {names:?}, expected {expected:?}"));
    }
    for spec in columns {
        let column = frame
            .column(spec.name)
            .map_err(|e| format!("{}: {e}", spec.name))?;
        if column.dtype() != &spec.kind.dtype() {
            return Err(format!(
                "{} is {:?}, expected {:?}",
                spec.name,
                column.dtype(),
                spec.kind.dtype()
            ));
        }
        if !spec.nullable && column.null_count() > 0 {
            return Err(format!("{} holds {} nulls", spec.name, column.null_count()));
        }
    }
    Ok(())
}
