package io.asyncorm.spring.boot.autoconfigure;

import io.asyncorm.orm.AsyncScopedSession;
import io.asyncorm.spring.web.ScopedSessionWebFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.server.WebFilter;

/**
 * One session per request in a reactive web application: registers a {@link ScopedSessionWebFilter} for the
 * auto-configured {@link AsyncScopedSession}, unless {@code async-orm.session.request-scope=false}.
 */
@AutoConfiguration(after = AsyncOrmAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass({WebFilter.class, AsyncScopedSession.class})
@ConditionalOnProperty(prefix = "async-orm.session", name = "request-scope", havingValue = "true", matchIfMissing = true)
public final class AsyncOrmWebFluxAutoConfiguration {

    /** Created by Spring. */
    AsyncOrmWebFluxAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(AsyncScopedSession.class)
    ScopedSessionWebFilter asyncOrmScopedSessionWebFilter(AsyncScopedSession session) {
        return new ScopedSessionWebFilter(session);
    }
}
