/// The Jobs library's log metadata keys. A tenant is `tenant_id`, as
/// everywhere; values are ids, counts and error descriptions, never payloads.
enum JobsLogKey {
    static let kind = "job_kind"
    static let job = "job_id"
    static let tenant = "tenant_id"
    static let attempt = "job_attempt"
    static let running = "jobs_running"
    static let error = "jobs_error"
}
