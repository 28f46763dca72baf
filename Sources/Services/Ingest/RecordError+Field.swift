import ServiceKit
import AttributionStore
import Protos

extension Attribution_V1_RecordError {
    init(index: Int, _ error: FieldError) {
        self.init()
        self.index = Int32(clamping: index)
        self.field = error.field
        self.reason = error.reason
    }

    /// A duplicate with other content than the stored `noun` with the same
    /// `key`, at `index` of the request.
    init(index: Int, _ conflict: RecordConflict, noun: String, key: String) {
        self.init(
            index: index,
            FieldError(
                conflict.fields.first ?? "",
                "differs from the \(noun) already stored with this \(key) (\(conflict.fields.joined(separator: ", "))): "
                    + "not stored, the first version stays"))
    }
}
