package io.asyncorm.spring.boot.autoconfigure;

import io.asyncorm.engine.AsyncEngine;
import io.asyncorm.engine.EngineOptions;
import io.asyncorm.orm.ReplicaRouting;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Read replicas from {@code async-orm.engine.replicas[*]}: an engine per replica (the primary engine's settings), a
 * {@link ReplicaRouting} the session maker resolves binds with, and its health checks every
 * {@code async-orm.engine.replica-checks.interval}. {@code @Transactional(readOnly = true)} methods then read from a
 * replica; methods that write run on the primary.
 */
@AutoConfiguration(after = {AsyncOrmUrlAutoConfiguration.class, AsyncOrmAutoConfiguration.class})
@ConditionalOnProperty(prefix = "async-orm.engine.replicas[0]", name = "url")
@EnableConfigurationProperties(AsyncOrmProperties.class)
public final class AsyncOrmReplicaAutoConfiguration {

    /** Created by Spring. */
    AsyncOrmReplicaAutoConfiguration() {
    }

    @Bean
    @ConditionalOnBean(AsyncEngine.class)
    @ConditionalOnMissingBean(ReplicaRouting.class)
    AsyncOrmReplicas asyncOrmReplicas(AsyncEngine primary, AsyncOrmProperties properties,
            ObjectProvider<EngineOptionsBuilderCustomizer> optionsCustomizers) {
        AsyncOrmProperties.Engine settings = properties.getEngine();
        List<AsyncEngine> engines = new ArrayList<>();
        for (AsyncOrmProperties.Replica replica : settings.getReplicas()) {
            EngineOptions.Builder options = EngineOptionsMapping.builder(settings);
            optionsCustomizers.orderedStream().forEach(customizer -> customizer.customize(options));
            engines.add(AsyncEngine.create(Objects.requireNonNull(replica.getUrl(), "async-orm.engine.replicas[*].url"),
                    replica.getUsername() != null ? replica.getUsername() : settings.getUsername(),
                    replica.getPassword() != null ? replica.getPassword() : settings.getPassword(), options.build()));
        }
        AsyncOrmProperties.ReplicaChecks checks = settings.getReplicaChecks();
        ReplicaRouting routing = ReplicaRouting.builder(primary).replicas(engines.toArray(AsyncEngine[]::new))
                .maxLag(checks.getMaxLag()).checkTimeout(checks.getTimeout()).build();
        return new AsyncOrmReplicas(engines, routing, checks.getInterval());
    }

    @Bean
    @ConditionalOnBean(AsyncOrmReplicas.class)
    ReplicaRouting asyncOrmReplicaRouting(AsyncOrmReplicas replicas) {
        return replicas.routing();
    }

    @Bean
    @ConditionalOnBean(AsyncOrmReplicas.class)
    AsyncSessionMakerCustomizer asyncOrmReplicaBinds(AsyncOrmReplicas replicas) {
        return builder -> builder.bindResolver(replicas.routing());
    }
}
