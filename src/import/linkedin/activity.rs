//! What the owner did in public: `Shares*.csv` (posts), `InstantReposts*.csv`, and the
//! comments and reactions they made (`Comments*.csv`, `Reactions*.csv`), which name only
//! the post, so their counterpart is null.

use super::dates;
use crate::import::coverage::RecordProblems;
use crate::import::csv_table::Table;
use crate::import::text::{outside_domain, scan_hashtags, unescape_html};
use crate::model::{
    Direction, InteractionKind, InteractionRow, Media, Platform, PostKind, PostRow, stable_id,
};

/// The post a LinkedIn link names, as its URN (`urn:li:share:7123`), or the link itself.
pub fn post_urn(link: &str) -> String {
    let decoded = link.replace("%3A", ":").replace("%3a", ":");
    decoded
        .split('/')
        .find(|part| part.starts_with("urn:li:"))
        .map(|urn| urn.split(['?', '#']).next().unwrap_or(urn).to_string())
        .unwrap_or(decoded)
}

/// The kind of media by `MediaUrl`'s path: `media.licdn.com/dms/image/...` is a photo,
/// `dms.licdn.com/playlist/vid/...` a video (the word "video" is not in it),
/// `media.licdn.com/dms/document/...` a document.
fn media(media_url: Option<&str>, shared_url: Option<&str>) -> Media {
    match media_url.map(str::to_ascii_lowercase) {
        Some(m) if m.contains("document") || m.ends_with(".pdf") => Media::Document,
        Some(m) if m.contains("/playlist/vid/") || m.contains("video") => Media::Video,
        Some(_) => Media::Photo,
        None => match shared_url {
            Some(u) if u.contains("/pulse/") => Media::Article,
            // A LinkedIn post shared on is no link to the web.
            Some(u) if u.contains("linkedin.com/feed/") => Media::None,
            Some(_) => Media::Link,
            None => Media::None,
        },
    }
}

/// Parses `Shares.csv` into posts. Every count is null: LinkedIn gives none.
pub fn shares(text: &str, problems: &mut RecordProblems) -> Result<Vec<PostRow>, String> {
    let table = Table::parse(text, &["Date", "ShareLink"], false)?;
    let mut out = Vec::with_capacity(table.len());
    for row in table.rows() {
        let raw = row.get("Date").unwrap_or_default();
        let Some(created_at) = dates::parse(raw) else {
            problems.skip("shares with an unparseable Date", || {
                format!("record {}: Date {raw:?}", row.record_number())
            });
            continue;
        };
        let text = unescape_html(row.get("ShareCommentary").unwrap_or_default());
        // Some exports wrap the commentary in one more pair of quotes.
        let text = text
            .strip_prefix('"')
            .and_then(|t| t.strip_suffix('"'))
            .unwrap_or(&text)
            .to_string();
        let shared = row.get("SharedUrl");
        // Only a bare reshare of another LinkedIn post is a repost; a bare share of an
        // outside link is the owner's own post with no words (DESIGN: post kinds).
        let kind = if text.trim().is_empty() && shared.is_some_and(is_linkedin_post) {
            PostKind::Repost
        } else {
            PostKind::Original
        };
        let post_id = row
            .get("ShareLink")
            .map(post_urn)
            .unwrap_or_else(|| stable_id(&["linkedin", raw, &text]));
        out.push(PostRow {
            media: media(row.get("MediaUrl"), shared),
            hashtags: scan_hashtags(&text.replace("hashtag#", "#")),
            link_domains: shared
                .and_then(|u| outside_domain(u, &["linkedin.com"]))
                .into_iter()
                .collect(),
            ..PostRow::new(Platform::LinkedIn, post_id, created_at, kind, text)
        });
    }
    Ok(out)
}

/// Whether a URL names a LinkedIn post (`/feed/update/...` or `/posts/...`).
fn is_linkedin_post(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    lower.contains("linkedin.com") && (lower.contains("/feed/update/") || lower.contains("/posts/"))
}

