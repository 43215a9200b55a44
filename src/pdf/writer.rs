//! A PDF file written object by object, so that a document of any number of
//! pages takes the same memory. Each page's objects go to the file as soon
//! as the page is done, and only their byte offsets stay behind for the
//! cross-reference table at the end.
//!
//! printpdf 0.12.8 keeps every page of a `PdfDocument` in memory and
//! serialises through a whole `lopdf::Document`. Its page-content
//! serialiser (`translate_operations`) is private, so this module writes the
//! file structure itself.

use std::io::{self, Write};

use flate2::{Compress, Compression, FlushCompress, Status};

/// A PDF object number. Generation numbers are always 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ObjectId(u32);

impl std::fmt::Display for ObjectId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} 0 R", self.0)
    }
}

/// Content streams shorter than this are stored uncompressed, because the
/// zlib header and the `/Filter` entry would cost more than they save.
const MIN_COMPRESSED_LEN: usize = 64;

/// Counts the bytes written through it, for the cross-reference offsets.
struct CountingWriter<W> {
    inner: W,
    position: u64,
}

impl<W: Write> Write for CountingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let written = self.inner.write(buf)?;
        self.position += written as u64;
        Ok(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Writes the objects of one PDF file in any order, then the
/// cross-reference table and trailer.
pub(crate) struct ObjectWriter<W: Write> {
    out: CountingWriter<W>,
    /// Byte offset of each object, indexed by object number - 1. Zero marks
    /// a number reserved but not yet written, since the header is at zero.
    offsets: Vec<u64>,
    /// One zlib compressor for all streams, reset between them: a new one
    /// for each page would allocate and clear its tables every time.
    compressor: Compress,
    /// Reused output buffer for compressed streams.
    deflated: Vec<u8>,
}

impl<W: Write> ObjectWriter<W> {
    /// Starts a file with the PDF 1.7 header.
    pub(crate) fn new(out: W) -> io::Result<Self> {
        let mut out = CountingWriter {
            inner: out,
            position: 0,
        };
        // A comment of four bytes above 127 marks the file as binary for transfer tools.
        out.write_all(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n")?;
        Ok(ObjectWriter {
            out,
            offsets: Vec::new(),
            compressor: Compress::new(Compression::new(6), true),
            deflated: Vec::new(),
        })
    }

    /// Reserves an object number, to be written later with
    /// [`ObjectWriter::write_object`] or [`ObjectWriter::write_stream`].
    pub(crate) fn reserve(&mut self) -> ObjectId {
        self.offsets.push(0);
        ObjectId(self.offsets.len() as u32)
    }

    fn begin(&mut self, id: ObjectId) -> io::Result<()> {
        let slot = &mut self.offsets[id.0 as usize - 1];
        debug_assert_eq!(*slot, 0, "object {} written twice", id.0);
        *slot = self.out.position;
        writeln!(self.out, "{} 0 obj", id.0)
    }

    /// Writes an object whose body (a dictionary, array or number) is
    /// already serialised.
    pub(crate) fn write_object(&mut self, id: ObjectId, body: &[u8]) -> io::Result<()> {
        self.begin(id)?;
        self.out.write_all(body)?;
        self.out.write_all(b"\nendobj\n")
    }

    /// Writes a stream object, flate-compressed unless it is tiny.
    /// `dictionary` contains the entries besides `/Length` and `/Filter`,
    /// without the `<<` `>>` delimiters.
    pub(crate) fn write_stream(
        &mut self,
        id: ObjectId,
        dictionary: &str,
        data: &[u8],
    ) -> io::Result<()> {
        if data.len() < MIN_COMPRESSED_LEN {
            return self.write_stream_bytes(id, dictionary, "", data);
        }
        let mut deflated = std::mem::take(&mut self.deflated);
        self.deflate(data, &mut deflated)?;
        let result = self.write_stream_bytes(id, dictionary, "/Filter/FlateDecode", &deflated);
        self.deflated = deflated;
        result
    }

    /// Compresses `data` into `out` as one zlib stream.
    fn deflate(&mut self, data: &[u8], out: &mut Vec<u8>) -> io::Result<()> {
        self.compressor.reset();
        out.clear();
        loop {
            // compress_vec writes only into spare capacity, so keep some free.
            if out.capacity() - out.len() < 1024 {
                out.reserve(data.len().max(1024));
            }
            let consumed = self.compressor.total_in() as usize;
            let status = self
                .compressor
                .compress_vec(&data[consumed..], out, FlushCompress::Finish)
                .map_err(io::Error::other)?;
            if status == Status::StreamEnd {
                return Ok(());
            }
        }
    }

    fn write_stream_bytes(
        &mut self,
        id: ObjectId,
        dictionary: &str,
        filter: &str,
        data: &[u8],
    ) -> io::Result<()> {
        self.begin(id)?;
        write!(
            self.out,
            "<<{dictionary}{filter}/Length {}>>\nstream\n",
            data.len()
        )?;
        self.out.write_all(data)?;
        self.out.write_all(b"\nendstream\nendobj\n")
    }

    /// Writes the cross-reference table and the trailer naming `root` and
    /// `info`, and returns the underlying writer and the file's length.
    pub(crate) fn finish(mut self, root: ObjectId, info: ObjectId) -> io::Result<(W, u64)> {
        let xref_offset = self.out.position;
        let count = self.offsets.len() + 1;
        let mut table = Vec::with_capacity(20 * count + 64);
        write!(table, "xref\n0 {count}\n0000000000 65535 f \n")?;
        for (index, &offset) in self.offsets.iter().enumerate() {
            if offset == 0 {
                let message = format!("object {} was reserved but never written", index + 1);
                return Err(io::Error::other(message));
            }
            writeln!(table, "{offset:010} 00000 n ")?;
        }
        write!(
            table,
            "trailer\n<</Size {count}/Root {root}/Info {info}>>\nstartxref\n{xref_offset}\n%%EOF\n"
        )?;
        self.out.write_all(&table)?;
        self.out.flush()?;
        Ok((self.out.inner, self.out.position))
    }
}

/// Appends `text` as a hexadecimal UTF-16BE string with a byte-order mark,
/// the form PDF uses for text strings outside Latin-1.
pub(crate) fn push_text_string(out: &mut Vec<u8>, text: &str) {
    out.extend_from_slice(b"<FEFF");
    for unit in text.encode_utf16() {
        push_hex_u16(out, unit);
    }
    out.push(b'>');
}

/// Appends four upper-case hexadecimal digits.
pub(crate) fn push_hex_u16(out: &mut Vec<u8>, value: u16) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for shift in [12, 8, 4, 0] {
        out.push(HEX[usize::from((value >> shift) & 0xF)]);
    }
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    #[test]
    fn offsets_point_at_objects() -> io::Result<()> {
        let mut writer = ObjectWriter::new(Vec::new())?;
        let first = writer.reserve();
        let second = writer.reserve();

        writer.write_object(second, b"<</Type/Catalog>>")?;
        writer.write_stream(first, "", b"BT ET")?;
        let (bytes, length) = writer.finish(second, first)?;
        let text = String::from_utf8_lossy(&bytes);

        assert_eq!(length, bytes.len() as u64, "returned length");
        for (number, id) in [(1, first), (2, second)] {
            let marker = format!("\n{number} 0 obj");
            let at = bytes
                .windows(marker.len())
                .position(|w| w == marker.as_bytes());
            let entry = format!("{:010} 00000 n ", at.map_or(0, |i| i + 1));
            assert!(text.contains(&entry), "xref entry for {id}: {entry}");
        }
        Ok(())
    }

    #[test]
    fn unwritten_reserved_object_fails() -> io::Result<()> {
        let mut writer = ObjectWriter::new(Vec::new())?;
        let root = writer.reserve();
        let _never_written = writer.reserve();

        writer.write_object(root, b"<<>>")?;

        assert!(
            writer.finish(root, root).is_err(),
            "finish must reject a missing object"
        );
        Ok(())
    }

    #[test]
    fn compressed_streams_inflate_to_their_data() -> io::Result<()> {
        let mut writer = ObjectWriter::new(Vec::new())?;
        let pages: Vec<Vec<u8>> = (0..3)
            .map(|i| {
                format!("BT /F1 12 Tf ({i}) Tj ET\n")
                    .repeat(50 + i)
                    .into_bytes()
            })
            .collect();
        let mut deflated = Vec::new();

        for page in &pages {
            writer.deflate(page, &mut deflated)?;
            let mut inflated = Vec::new();
            flate2::read::ZlibDecoder::new(deflated.as_slice()).read_to_end(&mut inflated)?;

            assert_eq!(
                inflated, *page,
                "a reused compressor gives each stream whole"
            );
            assert!(
                deflated.len() < page.len() / 4,
                "repetitive content compresses"
            );
        }
        Ok(())
    }

    #[test]
    fn text_string_is_utf16_hex() {
        let mut out = Vec::new();

        push_text_string(&mut out, "น้ำ");

        assert_eq!(
            out, b"<FEFF0E190E490E33>",
            "UTF-16BE with a byte-order mark"
        );
    }
}
