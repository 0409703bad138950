//! [`Text`], the string of the dictionary model: borrowed from the built-in image when it is decoded from
//! there, owned otherwise.

use serde::de::{Deserialize, Deserializer, Error, Unexpected, Visitor};
use serde::{Serialize, Serializer};
use std::borrow::{Borrow, Cow};
use std::fmt;
use std::ops::Deref;

/// A dictionary string. It reads, compares, orders, hashes, prints and serializes like a `str`. Decoded
/// from the built-in dictionary image (a binary format), it points into the image instead of holding a
/// copy, so start-up allocates and copies none of the dictionaries' hundred thousand strings.
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Text(Cow<'static, str>);

impl Text {
    /// The string.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Text {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<String> for Text {
    fn from(text: String) -> Text {
        Text(Cow::Owned(text))
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Text {
        Text(Cow::Owned(text.to_owned()))
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        *self.0 == *other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<String> for Text {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&*self.0, f)
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Text, D::Error> {
        if deserializer.is_human_readable() {
            return String::deserialize(deserializer).map(Text::from);
        }
        // A binary format (postcard, the image's) writes a string as its bytes, so asking for bytes
        // gets the bytes in place when the input is in memory.
        deserializer.deserialize_bytes(TextVisitor)
    }
}

/// Makes a [`Text`] of string bytes, borrowing those of the built-in image.
struct TextVisitor;

impl TextVisitor {
    /// Checks that `bytes` are UTF-8 (quickly when they are ASCII, as nearly all dictionary strings are).
    fn utf8<'a, E: Error>(&self, bytes: &'a [u8]) -> Result<&'a str, E> {
        if bytes.is_ascii() {
            // SAFETY: ASCII bytes are UTF-8.
            return Ok(unsafe { std::str::from_utf8_unchecked(bytes) });
        }
        std::str::from_utf8(bytes).map_err(|_| E::invalid_value(Unexpected::Bytes(bytes), self))
    }
}

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Text;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a UTF-8 string")
    }

    fn visit_borrowed_bytes<E: Error>(self, bytes: &'de [u8]) -> Result<Text, E> {
        match crate::load::in_image(bytes) {
            Some(image) => self.utf8(image).map(|text| Text(Cow::Borrowed(text))),
            None => self.visit_bytes(bytes),
        }
    }

    fn visit_bytes<E: Error>(self, bytes: &[u8]) -> Result<Text, E> {
        self.utf8(bytes).map(|text| Text::from(text.to_owned()))
    }

    fn visit_byte_buf<E: Error>(self, bytes: Vec<u8>) -> Result<Text, E> {
        String::from_utf8(bytes)
            .map(Text::from)
            .map_err(|e| E::invalid_value(Unexpected::Bytes(e.as_bytes()), &self))
    }

    fn visit_str<E: Error>(self, text: &str) -> Result<Text, E> {
        Ok(Text::from(text.to_owned()))
    }

    fn visit_string<E: Error>(self, text: String) -> Result<Text, E> {
        Ok(Text::from(text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Strings decoded from the built-in image point into it; strings decoded from other bytes are copied.
    #[test]
    fn borrowed_from_the_image_only() {
        let set = crate::load::builtin();
        assert!(
            set.actors
                .iter()
                .flat_map(|a| &a.names)
                .all(|p| matches!(p.text.0, Cow::Borrowed(_)))
        );
        let bytes = postcard::to_allocvec(&Text::from("Côte d’Ivoire")).expect("serializes");
        let text: Text = postcard::from_bytes(&bytes).expect("decodes");
        assert!(matches!(text.0, Cow::Owned(_)));
        assert_eq!(text, "Côte d’Ivoire");
        assert!(postcard::from_bytes::<Text>(&[2, 0xc3, 0x28]).is_err());
    }
}
