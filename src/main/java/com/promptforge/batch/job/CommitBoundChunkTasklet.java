package com.promptforge.batch.job;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemReader;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * One chunk per call, inside the chunk transaction that {@link ChunkSteps}' TaskletStep opens: read up to
 * {@code chunkSize} items, process them, write them. Unlike Spring Batch's ChunkOrientedTasklet, the items read are
 * let go only once the transaction has committed: when anything fails before that (a read, the write, the save of
 * the step's metadata, the commit itself), the transaction rolls back and the next attempt redoes the same items
 * (continuing the read where it broke off), so a retried chunk is applied exactly once.
 */
final class CommitBoundChunkTasklet<I, O> implements Tasklet {

    /** Chunk context attribute: the chunk being read and written, until its transaction commits. */
    private static final String PENDING = "pf.chunk.pending";

    private final ItemReader<? extends I> reader;
    private final @Nullable ItemProcessor<? super I, ? extends O> processor;
    private final ItemWriter<? super O> writer;
    private final int chunkSize;

    CommitBoundChunkTasklet(ItemReader<? extends I> reader, @Nullable ItemProcessor<? super I, ? extends O> processor,
                            ItemWriter<? super O> writer, int chunkSize) {
        this.reader = reader;
        this.processor = processor;
        this.writer = writer;
        this.chunkSize = chunkSize;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        @SuppressWarnings("unchecked")
        Chunk<I> inputs = (Chunk<I>) chunkContext.getAttribute(PENDING);
        if (inputs == null) {
            inputs = new Chunk<>();
            chunkContext.setAttribute(PENDING, inputs);
        }
        while (!inputs.isEnd() && inputs.size() < chunkSize) {
            I item = read();
            if (item == null) {
                inputs.setEnd();
            } else {
                inputs.add(item);
                contribution.incrementReadCount();
            }
        }
        Chunk<O> outputs = new Chunk<>();
        long filtered = 0;
        for (I item : inputs.getItems()) {
            O output = process(item);
            if (output == null) {
                filtered++;
            } else {
                outputs.add(output);
            }
        }
        if (!outputs.isEmpty()) {
            writer.write(outputs);
        }
        contribution.incrementFilterCount(filtered);
        contribution.incrementWriteCount(outputs.size());
        boolean end = inputs.isEnd();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                chunkContext.removeAttribute(PENDING);
                chunkContext.setComplete();
            }
        });
        return RepeatStatus.continueIf(!end);
    }

    /**
     * One item. Spring Batch's counting readers count an item before reading it, so a read that fails would leave
     * their saved position one item too far: the count is put back.
     */
    private @Nullable I read() throws Exception {
        if (!(reader instanceof AbstractItemCountingItemStreamItemReader<?> counting)) {
            return reader.read();
        }
        int before = counting.getCurrentItemCount();
        try {
            return reader.read();
        } catch (Exception | Error e) {
            counting.setCurrentItemCount(before);
            throw e;
        }
    }

    @SuppressWarnings("unchecked")
    private @Nullable O process(I item) throws Exception {
        return processor == null ? (O) item : processor.process(item);
    }
}
