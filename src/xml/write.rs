//! Request bodies: `<?xml …?>\n<Request>…</Request>`, no indentation, `&`, `<`
//! and `>` escaped (quotes are not), as the official Python SDK writes them.
//! Callers validate text first (see `validate::xml_text`).

use quick_xml::escape::partial_escape;

/// The declaration the official Python SDK puts before every body.
pub(crate) const DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";

pub(crate) struct XmlWriter {
    out: String,
}

impl XmlWriter {
    /// Starts `<?xml …?>\n<Request>`.
    pub(crate) fn request() -> Self {
        let mut out = String::with_capacity(512);
        out.push_str(DECLARATION);
        out.push_str("<Request>");
        XmlWriter { out }
    }

    pub(crate) fn open(&mut self, name: &str) {
        self.out.push('<');
        self.out.push_str(name);
        self.out.push('>');
    }

    pub(crate) fn close(&mut self, name: &str) {
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push('>');
    }

    /// `<name>escaped text</name>`.
    pub(crate) fn text(&mut self, name: &str, value: &str) {
        self.open(name);
        self.out.push_str(&partial_escape(value));
        self.close(name);
    }

    /// Closes `</Request>` and returns the body.
    pub(crate) fn finish(mut self) -> String {
        self.close("Request");
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_amp_lt_gt_but_not_quotes() {
        let mut w = XmlWriter::request();
        w.text("Name", "a & <b> \"c\" 'd' 中");
        w.text("Neg", "-1");
        assert_eq!(
            w.finish(),
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Request><Name>a &amp; &lt;b&gt; \"c\" 'd' 中</Name><Neg>-1</Neg></Request>"
        );
    }
}
