//! Small text helpers shared by importers: entity decoding, hosts of links, dates,
//! and the hashtag and mention scanners for archives that give no entities.

use chrono::{DateTime, NaiveDateTime};

/// Decodes HTML entities once (`&amp;lt;` becomes `&lt;`, not `<`).
pub fn unescape_html(text: &str) -> String {
    if text.contains('&') {
        html_escape::decode_html_entities(text).into_owned()
    } else {
        text.to_string()
    }
}

/// The host of a URL, lower-cased, without `www.`; `None` when it has no host.
pub fn link_domain(url: &str) -> Option<String> {
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?;
    let host = host.split(':').next()?.trim().to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty() && host.contains('.')).then_some(host)
}

/// The link domain of `url` unless it is one of the platform's own sites (`own`, a host or
/// any host under it): a quoted post or a reshared article is no link to an outside site.
pub fn outside_domain(url: &str, own: &[&str]) -> Option<String> {
    let host = link_domain(url)?;
    let is_own = own
        .iter()
        .any(|o| host == *o || host.ends_with(&format!(".{o}")));
    (!is_own).then_some(host)
}

/// The earliest time a record of Twitter/X, LinkedIn or Facebook can carry: 2000-01-01
/// UTC, before any of them existed.
pub const EARLIEST_MS: i64 = 946_684_800_000;
/// The first time no record can carry: 2100-01-01 UTC.
pub const END_MS: i64 = 4_102_444_800_000;

/// A record's time, if it is one that a record can carry (see [`EARLIEST_MS`], [`END_MS`]):
/// a tweet "from" year 0 or 9999 is as unreadable as one whose date does not parse, and
/// would otherwise stretch every period to millennia.
pub fn plausible(ms: i64) -> Option<i64> {
    (EARLIEST_MS..END_MS).contains(&ms).then_some(ms)
}

/// A count of seconds since the epoch as a record time in ms (see [`plausible`]).
pub fn from_seconds(seconds: u64) -> Option<i64> {
    i64::try_from(seconds)
        .ok()
        .and_then(|s| s.checked_mul(1000))
        .and_then(plausible)
}

/// A count of ms since the epoch as a record time (see [`plausible`]).
pub fn from_millis(ms: u64) -> Option<i64> {
    i64::try_from(ms).ok().and_then(plausible)
}

/// Milliseconds since the epoch of a time in one of the given `chrono` formats, each of
/// which must carry an offset (`%z`); `None` when it is not a [`plausible`] record time.
pub fn parse_with_offset(text: &str, formats: &[&str]) -> Option<i64> {
    let t = text.trim();
    formats
        .iter()
        .find_map(|f| DateTime::parse_from_str(t, f).ok())
        .map(|d| d.timestamp_millis())
        .and_then(plausible)
}

/// Milliseconds since the epoch of an RFC 3339 / ISO 8601 time (`2022-09-12T17:38:27.668Z`);
/// `None` when it is not a [`plausible`] record time.
pub fn parse_iso(text: &str) -> Option<i64> {
    let t = text.trim();
    DateTime::parse_from_rfc3339(t)
        .map(|d| d.timestamp_millis())
        .ok()
        .or_else(|| {
            NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M:%S%.f")
                .ok()
                .map(|d| d.and_utc().timestamp_millis())
        })
        .and_then(plausible)
}

fn is_handle_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// `@handles` in a text, in order, as written (without `@`), each once.
pub fn scan_mentions(text: &str) -> Vec<String> {
    scan(text, '@', is_handle_char, |h| h.len() <= 15)
}

/// The values in order, each once (the first time it comes).
pub fn unique(values: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for v in values {
        if !out.contains(&v) {
            out.push(v);
        }
    }
    out
}

