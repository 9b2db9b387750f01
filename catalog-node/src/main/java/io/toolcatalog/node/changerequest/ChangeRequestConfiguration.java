package io.toolcatalog.node.changerequest;

import io.toolcatalog.core.changerequest.ChangeRequestCore;
import io.toolcatalog.core.changerequest.ChangeRequestStore;
import io.toolcatalog.core.changerequest.ChangesProperties;
import io.toolcatalog.core.changerequest.StagedJson;
import io.toolcatalog.core.changerequest.StagedValidation;
import io.toolcatalog.core.concurrent.Scheduler;
import io.toolcatalog.core.concurrent.Threads;
import io.toolcatalog.core.rollout.RolloutDriver;
import io.toolcatalog.core.store.ToolStore;
import io.toolcatalog.core.store.ToolVersionStore;
import io.toolcatalog.core.tool.ToolValidator;
import io.toolcatalog.core.write.Commits;
import io.toolcatalog.core.write.StagedPublisher;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires change requests: their store, the services, publishing through the write path, and the schedule. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ChangesProperties.class)
class ChangeRequestConfiguration {

    /** Applies staged edits through the write path: a change request's publish, a rollout's completion. */
    @Bean
    StagedPublisher stagedPublisher(
            Commits commits, ToolValidator validator, ToolStore tools, ToolVersionStore versions) {
        return new StagedPublisher(commits, validator, tools, versions);
    }

    @Bean
    ChangeRequestCore changeRequestCore(
            JdbcTemplate jdbc,
            TransactionTemplate tx,
            ToolStore tools,
            ToolVersionStore versions,
            ToolValidator validator,
            StagedPublisher publisher,
            Clock clock,
            ChangesProperties properties) {
        StagedJson json = new StagedJson();
        return ChangeRequestCore.of(
                new ChangeRequestStore(jdbc, json),
                json,
                tools,
                versions,
                new StagedValidation(validator, tools),
                publisher,
                tx,
                clock,
                properties);
    }

    /** A thread of its own: a publish is a write and may wait for the revision lock; polls never wait behind it. */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService changeRequestScheduler() {
        return Executors.newSingleThreadScheduledExecutor(Threads.named("change-requests", true));
    }

    @Bean
    ChangeSchedule changeSchedule(
            ChangeRequestCore changes,
            RolloutDriver rolloutDriver,
            ScheduledExecutorService changeRequestScheduler,
            Clock clock) {
        return new ChangeSchedule(
                changes.publishing(),
                rolloutDriver,
                Scheduler.of(changeRequestScheduler),
                changes.properties().schedulePoll(),
                clock);
    }
}
