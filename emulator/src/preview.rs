//! The synchronous doc preview (`GET /<Key>?ci-process=doc-preview`): every
//! object is taken to be a document as the emulator's jobs see it — `--pages`
//! pages, or for a spreadsheet (by `SrcType`, else the key's extension)
//! `--sheets` sheets of `--pages` images each — rendered as a small page image
//! (png; jpg for `dstType=jpg` or none, the service's default) or the whole
//! document as a PDF, with the documented headers (`X-Total-Page`,
//! `X-Total-Sheet`, `X-Sheet-Name`). A page or sheet past the end is 404 with
//! `X-ErrNo: -3013`.

use crate::error::ApiError;

/// A rendered page (or document) and its headers.
pub struct Preview {
    pub content_type: &'static str,
    pub body: Vec<u8>,
    pub total_page: u32,
    pub sheet: Option<(u32, String)>,
}

/// What was asked, decoded by the operation table.
pub struct Asked<'a> {
    /// `--pages`: pages of a document, images of each sheet of a spreadsheet.
    pub pages: u32,
    /// `--sheets`: sheets of a spreadsheet.
    pub sheets: u32,
    pub page: u32,
    pub dst_type: &'a str,
    pub spreadsheet: bool,
    pub sheet: u32,
}

pub fn render(asked: &Asked<'_>) -> Result<Preview, ApiError> {
    let (total_page, sheet) = if asked.spreadsheet {
        if asked.sheet > asked.sheets {
            return Err(ApiError::new(
                404,
                "InvalidArgument",
                format!("sheet {} does not exist (the document has {})", asked.sheet, asked.sheets),
            ));
        }
        (asked.pages, Some((asked.sheets, format!("Sheet{}", asked.sheet))))
    } else {
        (asked.pages, None)
    };
    if asked.dst_type == "pdf" {
        return Ok(Preview { content_type: "application/pdf", body: pdf(total_page), total_page, sheet });
    }
    if asked.page > total_page {
        return Err(ApiError::new(
            404,
            "InvalidArgument",
            format!("page {} does not exist (the document has {total_page})", asked.page),
        ));
    }
    let (content_type, body) = match asked.dst_type {
        "png" => ("image/png", png(asked.page)),
        _ => ("image/jpeg", JPEG.to_vec()),
    };
    Ok(Preview { content_type, body, total_page, sheet })
}

/// An 8×8 white baseline JPEG (the page of a `jpg` preview; its pixels carry
/// nothing, the headers do).
const JPEG: &[u8] = &[
    0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00,
    0x00, 0xFF, 0xDB, 0x00, 0x43, 0x00, 0x08, 0x06, 0x06, 0x07, 0x06, 0x05, 0x08, 0x07, 0x07, 0x07, 0x09, 0x09, 0x08,
    0x0A, 0x0C, 0x14, 0x0D, 0x0C, 0x0B, 0x0B, 0x0C, 0x19, 0x12, 0x13, 0x0F, 0x14, 0x1D, 0x1A, 0x1F, 0x1E, 0x1D, 0x1A,
    0x1C, 0x1C, 0x20, 0x24, 0x2E, 0x27, 0x20, 0x22, 0x2C, 0x23, 0x1C, 0x1C, 0x28, 0x37, 0x29, 0x2C, 0x30, 0x31, 0x34,
    0x34, 0x34, 0x1F, 0x27, 0x39, 0x3D, 0x38, 0x32, 0x3C, 0x2E, 0x33, 0x34, 0x32, 0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x00,
    0x08, 0x00, 0x08, 0x01, 0x01, 0x11, 0x00, 0xFF, 0xC4, 0x00, 0x14, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x09, 0xFF, 0xC4, 0x00, 0x14, 0x10, 0x01, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xDA,
    0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00, 0x2A, 0x9F, 0xFF, 0xD9,
];

