//! End-to-end checks of the written PDFs, read back with poppler-utils
//! (`pdftotext`, `pdfinfo`, `pdffonts`, `pdftoppm`), which must be
//! installed: these tests fail, rather than pass, without them.

use std::error::Error;
use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::NaiveDate;

use super::canvas::{Align, Canvas};
use super::document::{Document, PageSize};
use super::font::FontStyle;
use super::shape::{self, Glyph, ShapedText};
use super::*;
use crate::Satang;

type TestResult = Result<(), Box<dyn Error>>;

/// Words whose marks break without shaping: a tone mark over an upper vowel,
/// ญ and ฐ over lower vowels, and sara am.
const HARD_WORDS: [&str; 6] = ["ที่", "ปั่น", "กิ่ง", "ญี่ปุ่น", "น้ำ", "ฐุ"];

fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("valid test date")
}

fn header() -> SlipHeader {
    SlipHeader {
        foundation_name: "มูลนิธิชุมชนสงขลา".to_string(),
        year_be: 2567,
        method: "เฉลี่ยตามหุ้น-เดือน".to_string(),
        basis: DividendBasis::Rate("5.00% ต่อปี".to_string()),
        date: date(2025, 1, 15),
    }
}

/// Slip `i` of a test run; names cycle through the hard words.
fn slip(i: usize) -> Slip {
    let word = HARD_WORDS[i % HARD_WORDS.len()];
    Slip {
        member_no: format!("M{i:05}"),
        member_name: format!("นาย{word} ใจดี{i}"),
        community_name: "ชุมชนบ้านน้ำกระจาย".to_string(),
        year_end_shares: 1_000 + i as i64,
        share_months: 12_000 + i as i64,
        amount: Satang(123_450 + i as i64),
        patronage: None,
    }
}

fn write_run(
    dir: &Path,
    count: usize,
    layout: SlipLayout,
) -> Result<(PathBuf, SlipsSummary), PdfError> {
    let path = dir.join(format!("slips-{count}-{layout:?}.pdf"));
    let summary = write_slips(&path, &header(), (0..count).map(slip), layout, &mut |_| {})?;
    Ok((path, summary))
}

/// Runs a poppler-utils tool and returns its standard output.
fn poppler(tool: &str, args: &[&str], path: &Path) -> Result<String, Box<dyn Error>> {
    let output = Command::new(tool)
        .args(args)
        .arg(path)
        .args(if tool == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .map_err(|e| format!("cannot run {tool} (install poppler-utils): {e}"))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(format!("{tool} failed on {}: {stderr}", path.display()).into());
    }
    Ok(String::from_utf8(output.stdout)?)
}

fn page_text(path: &Path, page: usize) -> Result<String, Box<dyn Error>> {
    let page = page.to_string();
    poppler(
        "pdftotext",
        &["-f", &page, "-l", &page, "-enc", "UTF-8"],
        path,
    )
}

fn info_field(path: &Path, field: &str) -> Result<String, Box<dyn Error>> {
    let info = poppler("pdfinfo", &[], path)?;
    let line = info
        .lines()
        .find(|l| l.starts_with(field))
        .ok_or(format!("no {field} in {info}"))?;
    Ok(line[field.len()..].trim().to_string())
}

#[test]
fn slip_text_extracts_as_typed() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (path, _) = write_run(dir.path(), HARD_WORDS.len(), SlipLayout::A5)?;

    for i in 0..HARD_WORDS.len() {
        let text = page_text(&path, i + 1)?;
        let expected = slip(i);
        assert!(
            text.contains(&expected.member_name),
            "page {}: name {:?} in {text}",
            i + 1,
            expected.member_name
        );
        assert!(
            text.contains(&expected.member_no),
            "page {}: member number",
            i + 1
        );
        assert!(
            text.contains(&expected.amount.to_string()),
            "page {}: amount in figures",
            i + 1
        );
        let words = crate::thai::baht_text::baht_text(expected.amount);
        assert!(
            text.contains(&words),
            "page {}: amount in words {words:?} in {text}",
            i + 1
        );
        assert!(
            text.contains("ชุมชนบ้านน้ำกระจาย"),
            "page {}: community with sara am",
            i + 1
        );
        let shares = group_thousands(1_000 + i as i64);
        assert!(
            text.contains(&shares),
            "page {}: year-end shares {shares}",
            i + 1
        );
        assert!(
            text.contains(&format!("12,{:03}", i)),
            "page {}: share-months",
            i + 1
        );
    }
    Ok(())
}

