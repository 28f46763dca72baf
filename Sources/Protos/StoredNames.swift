// The stored names of the API's enums (StoredNameEnum), one table per enum,
// for attrd's services and stores and for attrctl.

extension Attribution_V1_PixelPlatform: StoredNameEnum {
    /// `pixel_events.platform`, `pixel_destinations.platform`, the alert settings' platform keys.
    public static let storedNames: [(Self, String)] = [(.ga4, "ga4"), (.meta, "meta"), (.tiktok, "tiktok")]
}

extension Attribution_V1_PixelEventType: StoredNameEnum {
    /// `pixel_events.event_type`.
    public static let storedNames: [(Self, String)] = [
        (.purchase, "purchase"), (.addToCart, "add_to_cart"), (.pageView, "page_view"), (.checkout, "checkout"),
    ]
}

extension Attribution_V1_MatchStatus: StoredNameEnum {
    /// `pixel_events.match_status`.
    public static let storedNames: [(Self, String)] = [(.matched, "matched"), (.partial, "partial"), (.unmatched, "unmatched")]
}

extension Attribution_V1_DeliveryStatus: StoredNameEnum {
    /// `pixel_events.delivery_status`.
    public static let storedNames: [(Self, String)] = [(.delivered, "delivered"), (.failed, "failed"), (.pending, "pending")]
}

extension Attribution_V1_DeliveryErrorType: StoredNameEnum {
    /// `pixel_events.delivery_error_type`.
    public static let storedNames: [(Self, String)] = [
        (.reported, "reported"), (.authentication, "authentication"), (.invalidEvent, "invalid_event"),
        (.rateLimited, "rate_limited"), (.platformError, "platform_error"), (.network, "network"),
    ]
}

extension Attribution_V1_AlertChannel: StoredNameEnum {
    /// The alert settings' channel (none stored: UNSPECIFIED).
    public static let storedNames: [(Self, String)] = [(.email, "email"), (.slack, "slack")]
}

extension Attribution_V1_AlertDeliveryStatus: StoredNameEnum {
    /// `pixel_alert_events.delivery_status`.
    public static let storedNames: [(Self, String)] = [
        (.pending, "pending"), (.sending, "sending"), (.sent, "sent"), (.failed, "failed"),
    ]
}

extension Attribution_V1_PixelIssue: StoredNameEnum {
    /// Not stored: the names attrctl shows.
    public static let storedNames: [(Self, String)] = [
        (.accuracyBelowThreshold, "accuracy_below_threshold"), (.noRecentEvents, "no_recent_events"),
        (.stitchingRateDropped, "stitching_rate_dropped"), (.noOrders, "no_orders"),
    ]
}

extension Attribution_V1_RetryOutcome: StoredNameEnum {
    /// Not stored: the names attrctl shows.
    public static let storedNames: [(Self, String)] = [
        (.delivered, "delivered"), (.failed, "failed"), (.alreadyDelivered, "already_delivered"), (.notFound, "not_found"),
        (.inProgress, "in_progress"), (.notAttempted, "not_attempted"), (.notRecorded, "not_recorded"),
    ]
}

extension Attribution_V1_RelativeDateRange: StoredNameEnum {
    /// `attribution_custom_dashboards.date_range_default` (the last three only) and attrctl's `--range`.
    public static let storedNames: [(Self, String)] = [
        (.last7Days, "last_7d"), (.last14Days, "last_14d"), (.last30Days, "last_30d"), (.monthToDate, "month_to_date"),
        (.lastMonth, "last_month"),
    ]
}

extension Attribution_V1_WidgetType: StoredNameEnum {
    /// Not stored (layouts keep the proto JSON): the names attrctl shows.
    public static let storedNames: [(Self, String)] = [
        (.kpi, "kpi"), (.lineChart, "line"), (.barChart, "bar"), (.table, "table"), (.pie, "pie"), (.text, "text"),
    ]
}
