//! Property tests: every parser the fuzz targets reach, fed random input on every test run
//! (the fuzz entry points of `rapport::fuzz` must never panic), and the invariants that hold
//! between parsers (a streamed array reads as the whole file does, mojibake repairs back).

use proptest::collection::vec;
use proptest::prelude::*;
use serde_json::Value;

use rapport::fuzz;
use rapport::import::coverage::RecordProblems;
use rapport::import::jsfile;
use rapport::import::mojibake;
use rapport::import::text::{from_millis, from_seconds, parse_iso};
use rapport::pipeline::gate;

/// Bytes that look like the files the parsers read more often than uniform noise does:
/// fragments of JSON, CSV, JS wrappers and invalid UTF-8.
fn export_like_bytes() -> impl Strategy<Value = Vec<u8>> {
    let fragment = prop_oneof![
        Just(b"window.YTD.tweets.part0 = [".to_vec()),
        Just(b"{\"tweet\": {\"id_str\": \"1\", \"created_at\": \"Sat Mar 02 10:00:00 +0000 2019\", \"full_text\": \"hi @a #b\"}}".to_vec()),
        Just(b"{\"messages\": [{\"sender_name\": \"A\", \"timestamp_ms\": 1704272400000, \"content\": \"x\"}], \"participants\": [{\"name\": \"A\"}]}".to_vec()),
        Just(b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n".to_vec()),
        Just(b"CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT\n".to_vec()),
        Just(b"\"quoted, with\nnewline\",".to_vec()),
        Just(b"[{\"a\": [".to_vec()),
        Just(b"]}],".to_vec()),
        Just(b"\\u00c3\\u00a9\\ud800".to_vec()),
        Just(vec![0xff, 0xfe, 0xc3]),
        Just(b"99999999999999999999999,-1,1e400,NaN".to_vec()),
        vec(any::<u8>(), 0..24),
    ];
    vec(fragment, 0..12).prop_map(|parts| parts.concat())
}

/// A JSON value of a few levels, as tweets and messages are.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        ".{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..6).prop_map(Value::Array),
            vec(("[a-z_]{1,8}", inner), 0..6)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn twitter_files_never_panic(selector in any::<u8>(), body in export_like_bytes()) {
        let mut input = vec![selector];
        input.extend(body);
        fuzz::twitter_ytd(&input);
        fuzz::twitter_legacy(&input);
        fuzz::twitter_analytics(&input[1..]);
    }

    #[test]
    fn linkedin_files_never_panic(selector in any::<u8>(), body in export_like_bytes()) {
        let mut input = vec![selector];
        input.extend(body);
        fuzz::linkedin_csv(&input);
        fuzz::linkedin_xlsx(&input[1..]);
    }

    #[test]
    fn facebook_files_never_panic(selector in any::<u8>(), body in export_like_bytes()) {
        let mut input = vec![selector];
        input.extend(body);
        fuzz::facebook_json(&input);
    }

    #[test]
    fn instagram_and_mastodon_files_never_panic(selector in any::<u8>(), body in export_like_bytes()) {
        let mut input = vec![selector];
        input.extend(body);
        fuzz::instagram_json(&input);
        fuzz::mastodon_archive(&input);
    }

    #[test]
    fn tweet_objects_of_any_shape_never_panic(tweets in vec(json_value(), 0..8)) {
        let mut input = vec![0u8];
        let wrapped: Vec<Value> = tweets
            .into_iter()
            .map(|t| serde_json::json!({ "tweet": t }))
            .collect();
        input.extend(format!("window.YTD.tweets.part0 = {}", Value::Array(wrapped)).bytes());
        fuzz::twitter_ytd(&input);
    }

    #[test]
    fn fail_if_expressions_never_panic(text in ".{0,60}") {
        fuzz::fail_if(text.as_bytes());
    }

    #[test]
    fn people_files_never_panic(
        header in "(person|twitter|facebook|instagram|evidence|x|\"p,q\"|;|,){0,8}",
        body in "([a-zA-Z0-9 #@|.,;\"\n]|Grace Hopper|2001|grace\\.hopper|user 2001){0,80}",
    ) {
        fuzz::people_file(format!("{header}\n{body}").as_bytes());
    }

    #[test]
    fn a_gate_reads_back_as_it_prints(
        key in "[a-z_]{1,10}(\\.[a-z_0-9]{1,10}){0,3}",
        op in prop_oneof![Just("<"), Just("<="), Just(">"), Just(">="), Just("=="), Just("!=")],
        threshold in -1e9f64..1e9,
    ) {
        let parsed = gate::parse(&format!("{key} {op} {threshold}")).unwrap();
        let again = gate::parse(&parsed.to_string()).unwrap();
        prop_assert_eq!(parsed.to_string(), again.to_string());
    }

    #[test]
    fn a_streamed_array_reads_as_the_whole_file_does(
        elements in vec(json_value(), 0..20),
        pretty in any::<bool>(),
    ) {
        let array = Value::Array(elements.clone());
        let json = if pretty {
            serde_json::to_string_pretty(&array).unwrap()
        } else {
            array.to_string()
        };
        let text = format!("window.YTD.x.part0 = {json}");
        let whole = jsfile::parse_value(&text, 100).unwrap();
        let streamed = jsfile::records(&mut text.as_bytes(), 100, &|node, _: &mut RecordProblems| {
            Some(serde_json::from_str::<Value>(&node.to_string()).unwrap())
        })
        .unwrap();
        prop_assert_eq!(streamed.count, elements.len() as u64);
        prop_assert_eq!(Value::Array(streamed.items), whole);
    }

    #[test]
    fn arbitrary_bytes_as_a_data_file_never_panic(bytes in export_like_bytes()) {
        let _ = jsfile::records(&mut bytes.as_slice(), 64, &|_, _: &mut RecordProblems| Some(()));
        let _ = jsfile::parse_value(&String::from_utf8_lossy(&bytes), 64);
    }

    #[test]
    fn mojibake_repairs_back_to_the_text(text in "\\PC{0,24}") {
        // Meta writes each UTF-8 byte as the code point of the same number.
        let broken: String = text.bytes().map(char::from).collect();
        prop_assert_eq!(mojibake::repair(&broken).into_owned(), text.clone());
        prop_assert_eq!(mojibake::repair(&text).into_owned(), text);
    }

    #[test]
    fn times_from_any_number_are_plausible_or_none(n in any::<u64>(), text in ".{0,32}") {
        for ms in [from_seconds(n), from_millis(n), parse_iso(&text)].into_iter().flatten() {
            prop_assert!((946_684_800_000..4_102_444_800_000).contains(&ms));
        }
    }

}

proptest! {
    // Each case writes a zip and runs every analysis: fewer cases.
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    #[test]
    fn any_bytes_as_a_zip_never_panic(bytes in export_like_bytes()) {
        let mut zip = b"PK\x03\x04".to_vec();
        zip.extend(bytes);
        fuzz::archive(&zip);
    }

    #[test]
    fn a_fixture_zip_with_bytes_flipped_never_panics(
        flips in vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
    ) {
        let dir = crate::support::tempdir();
        let path = dir.path().join("t.zip");
        crate::support::zip_dir(&crate::support::fixture("twitter-2019"), &path, &[]);
        let mut bytes = std::fs::read(&path).unwrap();
        for (at, value) in flips {
            let i = at.index(bytes.len());
            bytes[i] = value;
        }
        fuzz::archive(&bytes);
    }
}
