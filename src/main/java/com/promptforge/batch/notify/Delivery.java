package com.promptforge.batch.notify;

import java.time.Instant;

/** One delivery of an execution's outcome to one channel, as recorded. */
public record Delivery(String channel, long executionId, String outcome, boolean delivered, int attempts,
                       String error, Instant attemptedAt) {
}