#[test]
fn slip_template_text_extracts() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (path, _) = write_run(dir.path(), 1, SlipLayout::A5)?;

    let text = page_text(&path, 1)?;

    for expected in [
        "มูลนิธิชุมชนสงขลา",
        "ใบสำคัญจ่ายเงินปันผล ประจำปี 2567",
        "15 มกราคม 2568",
        "เฉลี่ยตามหุ้น-เดือน",
        "5.00% ต่อปี",
        "ผู้จ่ายเงิน",
        "ผู้รับเงิน",
    ] {
        assert!(text.contains(expected), "{expected:?} in {text}");
    }
    Ok(())
}

#[test]
fn pool_basis_prints_pool_amount() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("pool.pdf");
    let header = SlipHeader {
        basis: DividendBasis::Pool(Satang(50_000_000)),
        ..header()
    };

    write_slips(
        &path,
        &header,
        (0..1).map(slip),
        SlipLayout::A5,
        &mut |_| {},
    )?;
    let text = page_text(&path, 1)?;

    assert!(text.contains("500,000.00 บาท"), "pool amount in {text}");
    assert!(text.contains("เงินปันผลรวม"), "pool label in {text}");
    Ok(())
}

#[test]
fn a5_layout_prints_one_slip_per_page() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (path, summary) = write_run(dir.path(), 5, SlipLayout::A5)?;

    assert_eq!(summary.slips, 5, "slips counted");
    assert_eq!(summary.pages, 5, "pages counted");
    assert_eq!(info_field(&path, "Pages:")?, "5", "pages in the file");
    assert!(
        info_field(&path, "Page size:")?.starts_with("595.28 x 419.53 pts"),
        "A5 landscape"
    );
    assert_eq!(
        summary.bytes,
        std::fs::metadata(&path)?.len(),
        "reported size"
    );
    Ok(())
}

#[test]
fn two_up_puts_two_slips_on_a4() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (path, summary) = write_run(dir.path(), 5, SlipLayout::A4TwoUp)?;

    assert_eq!(summary.pages, 3, "five slips on three pages");
    assert_eq!(info_field(&path, "Pages:")?, "3", "pages in the file");
    assert!(
        info_field(&path, "Page size:")?.starts_with("595.28 x 841.89 pts (A4)"),
        "A4"
    );
    let first = page_text(&path, 1)?;
    let last = page_text(&path, 3)?;
    assert!(
        first.contains("M00000") && first.contains("M00001"),
        "page 1 holds slips 1 and 2"
    );
    assert!(last.contains("M00004"), "page 3 holds slip 5");
    assert!(!last.contains("M00003"), "slip 4 is not repeated on page 3");
    Ok(())
}

#[test]
fn progress_counts_every_slip() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut seen = Vec::new();

    let path = dir.path().join("progress.pdf");
    write_slips(
        &path,
        &header(),
        (0..3).map(slip),
        SlipLayout::A4TwoUp,
        &mut |n| seen.push(n),
    )?;

    assert_eq!(seen, [1, 2, 3], "progress after each slip");
    Ok(())
}

#[test]
fn empty_run_is_rejected_without_a_file() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("empty.pdf");

    let result = write_slips(
        &path,
        &header(),
        std::iter::empty(),
        SlipLayout::A5,
        &mut |_| {},
    );

    assert!(
        matches!(result, Err(PdfError::NoSlips)),
        "no slips: {result:?}"
    );
    assert_eq!(
        std::fs::read_dir(dir.path())?.count(),
        0,
        "no file or partial file left"
    );
    Ok(())
}

#[test]
fn unprintable_name_fails_the_run() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("bad.pdf");
    let bad = Slip {
        member_name: "นาย 漢字".to_string(),
        ..slip(0)
    };

    let result = write_slips(
        &path,
        &header(),
        [bad].into_iter(),
        SlipLayout::A5,
        &mut |_| {},
    );

    assert!(
        matches!(
            result,
            Err(PdfError::MissingGlyph {
                character: '漢',
                ..
            })
        ),
        "{result:?}"
    );
    assert!(!path.exists(), "no PDF written");
    Ok(())
}

