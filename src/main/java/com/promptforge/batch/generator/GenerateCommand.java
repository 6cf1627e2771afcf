package com.promptforge.batch.generator;

import com.promptforge.batch.core.CliCommand;
import com.promptforge.batch.core.ConsoleText;
import com.promptforge.batch.core.ExitCode;
import com.promptforge.batch.core.NameValueArguments;
import com.promptforge.batch.job.JobParameterSpec;
import com.promptforge.batch.job.JobRunner;
import java.io.PrintStream;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.springframework.batch.core.BatchStatus;
import org.springframework.stereotype.Component;

/**
 * {@code generate orgs=N runs=M [seed=S] [until=yyyy-mm-dd] [anomalies=K] [sync=true]}: fills an empty database
 * with synthetic tenants, then runs the entitlement sync over them as the nightly schedule would, so that the
 * projection is in line with the generated billing (run_all_qa_tests() checks that).
 */
@Component
class GenerateCommand implements CliCommand {

    static final String ENTITLEMENT_SYNC = "entitlement-sync";

    private final DataGenerator generator;
    private final JobRunner runner;

    GenerateCommand(DataGenerator generator, JobRunner runner) {
        this.generator = generator;
        this.runner = runner;
    }

    @Override
    public String name() {
        return "generate";
    }

    @Override
    public ExitCode run(List<String> arguments, PrintStream out) {
        Map<String, Object> values = JobParameterSpec.resolve(GenerationSpec.PARAMETERS,
                NameValueArguments.parse(arguments, "generate", "orgs=1000"), "generate", "command generate");
        generator.generate(GenerationSpec.from(values), out::println);
        if (!Boolean.TRUE.equals(values.get("sync"))) {
            out.println("Not synced (sync=false): run entitlement-sync before relying on the entitlements.");
            return ExitCode.COMPLETED;
        }
        LocalDateTime launchTime = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
        BatchStatus sync = runner.run(ENTITLEMENT_SYNC, Map.of(), "generate", launchTime,
                ConsoleText.lines(out::println)).getStatus();
        return sync == BatchStatus.COMPLETED ? ExitCode.COMPLETED : ExitCode.FAILED;
    }
}
