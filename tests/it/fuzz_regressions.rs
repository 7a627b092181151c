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
    // The friends are kept, without a time.
    let value: serde_json::Value = serde_json::from_slice(friends).unwrap();
    let mut problems = rapport::import::coverage::RecordProblems::default();
    let people = rapport::import::facebook::network::people(
        &value,
        rapport::model::Relation::Friend,
        &mut problems,
    );
    assert_eq!(people.len(), 2);
    assert!(people.iter().all(|p| p.connected_at.is_none()));
    let message = br#"{"participants": [{"name": "A"}, {"name": "B"}],
        "messages": [{"sender_name": "A", "timestamp_ms": 18446744073709551615, "content": "x"},
        {"sender_name": "B", "timestamp": 99999999999, "content": "y"}]}"#;
    let mut input = vec![0u8];
    input.extend_from_slice(message);
    fuzz::facebook_json(&input);
}

/// A workbook whose sheet holds a cell reference with a column of many letters: calamine
/// multiplied its column number past u32 (a panic in builds with overflow checks, a wrapped
/// position otherwise). Found by the `linkedin_xlsx` fuzz target after about 150,000
/// executions; cell references are now checked before calamine reads the sheets.
#[test]
fn a_cell_reference_no_spreadsheet_holds_is_refused_before_calamine() {
    // The input as found: its zip is also damaged, which the check refuses first.
    let workbook = include_bytes!("fuzz_inputs/linkedin_xlsx-2be2e09c.xlsx");
    fuzz::linkedin_xlsx(workbook);
    let err = rapport::import::linkedin::analytics_xlsx::parse(workbook).unwrap_err();
    assert!(err.contains("not a readable XLSX workbook"), "{err}");
    // The same reference in a sound workbook.
    let workbook =
        crate::support::xlsx::top_posts(&[("A1", "Post URL"), ("AAAAAAAAAAAAAAA2", "x")]);
    fuzz::linkedin_xlsx(&workbook);
    let err = rapport::import::linkedin::analytics_xlsx::parse(&workbook).unwrap_err();
    assert!(
        err.contains("xl/worksheets/sheet1.xml: cell reference \"AAAAAAAAAAAAAAA2\""),
        "{err}"
    );
}

/// Two cells far apart (A1 and XFD1048576) made calamine's dense grid ask for 17 billion
/// cells. Found reading calamine while fixing the crash above; the sheet is now read cell
/// by cell.
#[test]
fn two_cells_far_apart_do_not_allocate_the_grid_between_them() {
    let workbook = crate::support::xlsx::top_posts(&[
        ("A1", "Post URL"),
        ("B1", "Post publish date"),
        ("C1", "Engagements"),
        (
            "A2",
            "https://www.linkedin.com/feed/update/urn:li:activity:7190000000000000001",
        ),
        ("C2", "12"),
        ("XFD1048576", "far away"),
    ]);
    let top = rapport::import::linkedin::analytics_xlsx::parse(&workbook).unwrap();
    assert_eq!(top.len(), 1);
    assert_eq!(top[0].engagements, Some(12));
    assert_eq!(top[0].number.as_deref(), Some("7190000000000000001"));
}
