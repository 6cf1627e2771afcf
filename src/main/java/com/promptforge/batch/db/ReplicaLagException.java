package com.promptforge.batch.db;

/** A job that reads from the replica was refused: the replica is too far behind. Its message is one line. */
public class ReplicaLagException extends RuntimeException {

    public ReplicaLagException(String message) {
        super(message);
    }
}
