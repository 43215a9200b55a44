//! A PDF document written page by page to a file.
//!
//! Pages go to the file as they are finished, so memory stays the same
//! however many pages there are. Fonts go last, because their subsets hold
//! only the glyphs the pages used: page content refers to glyphs by their
//! IDs in the full font (the CIDs), and each font's CIDToGIDMap maps those
//! to the renumbered glyphs of the subset.

use std::fs::File;
use std::io::{self, BufWriter};
use std::path::{Path, PathBuf};

use tracing::debug;

use super::canvas::{mm_to_pt, Canvas, GlyphUsage, Template};
use super::embed::write_font;
use super::font::FontStyle;
use super::shape::ShapeCache;
use super::writer::{push_text_string, ObjectId, ObjectWriter};
use super::PdfError;

/// Paper size in millimetres, width by height.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct PageSize {
    pub(crate) width: f32,
    pub(crate) height: f32,
}

impl PageSize {
    /// ISO A4 portrait.
    pub(crate) const A4_PORTRAIT: PageSize = PageSize {
        width: 210.0,
        height: 297.0,
    };
    /// ISO A5 landscape: half an A4 sheet, cut across.
    pub(crate) const A5_LANDSCAPE: PageSize = PageSize {
        width: 210.0,
        height: 148.0,
    };
}

/// A PDF being written to a file. Call [`Document::finish`] to complete it.
/// A document dropped without finishing leaves an incomplete file, which
/// the caller removes.
pub(crate) struct Document {
    path: PathBuf,
    writer: ObjectWriter<BufWriter<File>>,
    cache: ShapeCache,
    usage: GlyphUsage,
    /// Reused buffer for each page's content.
    content: Vec<u8>,
    pages_root: ObjectId,
    /// Resources of every page: the fonts and templates.
    page_resources: ObjectId,
    /// Resources of templates: the fonts alone.
    template_resources: ObjectId,
    fonts: [ObjectId; 2],
    templates: Vec<ObjectId>,
    pages: Vec<ObjectId>,
}

impl Document {
    /// Creates (or replaces) the file at `path` and writes the PDF header.
    pub(crate) fn create(path: &Path) -> Result<Document, PdfError> {
        let file = File::create(path).map_err(|e| PdfError::write(path, e))?;
        let mut writer = ObjectWriter::new(BufWriter::with_capacity(1 << 16, file))
            .map_err(|e| PdfError::write(path, e))?;
        let pages_root = writer.reserve();
        let page_resources = writer.reserve();
        let template_resources = writer.reserve();
        let fonts = [writer.reserve(), writer.reserve()];

        Ok(Document {
            path: path.to_path_buf(),
            writer,
            cache: ShapeCache::default(),
            usage: GlyphUsage::new(),
            content: Vec::with_capacity(8 * 1024),
            pages_root,
            page_resources,
            template_resources,
            fonts,
            templates: Vec::new(),
            pages: Vec::new(),
        })
    }

