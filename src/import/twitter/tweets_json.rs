//! Tweet objects of the JSON archives (`tweets.js` since 2018, `data/js/tweets/*.js` of the
//! older archive) into [`TweetRecord`]s.

use crate::import::fields::Json;

use super::tweet::{Link, MediaType, Person, TweetRecord};
use crate::import::coverage::RecordProblems;
use crate::import::fields;
use crate::import::text::{parse_with_offset, unescape_html};

/// `Tue Oct 25 12:08:42 +0000 2022` (2018+) and `2014-02-02 01:39:24 +0000` (older archive).
const TWEET_DATE_FORMATS: &[&str] = &["%a %b %d %H:%M:%S %z %Y", "%Y-%m-%d %H:%M:%S %z"];

/// Reads one record of `tweet-headers.js` (`{"tweet": {"tweet_id", "user_id",
/// "created_at"}}`): a tweet known by its id and time only.
pub fn header<J: Json>(element: &J, problems: &mut RecordProblems) -> Option<TweetRecord> {
    let tweet = fields::unwrap(element, "tweet");
    let Some(id) = fields::id(tweet, &["tweet_id", "id_str", "id"]) else {
        problems.skip("tweet headers without an id", || {
            "a tweet header with no tweet_id".to_string()
        });
        return None;
    };
    let raw_date = fields::text(tweet, "created_at").unwrap_or_default();
    let Some(created_at) = parse_with_offset(&raw_date, TWEET_DATE_FORMATS) else {
        problems.skip("tweet headers with an unparseable created_at", || {
            format!("tweet {id}: created_at {raw_date:?}")
        });
        return None;
    };
    Some(TweetRecord {
        id,
        created_at,
        ..TweetRecord::default()
    })
}

/// Parses one tweet element (wrapped in `{"tweet": ...}` or bare). Returns `None` for a
/// record that cannot be a post (no id, no date), counted in `problems`.
pub fn parse<J: Json>(element: &J, problems: &mut RecordProblems) -> Option<TweetRecord> {
    let tweet = fields::unwrap(element, "tweet");
    if !tweet.is_object() {
        problems.skip("records that are not objects", || {
            "a record that is not a JSON object".to_string()
        });
        return None;
    }
    let Some(id) = fields::id(tweet, &["id_str", "id"]) else {
        problems.skip("tweets without an id", || {
            "a tweet with no id_str".to_string()
        });
        return None;
    };
    let raw_date = fields::text(tweet, "created_at").unwrap_or_default();
    let Some(created_at) = parse_with_offset(&raw_date, TWEET_DATE_FORMATS) else {
        problems.skip("tweets with an unparseable created_at", || {
            format!("tweet {id}: created_at {raw_date:?}")
        });
        return None;
    };
    let mut count = |key: &str| match fields::count(tweet, key) {
        Ok(n) => n,
        Err(raw) => {
            problems.null_field(&format!("{key} values that are not numbers"), || {
                format!("tweet {id}: {key} {raw:?}")
            });
            None
        }
    };
    let likes = count("favorite_count");
    let reposts = count("retweet_count");

    let entities = tweet.field("entities").unwrap_or(J::null());
    let mentions = fields::array(entities, "user_mentions")
        .iter()
        .map(person)
        .filter(|p| p.handle.is_some() || p.id.is_some())
        .collect();
    let links = fields::array(entities, "urls")
        .iter()
        .filter_map(|u| {
            let short = fields::text(u, "url").unwrap_or_default();
            let expanded = fields::text_any(u, &["expanded_url", "expanded", "display_url"])?;
            Some(Link { short, expanded })
        })
        .collect();
    let hashtags = fields::array(entities, "hashtags")
        .iter()
        .filter_map(|h| fields::text(h, "text"))
        .collect();
    let media_list = tweet
        .field("extended_entities")
        .map(|e| fields::array(e, "media"))
        .filter(|m| !m.is_empty())
        .unwrap_or_else(|| fields::array(entities, "media"));
    let media = media_list
        .iter()
        .map(|m| {
            let kind = match fields::text(m, "type").as_deref() {
                Some("video") => MediaType::Video,
                Some("animated_gif") => MediaType::Gif,
                _ => MediaType::Photo,
            };
            (fields::text(m, "url").unwrap_or_default(), kind)
        })
        .collect();

    let reply_to = fields::id(tweet, &["in_reply_to_user_id_str", "in_reply_to_user_id"])
        .map(|id| Person {
            id: Some(id),
            handle: fields::text(tweet, "in_reply_to_screen_name"),
            name: None,
        })
        .or_else(|| {
            fields::text(tweet, "in_reply_to_screen_name").map(|h| Person {
                id: None,
                handle: Some(h),
                name: None,
            })
        });
    let retweet_of = tweet
        .field("retweeted_status")
        .and_then(|rt| rt.field("user"))
        .map(person);

    Some(TweetRecord {
        text: unescape_html(&fields::text_any(tweet, &["full_text", "text"]).unwrap_or_default()),
        reply_to_status: fields::id(
            tweet,
            &["in_reply_to_status_id_str", "in_reply_to_status_id"],
        ),
        reply_to,
        retweet_of,
        mentions,
        links,
        hashtags,
        media,
        likes,
        reposts,
        lang: fields::text(tweet, "lang"),
        source: fields::text(tweet, "source").map(|s| super::tweet::source_app(&s)),
        id,
        created_at,
    })
}

fn person<J: Json>(value: &J) -> Person {
    Person {
        id: fields::id(value, &["id_str", "id"]),
        handle: fields::text(value, "screen_name"),
        name: fields::text(value, "name"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_bare_2019_object_and_a_wrapped_one_read_alike() {
        let bare = json!({"id_str": "5", "created_at": "Tue Oct 25 12:08:42 +0000 2022",
                          "full_text": "a &amp; b", "favorite_count": "3", "retweet_count": "0"});
        let wrapped = json!({ "tweet": bare.clone() });
        let mut p = RecordProblems::default();
        let a = parse(&bare, &mut p).unwrap();
        let b = parse(&wrapped, &mut p).unwrap();
        assert_eq!(a, b);
        assert_eq!(a.text, "a & b");
        assert_eq!(a.likes, Some(3));
        assert!(p.is_empty());
    }

    #[test]
    fn a_bad_count_is_null_and_a_bad_date_skips_the_record() {
        let mut p = RecordProblems::default();
        let bad_count = json!({"tweet": {"id_str": "5", "created_at": "Tue Oct 25 12:08:42 +0000 2022",
                          "full_text": "x", "favorite_count": "many"}});
        assert_eq!(parse(&bad_count, &mut p).unwrap().likes, None);
        let bad_date = json!({"tweet": {"id_str": "6", "created_at": "soon", "full_text": "x"}});
        assert!(parse(&bad_date, &mut p).is_none());
        assert_eq!((p.skipped, p.fields_nulled), (1, 1));
        assert_eq!(p.first_example, "tweet 5: favorite_count \"many\"");
    }
}
