package com.promptforge.batch.cli;

import com.promptforge.batch.PromptForgeApplication;
import com.promptforge.batch.job.JobDefinition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.LazyInitializationBeanFactoryPostProcessor;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * The jobs and their parameters for {@code help run}, answered like all help without a database: a small context
 * holds only the configuration classes that declare a {@link JobDefinition} bean, every bean lazy, so that only
 * the definitions (not the jobs, their steps or the data source) are created.
 */
final class JobParameterHelp {

    private static final int WIDTH = 100;

    private JobParameterHelp() {
    }

    static List<String> lines(Map<String, Object> properties) {
        List<String> lines = new ArrayList<>();
        try {
            List<JobDefinition> jobs = definitions(properties);
            lines.add("Jobs and their parameters (name=default):");
            if (jobs.isEmpty()) {
                lines.add("  (no jobs are configured)");
            }
            for (JobDefinition job : jobs) {
                lines.add("");
                wrap(job.name() + ": " + job.description().strip().replaceAll("\\s+", " "), "  ", "  ", lines);
                for (String parameter : job.parameterHelp()) {
                    wrap(parameter, "    ", "      ", lines);
                }
            }
        } catch (RuntimeException e) {
            lines.add("(The jobs could not be listed: " + e.getMessage() + "; the command jobs lists them)");
        }
        return lines;
    }

    /** Word-wraps {@code text} at {@value #WIDTH} columns. */
    static void wrap(String text, String firstIndent, String indent, List<String> lines) {
        StringBuilder line = new StringBuilder(firstIndent);
        for (String word : text.split(" ")) {
            if (line.length() + word.length() + 1 > WIDTH && !line.toString().isBlank()) {
                lines.add(line.toString().stripTrailing());
                line = new StringBuilder(indent);
            }
            line.append(word).append(' ');
        }
        lines.add(line.toString().stripTrailing());
    }

    private static List<JobDefinition> definitions(Map<String, Object> properties) {
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
            context.getEnvironment().getPropertySources()
                    .addFirst(new MapPropertySource("command-line-overrides", properties));
            context.addBeanFactoryPostProcessor(new LazyInitializationBeanFactoryPostProcessor());
            ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(
                    false, context.getEnvironment());
            scanner.addIncludeFilter(new AnnotationTypeFilter(Configuration.class));
            ClassLoader loader = JobParameterHelp.class.getClassLoader();
            for (BeanDefinition candidate : scanner.findCandidateComponents(
                    PromptForgeApplication.class.getPackageName())) {
                Class<?> type = ClassUtils.resolveClassName(candidate.getBeanClassName(), loader);
                if (Arrays.stream(type.getDeclaredMethods()).anyMatch(method -> method.isAnnotationPresent(Bean.class)
                        && JobDefinition.class.isAssignableFrom(method.getReturnType()))) {
                    context.register(type);
                }
            }
            context.refresh();
            return context.getBeanProvider(JobDefinition.class).orderedStream()
                    .sorted(Comparator.comparing(JobDefinition::name))
                    .toList();
        }
    }
}
