package com.promptforge.batch.job;

import org.springframework.batch.core.job.AbstractJob;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Adds a listener to every job, so that no job configuration has to. The listener is looked up when a job starts or
 * ends, not when the jobs are built: such listeners depend on beans that depend on the jobs.
 */
public final class EveryJob {

    private EveryJob() {
    }

    /** A post-processor (for a static {@code @Bean} method) registering {@code listener} with every job. */
    public static BeanPostProcessor listenedBy(ObjectProvider<? extends JobExecutionListener> listener) {
        JobExecutionListener lookedUpPerCall = new JobExecutionListener() {
            @Override
            public void beforeJob(JobExecution execution) {
                listener.getObject().beforeJob(execution);
            }

            @Override
            public void afterJob(JobExecution execution) {
                listener.getObject().afterJob(execution);
            }
        };
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof AbstractJob job) {
                    job.registerJobExecutionListener(lookedUpPerCall);
                }
                return bean;
            }
        };
    }
}
