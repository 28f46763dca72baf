-- A claim on an event that a RetryEvents call is sending now, so that a
-- concurrent retry reports it as in progress instead of sending it twice.
-- The claim is a lease: the attempt's recording clears it; if attrd stops
-- mid-attempt (or the recording fails), it lapses at retry_claim_expires_at.
ALTER TABLE pixel_events
    ADD COLUMN retry_claim UUID,
    ADD COLUMN retry_claim_expires_at TIMESTAMPTZ,
    ADD CONSTRAINT pixel_events_retry_claim CHECK ((retry_claim IS NULL) = (retry_claim_expires_at IS NULL));
