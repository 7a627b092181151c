//! The records of a data file whose value is an array, read while the entry inflates.
//!
//! A [`Scanner`] finds where each element of the top-level array starts and ends (it only
//! tracks strings and nesting, so it runs far faster than parsing); the inflated bytes are
//! cut into batches of whole elements, and each batch is parsed on the rayon pool while the
//! next one inflates. At most a few batches are in memory at once, so a 300 MB `tweets.js`
//! never exists whole, and the elements of one file are parsed on every core.

use std::borrow::Cow;
use std::io::{ErrorKind, Read};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::JsProblem;
use crate::import::coverage::RecordProblems;
use crate::import::node::Node;

/// Bytes inflated per read.
const READ_BYTES: u64 = 1 << 20;
/// A batch is handed to the pool once it holds this many bytes of whole elements.
const BATCH_BYTES: usize = 2 << 20;

/// What [`records`] read from a file.
#[derive(Debug)]
pub struct Records<T> {
    /// What `parse` kept, in file order.
    pub items: Vec<T>,
    /// How many elements the array held.
    pub count: u64,
    /// The problems `parse` recorded.
    pub problems: RecordProblems,
    /// Keyed mode: how many times the key appears again after the array that was read (a
    /// JSON reader keeps the last one: read again with [`records_under_last`]).
    pub key_again: usize,
    /// Keyed mode: the object's own `totalItems`, where it states one at its top level.
    pub declared_total: Option<u64>,
}

/// One batch's records, or the problem that stopped it.
type Parsed<T> = Result<Records<T>, JsProblem>;