#[test]
fn fonts_are_embedded_once_as_subsets() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (path, _) = write_run(dir.path(), 50, SlipLayout::A4TwoUp)?;

    let fonts = poppler("pdffonts", &[], &path)?;
    let rows: Vec<&str> = fonts.lines().skip(2).collect();

    assert_eq!(rows.len(), 2, "one Regular and one Bold font: {fonts}");
    for row in rows {
        let columns: Vec<&str> = row.split_whitespace().collect();
        assert!(
            columns[0].len() > 7 && columns[0].as_bytes()[6] == b'+',
            "subset name: {row}"
        );
        assert_eq!(
            &columns[1..4],
            ["CID", "TrueType", "Identity-H"],
            "composite font: {row}"
        );
        assert_eq!(
            &columns[4..7],
            ["yes", "yes", "yes"],
            "embedded subset with ToUnicode: {row}"
        );
    }
    Ok(())
}

#[test]
fn thousand_slips_stay_within_two_kilobytes_a_page() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (_, one) = write_run(dir.path(), 1, SlipLayout::A5)?;
    let (_, thousand) = write_run(dir.path(), 1_000, SlipLayout::A5)?;

    // The one-slip file contains the fonts and the template, and the rest is pages.
    let per_page = (thousand.bytes - one.bytes) / 999;

    assert_eq!(thousand.pages, 1_000, "one page per slip");
    assert!(
        per_page <= 2_048,
        "{per_page} bytes a page beyond the fonts"
    );
    Ok(())
}

#[test]
fn statement_repeats_heading_and_numbers_pages() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("statement.pdf");
    let statement = statement(70);

    write_statement(&path, &statement)?;

    assert_eq!(info_field(&path, "Pages:")?, "3", "71 rows at 29 a page");
    for page in 1..=3 {
        let text = page_text(&path, page)?;
        assert!(
            text.contains("รายการเคลื่อนไหวหุ้นของสมาชิก"),
            "page {page}: title"
        );
        assert!(text.contains("นางสาวญี่ปุ่น กิ่งทอง"), "page {page}: member name");
        assert!(text.contains("คงเหลือ (หุ้น)"), "page {page}: column titles");
        assert!(
            text.contains(&format!("หน้า {page}/3")),
            "page {page}: page number in {text}"
        );
    }
    Ok(())
}

#[test]
fn statement_lists_every_transaction() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("statement.pdf");
    let statement = statement(70);

    write_statement(&path, &statement)?;
    let text = poppler("pdftotext", &["-enc", "UTF-8"], &path)?;

    for line in &statement.lines {
        let receipt = line.receipt_no.as_deref().unwrap_or_default();
        assert!(text.contains(receipt), "receipt {receipt}");
    }
    assert!(text.contains("05/01/2567"), "first date in BE");
    assert!(text.contains("ถอนหุ้น"), "kind in Thai");
    assert!(text.contains("-3"), "withdrawn shares negative");
    assert!(text.contains("1,234.50"), "amount");
    assert!(text.contains("ยอดหุ้นคงเหลือ"), "closing row");
    assert!(text.contains("ตำบลบ่อยาง"), "address");
    let closing = statement.lines.last().map_or(0, |l| l.balance);
    assert!(
        text.contains(&group_thousands(closing)),
        "closing balance {closing}"
    );
    Ok(())
}

#[test]
fn empty_statement_prints_one_page() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("statement.pdf");

    write_statement(&path, &statement(0))?;
    let text = page_text(&path, 1)?;

    assert_eq!(info_field(&path, "Pages:")?, "1", "one page");
    assert!(
        text.contains("ไม่มีรายการเคลื่อนไหวหุ้น"),
        "no-transactions row in {text}"
    );
    assert!(text.contains("หน้า 1/1"), "page number");
    Ok(())
}

