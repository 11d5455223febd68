//! Stage 3 — HttpString: `lower(method) \n path \n params \n headers \n`.
//!
//! The canonical form of the params and the headers is the same: each name is
//! percent-encoded then lower-cased, each value percent-encoded (case kept),
//! pairs sorted by encoded name in plain byte order and joined as
//! `name=value&…`. Names that are equal after this step collapse, the last one
//! winning (the official Python SDK builds a dict). The path is signed raw: no
//! encoding, no normalisation; `""` becomes `/` and a missing leading `/` is
//! added.

use super::encode::encode_into;
use std::fmt;

/// Sorts `v` by `less` (heapsort: O(n log n), no allocation). Written here
/// because core's sort brings about 3.7 KB of code into the wasm for the
/// handful of params and headers a request has.
fn heap_sort<T>(v: &mut [T], less: impl Fn(&T, &T) -> bool) {
    let sift_down = |v: &mut [T], mut node: usize, end: usize| loop {
        let mut child = 2 * node + 1;
        if child >= end {
            return;
        }
        if child + 1 < end && less(&v[child], &v[child + 1]) {
            child += 1;
        }
        if !less(&v[node], &v[child]) {
            return;
        }
        v.swap(node, child);
        node = child;
    };
    let n = v.len();
    for start in (0..n / 2).rev() {
        sift_down(v, start, n);
    }
    for end in (1..n).rev() {
        v.swap(0, end);
        sift_down(v, 0, end);
    }
}

/// Appends the canonical `name=value&…` text of one side (params or headers) to
/// `text` and returns its `;`-joined name list.
fn push_canonical<'a>(items: impl IntoIterator<Item = (&'a str, &'a str)>, text: &mut String) -> String {
    // Every name and value is encoded into one buffer; a pair is (name start, value
    // start, value end, position given) in it.
    let mut encoded = String::new();
    let mut pairs: Vec<(usize, usize, usize, usize)> = Vec::new();
    for (given, (name, value)) in items.into_iter().enumerate() {
        let start = encoded.len();
        encode_into(name, &mut encoded);
        encoded[start..].make_ascii_lowercase();
        let middle = encoded.len();
        encode_into(value, &mut encoded);
        pairs.push((start, middle, encoded.len(), given));
    }
    let name = |p: &(usize, usize, usize, usize)| &encoded[p.0..p.1];
    // Sorted by encoded name, and of equal names the last given first, so that it is
    // the one dedup keeps.
    heap_sort(&mut pairs, |a, b| name(a).cmp(name(b)).then(b.3.cmp(&a.3)).is_lt());
    pairs.dedup_by(|later, kept| name(later) == name(kept));
    let mut list = String::with_capacity(pairs.iter().map(|p| p.1 - p.0 + 1).sum());
    for (i, pair) in pairs.iter().enumerate() {
        if i > 0 {
            text.push('&');
            list.push(';');
        }
        text.push_str(name(pair));
        text.push('=');
        text.push_str(&encoded[pair.1..pair.2]);
        list.push_str(name(pair));
    }
    list
}

/// The HttpString of a request, with the header and param lists that go into
/// `q-header-list` and `q-url-param-list`.
#[derive(Clone, PartialEq, Eq)]
pub struct HttpString {
    text: String,
    header_list: String,
    param_list: String,
}

impl HttpString {
    /// Builds the HttpString from the already-selected params and headers
    /// (see [`crate::sign::is_signed_header`] for which headers are kept).
    pub fn new<'a>(
        method: &str,
        path: &str,
        params: impl IntoIterator<Item = (&'a str, &'a str)>,
        headers: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Self {
        let mut text = String::with_capacity(256 + path.len());
        text.push_str(method);
        text.make_ascii_lowercase();
        text.push('\n');
        if !path.starts_with('/') {
            text.push('/');
        }
        text.push_str(path);
        text.push('\n');
        let param_list = push_canonical(params, &mut text);
        text.push('\n');
        let header_list = push_canonical(headers, &mut text);
        text.push('\n');
        HttpString { text, header_list, param_list }
    }

    /// The exact string that is hashed. It contains header values, including a
    /// security token when one is signed: do not log it (use `Debug`, which
    /// redacts tokens).
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// `q-header-list`: signed header names, encoded, lower-cased, sorted.
    pub fn header_list(&self) -> &str {
        &self.header_list
    }

    /// `q-url-param-list`: signed param names, encoded, lower-cased, sorted.
    pub fn param_list(&self) -> &str {
        &self.param_list
    }

    /// The HttpString with security-token values and secret parameters
    /// (a document's `password`) replaced, safe to log.
    pub fn redacted(&self) -> String {
        // The text ends with '\n', so the headers are the second-to-last line
        // and the parameters the one before (a method or path holding '\n'
        // cannot shift them).
        let mut lines: Vec<&str> = self.text.split('\n').collect();
        let redacted_headers;
        let redacted_params;
        let at = lines.len().saturating_sub(2);
        if lines.len() > 3 {
            redacted_params = lines[at - 1]
                .split('&')
                .map(|pair| match pair.split_once('=') {
                    Some((n, _)) if crate::descriptor::is_secret_param(n) => format!("{n}=** redacted **"),
                    _ => pair.to_string(),
                })
                .collect::<Vec<_>>()
                .join("&");
            lines[at - 1] = &redacted_params;
            redacted_headers = lines[at]
                .split('&')
                .map(|pair| match pair.split_once('=') {
                    Some((n, _)) if n.ends_with("security-token") => format!("{n}=** redacted **"),
                    _ => pair.to_string(),
                })
                .collect::<Vec<_>>()
                .join("&");
            lines[at] = &redacted_headers;
        }
        lines.join("\n")
    }
}

