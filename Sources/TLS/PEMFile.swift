import COpenSSL

/// Opens PEM input as an OpenSSL BIO. The caller frees the BIO.
enum PEMFile {
    static func open(_ path: String) throws(TLSError) -> OpaquePointer {
        guard let bio = BIO_new_file(path, "r") else {
            throw TLSError.fromQueue(.unreadableFile, "cannot read \(path)")
        }
        return bio
    }
}
