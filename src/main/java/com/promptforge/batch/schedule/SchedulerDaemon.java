package com.promptforge.batch.schedule;

import com.promptforge.batch.requests.ExportRequestPoller;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The {@code schedule} command's daemon: loads the jobs/ schedules (strictly), registers them in the clustered
 * Quartz store, starts this process's scheduler and the poll of audit export requests
 * ({@link ExportRequestPoller}), and waits until the application closes (SIGTERM). On close it
 * first puts the scheduler in standby (no new firings here), before {@code JobRunner} stops running jobs at a
 * chunk boundary and Quartz shuts down waiting for its threads.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class SchedulerDaemon implements ApplicationListener<ContextClosedEvent> {

    private static final Logger log = LoggerFactory.getLogger(SchedulerDaemon.class);

    private final Scheduler scheduler;
    private final JobScheduleFiles files;
    private final ScheduleRegistrar registrar;
    private final Environment environment;
    private final ReportRetention retention;
    private final ExportRequestPoller requests;
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean started;

    public SchedulerDaemon(Scheduler scheduler, JobScheduleFiles files, ScheduleRegistrar registrar,
                           Environment environment, ReportRetention retention, ExportRequestPoller requests) {
        this.scheduler = scheduler;
        this.files = files;
        this.registrar = registrar;
        this.environment = environment;
        this.retention = retention;
        this.requests = requests;
    }

    /** Runs the scheduler until the application closes. */
    public void runUntilClosed(PrintStream out) throws SchedulerException, InterruptedException {
        OptionalInt keepDays = retention.keepDays(); // a bad setting stops the daemon before anything starts
        Duration pollEvery = requests.interval();
        List<JobSchedule> schedules = files.load();
        out.println("Schedules from " + files.source() + ":");
        registrar.register(schedules, line -> out.println("  " + line));
        started = true;
        scheduler.start();
        out.println("Scheduler " + scheduler.getSchedulerName() + " instance " + scheduler.getSchedulerInstanceId()
                + " started (clustered); health and metrics on http://"
                + environment.getProperty("server.address", "localhost") + ":"
                + environment.getProperty("local.server.port", environment.getProperty("server.port", "?"))
                + "/actuator; stop with SIGTERM");
        ScheduledExecutorService daily = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "report-retention");
            thread.setDaemon(true);
            return thread;
        });
        if (keepDays.isPresent()) {
            out.println("Reports older than " + keepDays.getAsInt() + " days are deleted now and once a day");
            daily.scheduleAtFixedRate(applyRetention(out), 0, 1, TimeUnit.DAYS);
        }
        out.println("Audit export requests are polled every " + pollEvery.toSeconds() + " s");
        requests.start(out::println);
        try {
            closed.await();
        } finally {
            requests.close();
            daily.shutdownNow();
        }
        out.println("Scheduler instance " + scheduler.getSchedulerInstanceId() + " is shutting down");
    }

    private Runnable applyRetention(PrintStream out) {
        return () -> {
            try {
                retention.apply(Instant.now(), out::println);
            } catch (RuntimeException e) {
                log.warn("Report retention failed: {}", e.getMessage());
            }
        };
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        if (event.getApplicationContext().getParent() != null) {
            return; // a child context (none by default) closing is not the application closing
        }
        if (started) {
            try {
                scheduler.standby();
                log.info("Shutting down: scheduler {} takes no new firings", scheduler.getSchedulerInstanceId());
            } catch (SchedulerException e) {
                log.warn("Could not put the scheduler in standby: {}", e.getMessage());
            }
        }
        closed.countDown();
    }
}
