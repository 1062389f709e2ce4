//! A data package file as it arrives on a USB stick: any bytes. Nothing may panic; a file
//! that is not a package, is truncated, tampered with, from a newer version or sealed with
//! another passphrase must be an error to show the user.

#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use skillbase::packages::package::{Passphrase, open};

fuzz_target!(|data: &[u8]| {
    let passphrase = Passphrase::new("fuzzing passphrase");
    let _ = open(Path::new("fuzz.sbpkg"), data, &passphrase);
});
