package com.promptforge.batch.job;

import com.promptforge.batch.core.DurationText;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

/**
 * Executions that no process will finish, made restartable. Called only while holding the job's run lock; yet an
 * execution still marked running may belong to a process that lost its lock with its connection and still runs
 * (until its {@link LockWatch} notices). So an execution left running is marked FAILED only when its owner is
 * known to be gone ({@link JobHeartbeats}): its heartbeat is missing or older than three intervals, or its process
 * on this host has ended. While the owner still beats, the run or restart is refused ({@link JobRefusedException})
 * in one line naming the execution, its host, pid and last beat.
 */
@Component
class AbandonedExecutions {

    private final JobRepository repository;
    private final JobHeartbeats heartbeats;

    AbandonedExecutions(JobRepository repository, JobHeartbeats heartbeats) {
        this.repository = repository;
        this.heartbeats = heartbeats;
    }

    /**
     * Marks every execution of {@code jobName} still marked running FAILED, its steps left running with it.
     *
     * @throws JobRefusedException when the process of one of them is still alive (nothing is marked then)
     */
    void recover(String jobName, Consumer<String> output) {
        List<JobExecution> running = repository.findRunningJobExecutions(jobName).stream()
                .sorted(Comparator.comparing(JobExecution::getId))
                .toList();
        List<String> gone = running.stream().map(execution -> ownerGone(execution, "a new run")).toList();
        for (int i = 0; i < running.size(); i++) {
            output.accept(abandonedNote(running.get(i), gone.get(i)));
            markFailed(running.get(i), "its process is gone: " + gone.get(i));
        }
    }

    /**
     * The last execution of a job, made restartable when it can be. Spring Batch refuses to restart a job instance
     * while any of its executions, or any step of its last execution, is marked running or UNKNOWN; so:
     * <ul>
     *   <li>every execution of the instance left running, once its process is known to be gone, is marked FAILED
     *       with its steps;</li>
     *   <li>a last execution that ended (FAILED, STOPPED) with a step still marked running (its step's closing
     *       saves were lost with a dropped connection, the job's own save got through on a new one) has that step
     *       marked FAILED;</li>
     *   <li>one left UNKNOWN in steps built by {@link ChunkSteps}, whose progress commits with its data, is marked
     *       FAILED too.</li>
     * </ul>
     * Any other execution is returned as it is.
     *
     * @throws JobRefusedException when the process of an execution left running is still alive
     */
    JobExecution recoverForRestart(JobExecution last, Consumer<String> output) {
        List<JobExecution> leftRunning = repository.getJobExecutions(last.getJobInstance()).stream()
                .filter(execution -> execution.getStatus().isRunning() || hasRunningStep(execution))
                .sorted(Comparator.comparing(JobExecution::getId))
                .toList();
        List<String> gone = leftRunning.stream().map(execution -> ownerGone(execution, "the restart")).toList();
        for (int i = 0; i < leftRunning.size(); i++) {
            JobExecution execution = leftRunning.get(i);
            if (execution.getStatus().isRunning()) {
                output.accept(abandonedNote(execution, gone.get(i)));
            } else {
                output.accept("Note: " + execution.getJobInstance().getJobName() + " execution " + execution.getId()
                        + " ended " + execution.getStatus() + " with step " + runningSteps(execution) + " still "
                        + "marked running (the step's closing save was lost with its connection); marked FAILED");
            }
            markFailed(execution, "its process is gone: " + gone.get(i));
        }
        last = repository.getJobExecution(last.getId());
        if (last.getStatus() == BatchStatus.UNKNOWN && ChunkSteps.restartableWhenUnknown(last)) {
            output.accept("Note: " + last.getJobInstance().getJobName() + " execution " + last.getId()
                    + " was left UNKNOWN (the database was lost while its state was saved); its chunk steps commit "
                    + "their progress with their data, so it is marked FAILED and continued from its last committed "
                    + "chunk");
            markFailed(last, "the database was lost while its state was saved");
        }
        return last;
    }

