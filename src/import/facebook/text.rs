//! Facebook's strings: every one is repaired for mojibake as it is read.

pub use crate::import::messenger::text::{field, repair};

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

/// Title patterns by language, as seen in real exports: the words between the actor and
/// the person, and the words that end the person's name. Danish drops the apostrophe of
/// the possessive (`Anders Jacobsens opslag` is Anders Jacobsen's post); `et opslag`
/// (a post) names nobody.
const PATTERNS: &[(&str, &[&str])] = &[
    // Danish: "X har kommenteret Ys opslag." / "... Ys billede."
    (" har kommenteret ", &[" opslag", " billede", " kommentar"]),
    (" har reageret på ", &[" opslag", " billede", " kommentar"]),
    (" synes godt om ", &[" opslag", " billede", " kommentar"]),
];

/// The person a localized title names, for a comment or reaction of the owner: the
/// longest name of a person the export knows (`known`, longest first, the owner left out)
/// that the title holds as whole words, whatever the language; else a known language's
/// pattern (English, Danish); else `None`.
pub fn counterpart_in_title(title: &str, known: &[String], owner: Option<&str>) -> Option<String> {
    // The name as whole words, a possessive ('s, or a bare s as in Danish) allowed after it.
    let as_words = |name: &str| {
        title.match_indices(name).any(|(i, _)| {
            let before = title[..i].chars().next_back();
            let after = &title[i + name.len()..];
            let after = ["'s", "\u{2019}s", "s"]
                .iter()
                .find_map(|p| after.strip_prefix(p))
                .filter(|rest| rest.chars().next().is_none_or(|c| !c.is_alphanumeric()))
                .unwrap_or(after);
            before.is_none_or(|c| !c.is_alphanumeric())
                && after.chars().next().is_none_or(|c| !c.is_alphanumeric())
        })
    };
    if let Some(name) = known.iter().find(|n| !n.is_empty() && as_words(n)) {
        return Some(name.clone());
    }
    let from_pattern = person_in_title(title).or_else(|| {
        PATTERNS.iter().find_map(|(verb, ends)| {
            let (_, rest) = title.split_once(verb)?;
            let (name, _) = ends.iter().find_map(|end| rest.split_once(end))?;
            let name = name.trim();
            // "et opslag", "en kommentar": an object with no owner named.
            if name.is_empty() || ["et", "en", "sit", "sin", "sine"].contains(&name) {
                return None;
            }
            let name = name.strip_suffix("'s").or_else(|| name.strip_suffix('s'))?;
            Some(name.to_string())
        })
    })?;
    (Some(from_pattern.as_str()) != owner).then_some(from_pattern)
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

    #[test]
    fn a_known_name_in_any_language_then_a_pattern_then_nobody() {
        let known = vec!["Anders Jacobsen".to_string(), "Al".to_string()];
        let owner = Some("Gustav Johansen");
        let find = |t: &str| counterpart_in_title(t, &known, owner);
        // Danish, the possessive s glued to the known name.
        assert_eq!(
            find("Gustav Johansen har kommenteret Anders Jacobsens opslag.").as_deref(),
            Some("Anders Jacobsen")
        );
        // German, a known name.
        assert_eq!(
            find("Gustav Johansen hat den Beitrag von Anders Jacobsen kommentiert.").as_deref(),
            Some("Anders Jacobsen")
        );
        // "Al" is no match inside "Alan"; the Danish pattern names Alan Bo.
        assert_eq!(
            find("Gustav Johansen har kommenteret Alan Bos billede.").as_deref(),
            Some("Alan Bo")
        );
        assert_eq!(find("Gustav Johansen har kommenteret et opslag."), None);
        // French has no pattern and names no one known.
        assert_eq!(
            find("Gustav Johansen a commenté la publication de Jean Dupont."),
            None
        );
        assert_eq!(
            find("Gustav Johansen commented on Jean Dupont's post.").as_deref(),
            Some("Jean Dupont")
        );
    }
}
