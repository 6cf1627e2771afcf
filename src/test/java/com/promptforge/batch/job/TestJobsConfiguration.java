package com.promptforge.batch.job;

import java.util.List;
import java.util.stream.Collectors;
import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Jobs for the tests of the job plumbing, present only with {@code pf.test-jobs=true} (component scanning sees
 * the test classes too). {@value #COUNT} reads the numbers 1..items, pauses delayMs per item, and writes them to
 * pf_test.items in chunks of {@value #CHUNK}, failing on an item listed in pf_test.failures. Restartable.
 * {@value #WAIT} is a tasklet step (not built by {@link ChunkSteps}) that waits delayMs, ticks times.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "pf.test-jobs", havingValue = "true")
public class TestJobsConfiguration {

    public static final String COUNT = "test-count";
    public static final int CHUNK = 5;
    public static final String WAIT = "test-wait";

    /** The tables the test job writes, created by the tests in their database. */
    public static void createTables(JdbcTemplate jdbc) {
        jdbc.execute("""
                create schema if not exists pf_test;
                create table if not exists pf_test.items (execution_id bigint not null, item bigint not null,
                  written_at timestamptz not null default clock_timestamp());
                create table if not exists pf_test.failures (item bigint primary key);
                """);
    }

    @Bean
    JobDefinition testCountDefinition() {
        return new JobDefinition(COUNT, "Counts 1..items into pf_test.items (tests only).", List.of(
                JobParameterSpec.integer("items", 10, 0, 100_000, "how many numbers"),
                JobParameterSpec.integer("delayMs", 0, 0, 10_000, "pause per item"),
                JobParameterSpec.choice("label", "plain", List.of("plain", "fancy"), "just a choice")));
    }

    @Bean
    Job testCountJob(JobRepository jobRepository, Step testCountStep) {
        return new JobBuilder(COUNT, jobRepository).start(testCountStep).build();
    }

    @Bean
    Step testCountStep(ChunkSteps chunkSteps, CountingReader testCountReader, PausingProcessor testCountProcessor,
                       JdbcTemplate jdbc) {
        return chunkSteps.<Long, Long>step("count", CHUNK)
                .reader(testCountReader)
                .processor(testCountProcessor)
                .writer(writer(jdbc))
                .build();
    }

    @Bean
    JobDefinition testWaitDefinition() {
        return new JobDefinition(WAIT, "Waits delayMs, ticks times, in a tasklet step (tests only).", List.of(
                JobParameterSpec.integer("ticks", 10, 1, 100_000, "how many waits"),
                JobParameterSpec.integer("delayMs", 100, 0, 10_000, "how long each wait is")));
    }

    @Bean
    Job testWaitJob(JobRepository jobRepository, Step testWaitStep) {
        return new JobBuilder(WAIT, jobRepository).start(testWaitStep).build();
    }

    @Bean
    @JobScope
    Step testWaitStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                      ProgressListener progressListener, @Value("#{jobParameters['ticks']}") Long ticks,
                      @Value("#{jobParameters['delayMs']}") Long delayMs) {
        Tasklet waiting = (contribution, context) -> {
            Thread.sleep(delayMs);
            ExecutionContext step = contribution.getStepExecution().getExecutionContext();
            long done = step.getLong(ProgressListener.DONE, 0L) + 1;
            step.putLong(ProgressListener.DONE, done);
            return RepeatStatus.continueIf(done < ticks);
        };
        return new StepBuilder("wait", jobRepository)
                .tasklet(waiting, transactionManager)
                .listener((StepExecutionListener) progressListener)
                .build();
    }

    @Bean
    @StepScope
    CountingReader testCountReader(@Value("#{jobParameters['items']}") Long items) {
        return new CountingReader(items);
    }

    @Bean
    @StepScope
    PausingProcessor testCountProcessor(@Value("#{jobParameters['delayMs']}") Long delayMs) {
        return new PausingProcessor(delayMs);
    }

    /** 1..items, restartable: the position is saved with each chunk. */
    static class CountingReader implements ItemStreamReader<Long> {
        private final long items;
        private long position;

        CountingReader(long items) {
            this.items = items;
        }

        @Override
        public void open(ExecutionContext context) {
            position = context.getLong("count.position", 0L);
            context.putLong(ProgressListener.TOTAL, items);
        }

        @Override
        public Long read() {
            return position < items ? ++position : null;
        }

        @Override
        public void update(ExecutionContext context) {
            context.putLong("count.position", position);
        }
    }

    static class PausingProcessor implements ItemProcessor<Long, Long> {
        private final long delayMs;

        PausingProcessor(long delayMs) {
            this.delayMs = delayMs;
        }

        @Override
        public Long process(Long item) throws InterruptedException {
            if (delayMs > 0) {
                Thread.sleep(delayMs);
            }
            return item;
        }
    }

    private static ItemWriter<Long> writer(JdbcTemplate jdbc) {
        return chunk -> {
            StepExecution step = StepSynchronizationManager.getContext().getStepExecution();
            List<Long> items = List.copyOf(chunk.getItems());
            List<Long> failing = jdbc.queryForList("select item from pf_test.failures where item = any(?) order by item",
                    Long.class, (Object) items.toArray(Long[]::new));
            if (!failing.isEmpty()) {
                throw new IllegalStateException("test failure at item " + failing.get(0));
            }
            jdbc.batchUpdate("insert into pf_test.items (execution_id, item) values (?, ?)",
                    items.stream().map(item -> new Object[] {step.getJobExecutionId(), item})
                            .collect(Collectors.toList()));
            ExecutionContext context = step.getExecutionContext();
            context.putLong(RunSummary.PREFIX + "items written", context.getLong(RunSummary.PREFIX + "items written",
                    0L) + items.size());
        };
    }
}
