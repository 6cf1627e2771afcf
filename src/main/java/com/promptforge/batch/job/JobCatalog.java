package com.promptforge.batch.job;

import com.promptforge.batch.core.BadInputException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.batch.core.job.Job;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The jobs this service can run: every {@link JobDefinition} bean with the Spring Batch {@link Job} bean of the
 * same name. A definition without its job (or the other way round) is a programming error and stops start-up.
 */
@Component
public class JobCatalog {

    private final Map<String, JobDefinition> definitions;
    private final Map<String, Job> jobs;

    public JobCatalog(ObjectProvider<JobDefinition> definitions, ObjectProvider<Job> jobs) {
        this.definitions = definitions.orderedStream().collect(Collectors.toMap(JobDefinition::name,
                Function.identity(), (a, b) -> {
                    throw new IllegalStateException("Two JobDefinition beans are named " + a.name());
                }, TreeMap::new));
        this.jobs = jobs.orderedStream().collect(Collectors.toMap(Job::getName, Function.identity(), (a, b) -> {
            throw new IllegalStateException("Two Job beans are named " + a.getName());
        }, TreeMap::new));
        for (JobDefinition definition : this.definitions.values()) {
            if (!this.jobs.containsKey(definition.name())) {
                throw new IllegalStateException("JobDefinition " + definition.name()
                        + " has no Spring Batch Job bean of that name");
            }
            if (definition.parameters().stream().anyMatch(p -> p.name().equals(JobRunner.LAUNCH_TIME))) {
                throw new IllegalStateException("Job " + definition.name() + " declares the parameter "
                        + JobRunner.LAUNCH_TIME + ", which JobRunner sets itself");
            }
        }
        for (String name : this.jobs.keySet()) {
            if (!this.definitions.containsKey(name)) {
                throw new IllegalStateException("Job " + name + " has no JobDefinition bean of that name");
            }
        }
    }

    /** Every job, by name. */
    public List<JobDefinition> definitions() {
        return List.copyOf(definitions.values());
    }

    public Optional<JobDefinition> find(String name) {
        return Optional.ofNullable(definitions.get(name));
    }

    /** The job called {@code name}; an unknown name is bad input, reported as coming from {@code origin}. */
    public JobDefinition require(String name, String origin) {
        JobDefinition definition = definitions.get(name);
        if (definition == null) {
            throw new BadInputException(origin + ": unknown job '" + name + "': expected " + expected());
        }
        return definition;
    }

    /** "one of a, b" or "no job (none is configured)", for messages. */
    public String expected() {
        return definitions.isEmpty() ? "no job (none is configured)"
                : "one of " + String.join(", ", definitions.keySet());
    }

    Job job(String name) {
        return jobs.get(name);
    }
}
