public import Storage

extension SecretColumn {
    /// A pixel destination's platform token.
    public static let pixelDestinationSecret = SecretColumn(table: "pixel_destinations", column: "sealed_secret")
}
