//! `code_enum!`: closed lists of values (modes, programmes, statuses) with a stable storage
//! code each. The code is what the database, data packages and JSON hold; labels for
//! people live in `i18n`, keyed by the enum's `LABEL_KEY` and the code (`labelled`).

macro_rules! code_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $code:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $code)] $variant ),+
        }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable storage code.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// The value with this storage code.
            pub fn from_code(code: &str) -> Option<$name> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }
        }

        impl crate::domain::Labelled for $name {
            const LABEL_KEY: &'static str = stringify!($name);
            fn code(&self) -> &'static str {
                $name::code(*self)
            }
        }
    };
}
