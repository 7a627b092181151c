//! `tweets.csv` of the older archive (2012-2018): one quoted CSV row per tweet, no counts,
//! no entities; mentions, hashtags and links are read from the text.

use std::collections::HashMap;

use super::tweet::{Link, MediaType, Person, TweetRecord};
use crate::import::coverage::RecordProblems;
use crate::import::text::{
    parse_with_offset, scan_hashtags, scan_links, scan_mentions, unescape_html,
};

const REQUIRED: [&str; 3] = ["tweet_id", "timestamp", "text"];

/// Parses the file. A file whose header lacks `tweet_id`, `timestamp` or `text` is an error
/// (the text says which); a row that cannot be read is counted in `problems`.
pub fn parse(text: &str, problems: &mut RecordProblems) -> Result<Vec<TweetRecord>, String> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let header = reader
        .headers()
        .map_err(|e| format!("cannot read the CSV header: {e}"))?
        .clone();
    let columns: HashMap<String, usize> = header
        .iter()
        .enumerate()
        .map(|(i, h)| (h.trim().to_ascii_lowercase(), i))
        .collect();
    if let Some(missing) = REQUIRED.iter().find(|c| !columns.contains_key(**c)) {
        return Err(format!(
            "no `{missing}` column in the header (expected tweet_id, timestamp, text, ...)"
        ));
    }
    let mut records = Vec::new();
    for (row_number, row) in reader.records().enumerate() {
        let row = match row {
            Ok(row) => row,
            Err(e) => {
                problems.skip("rows that are not valid CSV", || {
                    format!("row {}: {e}", row_number + 2)
                });
                continue;
            }
        };
        let get = |name: &str| {
            columns
                .get(name)
                .and_then(|i| row.get(*i))
                .map(str::trim)
                .filter(|v| !v.is_empty())
        };
        let Some(id) = get("tweet_id") else {
            problems.skip("rows without a tweet_id", || {
                format!("row {}", row_number + 2)
            });
            continue;
        };
        let raw_date = get("timestamp").unwrap_or("");
        let Some(created_at) = parse_with_offset(raw_date, &["%Y-%m-%d %H:%M:%S %z"]) else {
            problems.skip("tweets with an unparseable timestamp", || {
                format!("tweet {id}: timestamp {raw_date:?}")
            });
            continue;
        };
        let body = unescape_html(get("text").unwrap_or(""));
        let mut tweet = record(
            id,
            created_at,
            body,
            get("in_reply_to_status_id"),
            get("in_reply_to_user_id"),
            get("retweeted_status_user_id"),
            get("expanded_urls").unwrap_or(""),
        );
        tweet.source = get("source").map(super::tweet::source_app);
        records.push(tweet);
    }
    Ok(records)
}

fn record(
    id: &str,
    created_at: i64,
    text: String,
    reply_status: Option<&str>,
    reply_user: Option<&str>,
    retweet_user: Option<&str>,
    expanded_urls: &str,
) -> TweetRecord {
    let handles = scan_mentions(&text);
    let mut expanded: Vec<&str> = Vec::new();
    for url in expanded_urls
        .split(',')
        .map(str::trim)
        .filter(|u| !u.is_empty())
    {
        if !expanded.contains(&url) {
            expanded.push(url);
        }
    }
    let shorts = scan_links(&text);
    let mut links = Vec::new();
    let mut media = Vec::new();
    for (i, short) in shorts.iter().enumerate() {
        let target = expanded
            .get(i)
            .copied()
            .unwrap_or(short.as_str())
            .to_string();
        let kind = if target.contains("/photo/") {
            Some(MediaType::Photo)
        } else if target.contains("/video/") {
            Some(MediaType::Video)
        } else {
            None
        };
        match kind {
            Some(kind) => media.push((short.clone(), kind)),
            None => links.push(Link {
                short: short.clone(),
                expanded: target,
            }),
        }
    }
    let first_handle = handles.first().cloned();
    let retweet_of = retweet_user.map(|user| Person {
        id: Some(user.to_string()),
        handle: text.strip_prefix("RT @").and(first_handle.clone()),
        name: None,
    });
    let reply_to = reply_user.map(|user| Person {
        id: Some(user.to_string()),
        handle: text
            .starts_with('@')
            .then(|| first_handle.clone())
            .flatten(),
        name: None,
    });
    TweetRecord {
        id: id.to_string(),
        created_at,
        reply_to_status: reply_status.map(str::to_string),
        reply_to,
        retweet_of,
        mentions: handles
            .into_iter()
            .map(|h| Person {
                id: None,
                handle: Some(h),
                name: None,
            })
            .collect(),
        links,
        hashtags: scan_hashtags(&text),
        media,
        likes: None,
        reposts: None,
        lang: None,
        source: None,
        text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_retweet_row_names_its_author_and_a_bad_timestamp_is_skipped() {
        let csv = "\"tweet_id\",\"in_reply_to_status_id\",\"in_reply_to_user_id\",\"timestamp\",\"source\",\"text\",\"retweeted_status_id\",\"retweeted_status_user_id\",\"retweeted_status_timestamp\",\"expanded_urls\"\n\
                   \"1\",\"\",\"\",\"2013-09-07 05:27:57 +0000\",\"web\",\"RT @ada: hi #Rust\",\"7\",\"42\",\"2013-09-07 01:00:00 +0000\",\"\"\n\
                   \"2\",\"\",\"\",\"last tuesday\",\"web\",\"x\",\"\",\"\",\"\",\"\"\n";
        let mut p = RecordProblems::default();
        let rows = parse(csv, &mut p).unwrap();
        assert_eq!(rows.len(), 1);
        let rt = rows[0].retweet_of.as_ref().unwrap();
        assert_eq!(
            (rt.id.as_deref(), rt.handle.as_deref()),
            (Some("42"), Some("ada"))
        );
        assert_eq!(rows[0].hashtags, vec!["rust"]);
        assert_eq!(p.skipped, 1);
    }

    #[test]
    fn a_file_without_the_header_is_refused() {
        let mut p = RecordProblems::default();
        assert!(parse("1,2,3\n", &mut p).unwrap_err().contains("tweet_id"));
    }
}
