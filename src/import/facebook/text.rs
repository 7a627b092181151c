//! Facebook's strings: every one is repaired for mojibake as it is read.

use serde_json::Value;

use crate::import::fields;
use crate::import::mojibake;

/// A repaired string.
pub fn repair(text: &str) -> String {
    mojibake::repaired(text)
}

/// A text field, repaired; `None` when missing or empty.
pub fn field(record: &Value, key: &str) -> Option<String> {
    fields::text(record, key).map(|t| repair(&t))
}

/// The person a localized title names after `on`, `to` or `liked` (`X commented on Y's post.`,
/// `X replied to Y's comment.`, `X wrote on Y's timeline.`). English only; `None` otherwise,
/// and for the owner's own posts (`his own`, `her own`, `their own`, `your own`).
pub fn person_in_title(title: &str) -> Option<String> {
    let (_, rest) = [" on ", " to ", " liked ", " likes ", " loved "]
        .iter()
        .filter_map(|sep| title.split_once(sep))
        .min_by_key(|(head, _)| head.len())?;
    let name = rest
        .split_once("'s ")
        .or_else(|| rest.split_once("\u{2019}s "))?
        .0
        .trim();
    let own = ["his own", "her own", "their own", "your own", "own"];
    (!name.is_empty() && !own.contains(&name)).then(|| name.to_string())
}

/// Whether a localized title says the act was on the owner's own post or comment
/// (English only: `... on her own post.`).
pub fn on_own_post(title: &str) -> bool {
    [" his own ", " her own ", " their own ", " your own "]
        .iter()
        .any(|own| title.contains(own))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_name_the_other_person() {
        assert_eq!(
            person_in_title("Ada Lovelace commented on Grace Hopper's post.").as_deref(),
            Some("Grace Hopper")
        );
        assert_eq!(
            person_in_title("Ada Lovelace replied to Alan Turing's comment.").as_deref(),
            Some("Alan Turing")
        );
        assert_eq!(
            person_in_title("Ada Lovelace commented on her own post."),
            None
        );
        assert_eq!(
            person_in_title("Ada Lovelace har kommenteret et opslag."),
            None
        );
    }
}
