//! Inputs that once crashed a parser, replayed through the same entry points the fuzz
//! targets use (`rapport::fuzz`). Each says where it was found.

use rapport::fuzz;

/// A Facebook time in seconds so large that `seconds * 1000` overflowed i64 (a panic in
/// debug builds, a wrapped time in release). Found reading the code while writing the
/// fuzz targets; now such a time is unreadable and the record is skipped or its time null.
#[test]
fn a_facebook_timestamp_past_i64_milliseconds_is_not_an_overflow() {
    let friends = br#"{"friends_v2": [{"name": "A", "timestamp": 100000000000000000},
        {"name": "B", "timestamp": 18446744073709551615}]}"#;
    let selector = fuzz::FACEBOOK_JSON_FILES
        .iter()
        .position(|f| f.ends_with("connections/friends/your_friends.json"))
        .unwrap() as u8;
    let mut input = vec![selector];
    input.extend_from_slice(friends);
    fuzz::facebook_json(&input);
    let message = br#"{"participants": [{"name": "A"}, {"name": "B"}],
        "messages": [{"sender_name": "A", "timestamp_ms": 18446744073709551615, "content": "x"},
        {"sender_name": "B", "timestamp": 99999999999, "content": "y"}]}"#;
    let mut input = vec![0u8];
    input.extend_from_slice(message);
    fuzz::facebook_json(&input);
}
