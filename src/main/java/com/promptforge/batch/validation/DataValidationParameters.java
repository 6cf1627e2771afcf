package com.promptforge.batch.validation;

import com.promptforge.batch.job.JobParameterSpec;
import com.promptforge.batch.job.JobParameterValues;
import java.util.List;

/** The parameters of data-validation, declared once ({@link #SPECS}) and bound from a job's parameters. */
record DataValidationParameters(int chunkSize) {

    static final String CHUNK_SIZE = "chunkSize";

    static final List<JobParameterSpec> SPECS = List.of(
            JobParameterSpec.integer(CHUNK_SIZE, 1000, 1, 10_000,
                    "Rows per chunk: one page of one table per read, one transaction per chunk."));

    /** Made by {@link com.promptforge.batch.job.JobParametersBinder} from a run's parameters. */
    static DataValidationParameters from(JobParameterValues values) {
        return new DataValidationParameters(values.intValue(CHUNK_SIZE));
    }
}
