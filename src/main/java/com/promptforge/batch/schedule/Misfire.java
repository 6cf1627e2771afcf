package com.promptforge.batch.schedule;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import org.quartz.CronTrigger;

/** What a trigger does about firings missed while no scheduler was up (longer than the misfire threshold). */
public enum Misfire {
    /** Fire once as soon as a scheduler is up again, then keep to the schedule. */
    FIRE_ONCE("fire-once", CronTrigger.MISFIRE_INSTRUCTION_FIRE_ONCE_NOW),
    /** Skip what was missed; wait for the next scheduled time. */
    SKIP("skip", CronTrigger.MISFIRE_INSTRUCTION_DO_NOTHING);

    private final String value;
    private final int quartzInstruction;

    Misfire(String value, int quartzInstruction) {
        this.value = value;
        this.quartzInstruction = quartzInstruction;
    }

    /** As written in jobs/*.yml. */
    public String value() {
        return value;
    }

    int quartzInstruction() {
        return quartzInstruction;
    }

    static Optional<Misfire> parse(String value) {
        return Arrays.stream(values()).filter(misfire -> misfire.value.equals(value)).findFirst();
    }

    static String accepted() {
        return Arrays.stream(values()).map(Misfire::value).collect(Collectors.joining("|"));
    }
}