/// Reads a data file whose value is an array (`window.YTD.tweets.part0 = [ ... ]`, or a
/// bare array) from `reader`, calling `parse` on every element; elements are parsed in
/// parallel, results come back in file order. Arrays and objects nested deeper than
/// `max_depth` (the top-level array is level 1) stop the read with where it happened.
pub fn records<T: Send>(
    reader: &mut dyn Read,
    max_depth: usize,
    parse: &(dyn Fn(&Node<'_>, &mut RecordProblems) -> Option<T> + Sync),
) -> Result<Records<T>, JsProblem> {
    read_records(reader, None, 0, max_depth, parse)
}

/// [`records`] for the array under `key` of a file whose value is an object (Mastodon's
/// `outbox.json`: `{"type": "OrderedCollection", ..., "orderedItems": [ ... ]}`). The
/// object's other members are skipped; the array is level 2 of nesting.
pub fn records_under<T: Send>(
    reader: &mut dyn Read,
    key: &'static str,
    max_depth: usize,
    parse: &(dyn Fn(&Node<'_>, &mut RecordProblems) -> Option<T> + Sync),
) -> Result<Records<T>, JsProblem> {
    read_records(reader, Some(key), 0, max_depth, parse)
}

/// [`records_under`] for a file that gives `key` more than once: the first `skip`
/// occurrences are passed over, as a JSON reader keeps the last value of a key.
pub fn records_under_last<T: Send>(
    reader: &mut dyn Read,
    key: &'static str,
    skip: usize,
    max_depth: usize,
    parse: &(dyn Fn(&Node<'_>, &mut RecordProblems) -> Option<T> + Sync),
) -> Result<Records<T>, JsProblem> {
    read_records(reader, Some(key), skip, max_depth, parse)
}

fn read_records<T: Send>(
    reader: &mut dyn Read,
    key: Option<&'static str>,
    skip: usize,
    max_depth: usize,
    parse: &(dyn Fn(&Node<'_>, &mut RecordProblems) -> Option<T> + Sync),
) -> Result<Records<T>, JsProblem> {
    let slots: Mutex<Vec<Option<Parsed<T>>>> = Mutex::new(Vec::new());
    let in_flight = AtomicUsize::new(0);
    let most_in_flight = rayon::current_num_threads() + 2;
    let produced = rayon::in_place_scope(|scope| {
        let mut input = Input::new(reader);
        let mut scanner = Scanner {
            max_depth,
            key,
            skip,
            ..Scanner::default()
        };
        loop {
            let eof = input.fill()?;
            scanner
                .scan(&input.buf, input.scanned)
                .map_err(|s| s.problem(&input))?;
            input.scanned = input.buf.len();
            let ready = scanner.elements.last().map_or(0, |&(_, end)| end);
            if ready > 0 && (ready >= BATCH_BYTES || eof) {
                let (bytes, start) = input.cut(ready);
                let ranges = scanner.take(ready);
                while in_flight.load(Ordering::Acquire) >= most_in_flight {
                    wait_a_little();
                }
                in_flight.fetch_add(1, Ordering::AcqRel);
                let index = {
                    let mut slots = slots.lock().unwrap_or_else(|p| p.into_inner());
                    slots.push(None);
                    slots.len() - 1
                };
                let (slots, in_flight) = (&slots, &in_flight);
                scope.spawn(move |_| {
                    let result = parse_batch(&bytes, &ranges, start, parse);
                    drop(bytes);
                    slots.lock().unwrap_or_else(|p| p.into_inner())[index] = Some(result);
                    in_flight.fetch_sub(1, Ordering::AcqRel);
                });
            }
            if eof {
                scanner.finish(&input).map_err(|s| s.problem(&input))?;
                return Ok((scanner.again, scanner.total));
            }
        }
    });
    // A problem in an earlier batch comes before one found later in the file.
    let mut out = Records {
        items: Vec::new(),
        count: 0,
        problems: RecordProblems::default(),
        key_again: 0,
        declared_total: None,
    };
    for slot in slots.into_inner().unwrap_or_else(|p| p.into_inner()) {
        let batch = slot.unwrap_or_else(|| Err(JsProblem("a batch was not parsed".into())))?;
        out.items.extend(batch.items);
        out.count += batch.count;
        out.problems.absorb(batch.problems);
    }
    (out.key_again, out.declared_total) = produced?;
    Ok(out)
}

/// Lets the pool run other work (this file's batches first) while too many are in flight.
fn wait_a_little() {
    match rayon::yield_now() {
        Some(rayon::Yield::Executed) => {}
        _ => std::thread::sleep(std::time::Duration::from_micros(100)),
    }
}

fn parse_batch<T>(
    bytes: &[u8],
    ranges: &[(usize, usize)],
    start: Position,
    parse: &(dyn Fn(&Node<'_>, &mut RecordProblems) -> Option<T> + Sync),
) -> Result<Records<T>, JsProblem> {
    let mut problems = RecordProblems::default();
    let mut items = Vec::with_capacity(ranges.len());
    // Invalid UTF-8 is replaced element by element, so that offsets stay those of the bytes.
    let text = std::str::from_utf8(bytes).ok();
    for &(from, to) in ranges {
        let element: Cow<'_, str> = match text {
            Some(text) => Cow::Borrowed(&text[from..to]),
            None => String::from_utf8_lossy(&bytes[from..to]),
        };
        match Node::parse(&element) {
            Ok(node) => items.extend(parse(&node, &mut problems)),
            Err(e) => return Err(locate(&e, start.after(&bytes[..from]))),
        }
    }
    Ok(Records {
        items,
        count: ranges.len() as u64,
        problems,
        key_again: 0,
        declared_total: None,
    })
}

/// A place in the file: the line (from 1) and the characters before it on that line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Position {
    line: usize,
    chars_before: usize,
}

impl Position {
    const START: Position = Position {
        line: 1,
        chars_before: 0,
    };

    /// The position after `bytes` that start here.
    fn after(self, bytes: &[u8]) -> Position {
        match memchr::memrchr(b'\n', bytes) {
            Some(last) => Position {
                line: self.line + memchr::memchr_iter(b'\n', bytes).count(),
                chars_before: chars(&bytes[last + 1..]),
            },
            None => Position {
                line: self.line,
                chars_before: self.chars_before + chars(bytes),
            },
        }
    }

    fn problem(self, what: &str) -> JsProblem {
        JsProblem(format!(
            "invalid JSON at line {}, column {}: {what}",
            self.line,
            self.chars_before + 1
        ))
    }
}

/// Characters in UTF-8 bytes: every byte that does not continue a character.
fn chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

/// A parse error of the element that starts at `start`, placed in the file.
fn locate(err: &serde_json::Error, start: Position) -> JsProblem {
    super::placed(err, start.line - 1, start.chars_before)
}

/// The inflated bytes not yet handed over, and where they start in the file.
struct Input<'r> {
    reader: &'r mut dyn Read,
    buf: Vec<u8>,
    /// Bytes of `buf` the scanner has seen.
    scanned: usize,
    /// The position of `buf[0]` in the file.
    position: Position,
    started: bool,
}

impl<'r> Input<'r> {
    fn new(reader: &'r mut dyn Read) -> Input<'r> {
        Input {
            reader,
            buf: Vec::new(),
            scanned: 0,
            position: Position::START,
            started: false,
        }
    }

    /// Appends the next bytes; true at the end of the file.
    fn fill(&mut self) -> Result<bool, JsProblem> {
        let before = self.buf.len();
        loop {
            match (&mut *self.reader)
                .take(READ_BYTES)
                .read_to_end(&mut self.buf)
            {
                Ok(_) => break,
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                Err(e) => return Err(JsProblem(e.to_string())),
            }
        }
        let eof = self.buf.len() == before;
        if !self.started && (self.buf.len() >= 3 || eof) {
            self.started = true;
            if self.buf.starts_with(b"\xEF\xBB\xBF") {
                self.buf.drain(..3);
            }
        }
        Ok(eof)
    }

    /// Hands over `buf[..end]` with its position; the rest stays.
    fn cut(&mut self, end: usize) -> (Vec<u8>, Position) {
        // The rest goes into a buffer that can take a whole batch without growing again.
        let mut rest = Vec::with_capacity(BATCH_BYTES + 2 * READ_BYTES as usize);
        rest.extend_from_slice(&self.buf[end..]);
        self.buf.truncate(end);
        let bytes = std::mem::replace(&mut self.buf, rest);
        let start = self.position;
        self.position = start.after(&bytes);
        self.scanned -= end;
        (bytes, start)
    }
}

/// Where the scanner is in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Phase {
    /// Before anything but whitespace.
    #[default]
    Start,
    /// In the `window.YTD... =` prefix.
    Prefix,
    /// After the `=`, before the `[`.
    Assigned,
    /// Inside the array.
    Array,
    /// After the closing `]`.
    Closed,
    /// After a `;` that follows the `]`.
    Ended,
    /// Inside the top-level object, looking for the key (keyed mode).
    Object,
    /// After the array of the key, in the rest of the object (keyed mode): skipped.
    Rest,
}

/// Finds the elements of the top-level array in bytes that arrive a block at a time.
#[derive(Debug, Default)]
struct Scanner {
    phase: Phase,
    /// Nesting inside the current element.
    depth: usize,
    in_string: bool,
    escaped: bool,
    /// Where the element being read starts, if one is.
    open: Option<usize>,
    /// A comma was read and no element since.
    after_comma: bool,
    /// Elements read whole, as byte ranges of the input.
    elements: Vec<(usize, usize)>,
    /// Deepest nesting allowed, the top-level array included.
    max_depth: usize,
    /// In keyed mode, the key of the top-level object whose array is read.
    key: Option<&'static str>,
    /// Nesting inside the top-level object's other members (keyed mode).
    member_depth: usize,
    /// Whether the next string at the object's level is a key.
    expect_key: bool,
    /// Where the key being read starts.
    key_start: Option<usize>,
    /// The last key read is the one sought.
    key_matched: bool,
    /// Occurrences of the key to pass over before the one read.
    skip: usize,
    /// Occurrences of the key passed over so far.
    skipped: usize,
    /// The key's array was read; the rest of the object is scanned for the key again.
    array_done: bool,
    /// Occurrences of the key after the array read.
    again: usize,
    /// The last key read is `totalItems`.
    total_matched: bool,
    /// Reading the digits of the top-level `totalItems`.
    reading_total: bool,
    /// The top-level `totalItems`, where stated.
    total: Option<u64>,
}

impl Scanner {
    /// Scans `buf[from..]`.
    fn scan(&mut self, buf: &[u8], from: usize) -> Result<(), Scanned> {
        let mut i = from;
        while i < buf.len() {
            if self.in_string {
                if self.escaped {
                    self.escaped = false;
                    i += 1;
                    continue;
                }
                match memchr::memchr2(b'"', b'\\', &buf[i..]) {
                    Some(at) => {
                        i += at;
                        if buf[i] == b'\\' {
                            self.escaped = true;
                        } else {
                            self.in_string = false;
                            if let (Some(start), Some(key)) = (self.key_start.take(), self.key) {
                                self.key_matched = &buf[start..i] == key.as_bytes();
                                self.total_matched = &buf[start..i] == b"totalItems";
                            }
                        }
                        i += 1;
                    }
                    None => i = buf.len(),
                }
                continue;
            }
            let b = buf[i];
            match self.phase {
                Phase::Array => self.array_byte(b, i)?,
                Phase::Object => self.object_byte(b, i)?,
                Phase::Rest => {
                    if b == b'"' {
                        self.in_string = true;
                    }
                }
                _ if b.is_ascii_whitespace() => {}
                Phase::Start if self.key.is_some() => match b {
                    b'{' => {
                        self.phase = Phase::Object;
                        self.expect_key = true;
                    }
                    _ => return Err(Scanned::NotAnObject),
                },
                Phase::Start => match b {
                    b'[' => self.phase = Phase::Array,
                    b'{' => return Err(Scanned::NotAnArray),
                    b'=' => self.phase = Phase::Assigned,
                    _ => self.phase = Phase::Prefix,
                },
                Phase::Prefix => {
                    if b == b'=' {
                        self.phase = Phase::Assigned;
                    }
                }
                Phase::Assigned => match (b, self.key) {
                    (b'[', _) => self.phase = Phase::Array,
                    (_, Some(key)) => return Err(Scanned::KeyNotAnArray(key)),
                    (_, None) => return Err(Scanned::NotAnArray),
                },
                Phase::Closed if self.key.is_some() => {
                    // Back in the object: its other members, and perhaps the key again.
                    self.phase = Phase::Object;
                    self.array_done = true;
                    self.object_byte(b, i)?;
                }
                Phase::Closed if b == b';' => self.phase = Phase::Ended,
                Phase::Closed | Phase::Ended => {
                    return Err(Scanned::At(i, "trailing characters after the array"));
                }
            }
            i += 1;
        }
        Ok(())
    }

    /// A byte of the top-level object, outside strings (keyed mode): finds the key at the
    /// object's level, then its `:` and the array's `[`.
    fn object_byte(&mut self, b: u8, i: usize) -> Result<(), Scanned> {
        let top = self.member_depth == 0;
        match b {
            b'"' => {
                self.in_string = true;
                if top && self.expect_key {
                    self.key_start = Some(i + 1);
                }
            }
            b':' if top => {
                self.expect_key = false;
                self.reading_total = std::mem::take(&mut self.total_matched);
                if std::mem::take(&mut self.key_matched) {
                    if self.array_done {
                        self.again += 1;
                    } else if self.skipped < self.skip {
                        self.skipped += 1;
                    } else {
                        self.phase = Phase::Assigned;
                    }
                }
            }
            b'0'..=b'9' if top && self.reading_total => {
                let digit = u64::from(b - b'0');
                self.total = self
                    .total
                    .unwrap_or(0)
                    .checked_mul(10)
                    .and_then(|t| t.checked_add(digit));
                if self.total.is_none() {
                    self.reading_total = false;
                }
            }
            b',' if top => {
                self.expect_key = true;
                self.reading_total = false;
            }
            b'{' | b'[' => {
                self.reading_total = false;
                self.member_depth += 1;
                if self.member_depth + 1 > self.max_depth {
                    return Err(Scanned::TooDeep(i, self.max_depth));
                }
            }
            b'}' if top && self.array_done => self.phase = Phase::Rest,
            b'}' | b']' if top => {
                return Err(Scanned::NoKey(self.key.unwrap_or_default()));
            }
            b'}' | b']' => self.member_depth -= 1,
            _ => {}
        }
        Ok(())
    }

    fn array_byte(&mut self, b: u8, i: usize) -> Result<(), Scanned> {
        match b {
            b' ' | b'\n' | b'\r' | b'\t' => {}
            b',' if self.depth == 0 => match self.open.take() {
                Some(start) => {
                    self.elements.push((start, i));
                    self.after_comma = true;
                }
                None => return Err(Scanned::At(i, "expected a value before the comma")),
            },
            b']' if self.depth == 0 => {
                match self.open.take() {
                    Some(start) => self.elements.push((start, i)),
                    None if self.after_comma => {
                        return Err(Scanned::At(i, "trailing comma"));
                    }
                    None => {}
                }
                self.phase = Phase::Closed;
            }
            _ => {
                if self.open.is_none() {
                    self.open = Some(i);
                    self.after_comma = false;
                }
                match b {
                    b'"' => self.in_string = true,
                    b'{' | b'[' => {
                        self.depth += 1;
                        // The array is level 1, or 2 under a key of the top object.
                        let array_level = 1 + usize::from(self.key.is_some());
                        if self.depth + array_level > self.max_depth {
                            return Err(Scanned::TooDeep(i, self.max_depth));
                        }
                    }
                    b'}' | b']' => self.depth = self.depth.saturating_sub(1),
                    _ => {}
                }
            }
        }
        Ok(())
    }

    /// The elements up to `end`, with the input's offsets moved to follow the cut.
    fn take(&mut self, end: usize) -> Vec<(usize, usize)> {
        if let Some(open) = self.open.as_mut() {
            *open -= end;
        }
        std::mem::take(&mut self.elements)
    }

    /// Checks the end of the file: the array must have closed.
    fn finish(&mut self, input: &Input<'_>) -> Result<(), Scanned> {
        if let Some(key) = self.key {
            // The object's end is not checked: what follows the array is skipped.
            return match self.phase {
                _ if self.array_done => Ok(()),
                Phase::Start => Err(Scanned::NotAnObject),
                Phase::Object | Phase::Assigned if self.member_depth == 0 => {
                    Err(Scanned::NoKey(key))
                }
                Phase::Closed | Phase::Rest | Phase::Ended => Ok(()),
                _ => Err(Scanned::Located(
                    input
                        .position
                        .after(&input.buf)
                        .problem("the file ends before the array closes"),
                )),
            };
        }
        match self.phase {
            Phase::Start | Phase::Prefix => Err(Scanned::NoAssignment),
            Phase::Assigned => Err(Scanned::NotAnArray),
            Phase::Closed | Phase::Ended | Phase::Object | Phase::Rest => Ok(()),
            Phase::Array => {
                let start = self.open.unwrap_or(input.buf.len());
                let rest = String::from_utf8_lossy(&input.buf[start..]);
                let at = input.position.after(&input.buf[..start]);
                if !rest.trim().is_empty()
                    && let Err(e) = serde_json::from_str::<serde::de::IgnoredAny>(&rest)
                {
                    return Err(Scanned::Located(locate(&e, at)));
                }
                Err(Scanned::Located(
                    input
                        .position
                        .after(&input.buf)
                        .problem("the file ends before the array closes"),
                ))
            }
        }
    }
}

/// Why scanning stopped.
enum Scanned {
    NoAssignment,
    NotAnArray,
    /// Keyed mode: the file is not an object.
    NotAnObject,
    /// Keyed mode: the object has no such key.
    NoKey(&'static str),
    /// Keyed mode: the key's value is not an array.
    KeyNotAnArray(&'static str),
    /// At this offset of the input.
    At(usize, &'static str),
    /// Nesting past the limit, at this offset of the input.
    TooDeep(usize, usize),
    Located(JsProblem),
}

impl Scanned {
    fn problem(self, input: &Input<'_>) -> JsProblem {
        match self {
            Scanned::NoAssignment => {
                JsProblem("not a data file: no `window.YTD... =` assignment before the data".into())
            }
            Scanned::NotAnArray => {
                JsProblem("the data is not a JSON array (broken `window.YTD` wrapper?)".into())
            }
            Scanned::NotAnObject => JsProblem("the data is not a JSON object".into()),
            Scanned::NoKey(key) => JsProblem(format!("the object has no `{key}` list")),
            Scanned::KeyNotAnArray(key) => JsProblem(format!("`{key}` is not a list")),
            Scanned::At(offset, what) => input
                .position
                .after(&input.buf[..offset.min(input.buf.len())])
                .problem(what),
            Scanned::TooDeep(offset, max_depth) => input
                .position
                .after(&input.buf[..offset.min(input.buf.len())])
                .problem(&super::too_deep_message(max_depth)),
            Scanned::Located(problem) => problem,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<(Vec<Option<i64>>, u64), JsProblem> {
        let parse = |node: &Node<'_>, _: &mut RecordProblems| {
            Some(match node.get("a") {
                Some(Node::Unsigned(n)) => Some(*n as i64),
                _ => None,
            })
        };
        let out = records(&mut text.as_bytes(), 64, &parse)?;
        Ok((out.items, out.count))
    }

    fn read_under(text: &str, max_depth: usize) -> Result<(Vec<Option<i64>>, u64), JsProblem> {
        let parse = |node: &Node<'_>, _: &mut RecordProblems| {
            Some(match node.get("a") {
                Some(Node::Unsigned(n)) => Some(*n as i64),
                _ => None,
            })
        };
        let out = records_under(&mut text.as_bytes(), "orderedItems", max_depth, &parse)?;
        Ok((out.items, out.count))
    }

    #[test]
    fn a_key_given_twice_is_found_again_and_the_last_is_read_on_request() {
        let parse = |node: &Node<'_>, _: &mut RecordProblems| match node.get("a") {
            Some(Node::Unsigned(n)) => Some(*n),
            _ => None,
        };
        // As one real outbox.json: an empty list first, then the activities.
        let text = r#"{"id": "x", "totalItems": 3, "orderedItems": [],
            "type": "OrderedCollection", "orderedItems": [{"a": 1}, {"a": 2}, {"a": 3}]}"#;
        let first = records_under(&mut text.as_bytes(), "orderedItems", 64, &parse).unwrap();
        assert_eq!((first.count, first.key_again), (0, 1));
        assert_eq!(first.declared_total, Some(3));
        let last = records_under_last(&mut text.as_bytes(), "orderedItems", 1, 64, &parse).unwrap();
        assert_eq!(last.items, [1, 2, 3]);
        assert_eq!((last.count, last.key_again), (3, 0));
        // totalItems inside another member, or as a string, is not the object's own.
        let nested = r#"{"first": {"totalItems": 9}, "orderedItems": [{"a": 1}]}"#;
        let read = records_under(&mut nested.as_bytes(), "orderedItems", 64, &parse).unwrap();
        assert_eq!(read.declared_total, None);
        let quoted = r#"{"totalItems": "12", "orderedItems": []}"#;
        let read = records_under(&mut quoted.as_bytes(), "orderedItems", 64, &parse).unwrap();
        assert_eq!(read.declared_total, None);
    }

    #[test]
    fn the_array_under_a_key_is_found_past_other_members() {
        let text = r#"{"@context": ["x", {"orderedItems": [{"a": 9}]}], "id": "orderedItems",
            "orderedItems" : [{"a": 1}, {"a": 2, "s": "]}"}], "after": [{"a": 3}]}"#;
        assert_eq!(read_under(text, 64).unwrap(), (vec![Some(1), Some(2)], 2));
        assert_eq!(read_under(r#"{"orderedItems": []}"#, 64).unwrap().1, 0);
        // The key with an escape is another key.
        let escaped = r#"{"ordered\u0049tems": [{"a": 1}], "orderedItems": [{"a": 2}]}"#;
        assert_eq!(read_under(escaped, 64).unwrap().0, vec![Some(2)]);
    }

    #[test]
    fn a_missing_or_wrong_key_is_refused() {
        for (text, expected) in [
            (r#"{"items": [{"a": 1}]}"#, "no `orderedItems` list"),
            (
                r#"{"orderedItems": {"a": 1}}"#,
                "`orderedItems` is not a list",
            ),
            (r#"[{"a": 1}]"#, "not a JSON object"),
            (
                r#"{"orderedItems": [{"a": 1}"#,
                "ends before the array closes",
            ),
            ("", "not a JSON object"),
        ] {
            let err = read_under(text, 64).unwrap_err();
            assert!(err.0.contains(expected), "{text}: {}", err.0);
        }
    }

    #[test]
    fn nesting_under_a_key_counts_the_object() {
        // The object is level 1, the array 2, an element 3.
        assert!(read_under(r#"{"orderedItems": [{"a": 1}]}"#, 3).is_ok());
        let deep = read_under(r#"{"orderedItems": [{"a": [1]}]}"#, 3).unwrap_err();
        assert!(deep.0.contains("nest deeper than 3"), "{}", deep.0);
        let member = read_under(r#"{"x": [[[1]]], "orderedItems": []}"#, 3).unwrap_err();
        assert!(member.0.contains("nest deeper than 3"), "{}", member.0);
    }

    #[test]
    fn the_wrapper_is_stripped_and_records_come_in_order() {
        let (items, n) = read("window.YTD.tweets.part0 = [ {\"a\":1}, {\"a\":2} ]").unwrap();
        assert_eq!((items, n), (vec![Some(1), Some(2)], 2));
    }

    #[test]
    fn an_empty_data_type_a_semicolon_and_a_bom_are_fine() {
        assert_eq!(read("window.YTD.like.part0 = []").unwrap().1, 0);
        assert_eq!(read("window.YTD.like.part0 = [];\n").unwrap().1, 0);
        assert_eq!(read("[{}]").unwrap().1, 1);
        assert_eq!(read("\u{feff}[{\"a\":3}]").unwrap().0, vec![Some(3)]);
    }

    #[test]
    fn strings_with_brackets_commas_and_escaped_quotes_do_not_split_records() {
        let text = r#"window.YTD.x.part0 = [{"a":1,"t":"], [{ \", \\"},{"a":2,"t":"}\\"}]"#;
        assert_eq!(read(text).unwrap(), (vec![Some(1), Some(2)], 2));
    }

    #[test]
    fn records_across_many_batches_come_back_whole_and_in_order() {
        let n = 60_000;
        let mut text = String::from("window.YTD.tweets.part0 = [\n");
        for i in 0..n {
            if i > 0 {
                text.push_str(",\n");
            }
            text.push_str(&format!(
                "  {{\n    \"a\" : {i},\n    \"pad\" : \"{}\"\n  }}",
                "x".repeat(i % 151)
            ));
        }
        text.push_str("\n]");
        assert!(text.len() > 3 * BATCH_BYTES);
        let (items, count) = read(&text).unwrap();
        assert_eq!(count, n as u64);
        assert!(items.iter().enumerate().all(|(i, a)| *a == Some(i as i64)));
    }

    #[test]
    fn a_syntax_error_names_the_line_and_column_of_the_file() {
        let err = read("window.YTD.tweets.part0 = [\n  {\"a\": 1},\n  {\"a\": }\n]").unwrap_err();
        assert!(
            err.0.starts_with("invalid JSON at line 3, column 9"),
            "{}",
            err.0
        );
        // `n` of `nope` is column 24; serde_json stops at the `o` that cannot start `null`.
        let first_line = read("window.YTD.x.part0 = [ nope ]").unwrap_err();
        assert!(
            first_line.0.contains("line 1, column 25"),
            "{}",
            first_line.0
        );
    }

    #[test]
    fn broken_arrays_are_refused_with_where() {
        for (text, expected) in [
            ("window.YTD.tweets.part0 [ ]", "not a data file"),
            ("window.YTD.tweets.part0 = {\"a\": 1}", "not a JSON array"),
            ("{\"a\": 1}", "not a JSON array"),
            ("", "not a data file"),
            (
                "window.YTD.x.part0 = [1,]",
                "line 1, column 25: trailing comma",
            ),
            (
                "window.YTD.x.part0 = [,1]",
                "line 1, column 23: expected a value",
            ),
            ("window.YTD.x.part0 = [1 2]", "trailing characters"),
            (
                "window.YTD.x.part0 = [1]]",
                "line 1, column 25: trailing characters",
            ),
            (
                "window.YTD.x.part0 = [{\"a\": 1},\n{\"a\": \"cut",
                "line 2, column",
            ),
            (
                "window.YTD.x.part0 = [{\"a\": 1}",
                "the file ends before the array closes",
            ),
        ] {
            let err = read(text).unwrap_err();
            assert!(err.0.contains(expected), "{text:?}: {}", err.0);
        }
    }

    #[test]
    fn an_older_grailbird_month_file_reads_like_a_ytd_file() {
        let text = "Grailbird.data.tweets_2014_02 = \n[ {\n  \"a\" : 5\n} ]";
        assert_eq!(read(text).unwrap().0, vec![Some(5)]);
    }

    #[test]
    fn invalid_utf8_is_replaced_not_fatal() {
        let mut bytes = b"[{\"a\":1,\"t\":\"".to_vec();
        bytes.extend_from_slice(&[0xff, 0xfe]);
        bytes.extend_from_slice(b"\"},{\"a\":2}]");
        let parse = |node: &Node<'_>, _: &mut RecordProblems| node.get("t").map(|t| t.to_string());
        let out = records(&mut bytes.as_slice(), 64, &parse).unwrap();
        assert_eq!(out.count, 2);
        assert_eq!(out.items, vec!["\"\u{fffd}\u{fffd}\"".to_string()]);
    }
}
