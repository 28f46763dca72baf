/// A value a module reports on attrd's `/metrics`, read at each scrape: a
/// per-replica figure (never per tenant), e.g. live streams open.
public struct ModuleGauge: Sendable {
    /// Between `attrd_` and the unit, e.g. `pixel_stream` …
    public var subsystem: String
    /// … and `subscribers`: `attrd_pixel_stream_subscribers`.
    public var name: String
    public var help: String
    public var read: @Sendable () -> Double

    public init(subsystem: String, name: String, help: String, read: @escaping @Sendable () -> Double) {
        self.subsystem = subsystem
        self.name = name
        self.help = help
        self.read = read
    }
}
