//! How LinkedIn names people: by profile URL where the file gives one (the most stable id),
//! else by the display name as written (after mojibake repair).

use crate::import::mojibake::repaired;

/// A profile URL in one form: `https`, lower case, no query, no trailing `/`.
pub fn normalize_url(url: &str) -> Option<String> {
    let t = url.trim();
    if t.is_empty() {
        return None;
    }
    let rest = t
        .strip_prefix("https://")
        .or_else(|| t.strip_prefix("http://"))
        .unwrap_or(t);
    let rest = rest.split(['?', '#']).next().unwrap_or(rest);
    let rest = rest.trim_end_matches('/');
    (!rest.is_empty()).then(|| format!("https://{}", rest.to_lowercase()))
}

/// A display name, repaired and trimmed; `None` when empty.
pub fn name(text: Option<&str>) -> Option<String> {
    let n = repaired(text?.trim());
    (!n.is_empty()).then_some(n)
}

/// The full name of a first and last name.
pub fn full_name(first: Option<&str>, last: Option<&str>) -> Option<String> {
    let joined = [first, last]
        .iter()
        .flatten()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    name(Some(&joined))
}

/// The counterpart id of a person: the profile URL, else the name.
pub fn id(url: Option<&str>, display: Option<&str>) -> Option<String> {
    url.and_then(normalize_url).or_else(|| name(display))
}

/// The public profile slug of a profile URL (`.../in/ada-example` -> `ada-example`).
pub fn slug(url: &str) -> Option<String> {
    url.split("/in/")
        .nth(1)
        .map(|s| s.trim_end_matches('/').to_string())
        .filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_take_one_form() {
        assert_eq!(
            normalize_url("http://www.LinkedIn.com/in/Ada-Example/?trk=x").as_deref(),
            Some("https://www.linkedin.com/in/ada-example")
        );
        assert_eq!(normalize_url("  "), None);
        assert_eq!(
            id(None, Some(" Ren\u{c3}\u{a9}e Roy ")).as_deref(),
            Some("Renée Roy")
        );
        assert_eq!(full_name(Some("Ada"), Some("")).as_deref(), Some("Ada"));
        assert_eq!(
            slug("https://www.linkedin.com/in/ada-example").as_deref(),
            Some("ada-example")
        );
    }
}
