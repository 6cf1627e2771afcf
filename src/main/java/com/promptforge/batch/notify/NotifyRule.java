package com.promptforge.batch.notify;

import java.util.List;
import java.util.Set;

/**
 * Whom a job tells about its executions ({@code notify:} in its jobs/*.yml) and on which outcomes ({@code on:},
 * {@code completed} and/or {@code failed}; both by default).
 */
public record NotifyRule(List<NotifyChannel> channels, Set<String> on) {

    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";
    public static final List<String> OUTCOMES = List.of(COMPLETED, FAILED);
    public static final NotifyRule NONE = new NotifyRule(List.of(), Set.of(COMPLETED, FAILED));

    public NotifyRule {
        channels = List.copyOf(channels);
        on = Set.copyOf(on);
    }

    public boolean covers(String outcome) {
        return !channels.isEmpty() && on.contains(outcome);
    }
}
