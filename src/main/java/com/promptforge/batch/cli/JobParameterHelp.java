package com.promptforge.batch.cli;

import com.promptforge.batch.PromptForgeApplication;
import com.promptforge.batch.job.JobDefinition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * The jobs and their parameters for {@code help run}, without a database: the application starts with lazy
 * initialization, so that only the {@link JobDefinition} beans (and what declares them) are created.
 */
final class JobParameterHelp {

    private JobParameterHelp() {
    }

    static List<String> lines(Map<String, Object> properties) {
        List<String> lines = new ArrayList<>();
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(PromptForgeApplication.class)
                .web(WebApplicationType.NONE)
                .lazyInitialization(true)
                .logStartupInfo(false)
                .initializers(ctx -> ctx.getEnvironment().getPropertySources()
                        .addFirst(new MapPropertySource("command-line-overrides", properties)))
                .run()) {
            List<JobDefinition> jobs = context.getBeanProvider(JobDefinition.class).orderedStream()
                    .sorted(Comparator.comparing(JobDefinition::name))
                    .toList();
            lines.add("Jobs and their parameters (name=default, then what is accepted):");
            if (jobs.isEmpty()) {
                lines.add("  (no jobs are configured)");
            }
            for (JobDefinition job : jobs) {
                lines.add("  " + job.name() + ": " + job.description());
                job.parameterHelp().forEach(line -> lines.add("      " + line));
            }
        } catch (RuntimeException e) {
            lines.add("(The jobs could not be listed: " + e.getMessage() + ")");
        }
        return lines;
    }
}