/// Instagram's `@usernames` in a text (letters, digits, `_` and `.`, at most 30; a
/// sentence's full stop after one is not part of it), in order, each once.
pub fn scan_instagram_mentions(text: &str) -> Vec<String> {
    let found = scan(
        text,
        '@',
        |c| c.is_ascii_alphanumeric() || c == '_' || c == '.',
        |_| true,
    )
    .into_iter()
    .map(|h| h.trim_end_matches('.').to_string())
    .filter(|h| !h.is_empty() && h.len() <= 30);
    unique(found)
}

/// `#hashtags` in a text, lower-cased, in order, each once. A tag of digits only is not one.
pub fn scan_hashtags(text: &str) -> Vec<String> {
    let found = scan(
        text,
        '#',
        |c| c.is_alphanumeric() || c == '_',
        |h| !h.chars().all(|c| c.is_ascii_digit()),
    )
    .into_iter()
    .map(|h| h.to_lowercase());
    unique(found)
}

fn scan(
    text: &str,
    sigil: char,
    body: impl Fn(char) -> bool,
    accept: impl Fn(&str) -> bool,
) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let mut previous: Option<char> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let starts = c == sigil && !previous.is_some_and(|p| p.is_alphanumeric() || p == '_');
        previous = Some(c);
        if !starts {
            continue;
        }
        let start = i + c.len_utf8();
        let mut end = start;
        while let Some(&(j, d)) = chars.peek() {
            if !body(d) {
                break;
            }
            end = j + d.len_utf8();
            previous = Some(d);
            chars.next();
        }
        let word = &text[start..end];
        if !word.is_empty() && accept(word) && !found.iter().any(|f| f == word) {
            found.push(word.to_string());
        }
    }
    found
}

/// `t.co` (or any `http(s)://`) links in a text, in order.
pub fn scan_links(text: &str) -> Vec<String> {
    text.split_whitespace()
        .filter(|w| w.starts_with("http://") || w.starts_with("https://"))
        .map(|w| w.trim_end_matches(['.', ',', ')', '"', '\'']).to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_are_decoded_once() {
        assert_eq!(unescape_html("a &amp; b &lt;3"), "a & b <3");
        assert_eq!(unescape_html("&amp;lt;"), "&lt;");
        assert_eq!(unescape_html("it&rsquo;s&nbsp;ok"), "it\u{2019}s\u{a0}ok");
    }

    #[test]
    fn domains_lose_scheme_www_port_and_case() {
        assert_eq!(
            link_domain("https://WWW.Example.com:8080/a?b").as_deref(),
            Some("example.com")
        );
        assert_eq!(
            link_domain("http://blog.example.org").as_deref(),
            Some("blog.example.org")
        );
        assert_eq!(link_domain("not a url"), None);
        let own = ["twitter.com", "x.com", "t.co"];
        assert_eq!(
            outside_domain("https://mobile.twitter.com/a/status/1", &own),
            None
        );
        assert_eq!(outside_domain("https://x.com/i/spaces/1", &own), None);
        assert_eq!(
            outside_domain("https://www.box.com/a", &own).as_deref(),
            Some("box.com")
        );
    }

    #[test]
    fn dates_parse_in_twitter_formats() {
        let f = ["%a %b %d %H:%M:%S %z %Y"];
        assert_eq!(
            parse_with_offset("Tue Oct 25 12:08:42 +0000 2022", &f),
            Some(1_666_699_722_000)
        );
        assert_eq!(
            parse_iso("2022-09-12T17:38:27.668Z"),
            Some(1_663_004_307_668)
        );
        assert_eq!(parse_with_offset("yesterday", &f), None);
    }

    #[test]
    fn scanners_find_tags_and_handles_not_emails() {
        assert_eq!(
            scan_hashtags("#Rust and #rust, #2024 x#no #Café"),
            vec!["rust", "café"]
        );
        assert_eq!(
            scan_mentions("@ada hi mail@example.com @bob_2!"),
            vec!["ada", "bob_2"]
        );
        assert_eq!(
            scan_links("see https://t.co/abc, and http://x.y)"),
            vec!["https://t.co/abc", "http://x.y"]
        );
    }
}