impl fmt::Debug for HttpString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpString")
            .field("text", &self.redacted())
            .field("header_list", &self.header_list)
            .field("param_list", &self.param_list)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heap_sort_sorts() {
        for n in 0..40u32 {
            // A scrambled sequence with repeats.
            let mut v: Vec<u32> = (0..n).map(|i| (i * 7919 + 13) % (n / 2 + 1)).collect();
            let mut want = v.clone();
            want.sort();
            heap_sort(&mut v, |a, b| a < b);
            assert_eq!(v, want, "{n}");
        }
    }

    #[test]
    fn worked_example_from_the_python_sdk() {
        let h = HttpString::new(
            "GET",
            "/docqueue",
            [("queueIds", ""), ("state", "All"), ("pageNumber", "1"), ("pageSize", "10")],
            [("host", "examplebucket-1250000000.ci.ap-chongqing.myqcloud.com")],
        );
        assert_eq!(
            h.as_str(),
            "get\n/docqueue\npagenumber=1&pagesize=10&queueids=&state=All\nhost=examplebucket-1250000000.ci.ap-chongqing.myqcloud.com\n"
        );
        assert_eq!(h.header_list(), "host");
        assert_eq!(h.param_list(), "pagenumber;pagesize;queueids;state");
    }

    #[test]
    fn names_are_encoded_then_lower_cased_values_keep_case() {
        let h = HttpString::new("get", "/", [("Ä", "ä")], []);
        assert_eq!(h.as_str(), "get\n/\n%c3%84=%C3%A4\n\n");
    }

    #[test]
    fn sorted_by_encoded_name_and_last_duplicate_wins() {
        let h = HttpString::new("get", "/", [("xa", "1"), ("x{", "2"), ("x中", "3"), ("xZ", "4")], []);
        assert_eq!(h.param_list(), "x%7b;x%e4%b8%ad;xa;xz");
        let h = HttpString::new("get", "/", [("Prefix", "first"), ("prefix", "second")], []);
        assert_eq!(h.as_str(), "get\n/\nprefix=second\n\n");
    }

    #[test]
    fn path_is_raw_and_rooted() {
        assert_eq!(HttpString::new("GET", "", [], []).as_str(), "get\n/\n\n\n");
        assert_eq!(HttpString::new("GET", "docqueue", [], []).as_str(), "get\n/docqueue\n\n\n");
        assert_eq!(HttpString::new("GET", "/a b/./中", [], []).as_str(), "get\n/a b/./中\n\n\n");
    }

    #[test]
    fn debug_redacts_tokens() {
        let h = HttpString::new("get", "/", [], [("x-ci-security-token", "tokenEXAMPLE"), ("host", "h")]);
        assert!(h.as_str().contains("tokenEXAMPLE"));
        assert!(!format!("{h:?}").contains("tokenEXAMPLE"));
        assert!(h.redacted().contains("host=h"));
        let h = HttpString::new("get\n", "/a\nb", [], [("x-ci-security-token", "tokenEXAMPLE")]);
        assert!(!h.redacted().contains("tokenEXAMPLE"));
    }

    #[test]
    fn the_last_of_equal_names_wins_even_when_pairs_encode_to_nothing() {
        // Both pairs start at the same offset of the encoding buffer: the order given decides.
        let h = HttpString::new("get", "/", [("", ""), ("", "x")], []);
        assert_eq!(h.as_str(), "get\n/\n=x\n\n");
        let h = HttpString::new("get", "/", [("", "x"), ("", "")], [("a", ""), ("A", ""), ("a", "1")]);
        assert_eq!(h.as_str(), "get\n/\n=\na=1\n");
    }

    /// The canonical form as a map from encoded, lower-cased name to encoded value,
    /// the last one winning — the definition, written the obvious way.
    #[cfg(not(target_arch = "wasm32"))]
    fn reference(items: &[(String, String)]) -> (String, String) {
        let mut map = std::collections::BTreeMap::new();
        for (n, v) in items {
            map.insert(crate::sign::encode(n).to_ascii_lowercase(), crate::sign::encode(v));
        }
        let pairs: Vec<String> = map.iter().map(|(n, v)| format!("{n}={v}")).collect();
        let names: Vec<&str> = map.keys().map(String::as_str).collect();
        (pairs.join("&"), names.join(";"))
    }

    // proptest has no wasm32-unknown-unknown backend (getrandom): native only.
    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn canonical_params_match_the_reference(
            items in proptest::collection::vec(("[aA_ä%]{0,2}", "[a1 ]{0,2}"), 0..40)
        ) {
            let h = HttpString::new("get", "/", items.iter().map(|(n, v)| (n.as_str(), v.as_str())), []);
            let (pairs, names) = reference(&items);
            proptest::prop_assert_eq!(h.as_str(), format!("get\n/\n{pairs}\n\n"));
            proptest::prop_assert_eq!(h.param_list(), names);
        }
    }
}
