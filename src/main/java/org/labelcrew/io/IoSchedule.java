package org.labelcrew.io;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Instant;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Imports and exports run as db-scheduler one-time tasks whose instance id is the job id: any application instance may
 * pick one up, exactly one runs it, and one that dies mid-way is revived by another. The runners catch their own
 * failures and record them on the job, so the scheduler never retries a job that failed on its input.
 */
@Configuration(proxyBeanMethods = false)
class IoSchedule {

    static final String IMPORT = "import", EXPORT = "export";

    @Bean
    OneTimeTask<Void> importTask(ImportRunner runner) {
        return Tasks.oneTime(IMPORT).execute((instance, ctx) -> runner.run(Long.parseLong(instance.getId())));
    }

    @Bean
    OneTimeTask<Void> exportTask(ExportRunner runner) {
        return Tasks.oneTime(EXPORT).execute((instance, ctx) -> runner.run(Long.parseLong(instance.getId())));
    }

    /**
     * Schedules a job to run now. Real time, not the application clock: the scheduler polls by the database's idea of
     * now, and a clock moved forward in tests would otherwise put the job in the future.
     */
    static void runNow(SchedulerClient scheduler, String task, long jobId) {
        scheduler.scheduleIfNotExists(new TaskInstance<Void>(task, Long.toString(jobId)), Instant.now());
    }
}