fn statement(count: usize) -> Statement {
    let mut balance = 0;
    let lines = (0..count)
        .map(|i| {
            let (kind, shares) = if i % 5 == 4 {
                ("ถอนหุ้น", -3)
            } else {
                ("ซื้อหุ้น", 10)
            };
            balance += shares;
            StatementLine {
                date: date(2024, 1, 5) + chrono::Days::new(i as u64 * 3),
                kind: kind.to_string(),
                shares,
                amount: Satang(123_450 * shares.signum()),
                receipt_no: Some(format!("R67-{i:04}")),
                balance,
            }
        })
        .collect();
    Statement {
        foundation_name: "มูลนิธิชุมชนสงขลา".to_string(),
        member_no: "M00042".to_string(),
        member_name: "นางสาวญี่ปุ่น กิ่งทอง".to_string(),
        community_name: "ชุมชนบ้านน้ำกระจาย".to_string(),
        address: Some(
            "บ้านเลขที่ 12/3 หมู่ 4 ถนนกาญจนวนิช ซอยปั่นทอง ตำบลบ่อยาง อำเภอเมืองสงขลา \
             จังหวัดสงขลา 90000"
                .to_string(),
        ),
        printed_on: date(2025, 1, 15),
        lines,
    }
}

/// A greyscale image read from pdftoppm's PGM output.
struct Image {
    width: usize,
    pixels: Vec<u8>,
}

impl Image {
    fn ink(&self) -> usize {
        self.pixels.iter().filter(|&&p| p < 128).count()
    }

    /// Pixels dark in both images.
    fn overlap(&self, other: &Image) -> usize {
        self.pixels
            .iter()
            .zip(&other.pixels)
            .filter(|(a, b)| **a < 128 && **b < 128)
            .count()
    }
}

/// Renders page 1 of `path` at `dpi` to a greyscale image.
fn render(path: &Path, dpi: u32) -> Result<Image, Box<dyn Error>> {
    let prefix = path.with_extension("");
    let resolution = dpi.to_string();
    let status = Command::new("pdftoppm")
        .args([
            "-r",
            &resolution,
            "-gray",
            "-singlefile",
            "-f",
            "1",
            "-l",
            "1",
        ])
        .arg(path)
        .arg(&prefix)
        .status()
        .map_err(|e| format!("cannot run pdftoppm (install poppler-utils): {e}"))?;
    if !status.success() {
        return Err(format!("pdftoppm failed on {}", path.display()).into());
    }
    parse_pgm(&std::fs::read(prefix.with_extension("pgm"))?)
}

fn parse_pgm(bytes: &[u8]) -> Result<Image, Box<dyn Error>> {
    // Header: "P5", width, height, maximum value, each followed by whitespace.
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while bytes
            .get(at)
            .ok_or("short PGM header")?
            .is_ascii_whitespace()
        {
            at += 1;
        }
        let start = at;
        while !bytes
            .get(at)
            .ok_or("short PGM header")?
            .is_ascii_whitespace()
        {
            at += 1;
        }
        fields.push(std::str::from_utf8(&bytes[start..at])?.to_string());
    }
    if fields[0] != "P5" || fields[3] != "255" {
        return Err(format!("not an 8-bit PGM: {fields:?}").into());
    }
    let width: usize = fields[1].parse()?;
    let height: usize = fields[2].parse()?;
    let pixels = bytes
        .get(at + 1..at + 1 + width * height)
        .ok_or("short PGM data")?
        .to_vec();
    Ok(Image { width, pixels })
}

/// Writes page `page` of `path` as `name`.png under target/pdf-preview, for
/// a person to look at.
fn write_preview(path: &Path, page: usize, name: &str) -> TestResult {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/pdf-preview");
    std::fs::create_dir_all(&dir)?;
    let page = page.to_string();
    let status = Command::new("pdftoppm")
        .args(["-r", "150", "-png", "-singlefile", "-f", &page, "-l", &page])
        .arg(path)
        .arg(dir.join(name))
        .status()?;
    assert!(status.success(), "pdftoppm wrote the {name} preview");
    Ok(())
}