/// A 120×160 grey-scale page: a border, "text lines", and a bar as long as the page number.
fn png(page: u32) -> Vec<u8> {
    const W: u32 = 120;
    const H: u32 = 160;
    let mut raw = Vec::with_capacity(((W + 1) * H) as usize);
    for y in 0..H {
        raw.push(0); // filter: none
        for x in 0..W {
            let border = x == 0 || y == 0 || x == W - 1 || y == H - 1;
            let bar = (10..18).contains(&y) && (10..10 + 8 * page.min(12)).contains(&x);
            let line =
                (30..H - 12).contains(&y) && (y - 30) % 8 < 2 && (12..W - 12 - (y * 7 + page * 13) % 40).contains(&x);
            raw.push(if border || bar {
                0x20
            } else if line {
                0x90
            } else {
                0xFF
            });
        }
    }
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&W.to_be_bytes());
    ihdr.extend_from_slice(&H.to_be_bytes());
    ihdr.extend_from_slice(&[8, 0, 0, 0, 0]); // 8-bit grey, deflate, no filter, no interlace
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, b"IDAT", &zlib_stored(&raw));
    chunk(&mut out, b"IEND", &[]);
    out
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let start = out.len();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let crc = crc32(&out[start..]);
    out.extend_from_slice(&crc.to_be_bytes());
}

/// zlib with stored (uncompressed) deflate blocks.
fn zlib_stored(data: &[u8]) -> Vec<u8> {
    let mut out = vec![0x78, 0x01];
    let mut blocks = data.chunks(65535).peekable();
    while let Some(block) = blocks.next() {
        out.push(u8::from(blocks.peek().is_none()));
        let len = block.len() as u16;
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(block);
    }
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in data {
        a = (a + u32::from(byte)) % 65521;
        b = (b + a) % 65521;
    }
    out.extend_from_slice(&((b << 16) | a).to_be_bytes());
    out
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 != 0 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

/// A PDF of `pages` empty A4 pages, with a correct cross-reference table.
fn pdf(pages: u32) -> Vec<u8> {
    let mut objects = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        format!(
            "<< /Type /Pages /Kids [{}] /Count {pages} >>",
            (0..pages).map(|i| format!("{} 0 R", i + 3)).collect::<Vec<_>>().join(" ")
        ),
    ];
    objects.extend((0..pages).map(|_| "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>".to_string()));
    let mut out = String::from("%PDF-1.4\n");
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.push_str(&format!("{} 0 obj\n{object}\nendobj\n", i + 1));
    }
    let xref = out.len();
    out.push_str(&format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1));
    for offset in offsets {
        out.push_str(&format!("{offset:010} 00000 n \n"));
    }
    out.push_str(&format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1));
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_and_png_signature() {
        assert_eq!(crc32(b"IEND"), 0xAE42_6082);
        let p = png(1);
        assert_eq!(&p[..8], b"\x89PNG\r\n\x1a\n");
        assert!(p.ends_with(&[0, 0, 0, 0, b'I', b'E', b'N', b'D', 0xAE, 0x42, 0x60, 0x82]));
    }

    #[test]
    fn pages_and_sheets() {
        let asked =
            |page, dst_type, spreadsheet, sheet| Asked { pages: 5, sheets: 2, page, dst_type, spreadsheet, sheet };
        assert_eq!(render(&asked(5, "png", false, 1)).unwrap().total_page, 5);
        assert_eq!(render(&asked(6, "png", false, 1)).err().unwrap().status, 404);
        let s = render(&asked(2, "jpg", true, 2)).unwrap();
        assert_eq!((s.content_type, s.total_page, s.sheet), ("image/jpeg", 5, Some((2, "Sheet2".into()))));
        assert_eq!(render(&asked(1, "png", true, 3)).err().unwrap().status, 404);
        let pdf = render(&asked(99, "pdf", false, 1)).unwrap();
        assert!(pdf.body.starts_with(b"%PDF-1.4") && pdf.body.ends_with(b"%%EOF\n"));
    }
}
