import COpenSSL

/// Opens PEM input as an OpenSSL BIO. The caller frees the BIO.
enum PEMFile {
    static func open(_ path: String) throws(TLSError) -> OpaquePointer {
        guard let bio = BIO_new_file(path, "r") else {
            throw TLSError.fromQueue(.unreadableFile, "cannot read \(path)")
        }
        return bio
    }

    static func memory(_ text: String) -> OpaquePointer {
        let bytes = Array(text.utf8)
        // BIO_new_mem_buf with length -1 would stop at a NUL; copy into a writable memory BIO instead.
        let bio = BIO_new(BIO_s_mem())!
        _ = bytes.withUnsafeBytes { BIO_write(bio, $0.baseAddress, Int32($0.count)) }
        return bio
    }
}