/// Parses `InstantReposts_<id>.csv` (`Date,Link`) into posts of kind repost.
pub fn reposts(text: &str, problems: &mut RecordProblems) -> Result<Vec<PostRow>, String> {
    let table = Table::parse(text, &["Date", "Link"], false)?;
    let mut out = Vec::new();
    for row in table.rows() {
        let raw = row.get("Date").unwrap_or_default();
        let Some(created_at) = dates::parse(raw) else {
            problems.skip("reposts with an unparseable Date", || {
                format!("record {}: Date {raw:?}", row.record_number())
            });
            continue;
        };
        let link = row.get("Link").unwrap_or_default();
        out.push(PostRow::new(
            Platform::LinkedIn,
            stable_id(&["linkedin-repost", raw, link]),
            created_at,
            PostKind::Repost,
            String::new(),
        ));
    }
    Ok(out)
}

/// Parses `Comments.csv` (`Date,Link,Message`, quotes escaped with `\"`) or
/// `Reactions.csv` (`Date,Type,Link`) into outbound interactions with no counterpart.
pub fn acts(
    text: &str,
    kind: InteractionKind,
    problems: &mut RecordProblems,
) -> Result<Vec<InteractionRow>, String> {
    let comments = kind == InteractionKind::Comment;
    let table = Table::parse(text, &["Date", "Link"], comments)?;
    let mut out = Vec::with_capacity(table.len());
    for row in table.rows() {
        let raw = row.get("Date");
        let at = raw.and_then(dates::parse);
        if raw.is_some() && at.is_none() {
            problems.null_field("dates that do not parse", || {
                format!(
                    "record {}: Date {:?}",
                    row.record_number(),
                    raw.unwrap_or("")
                )
            });
        }
        out.push(InteractionRow {
            platform: Platform::LinkedIn,
            at,
            direction: Direction::Outbound,
            kind,
            counterpart_id: None,
            counterpart_name: None,
            post_id: row.get("Link").map(post_urn),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn share_links_become_urns() {
        assert_eq!(
            post_urn("https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A7123/"),
            "urn:li:share:7123"
        );
        assert_eq!(
            post_urn("https://www.linkedin.com/feed/update/urn:li:ugcPost:99?x=1"),
            "urn:li:ugcPost:99"
        );
    }

    #[test]
    fn only_a_bare_reshare_of_a_linkedin_post_is_a_repost() {
        let text = "Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility\n\
            2024-06-01 09:00:00,https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A1,,https://www.example.com/guide,,PUBLIC\n\
            2024-06-02 09:00:00,https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A2,,https://www.linkedin.com/feed/update/urn:li:activity:9,,PUBLIC\n\
            2024-06-03 09:00:00,https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A3,,https://www.linkedin.com/posts/ada_slides-activity-7/,,PUBLIC\n\
            2024-06-04 09:00:00,https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A4,Read this,https://www.linkedin.com/feed/update/urn:li:activity:8,,PUBLIC\n";
        let mut problems = RecordProblems::default();
        let posts = shares(text, &mut problems).unwrap();
        let kinds: Vec<(PostKind, u32)> = posts.iter().map(|p| (p.kind, p.text_chars)).collect();
        assert_eq!(
            kinds,
            [
                // A bare share of an outside link: the owner's post, with no words.
                (PostKind::Original, 0),
                (PostKind::Repost, 0),
                (PostKind::Repost, 0),
                // Words with a reshare make it the owner's own post.
                (PostKind::Original, 9),
            ]
        );
        assert_eq!(posts[0].media.as_str(), "link");
        assert_eq!(posts[0].link_domains, ["example.com"]);
    }

    #[test]
    fn the_media_url_tells_photo_video_and_document_by_its_path() {
        let text = "Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility\n\
            2025-11-19 09:59:30,https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A1,A photo,,https://media.licdn.com/dms/image/v2/D4E22AQ/feedshare-shrink_800/0/1?e=1&v=beta,PUBLIC\n\
            2025-11-20 09:59:30,https://www.linkedin.com/feed/update/urn%3Ali%3Augcpost%3A2,A video,,https://dms.licdn.com/playlist/vid/v2/D4E05AQ/mp4-720p-30fp-crf28/0/1?e=1&v=beta,PUBLIC\n\
            2025-11-21 09:59:30,https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A3,Slides,,https://media.licdn.com/dms/document/media/v2/D4E1FAQ/feedshare-document-pdf-analyzed/0/1,PUBLIC\n";
        let mut problems = RecordProblems::default();
        let media: Vec<&str> = shares(text, &mut problems)
            .unwrap()
            .iter()
            .map(|p| p.media.as_str())
            .collect();
        assert_eq!(media, ["photo", "video", "document"]);
    }
}
