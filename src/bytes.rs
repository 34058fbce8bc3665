//! Short byte strings held without allocating: the methods, header names and header values
//! script passes, and the header values responses carry, are mostly a few dozen bytes at most.
//! (`bytes::Bytes` allocates for every copy that is not `'static`; a small-string crate would
//! add a dependency for these thirty lines.)

use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::sync::Arc;

/// The longest byte string held inline: what fits beside a length byte in the 24 bytes the other
/// forms take.
pub(crate) const INLINE: usize = 22;

/// Bytes: borrowed when `'static`, inline when at most 22 long, else shared (cloning copies no
/// bytes). Nominally `pub` (its module is private) because the sealed `ByteString` returns it.
#[derive(Clone)]
pub struct SmallBytes(Repr);

#[derive(Clone)]
enum Repr {
    Static(&'static [u8]),
    Inline { len: u8, bytes: [u8; INLINE] },
    Shared(Arc<[u8]>),
}

impl SmallBytes {
    /// `bytes`, borrowed.
    pub const fn from_static(bytes: &'static [u8]) -> Self {
        Self(Repr::Static(bytes))
    }

    /// A copy of `bytes`, inline when they fit.
    pub fn copy(bytes: &[u8]) -> Self {
        if bytes.len() <= INLINE {
            let mut inline = [0; INLINE];
            inline[..bytes.len()].copy_from_slice(bytes);
            Self(Repr::Inline {
                // Fits: at most INLINE.
                len: bytes.len() as u8,
                bytes: inline,
            })
        } else {
            Self(Repr::Shared(bytes.into()))
        }
    }

    /// The bytes, when they are `'static`.
    pub fn as_static(&self) -> Option<&'static [u8]> {
        match self.0 {
            Repr::Static(bytes) => Some(bytes),
            _ => None,
        }
    }

    /// The bytes.
    pub fn as_bytes(&self) -> &[u8] {
        match &self.0 {
            Repr::Static(bytes) => bytes,
            Repr::Inline { len, bytes } => &bytes[..usize::from(*len)],
            Repr::Shared(bytes) => bytes,
        }
    }
}

impl Deref for SmallBytes {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        self.as_bytes()
    }
}

impl PartialEq for SmallBytes {
    fn eq(&self, other: &Self) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl Eq for SmallBytes {}

impl Hash for SmallBytes {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_bytes().hash(state);
    }
}

impl fmt::Debug for SmallBytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "b\"{}\"", self.as_bytes().escape_ascii())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_form_holds_its_bytes() {
        let long = [b'x'; INLINE + 1];
        for bytes in [&b""[..], b"PUT", &long[..INLINE], &long] {
            assert_eq!(SmallBytes::copy(bytes).as_bytes(), bytes);
        }
        assert!(matches!(
            SmallBytes::copy(&long[..INLINE]).0,
            Repr::Inline { .. }
        ));
        assert!(matches!(SmallBytes::copy(&long).0, Repr::Shared(_)));
        assert_eq!(SmallBytes::from_static(b"GET"), SmallBytes::copy(b"GET"));
        assert_eq!(format!("{:?}", SmallBytes::copy(b"a\n")), "b\"a\\n\"");
    }
}
