package io.asyncorm.orm;

import static io.asyncorm.orm.Orm.select;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.asyncorm.exception.InvalidRequestError;
import io.asyncorm.orm.model.A;
import io.asyncorm.orm.model.A_;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.util.function.Tuple2;

/** The scoped session (AS-09, ES-12, P11): one session per Reactor-context scope, removed without leaks. */
abstract class AbstractScopedSessionIntegrationTests extends OrmIntegrationTestSupport {

    private AsyncScopedSession scoped() {
        return AsyncScopedSession.of(this.maker, ScopeFunction.contextValue());
    }

    @Test
    void concurrentPipelinesWithDifferentKeysGetDifferentSessionsAndTheSameKeyTheSameSession() {
        AsyncScopedSession scoped = scoped();
        Mono<AsyncSession> inOwnScope = scoped.current().subscribeOn(Schedulers.parallel()).contextWrite(ScopeFunction.newScope());
        Tuple2<AsyncSession, AsyncSession> two = Mono.zip(inOwnScope, inOwnScope).block();
        assertThat(two.getT1()).isNotSameAs(two.getT2());
        assertThat(scoped.size()).isEqualTo(2);

        Tuple2<AsyncSession, AsyncSession> same = Mono.zip(scoped.current().subscribeOn(Schedulers.parallel()),
                scoped.current().subscribeOn(Schedulers.parallel())).contextWrite(ScopeFunction.newScope()).block();
        assertThat(same.getT1()).isSameAs(same.getT2());
        assertThat(scoped.size()).isEqualTo(3);
    }

    @Test
    void theSeedsScopedSessionExampleCommitsThroughTheProxyAndRemoveEmptiesTheRegistry() {
        // AS-09: some_async_session = AsyncSession(); add directly; commit through the proxy; remove().
        AsyncScopedSession scoped = scoped();
        A someObject = new A("some object", List.of());
        Mono<Boolean> function = scoped.current().doOnNext(someAsyncSession -> someAsyncSession.add(someObject))
                .then(scoped.commit())
                .then(scoped.current()).flatMap(session -> scoped.remove().then(Mono.fromCallable(() -> session.contains(someObject))))
                .flatMap(stillThere -> scoped.hasSession().map(has -> stillThere || has))
                .contextWrite(ScopeFunction.newScope());
        StepVerifier.create(function).expectNext(false).verifyComplete();
        assertThat(scoped.size()).isZero();
        assertThat(count("orm_a")).isOne();
        assertThat(this.engine.poolStatus().acquired()).isZero();
    }

    @Test
    void afterRemoveTheScopesNextUseCreatesANewSessionAndOtherScopesAreUntouched() {
        AsyncScopedSession scoped = scoped();
        AsyncSession other = scoped.current().contextWrite(ScopeFunction.newScope()).block();
        StepVerifier.create(scoped.current().flatMap(first -> scoped.remove().then(scoped.current()).map(second -> first != second))
                .contextWrite(ScopeFunction.newScope())).expectNext(true).verifyComplete();
        assertThat(scoped.size()).isEqualTo(2);
        assertThat(other).isNotNull();
    }

    @Test
    void theSessionsPropertiesHaveScopedTwins() {
        AsyncScopedSession scoped = scoped();
        StepVerifier.create(scoped.inScope(scoped.setAutoflush(false).then(scoped.isAutoflush())
                .zipWith(scoped.current().map(AsyncSession::isAutoflush))
                .flatMap(autoflush -> scoped.beginNested().then(Mono.zip(scoped.inNestedTransaction(), scoped.getNestedTransaction()))
                        .map(nested -> List.of(autoflush.getT1(), autoflush.getT2(), nested.getT1(), nested.getT2().isPresent())))
                .flatMap(values -> scoped.getBind(io.asyncorm.sql.Sql.text("select 1")).map(engine -> {
                    assertThat(engine).isSameAs(this.engine);
                    return values;
                })))
                .contextWrite(ScopeFunction.newScope()))
                .expectNext(List.of(false, false, true, true)).verifyComplete();
    }

