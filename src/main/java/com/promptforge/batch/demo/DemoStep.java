package com.promptforge.batch.demo;

/** One step of {@code demo}, run in the order of {@link DemoSteps#steps()}; it prints its own lines. */
interface DemoStep {

    /** What the step shows, for the line that announces it ("entitlement sync"). */
    String title();

    void run(DemoContext context);
}
