//! Profile addresses made from counterpart ids: the pieces each importer's own rule is built
//! from (see `Importer::profile_url`).

/// The id itself where it is a web address (a LinkedIn profile URL), else nothing.
pub fn web_address(id: &str) -> Option<String> {
    let id = id.trim();
    let ok = (id.starts_with("https://") || id.starts_with("http://"))
        && !id.contains(char::is_whitespace);
    ok.then(|| id.to_string())
}

/// Letters, digits, `_` and `.`: a handle or username that a profile address can hold.
pub fn is_username(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.')
}

/// A host name: dot-separated labels of letters, digits and `-`.
pub fn is_host(s: &str) -> bool {
    s.contains('.')
        && s.split('.').all(|label| {
            !label.is_empty()
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_addresses_are_their_own_profile() {
        assert_eq!(
            web_address("https://www.linkedin.com/in/ren%c3%a9e-roy").as_deref(),
            Some("https://www.linkedin.com/in/ren%c3%a9e-roy")
        );
        assert_eq!(web_address("Grace Hopper"), None);
        assert_eq!(web_address("https://a b"), None);
        assert!(is_username("zoe.quinn") && !is_username("Zoë Quinn") && !is_username(""));
        assert!(is_host("other.example") && !is_host("host/..") && !is_host("localhost"));
    }
}