    @Test
    void proxiesResolveTheScopesSession() {
        addThreeAsWithFiveBs().block();
        AsyncScopedSession scoped = scoped();
        Flux<String> work = scoped.inScope(scoped.get(A.class, 1)
                .flatMap(a -> scoped.contains(a).doOnNext(contained -> assertThat(contained).isTrue()).thenReturn(a))
                .doOnNext(a -> a.setData("changed"))
                .then(scoped.dirty()).doOnNext(dirty -> assertThat(dirty).hasSize(1))
                .then(scoped.commit())
                .then(scoped.list(select(A.class).orderBy(A_.id.asc())))
                .map(as -> as.get(0).getData()))
                .contextWrite(ScopeFunction.newScope());
        StepVerifier.create(work).expectNext("changed").verifyComplete();
        assertThat(scoped.size()).isZero();
    }

    @Test
    void nothingLeaksAfterAThousandScopedPipelinesThatCompleteFailOrAreCancelled() {
        AsyncScopedSession scoped = scoped();
        AtomicInteger committed = new AtomicInteger();
        Flux<Integer> pipelines = Flux.range(0, 1000).flatMap(i -> {
            Mono<Void> unit = scoped.add(new A("a" + i, List.of())).then(scoped.flush());
            Flux<Integer> scopedUnit = switch (i % 3) {
                case 0 -> scoped.inScope(unit.then(scoped.commit()).doOnSuccess(v -> committed.incrementAndGet()).thenReturn(i));
                case 1 -> scoped.inScope(unit.then(Mono.<Integer>error(new IllegalStateException("boom")))).onErrorResume(e -> Mono.empty());
                default -> {
                    // Cancelled once its flush is done, with the transaction open (a cancel in the middle of a statement
                    // is the reliability suite's subject).
                    Sinks.One<Boolean> flushed = Sinks.one();
                    yield scoped.inScope(unit.doOnSuccess(v -> flushed.tryEmitValue(true)).then(Mono.<Integer>never()))
                            .takeUntilOther(flushed.asMono());
                }
            };
            return scopedUnit.contextWrite(ScopeFunction.newScope());
        }, 16);
        StepVerifier.create(pipelines.then()).verifyComplete();
        // A cancel is a one-way signal: the removals it triggers finish shortly after the pipelines are gone.
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> scoped.size() == 0 && this.engine.poolStatus().acquired() == 0);
        assertThat(count("orm_a")).isEqualTo(committed.get()).isEqualTo(334);
    }

    @Test
    void misuseFailsClearly() {
        AsyncScopedSession scoped = scoped();
        StepVerifier.create(scoped.current()).expectErrorSatisfies(error -> assertThat(error).isInstanceOf(InvalidRequestError.class)
                .hasMessageContaining("No scope in the Reactor context")).verify();
        StepVerifier.create(scoped.current().then(scoped.current(settings -> settings.expireOnCommit(true)))
                .contextWrite(ScopeFunction.newScope()))
                .expectErrorMessage("Scoped session is already present; no new arguments may be specified.").verify();
        StepVerifier.create(scoped.current(settings -> settings.autoflush(false)).map(AsyncSession::isAutoflush)
                .contextWrite(ScopeFunction.newScope())).expectNext(false).verifyComplete();
        assertThatThrownBy(() -> AsyncScopedSession.of(this.maker, null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("ScopeFunction.contextValue()");

        Logger logger = (Logger) LoggerFactory.getLogger(AsyncScopedSession.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            scoped.configure(settings -> settings.autoflush(false));
        } finally {
            logger.detachAppender(appender);
        }
        assertThat(appender.list).singleElement().extracting(ILoggingEvent::getFormattedMessage).asString()
                .contains("At least one scoped session is already present");
    }

    @Test
    void aScopeFunctionMayKeyOnTheApplicationsOwnContextValue() {
        AsyncScopedSession byTenant = AsyncScopedSession.of(this.maker, ScopeFunction.contextValue("tenant"));
        AsyncSession acme = byTenant.current().contextWrite(context -> context.put("tenant", "acme")).block();
        AsyncSession again = byTenant.current().contextWrite(context -> context.put("tenant", "acme")).block();
        AsyncSession other = byTenant.current().contextWrite(context -> context.put("tenant", "globex")).block();
        assertThat(acme).isSameAs(again).isNotSameAs(other);
        StepVerifier.create(byTenant.remove().contextWrite(context -> context.put("tenant", "acme"))).verifyComplete();
        assertThat(byTenant.size()).isOne();
    }
}
