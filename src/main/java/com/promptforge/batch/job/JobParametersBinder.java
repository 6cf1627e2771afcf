package com.promptforge.batch.job;

import com.promptforge.batch.core.BadInputException;
import java.util.HashMap;
import java.util.Map;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersValidator;

/**
 * The one place a job's {@link JobParameters} become its parameter record, a record with a
 * {@code static from(JobParameterValues)} factory: the declared parameters are parsed by the job's
 * {@link JobDefinition} (however the launcher typed them, the defaults filling in what is missing; other
 * parameters, such as the launch time, are left out), then the record settles what depends on several of them.
 * {@link #validator} refuses bad values before an execution exists, with the same one line as the command line.
 *
 * @param <P> the job's parameter record
 */
public final class JobParametersBinder<P> {

    /** How a job's parameter record is made; a bad combination is refused with a {@link BadInputException}. */
    @FunctionalInterface
    public interface Factory<P> {
        P from(JobParameterValues values);
    }

    /** A check of bound parameters against the database (an organization that must exist); refuses with a
     * {@link BadInputException}. */
    @FunctionalInterface
    public interface Check<P> {
        void check(P parameters);
    }

    private final JobDefinition definition;
    private final Factory<P> factory;

    public JobParametersBinder(JobDefinition definition, Factory<P> factory) {
        this.definition = definition;
        this.factory = factory;
    }

    public JobDefinition definition() {
        return definition;
    }

    /** The record of a run's parameters. */
    public P bind(JobParameters parameters) {
        Map<String, Object> values = new HashMap<>();
        parameters.parameters().forEach(parameter -> values.put(parameter.name(), parameter.value()));
        return bind(values);
    }

    /**
     * The record of a run's parameter values, as a step- or job-scoped bean receives them
     * ({@code @Value("#{jobParameters}")}).
     *
     * @throws BadInputException with one line naming the parameter, for a bad value or combination
     */
    public P bind(Map<String, ?> jobParameters) {
        Map<String, String> given = new HashMap<>();
        for (JobParameterSpec spec : definition.parameters()) {
            Object value = jobParameters.get(spec.name());
            if (value != null) {
                given.put(spec.name(), String.valueOf(value));
            }
        }
        Map<String, Object> resolved = definition.resolve(given, "job " + definition.name());
        return factory.from(new JobParameterValues(resolved, jobParameters.get(JobRunner.LAUNCH_TIME)));
    }

    /** Refuses parameters that do not bind, before an execution is created. */
    public JobParametersValidator validator() {
        return validator(parameters -> {
        });
    }

    /** Refuses parameters that do not bind or that {@code check} refuses, before an execution is created. */
    public JobParametersValidator validator(Check<P> check) {
        return parameters -> {
            try {
                check.check(bind(parameters));
            } catch (BadInputException e) {
                throw new InvalidJobParametersException(e.getMessage());
            }
        };
    }
}
