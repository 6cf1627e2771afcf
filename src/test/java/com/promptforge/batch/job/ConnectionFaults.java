package com.promptforge.batch.job;

import com.promptforge.batch.db.DatabaseTarget;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A test-only hook (present with {@code pf.test-faults=true}) that drops every connection of the job, as a server
 * restart or a failover does, at a chosen moment of a chosen chunk: it terminates them with pg_terminate_backend from
 * a session of its own. The moment is found deterministically through the job repository, which a chunk step calls
 * inside each chunk transaction to save the step's metadata (the n-th chunk is the one whose save makes the commit
 * count n): {@link Moment#METADATA_SAVE} drops the connections just before that save, {@link Moment#BEFORE_COMMIT}
 * just before the transaction commits, {@link Moment#AFTER_COMMIT} just after. One fault per {@link #arm}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "pf.test-faults", havingValue = "true")
public class ConnectionFaults {

    public enum Moment { METADATA_SAVE, BEFORE_COMMIT, AFTER_COMMIT }

    private static final String DROPPED_APPLICATIONS = """
            select count(pg_terminate_backend(a.pid, 10000))
              from pg_catalog.pg_stat_activity a
             where a.datname = ?
               and a.pid <> pg_backend_pid()
               and (a.application_name = 'promptforge-batch' or a.application_name like 'pf-lock %')
            """;

    private final DatabaseTarget target;
    private volatile Moment moment;
    private volatile long chunk;
    private volatile String stepName;
    private volatile Duration outage = Duration.ZERO;
    private final AtomicInteger dropped = new AtomicInteger();

    ConnectionFaults(DatabaseTarget target) {
        this.target = target;
    }

    /** The next time step {@code stepName} saves the metadata of its {@code chunk}-th chunk, drop at {@code moment}. */
    public void arm(String stepName, long chunk, Moment moment) {
        arm(stepName, chunk, moment, Duration.ZERO);
    }

    /** As {@link #arm(String, long, Moment)}, and the database then refuses new connections for {@code outage}. */
    public void arm(String stepName, long chunk, Moment moment, Duration outage) {
        this.stepName = stepName;
        this.chunk = chunk;
        this.outage = outage;
        this.moment = moment;
    }

    /** How many times the connections were dropped since the application started. */
    public int dropped() {
        return dropped.get();
    }

    /**
     * Drops every connection of the job now and, for {@code refuseFor}, refuses new ones (as a restarting server
     * does); returns at once, the database accepting connections again later.
     */
    public void dropConnections(Duration refuseFor) {
        Properties properties = new Properties();
        if (target.user() != null) {
            properties.setProperty("user", target.user());
        }
        if (target.password() != null) {
            properties.setProperty("password", target.password());
        }
        properties.setProperty("ApplicationName", "pf-test-faults");
        try {
            // From the maintenance database: a database cannot refuse connections from a session of its own.
            Connection connection = DriverManager.getConnection(target.jdbcUrl().replaceFirst(
                    "/" + Pattern.quote(target.database()) + "(\\?|$)", "/postgres$1"), properties);
            try (Statement statement = connection.createStatement();
                 PreparedStatement drop = connection.prepareStatement(DROPPED_APPLICATIONS)) {
                if (!refuseFor.isZero()) {
                    statement.execute("alter database \"" + target.database() + "\" with allow_connections false");
                }
                drop.setString(1, target.database());
                drop.executeQuery().close();
                dropped.incrementAndGet();
            }
            if (refuseFor.isZero()) {
                connection.close();
                return;
            }
            Thread reopen = new Thread(() -> {
                try (connection; Statement statement = connection.createStatement()) {
                    Thread.sleep(refuseFor.toMillis());
                    statement.execute("alter database \"" + target.database() + "\" with allow_connections true");
                } catch (SQLException | InterruptedException e) {
                    throw new IllegalStateException("could not let connections in again", e);
                }
            }, "pf-test-faults-reopen");
            reopen.start();
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop the job's connections", e);
        }
    }

    @Bean
    static BeanPostProcessor connectionFaultsOnMetadataSave(ObjectProvider<ConnectionFaults> faults) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (!(bean instanceof JobRepository repository)) {
                    return bean;
                }
                InvocationHandler handler = (proxy, method, arguments) -> {
                    boolean stepSave = method.getName().equals("update") && arguments != null
                            && arguments.length == 1 && arguments[0] instanceof StepExecution;
                    if (stepSave) {
                        faults.getObject().beforeStepSave((StepExecution) arguments[0]);
                    }
                    try {
                        return method.invoke(repository, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                };
                return Proxy.newProxyInstance(JobRepository.class.getClassLoader(), new Class<?>[] {JobRepository.class},
                        handler);
            }
        };
    }

    private void beforeStepSave(StepExecution step) {
        Moment armed = moment;
        if (armed == null || !TransactionSynchronizationManager.isActualTransactionActive()
                || !step.getStepName().equals(stepName) || step.getCommitCount() != chunk) {
            return;
        }
        moment = null;
        switch (armed) {
            case METADATA_SAVE -> dropConnections(outage);
            case BEFORE_COMMIT -> TransactionSynchronizationManager.registerSynchronization(
                    new TransactionSynchronization() {
                        @Override
                        public int getOrder() {
                            return LOWEST_PRECEDENCE;
                        }

                        @Override
                        public void beforeCommit(boolean readOnly) {
                            dropConnections(outage);
                        }
                    });
            case AFTER_COMMIT -> TransactionSynchronizationManager.registerSynchronization(
                    new TransactionSynchronization() {
                        @Override
                        public void afterCommit() {
                            dropConnections(outage);
                        }
                    });
        }
    }
}