#[test]
fn long_name_stays_inside_slip() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("long-name.pdf");
    let long = Slip {
        member_name: "ว่าที่ร้อยตรีหญิงประภัสสรพิมพ์ชนกนันท์วรรณ ณ อยุธยาศรีสุนทรวิจิตรเจริญพงศ์ไพบูลย์".to_string(),
        ..slip(0)
    };
    write_slips(
        &path,
        &header(),
        [long].into_iter(),
        SlipLayout::A5,
        &mut |_| {},
    )?;

    let dpi = 100.0;
    let image = render(&path, 100)?;
    let px = |mm: f32| (mm / 25.4 * dpi) as usize;
    // The slip's border runs 8 mm inside the 210 mm page edge; the name's
    // row is at 55 mm from the top.
    let outside = (px(48.0)..px(58.0))
        .flat_map(|y| (px(203.0)..image.width).map(move |x| (x, y)))
        .filter(|(x, y)| image.pixels[y * image.width + x] < 128)
        .count();
    assert_eq!(
        outside, 0,
        "ink right of the slip's border on the name's row"
    );
    let text = page_text(&path, 1)?.split_whitespace().collect::<String>();
    assert!(text.contains("ไพบูลย์"), "the whole name is printed: {text}");
    Ok(())
}

#[test]
fn slip_page_renders_with_ink() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (path, _) = write_run(dir.path(), 2, SlipLayout::A4TwoUp)?;

    let image = render(&path, 100)?;
    let ink = image.ink() as f64 / image.pixels.len() as f64;
    write_preview(&path, 1, "slips-a4-two-up")?;

    assert_eq!(image.width, 827, "A4 width at 100 dpi");
    assert!(ink > 0.01, "page has text and lines: {:.3} dark", ink);
    assert!(ink < 0.3, "page is not filled dark: {:.3} dark", ink);
    Ok(())
}

#[test]
fn statement_page_renders_with_ink() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("statement.pdf");
    write_statement(&path, &statement(40))?;

    let image = render(&path, 100)?;
    let ink = image.ink() as f64 / image.pixels.len() as f64;
    write_preview(&path, 1, "statement-page-1")?;
    write_preview(&path, 2, "statement-page-2")?;

    assert!(ink > 0.01, "page has text and lines: {:.3} dark", ink);
    assert!(ink < 0.3, "page is not filled dark: {:.3} dark", ink);
    Ok(())
}

/// Renders `text` shaped (or, with `shaped` false, as the cmap's nominal
/// glyphs without offsets, as an unshaped PDF would draw it) at 72 pt,
/// keeping only the glyphs for which `keep` holds. The others are swapped
/// for the space glyph with the same advance and offsets, so the kept ones
/// stay exactly where they were.
fn render_glyphs(
    dir: &Path,
    text: &str,
    shaped: bool,
    keep: impl Fn(char) -> bool,
) -> Result<Image, Box<dyn Error>> {
    let font = FontStyle::Regular.font();
    let space = font.face.glyph_index(' ').ok_or("no space glyph")?.0;
    let mut line = if shaped {
        shape::shape(FontStyle::Regular, text)?
    } else {
        nominal_glyphs(text)?
    };
    for glyph in &mut line.glyphs {
        let text = font.glyph_text(glyph.id).unwrap_or_default();
        if !text.chars().any(&keep) {
            glyph.id = space;
        }
    }

    let path = dir.join(format!("glyphs-{}.pdf", render_name(text, shaped, &keep)));
    let mut document = Document::create(&path)?;
    document.add_page(
        PageSize {
            width: 60.0,
            height: 40.0,
        },
        |canvas: &mut Canvas<'_>| {
            canvas.shaped(5.0, 30.0, 72.0, &line, Align::Left);
            Ok(())
        },
    )?;
    document.finish("glyphs")?;
    render(&path, 150)
}

/// Returns a file name for one rendering, unique per text, mode and glyph filter.
fn render_name(text: &str, shaped: bool, keep: &impl Fn(char) -> bool) -> String {
    let kept: String = text
        .chars()
        .filter(|&c| keep(c))
        .map(|c| format!("{:04X}", u32::from(c)))
        .collect();
    let all: String = text
        .chars()
        .map(|c| format!("{:04X}", u32::from(c)))
        .collect();
    format!("{all}-{kept}-{shaped}")
}

