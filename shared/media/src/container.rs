//! The structure of each image format, walked without decoding: where the metadata sits, how
//! many frames there are, where the image ends.

pub(crate) mod gif;
pub(crate) mod jpeg;
pub(crate) mod png;
pub(crate) mod webp;
