//! A status's `content` is HTML: read as the text a reader sees (tags stripped, paragraphs
//! and line breaks kept as line ends, entities decoded), with the links it carries.

use crate::import::text::unescape_html;

/// What a status's HTML says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Content {
    /// The text, as shown.
    pub text: String,
    /// The targets of links that are neither mentions nor hashtags.
    pub links: Vec<String>,
}

/// The value of attribute `name` in a tag's source (`a href="..." class="..."`).
fn attribute<'t>(tag: &'t str, name: &str) -> Option<&'t str> {
    let mut rest = tag;
    while let Some(at) = rest.find(name) {
        let before = rest[..at].chars().next_back();
        let after = rest[at + name.len()..].trim_start();
        rest = &rest[at + name.len()..];
        if !before.is_some_and(char::is_whitespace) {
            continue;
        }
        let Some(value) = after.strip_prefix('=') else {
            continue;
        };
        let value = value.trim_start();
        let quote = value.chars().next()?;
        if quote == '"' || quote == '\'' {
            return value[1..].split(quote).next();
        }
        return value.split(char::is_whitespace).next();
    }
    None
}

/// Reads a status's HTML.
pub fn read(html: &str) -> Content {
    let mut text = String::new();
    let mut links = Vec::new();
    let mut rest = html;
    // Text inside `<span class="invisible">` (the hidden part of a shortened link) is kept:
    // the text is what the author wrote.
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('>') else {
            // A stray `<` is text.
            text.push_str(&rest[open..]);
            rest = "";
            break;
        };
        let tag = &after[..close];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        let closing = tag.starts_with('/');
        match name.as_str() {
            "br" => text.push('\n'),
            "p" if !closing && !text.is_empty() => text.push_str("\n\n"),
            "a" if !closing => {
                let class = attribute(tag, "class").unwrap_or_default();
                let special = class
                    .split_whitespace()
                    .any(|c| c == "mention" || c == "hashtag");
                if let Some(href) = attribute(tag, "href").filter(|_| !special) {
                    links.push(unescape_html(href));
                }
            }
            _ => {}
        }
        rest = &after[close + 1..];
    }
    text.push_str(rest);
    Content {
        text: unescape_html(&text).trim().to_string(),
        links,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_breaks_entities_and_links() {
        let c = read(
            "<p>Hi <span class=\"h-card\"><a href=\"https://o.example/@bob\" class=\"u-url \
             mention\">@<span>bob</span></a></span> &amp; all</p><p>a<br />b &lt;3 \
             <a href=\"https://www.rust-lang.org/x?a=1&amp;b=2\" rel=\"nofollow\"><span \
             class=\"invisible\">https://www.</span><span>rust-lang.org/x</span></a></p>",
        );
        assert_eq!(
            c.text,
            "Hi @bob & all\n\na\nb <3 https://www.rust-lang.org/x"
        );
        assert_eq!(c.links, vec!["https://www.rust-lang.org/x?a=1&b=2"]);
    }

    #[test]
    fn broken_html_is_text() {
        assert_eq!(read("a < b").text, "a < b");
        assert_eq!(read("").text, "");
        assert_eq!(read("<p>x").text, "x");
    }
}
