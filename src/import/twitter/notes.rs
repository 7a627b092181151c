//! Long posts (`note-tweet.js`): the full text of tweets over 280 characters, whose entry in
//! `tweets.js` is cut with `…`. The note carries no tweet id, so it is joined by creation
//! time to the second, as the public parsers do; a `tweetId` key is used where present.

use std::collections::HashMap;

use crate::import::fields::Json;

use super::tweet::{Link, Person, TweetRecord};
use crate::import::coverage::RecordProblems;
use crate::import::fields;
use crate::import::text::{parse_iso, unescape_html};

/// One long post's full text and entities.
#[derive(Debug, Clone)]
pub struct Note {
    tweet_id: Option<String>,
    second: i64,
    text: String,
    links: Vec<Link>,
    mentions: Vec<Person>,
    hashtags: Vec<String>,
}

/// Parses one `noteTweet` element.
pub fn parse<J: Json>(element: &J, problems: &mut RecordProblems) -> Option<Note> {
    let note = fields::unwrap(element, "noteTweet");
    let raw_date = fields::text(note, "createdAt").unwrap_or_default();
    let Some(at) = parse_iso(&raw_date) else {
        problems.skip("notes with an unparseable createdAt", || {
            format!(
                "note {}: createdAt {raw_date:?}",
                fields::text(note, "noteTweetId").unwrap_or_default()
            )
        });
        return None;
    };
    let core = note.field("core").unwrap_or(J::null());
    Some(Note {
        tweet_id: fields::id(note, &["tweetId", "tweet_id"]),
        second: at.div_euclid(1000),
        text: unescape_html(&fields::text(core, "text").unwrap_or_default()),
        links: fields::array(core, "urls")
            .iter()
            .filter_map(|u| {
                Some(Link {
                    short: fields::text(u, "shortUrl").or_else(|| fields::text(u, "url"))?,
                    expanded: fields::text_any(u, &["expandedUrl", "expanded_url", "displayUrl"])?,
                })
            })
            .collect(),
        mentions: fields::array(core, "mentions")
            .iter()
            .map(|m| Person {
                id: fields::id(m, &["id_str", "id"]),
                handle: fields::text_any(m, &["screenName", "screen_name"]),
                name: fields::text(m, "name"),
            })
            .collect(),
        hashtags: fields::array(core, "hashtags")
            .iter()
            .filter_map(|h| fields::text(h, "text"))
            .collect(),
    })
}

/// Notes indexed for the join.
#[derive(Debug, Default)]
pub struct Notes {
    by_id: HashMap<String, usize>,
    by_second: HashMap<i64, Vec<usize>>,
    notes: Vec<Note>,
}

impl Notes {
    /// Indexes the notes.
    pub fn new(notes: Vec<Note>) -> Notes {
        let mut index = Notes::default();
        for (i, note) in notes.iter().enumerate() {
            if let Some(id) = &note.tweet_id {
                index.by_id.insert(id.clone(), i);
            }
            index.by_second.entry(note.second).or_default().push(i);
        }
        index.notes = notes;
        index
    }

    /// Replaces a cut tweet's text and entities with its note's, where one matches.
    /// Returns whether it did.
    pub fn complete(&self, tweet: &mut TweetRecord) -> bool {
        let Some(note) = self.find(tweet) else {
            return false;
        };
        tweet.text = note.text.clone();
        if !note.links.is_empty() {
            tweet.links = note.links.clone();
        }
        if !note.mentions.is_empty() {
            tweet.mentions = note.mentions.clone();
        }
        if !note.hashtags.is_empty() {
            tweet.hashtags = note.hashtags.clone();
        }
        true
    }

    fn find(&self, tweet: &TweetRecord) -> Option<&Note> {
        if let Some(&i) = self.by_id.get(&tweet.id) {
            return self.notes.get(i);
        }
        let same_second = self.by_second.get(&tweet.created_at.div_euclid(1000))?;
        let start: String = tweet
            .text
            .split('…')
            .next()
            .unwrap_or_default()
            .trim_end()
            .to_string();
        let candidates: Vec<&Note> = same_second
            .iter()
            .filter_map(|&i| self.notes.get(i))
            .filter(|n| n.tweet_id.is_none())
            .collect();
        let by_text = candidates
            .iter()
            .find(|n| !start.is_empty() && n.text.starts_with(&start));
        match (by_text, candidates.as_slice()) {
            (Some(note), _) => Some(note),
            (None, [only]) if tweet.text.contains('…') => Some(only),
            _ => None,
        }
    }
}