    /**
     * Why the process running {@code execution} is known to be gone, in a few words.
     *
     * @throws JobRefusedException when it still beats, naming what was refused ({@code refused})
     */
    private String ownerGone(JobExecution execution, String refused) {
        Optional<JobHeartbeats.Heartbeat> found = heartbeats.of(execution.getId());
        if (found.isEmpty()) {
            return "it has no heartbeat";
        }
        JobHeartbeats.Heartbeat beat = found.get();
        String age = DurationText.compact(beat.age());
        if (beat.age().compareTo(heartbeats.staleAfter()) > 0) {
            return "its last heartbeat, from " + beat.host() + " pid " + beat.pid() + ", is " + age + " old";
        }
        boolean thisHost = beat.host().equals(heartbeats.host());
        if (thisHost && beat.pid() == heartbeats.pid() && !heartbeats.beatsHere(execution.getId())) {
            return "it was this process's (pid " + beat.pid() + "), which no longer runs it";
        }
        if (thisHost && beat.pid() != heartbeats.pid()
                && !ProcessHandle.of(beat.pid()).map(ProcessHandle::isAlive).orElse(false)) {
            return "its process, pid " + beat.pid() + " on this host, has ended";
        }
        String jobName = execution.getJobInstance().getJobName();
        throw new JobRefusedException("Refused: " + jobName + " execution " + execution.getId() + " still runs on "
                + beat.host() + " pid " + beat.pid() + " (last heartbeat " + age + " ago, at "
                + RunSummary.time(LocalDateTime.ofInstant(beat.lastBeat(), ZoneOffset.UTC)) + " UTC), though "
                + "its run lock was free; it is not marked FAILED while it beats, and " + refused + " of " + jobName
                + " is not started");
    }

    private static boolean hasRunningStep(JobExecution execution) {
        return execution.getStepExecutions().stream().anyMatch(step -> step.getStatus().isRunning());
    }

    private static String runningSteps(JobExecution execution) {
        return execution.getStepExecutions().stream()
                .filter(step -> step.getStatus().isRunning())
                .map(step -> step.getStepName() + " (" + step.getStatus() + ")")
                .collect(Collectors.joining(", "));
    }

    /**
     * Marks {@code execution} and its steps left running or UNKNOWN FAILED, as {@code JobOperator.recover} would,
     * but also when the execution itself ended (recover leaves such an execution's steps alone) or was recovered
     * before (recover skips an execution whose context, inherited by its restart, says "batch.recovered").
     */
    private void markFailed(JobExecution execution, String why) {
        LocalDateTime now = LocalDateTime.now();
        for (StepExecution step : execution.getStepExecutions()) {
            BatchStatus was = step.getStatus();
            if (was.isRunning() || was == BatchStatus.UNKNOWN) {
                step.setStatus(BatchStatus.FAILED);
                step.setExitStatus(ExitStatus.FAILED.addExitDescription("was " + was + ": " + why));
                if (step.getEndTime() == null) {
                    step.setEndTime(now);
                }
                repository.update(step);
            }
        }
        if (execution.getStatus() != BatchStatus.FAILED && execution.getStatus() != BatchStatus.STOPPED) {
            execution.setExitStatus(ExitStatus.FAILED.addExitDescription("was " + execution.getStatus() + ": " + why));
            execution.setStatus(BatchStatus.FAILED);
        }
        if (execution.getEndTime() == null) {
            execution.setEndTime(now);
        }
        repository.update(execution);
    }

    private static String abandonedNote(JobExecution execution, String gone) {
        String jobName = execution.getJobInstance().getJobName();
        return "Note: " + jobName + " execution " + execution.getId() + " (started "
                + RunSummary.time(execution.getStartTime()) + ") was left " + execution.getStatus()
                + " by a process that is gone (" + gone + "); marked FAILED (restart " + jobName + " continues it)";
    }
}
