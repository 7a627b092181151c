//! Zip files written byte by byte, so that a test controls what a zip writer never produces:
//! sizes in the directory that lie, names with `..` or NUL, the same name twice, the
//! encryption flag, and deflate streams that inflate a thousand times their size.

use flate2::{Compress, Compression, FlushCompress};

/// One entry as it is stored.
#[derive(Clone)]
pub struct Stored {
    /// The raw name bytes.
    pub name: Vec<u8>,
    /// The bytes as stored (deflated when `method` is 8).
    pub data: Vec<u8>,
    /// 0 stored, 8 deflated.
    pub method: u16,
    /// CRC-32 of the inflated bytes.
    pub crc: u32,
    /// The inflated size the directory declares (may lie).
    pub declared_size: u32,
    /// General purpose flags (bit 0: encrypted).
    pub flags: u16,
}

impl Stored {
    /// An entry stored deflated, with honest sizes and checksum.
    pub fn deflated(name: &str, content: &[u8]) -> Stored {
        Stored {
            name: name.as_bytes().to_vec(),
            data: deflate(content),
            method: 8,
            crc: crc32fast::hash(content),
            declared_size: content.len() as u32,
            flags: 0,
        }
    }

    /// An entry whose deflate stream inflates to `chunk` repeated `times` times, built
    /// without ever holding the inflated bytes; its directory declares the true size
    /// (capped at 4 GiB - 1) and, up to 64 MiB, the true checksum (past that 0, which a
    /// reader stopped by a limit never reaches).
    pub fn repeated(name: &str, chunk: &[u8], times: usize) -> Stored {
        let crc = if chunk.len() * times <= 64 << 20 {
            let mut hasher = crc32fast::Hasher::new();
            for _ in 0..times {
                hasher.update(chunk);
            }
            hasher.finalize()
        } else {
            0
        };
        Stored {
            name: name.as_bytes().to_vec(),
            data: repeated_deflate(chunk, times),
            method: 8,
            crc,
            declared_size: (chunk.len() as u64 * times as u64).min(u32::MAX as u64) as u32,
            flags: 0,
        }
    }
}

impl Stored {
    /// An entry of `head`, then `chunk` repeated `times` times, then `tail`, with its true
    /// size and checksum, deflated without holding the repeated bytes.
    pub fn framed(name: &str, head: &[u8], chunk: &[u8], times: usize, tail: &[u8]) -> Stored {
        let flushed = |bytes: &[u8]| {
            let mut out = Vec::with_capacity(bytes.len() + 1024);
            let mut c = Compress::new(Compression::best(), false);
            c.compress_vec(bytes, &mut out, FlushCompress::Full)
                .expect("deflate");
            out
        };
        let body = flushed(chunk);
        let mut data = flushed(head);
        for _ in 0..times {
            data.extend_from_slice(&body);
        }
        data.extend_from_slice(&deflate(tail));
        let mut hasher = crc32fast::Hasher::new();
        hasher.update(head);
        for _ in 0..times {
            hasher.update(chunk);
        }
        hasher.update(tail);
        Stored {
            name: name.as_bytes().to_vec(),
            data,
            method: 8,
            crc: hasher.finalize(),
            declared_size: (head.len() + chunk.len() * times + tail.len()) as u32,
            flags: 0,
        }
    }
}

/// Raw deflate of `bytes`.
pub fn deflate(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() / 2 + 1024);
    let mut c = Compress::new(Compression::best(), false);
    loop {
        out.reserve(bytes.len() / 2 + 1024);
        let consumed = c.total_in() as usize;
        let status = c
            .compress_vec(&bytes[consumed..], &mut out, FlushCompress::Finish)
            .expect("deflate");
        if status == flate2::Status::StreamEnd {
            return out;
        }
    }
}

/// A deflate stream of `chunk` repeated: the chunk compressed once as blocks that refer to
/// nothing before them (a full flush), copied `times` times, then an empty final block.
pub fn repeated_deflate(chunk: &[u8], times: usize) -> Vec<u8> {
    let mut block = Vec::with_capacity(chunk.len() + 1024);
    let mut c = Compress::new(Compression::best(), false);
    c.compress_vec(chunk, &mut block, FlushCompress::Full)
        .expect("deflate");
    assert_eq!(c.total_in() as usize, chunk.len(), "chunk compressed whole");
    let mut out = Vec::with_capacity(block.len() * times + 5);
    for _ in 0..times {
        out.extend_from_slice(&block);
    }
    // A final stored block of length 0.
    out.extend_from_slice(&[0x01, 0x00, 0x00, 0xFF, 0xFF]);
    out
}

/// A zip of these entries, in order, with a classic (not zip64) directory.
pub fn zip(entries: &[Stored]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for e in entries {
        let offset = out.len() as u32;
        let header = |sig: u32, central: bool| {
            let mut h = Vec::new();
            h.extend(sig.to_le_bytes());
            if central {
                h.extend(20u16.to_le_bytes()); // made by
            }
            h.extend(20u16.to_le_bytes()); // needed
            h.extend(e.flags.to_le_bytes());
            h.extend(e.method.to_le_bytes());
            h.extend(0u16.to_le_bytes()); // time
            h.extend(0x21u16.to_le_bytes()); // date: 1980-01-01
            h.extend(e.crc.to_le_bytes());
            h.extend((e.data.len() as u32).to_le_bytes());
            h.extend(e.declared_size.to_le_bytes());
            h.extend((e.name.len() as u16).to_le_bytes());
            h.extend(0u16.to_le_bytes()); // extra
            if central {
                h.extend(0u16.to_le_bytes()); // comment
                h.extend(0u16.to_le_bytes()); // disk
                h.extend(0u16.to_le_bytes()); // internal attributes
                h.extend(0u32.to_le_bytes()); // external attributes
                h.extend(offset.to_le_bytes());
            }
            h.extend(&e.name);
            h
        };
        out.extend(header(0x0403_4b50, false));
        out.extend(&e.data);
        central.extend(header(0x0201_4b50, true));
    }
    let central_offset = out.len() as u32;
    out.extend(&central);
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend((central.len() as u32).to_le_bytes());
    out.extend(central_offset.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}
