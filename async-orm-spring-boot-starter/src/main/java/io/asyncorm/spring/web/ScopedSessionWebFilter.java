package io.asyncorm.spring.web;

import io.asyncorm.orm.AsyncScopedSession;
import io.asyncorm.orm.ScopeFunction;
import java.util.Objects;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives each HTTP request its own session: opens a scope in the Reactor context for the exchange ({@link
 * ScopeFunction#newScope()}), so the scoped session resolves to one session per request, created on first use;
 * when the exchange completes, fails or is cancelled (the client went away) the session is removed and closed,
 * which rolls back what was not committed and returns its connection. The scoped session must use {@link
 * ScopeFunction#contextValue()} outside transactions (the starter's does).
 *
 * <pre>{@code
 * @Bean
 * WebFilter asyncOrmSessionFilter(AsyncScopedSession session) {
 *     return new ScopedSessionWebFilter(session);
 * }
 * }</pre>
 */
public final class ScopedSessionWebFilter implements WebFilter, Ordered {

    /** Early, so that every later filter and the handler run inside the request's scope. */
    public static final int DEFAULT_ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

    private final AsyncScopedSession session;

    /**
     * Creates the filter.
     *
     * @param session the scoped session whose scope is the request
     */
    public ScopedSessionWebFilter(AsyncScopedSession session) {
        this.session = Objects.requireNonNull(session, "session");
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return this.session.inScope(chain.filter(exchange)).then().contextWrite(ScopeFunction.newScope());
    }

    @Override
    public int getOrder() {
        return DEFAULT_ORDER;
    }
}
