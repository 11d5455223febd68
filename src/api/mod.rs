//! The seven operations, one module per API family. Each operation is one
//! input type, one builder (`fn <operation>(&Endpoint, &Input) -> Result<RequestDescriptor>`)
//! and one parser (`fn parse_<operation>(&RawResponse) -> Result<Output>`).

/// Declares an enumeration whose values travel as fixed strings.
macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* #[doc = concat!("`", $text, "`")] $variant),+
        }

        impl $name {
            /// Every value, in documentation order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The string sent to / received from the service.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            /// Parses the service's string; the error names `field` and lists the allowed values.
            pub fn parse(field: &str, value: &str) -> crate::Result<Self> {
                match value {
                    $($text => Ok($name::$variant),)+
                    _ => Err(crate::error::Error::invalid(
                        field,
                        format!(
                            "must be one of {} (got {})",
                            [$($text),+].join(", "),
                            crate::error::quote(value)
                        ),
                    )),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
    };
}

pub mod ai_queue;
pub mod doc_job;
pub mod doc_preview;
pub mod doc_queue;
pub mod notification;
pub mod queue;
