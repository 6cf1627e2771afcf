package com.promptforge.batch.entitlements;

/** More organizations had bad data than skipLimit allows: the job fails, as a guard against a systemic fault. */
class TooManySkippedOrgsException extends RuntimeException {

    TooManySkippedOrgsException(String message) {
        super(message);
    }
}
