//! Repair of text written as one code point per UTF-8 byte (`Ã©` for `é`), as Meta's exports
//! do everywhere and some LinkedIn exports do in names.

use std::borrow::Cow;

/// Repairs a string whose code points are all at most U+00FF and, taken as bytes, form
/// valid UTF-8 with at least one multi-byte character. Anything else (already correct
/// text, plain ASCII, real Latin-1 text that is not UTF-8) is returned unchanged, so the
/// repair is idempotent.
pub fn repair(text: &str) -> Cow<'_, str> {
    if text.is_ascii() || text.chars().any(|c| u32::from(c) > 0xFF) {
        return Cow::Borrowed(text);
    }
    let bytes: Vec<u8> = text.chars().map(|c| c as u32 as u8).collect();
    match String::from_utf8(bytes) {
        Ok(fixed) => Cow::Owned(fixed),
        Err(_) => Cow::Borrowed(text),
    }
}

/// [`repair`] into an owned string.
pub fn repaired(text: &str) -> String {
    repair(text).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mojibake_is_repaired_and_correct_text_is_left_alone() {
        assert_eq!(repair("Ren\u{c3}\u{a9}e"), "Renée");
        assert_eq!(repair("S\u{c3}\u{b8}ren"), "Søren");
        // 😠 F0 9F 98 A0 as four code points.
        assert_eq!(repair("\u{f0}\u{9f}\u{98}\u{a0}"), "😠");
        assert_eq!(repair("Renée"), "Renée");
        assert_eq!(repair("😠 ok"), "😠 ok");
        // "é" alone (U+00E9) is not valid UTF-8 as one byte: kept.
        assert_eq!(repair("caf\u{e9}"), "café");
        assert_eq!(repair(&repaired("Ren\u{c3}\u{a9}e")), "Renée");
    }
}