/// Glyphs as the cmap maps each character, with advances and no
/// offsets: what drawing without shaping produces.
fn nominal_glyphs(text: &str) -> Result<ShapedText, Box<dyn Error>> {
    let font = FontStyle::Regular.font();
    let mut glyphs = Vec::new();
    let mut advance = 0;
    for (cluster, c) in text.char_indices() {
        let id = font
            .face
            .glyph_index(c)
            .ok_or(format!("no glyph for {c}"))?
            .0;
        let x_advance = i32::from(font.advance(id));
        advance += x_advance;
        glyphs.push(Glyph {
            id,
            cluster: cluster as u32,
            x_advance,
            x_offset: 0,
            y_offset: 0,
        });
    }
    Ok(ShapedText {
        text: text.to_string(),
        style: FontStyle::Regular,
        glyphs,
        advance,
    })
}

/// Writes the hard words, shaped and unshaped, to a preview PNG.
fn write_hard_words_preview(dir: &Path) -> TestResult {
    let path = dir.join("hard-words.pdf");
    let mut document = Document::create(&path)?;
    document.add_page(
        PageSize {
            width: 200.0,
            height: 60.0,
        },
        |canvas: &mut Canvas<'_>| {
            let mut x = 5.0;
            for word in HARD_WORDS {
                let shaped = shape::shape(FontStyle::Regular, word)?;
                let width = canvas.shaped(x, 22.0, 40.0, &shaped, Align::Left);
                let unshaped = nominal_glyphs(word).map_err(|e| PdfError::Font {
                    message: e.to_string(),
                })?;
                canvas.shaped(x, 50.0, 40.0, &unshaped, Align::Left);
                x += width + 8.0;
            }
            Ok(())
        },
    )?;
    document.finish("hard words")?;
    write_preview(&path, 1, "hard-words-shaped-above-unshaped")
}

fn is_tone_mark(c: char) -> bool {
    ('\u{0E48}'..='\u{0E4B}').contains(&c)
}

fn is_upper_vowel(c: char) -> bool {
    matches!(c, '\u{0E31}' | '\u{0E34}'..='\u{0E37}')
}

/// Dark pixels shared by the glyphs `first` keeps and those `second` keeps.
fn overlap(
    dir: &Path,
    text: &str,
    shaped: bool,
    first: impl Fn(char) -> bool,
    second: impl Fn(char) -> bool,
) -> Result<usize, Box<dyn Error>> {
    let a = render_glyphs(dir, text, shaped, first)?;
    let b = render_glyphs(dir, text, shaped, second)?;
    if a.ink() == 0 || b.ink() == 0 {
        return Err(format!("{text}: a glyph group drew nothing").into());
    }
    Ok(a.overlap(&b))
}

#[test]
fn shaped_tone_marks_clear_upper_vowels() -> TestResult {
    let dir = tempfile::tempdir()?;
    write_hard_words_preview(dir.path())?;
    for word in ["ที่", "ปั่น", "กิ่ง", "ญี่ปุ่น"] {
        let shaped = overlap(dir.path(), word, true, is_tone_mark, is_upper_vowel)?;
        let unshaped = overlap(dir.path(), word, false, is_tone_mark, is_upper_vowel)?;

        assert_eq!(
            shaped, 0,
            "{word}: shaped tone mark touches the vowel in {shaped} pixels"
        );
        assert!(
            unshaped > 20,
            "{word}: the check detects unshaped collisions ({unshaped} px)"
        );
    }
    Ok(())
}

#[test]
fn tailless_letters_clear_lower_vowels() -> TestResult {
    let dir = tempfile::tempdir()?;
    let lower_vowel = |c: char| matches!(c, '\u{0E38}' | '\u{0E39}');
    for word in ["ญู", "ฐุ"] {
        let base = |c: char| matches!(c, 'ญ' | 'ฐ');
        let shaped = overlap(dir.path(), word, true, base, lower_vowel)?;
        let unshaped = overlap(dir.path(), word, false, base, lower_vowel)?;

        assert_eq!(
            shaped, 0,
            "{word}: tailless letter touches the vowel in {shaped} pixels"
        );
        assert!(
            unshaped > 20,
            "{word}: the check detects the tail collision ({unshaped} px)"
        );
    }
    Ok(())
}
