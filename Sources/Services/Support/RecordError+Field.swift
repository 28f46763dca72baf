import Protos

extension Attribution_V1_RecordError {
    init(index: Int, _ error: FieldError) {
        self.init()
        self.index = Int32(clamping: index)
        self.field = error.field
        self.reason = error.reason
    }
}