    /// Draws a template of `width` by `height` millimetres for pages to
    /// repeat with [`Canvas::template`].
    pub(crate) fn add_template(
        &mut self,
        width: f32,
        height: f32,
        draw: impl FnOnce(&mut Canvas<'_>) -> Result<(), PdfError>,
    ) -> Result<Template, PdfError> {
        self.content.clear();
        let mut canvas = Canvas::new(&mut self.content, &mut self.usage, &mut self.cache, height);
        draw(&mut canvas)?;

        let id = self.writer.reserve();
        let dictionary = format!(
            "/Type/XObject/Subtype/Form/BBox[0 0 {:.2} {:.2}]/Resources {}",
            mm_to_pt(width),
            mm_to_pt(height),
            self.template_resources
        );
        self.writer
            .write_stream(id, &dictionary, &self.content)
            .map_err(|e| self.error(e))?;
        self.templates.push(id);
        Ok(Template {
            index: self.templates.len() - 1,
            height,
        })
    }

    /// Draws one page and writes it to the file.
    pub(crate) fn add_page(
        &mut self,
        size: PageSize,
        draw: impl FnOnce(&mut Canvas<'_>) -> Result<(), PdfError>,
    ) -> Result<(), PdfError> {
        self.content.clear();
        let mut canvas = Canvas::new(
            &mut self.content,
            &mut self.usage,
            &mut self.cache,
            size.height,
        );
        draw(&mut canvas)?;

        let content_id = self.writer.reserve();
        let page_id = self.writer.reserve();
        self.writer
            .write_stream(content_id, "", &self.content)
            .map_err(|e| self.error(e))?;
        let page = format!(
            "<</Type/Page/Parent {}/MediaBox[0 0 {:.2} {:.2}]/Resources {}/Contents {}>>",
            self.pages_root,
            mm_to_pt(size.width),
            mm_to_pt(size.height),
            self.page_resources,
            content_id
        );
        self.writer
            .write_object(page_id, page.as_bytes())
            .map_err(|e| self.error(e))?;
        self.pages.push(page_id);
        Ok(())
    }

    /// Number of pages written so far.
    pub(crate) fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// Writes the fonts, page tree, catalogue and cross-reference table, and
    /// returns the file's length in bytes.
    pub(crate) fn finish(mut self, title: &str) -> Result<u64, PdfError> {
        let font_entries = self.write_fonts()?;
        let template_entries: String = self
            .templates
            .iter()
            .enumerate()
            .map(|(i, id)| format!("/T{i} {id}"))
            .collect();
        let resources = [
            (
                self.template_resources,
                format!("<</Font<<{font_entries}>>>>"),
            ),
            (
                self.page_resources,
                format!("<</Font<<{font_entries}>>/XObject<<{template_entries}>>>>"),
            ),
        ];
        for (id, body) in resources {
            self.writer
                .write_object(id, body.as_bytes())
                .map_err(|e| self.error(e))?;
        }
        self.write_page_tree()?;

        let catalog = self.writer.reserve();
        let body = format!("<</Type/Catalog/Pages {}/Lang(th-TH)>>", self.pages_root);
        self.writer
            .write_object(catalog, body.as_bytes())
            .map_err(|e| self.error(e))?;
        let info = self.writer.reserve();
        let mut body = b"<</Producer(Chumchon)/Title".to_vec();
        push_text_string(&mut body, title);
        body.extend_from_slice(b">>");
        self.writer
            .write_object(info, &body)
            .map_err(|e| self.error(e))?;

        let path = self.path.clone();
        let (file, length) = self
            .writer
            .finish(catalog, info)
            .map_err(|e| PdfError::write(&path, e))?;
        file.into_inner()
            .map_err(|e| PdfError::write(&path, e.into_error()))?
            .sync_all()
            .map_err(|e| PdfError::write(&path, e))?;
        debug!(pages = self.pages.len(), bytes = length, "finished PDF");
        Ok(length)
    }

    /// Writes a subset of each font that was used and returns the entries of
    /// the `/Font` resource dictionary.
    fn write_fonts(&mut self) -> Result<String, PdfError> {
        let mut entries = String::new();
        for style in FontStyle::ALL {
            let glyphs = self.usage.glyphs(style);
            if glyphs.is_empty() {
                // The reserved number still needs an object for the xref table.
                let id = self.fonts[style.index()];
                self.writer
                    .write_object(id, b"null")
                    .map_err(|e| self.error(e))?;
                continue;
            }
            let id = self.fonts[style.index()];
            write_font(&mut self.writer, id, style, &glyphs).map_err(|e| match e {
                FontWriteError::Io(e) => PdfError::write(&self.path, e),
                FontWriteError::Subset(message) => PdfError::Font { message },
            })?;
            entries.push_str(&format!("/{} {id}", style.resource_name()));
        }
        Ok(entries)
    }

    fn write_page_tree(&mut self) -> Result<(), PdfError> {
        let mut body = format!("<</Type/Pages/Count {}/Kids[", self.pages.len()).into_bytes();
        for page in &self.pages {
            body.extend_from_slice(page.to_string().as_bytes());
            body.push(b' ');
        }
        body.extend_from_slice(b"]>>");
        self.writer
            .write_object(self.pages_root, &body)
            .map_err(|e| self.error(e))
    }

    fn error(&self, source: io::Error) -> PdfError {
        PdfError::write(&self.path, source)
    }
}

/// A failure while embedding a font.
pub(crate) enum FontWriteError {
    /// Writing to the file failed.
    Io(io::Error),
    /// The subsetter rejected the font.
    Subset(String),
}

impl From<io::Error> for FontWriteError {
    fn from(error: io::Error) -> Self {
        FontWriteError::Io(error)
    }
}
