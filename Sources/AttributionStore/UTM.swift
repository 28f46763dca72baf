/// UTM parameters; nil for absent ones.
public struct UTM: Sendable, Hashable {
    public var source: String?
    public var medium: String?
    public var campaign: String?
    public var content: String?
    public var term: String?

    public init(source: String? = nil, medium: String? = nil, campaign: String? = nil, content: String? = nil, term: String? = nil) {
        self.source = source
        self.medium = medium
        self.campaign = campaign
        self.content = content
        self.term = term
    }
}
