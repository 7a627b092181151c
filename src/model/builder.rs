//! Turns row vectors into the common dataframes: one typed column at a time, once.

use polars::prelude::*;

use super::rows::*;
use super::schema::{self, ColumnSpec};

fn strs<'a>(name: &str, values: impl Iterator<Item = &'a str>) -> Column {
    Column::new(name.into(), values.collect::<Vec<&str>>())
}

fn opt_strs<'a>(name: &str, values: impl Iterator<Item = Option<&'a str>>) -> Column {
    Column::new(name.into(), values.collect::<Vec<Option<&str>>>())
}

fn times(name: &str, values: impl Iterator<Item = Option<i64>>) -> Column {
    Int64Chunked::from_iter_options(name.into(), values)
        .into_datetime(TimeUnit::Milliseconds, Some(TimeZone::UTC))
        .into_column()
}

fn opt_u64s(name: &str, values: impl Iterator<Item = Option<u64>>) -> Column {
    UInt64Chunked::from_iter_options(name.into(), values).into_column()
}

fn u32s(name: &str, values: impl Iterator<Item = u32>) -> Column {
    UInt32Chunked::from_iter_values(name.into(), values).into_column()
}

fn lists<'a>(name: &str, values: impl Iterator<Item = &'a Vec<String>>, rows: usize) -> Column {
    let mut builder = ListStringChunkedBuilder::new(name.into(), rows, rows);
    for list in values {
        builder.append_values_iter(list.iter().map(String::as_str));
    }
    builder.finish().into_column()
}

fn frame(height: usize, columns: Vec<Column>, spec: &[ColumnSpec]) -> PolarsResult<DataFrame> {
    let df = DataFrame::new(height, columns)?;
    debug_assert_eq!(schema::check(&df, spec), Ok(()));
    Ok(df)
}

/// Builds `posts`.
pub fn posts(rows: &[PostRow]) -> PolarsResult<DataFrame> {
    let n = rows.len();
    frame(
        n,
        vec![
            strs("platform", rows.iter().map(|r| r.platform.as_str())),
            strs("post_id", rows.iter().map(|r| r.post_id.as_str())),
            times("created_at", rows.iter().map(|r| Some(r.created_at))),
            strs("kind", rows.iter().map(|r| r.kind.as_str())),
            strs("text", rows.iter().map(|r| r.text.as_str())),
            u32s("text_chars", rows.iter().map(|r| r.text_chars)),
            strs("media", rows.iter().map(|r| r.media.as_str())),
            lists("hashtags", rows.iter().map(|r| &r.hashtags), n),
            lists("mentions", rows.iter().map(|r| &r.mentions), n),
            lists("link_domains", rows.iter().map(|r| &r.link_domains), n),
            opt_strs("reply_to", rows.iter().map(|r| r.reply_to.as_deref())),
            opt_u64s("likes", rows.iter().map(|r| r.likes)),
            opt_u64s("reposts", rows.iter().map(|r| r.reposts)),
            opt_u64s("replies", rows.iter().map(|r| r.replies)),
            opt_u64s("quotes", rows.iter().map(|r| r.quotes)),
            opt_u64s("impressions", rows.iter().map(|r| r.impressions)),
            opt_u64s("engagements", rows.iter().map(|r| r.engagements)),
            opt_strs("lang", rows.iter().map(|r| r.lang.as_deref())),
        ],
        schema::POSTS,
    )
}

/// Builds `interactions`.
pub fn interactions(rows: &[InteractionRow]) -> PolarsResult<DataFrame> {
    frame(
        rows.len(),
        vec![
            strs("platform", rows.iter().map(|r| r.platform.as_str())),
            times("at", rows.iter().map(|r| r.at)),
            strs("direction", rows.iter().map(|r| r.direction.as_str())),
            strs("kind", rows.iter().map(|r| r.kind.as_str())),
            opt_strs(
                "counterpart_id",
                rows.iter().map(|r| r.counterpart_id.as_deref()),
            ),
            opt_strs(
                "counterpart_name",
                rows.iter().map(|r| r.counterpart_name.as_deref()),
            ),
            opt_strs("post_id", rows.iter().map(|r| r.post_id.as_deref())),
        ],
        schema::INTERACTIONS,
    )
}

/// Builds `connections`.
pub fn connections(rows: &[ConnectionRow]) -> PolarsResult<DataFrame> {
    frame(
        rows.len(),
        vec![
            strs("platform", rows.iter().map(|r| r.platform.as_str())),
            strs(
                "counterpart_id",
                rows.iter().map(|r| r.counterpart_id.as_str()),
            ),
            opt_strs("name", rows.iter().map(|r| r.name.as_deref())),
            opt_strs("handle", rows.iter().map(|r| r.handle.as_deref())),
            opt_strs("company", rows.iter().map(|r| r.company.as_deref())),
            opt_strs("position", rows.iter().map(|r| r.position.as_deref())),
            strs("relation", rows.iter().map(|r| r.relation.as_str())),
            times("connected_at", rows.iter().map(|r| r.connected_at)),
        ],
        schema::CONNECTIONS,
    )
}

/// Builds `messages`.
pub fn messages(rows: &[MessageRow]) -> PolarsResult<DataFrame> {
    frame(
        rows.len(),
        vec![
            strs("platform", rows.iter().map(|r| r.platform.as_str())),
            strs(
                "conversation_id",
                rows.iter().map(|r| r.conversation_id.as_str()),
            ),
            strs("message_id", rows.iter().map(|r| r.message_id.as_str())),
            times("at", rows.iter().map(|r| Some(r.at))),
            strs("sender_id", rows.iter().map(|r| r.sender_id.as_str())),
            Column::new(
                "from_owner".into(),
                rows.iter().map(|r| r.from_owner).collect::<Vec<bool>>(),
            ),
            u32s("participants", rows.iter().map(|r| r.participants)),
            u32s("text_chars", rows.iter().map(|r| r.text_chars)),
            opt_u64s("body_hash", rows.iter().map(|r| r.body_hash)),
        ],
        schema::MESSAGES,
    )
}

/// Builds `accounts`.
pub fn accounts(rows: &[AccountRow]) -> PolarsResult<DataFrame> {
    frame(
        rows.len(),
        vec![
            strs("platform", rows.iter().map(|r| r.platform.as_str())),
            strs("account_id", rows.iter().map(|r| r.account_id.as_str())),
            opt_strs("handle", rows.iter().map(|r| r.handle.as_deref())),
            opt_strs(
                "display_name",
                rows.iter().map(|r| r.display_name.as_deref()),
            ),
            times("created_at", rows.iter().map(|r| r.created_at)),
            opt_u64s("followers", rows.iter().map(|r| r.followers)),
            opt_u64s("following", rows.iter().map(|r| r.following)),
            opt_strs("time_zone", rows.iter().map(|r| r.time_zone.as_deref())),
            strs("archive", rows.iter().map(|r| r.archive.as_str())),
            strs("generation", rows.iter().map(|r| r.generation.as_str())),
        ],
        schema::ACCOUNTS,
    )
}
