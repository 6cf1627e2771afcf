package com.promptforge.batch.db;

import com.promptforge.batch.core.ConsoleText;
import com.promptforge.batch.core.DurationText;
import java.time.Duration;

/**
 * How far the read replica ({@code server}: host:port/database) was behind its primary when a job started;
 * {@code lag} null when it cannot be known (WAL to replay and no transaction replayed since the replica started).
 * A server not in recovery is no replica: it is read as given, and its lag is 0.
 */
public record ReplicaLag(String server, boolean inRecovery, Duration lag) {

    /** The label of the report's first-sheet line. */
    public static final String LABEL = "Read from";

    boolean within(Duration max) {
        return !inRecovery || (lag != null && lag.compareTo(max) <= 0);
    }

    /** The report's first-sheet line: which replica the data comes from and how far behind it was. */
    public String describe() {
        String server = ConsoleText.safe(this.server);
        if (!inRecovery) {
            return server + " (" + ReadDatabase.SETTING + "), not in recovery: read from it as given";
        }
        return "read replica " + server + ", " + (lag.isZero() ? "0 s" : DurationText.spoken(lag))
                + " behind the primary at the start";
    }

    String refusal(Duration max, String setting) {
        String server = ConsoleText.safe(this.server);
        if (lag == null) {
            return "Refused: the read replica " + server + " (" + ReadDatabase.SETTING + ") has WAL to replay and has "
                    + "replayed no transaction since it started, so its lag is unknown and cannot be held to "
                    + setting + ": wait until it has caught up";
        }
        return "Refused: the read replica " + server + " (" + ReadDatabase.SETTING + ") is " + DurationText.spoken(lag)
                + " behind its primary, more than " + setting + " (" + DurationText.spoken(max) + "): wait until it "
                + "catches up, or raise " + ReadDatabase.MAX_LAG_SETTING;
    }
}
