package com.promptforge.batch.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** The highest heap use the JVM reports (MemoryMXBean, sampled every 10 ms) while it is open. */
final class HeapPeak implements AutoCloseable {

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final Thread sampler;
    private volatile long peak;
    private volatile boolean open = true;

    HeapPeak() {
        peak = memory.getHeapMemoryUsage().getUsed();
        sampler = new Thread(() -> {
            while (open) {
                peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-heap");
        sampler.setDaemon(true);
        sampler.start();
    }

    long bytes() {
        return Math.max(peak, memory.getHeapMemoryUsage().getUsed());
    }

    @Override
    public void close() {
        open = false;
        sampler.interrupt();
    }
}
