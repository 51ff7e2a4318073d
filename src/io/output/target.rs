//! Where `-o FILE` writes. A regular file (or a new one) is written through a
//! temporary file and a rename, so readers see the old file or the new one,
//! never half of it. Anything else that already stands at the path (`/dev/null`,
//! a terminal, a named pipe) is opened and written in place: renaming over it
//! would replace the device itself with a plain file, and `/dev/null` for a
//! whole machine with it.

use atomic_write_file::AtomicWriteFile;
use std::fs::File;
use std::io;
use std::path::Path;

pub enum Target {
    Atomic(AtomicWriteFile),
    InPlace(File),
}

impl Target {
    pub fn open(path: &Path) -> io::Result<Target> {
        // `metadata` follows a symbolic link: a link to a device is a device.
        match std::fs::metadata(path) {
            Ok(m) if !m.is_file() && !m.is_dir() => {
                Ok(Target::InPlace(std::fs::OpenOptions::new().write(true).open(path)?))
            }
            _ => AtomicWriteFile::open(path).map(Target::Atomic),
        }
    }

    pub fn as_file(&self) -> &File {
        match self {
            Target::Atomic(f) => f.as_file(),
            Target::InPlace(f) => f,
        }
    }

    /// Puts the written file in place (a rename); in place, nothing to do.
    pub fn commit(self) -> io::Result<()> {
        match self {
            Target::Atomic(f) => f.commit(),
            Target::InPlace(_) => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn a_regular_file_is_replaced_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        std::fs::write(&path, "old").unwrap();
        let t = Target::open(&path).unwrap();
        assert!(matches!(t, Target::Atomic(_)));
        write!(t.as_file(), "new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old", "not before the commit");
        t.commit().unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
    }

    #[test]
    fn a_device_is_written_in_place_and_stays_a_device() {
        use std::os::unix::fs::FileTypeExt;
        let t = Target::open(Path::new("/dev/null")).unwrap();
        assert!(matches!(t, Target::InPlace(_)));
        write!(t.as_file(), "rows").unwrap();
        t.commit().unwrap();
        assert!(std::fs::metadata("/dev/null").unwrap().file_type().is_char_device());
    }
}
